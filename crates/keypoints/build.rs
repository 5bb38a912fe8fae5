//! Compiles the per-language data folders (`lang/<code>/*.txt`) into the library.
//!
//! Every folder below `lang/` that holds a `language.txt` becomes a language; every `.txt` file in
//! it becomes a named list. Adding a language is adding a folder: nothing in the code names it.
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("lang");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("lang/ folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("language.txt").is_file())
        .collect();
    dirs.sort_by_key(|e| e.file_name());
    let mut out =
        String::from("/// The compiled-in language folders: (code, [(file stem, contents)]).\n");
    out.push_str("pub(crate) static LANG_FILES: &[(&str, &[(&str, &str)])] = &[\n");
    for dir in dirs {
        println!("cargo:rerun-if-changed={}", dir.path().display());
        let code = dir.file_name().to_string_lossy().into_owned();
        let mut files: Vec<_> = std::fs::read_dir(dir.path())
            .expect("language folder")
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        writeln!(out, "    ({code:?}, &[").unwrap();
        for f in files {
            println!("cargo:rerun-if-changed={}", f.display());
            let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
            writeln!(
                out,
                "        ({stem:?}, include_str!({:?})),",
                f.display().to_string()
            )
            .unwrap();
        }
        out.push_str("    ]),\n");
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("lang_files.rs");
    std::fs::write(dest, out).unwrap();
}
