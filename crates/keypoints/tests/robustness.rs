//! Random text built from the characters that trip up byte-offset code (multi-byte quotes and
//! apostrophes, ellipses, accented and astral characters, bullets, line breaks) must never panic
//! any stage, in any language, and every span must slice the text on character boundaries.
const PIECES: &[&str] = &[
    "a",
    "B",
    "è",
    "À",
    "ß",
    "ç",
    "Kim",
    "Jong",
    "Un",
    "il",
    "the",
    "der",
    "secondo",
    "said",
    "ha detto",
    "Sig.",
    "Dr.",
    "U.S.",
    "S.p.A.",
    "z.B.",
    "3.5",
    "1.000",
    "2019",
    ".",
    ". ",
    "!",
    "?",
    "…",
    "...",
    ",",
    ";",
    ":",
    " ",
    " ",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "’",
    "'",
    "‘",
    "“",
    "”",
    "«",
    "»",
    "\"",
    "„",
    "(",
    ")",
    "- ",
    "• ",
    "– ",
    "—",
    "😀",
    "中文",
    "\u{200b}",
    "\u{feff}",
    "Reuters",
    "ANSA",
    "i punti principali:",
    "In breve:",
    "Egli ha detto.",
    "ha affermato che",
    "according to",
    "―",
    " (D-Mo.)",
    "(",
    "9:42",
    "Del.",
    "Sen.",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        // xorshift64*: deterministic, so a failure is reproducible.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize
    }
}

#[test]
fn random_tricky_text_never_panics() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let langs = [
        None,
        Some("it"),
        Some("en"),
        Some("de"),
        Some("fr"),
        Some("es"),
    ];
    let rounds: usize = std::env::var("KEYPOINTS_FUZZ_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1500);
    for round in 0..rounds {
        let len = 1 + rng.next() % 120;
        let text: String = (0..len)
            .map(|_| PIECES[rng.next() % PIECES.len()])
            .collect();
        let opts = keypoints::Options {
            lang: langs[round % langs.len()].map(str::to_string),
            concise: round % 2 == 0,
            ..Default::default()
        };
        let Ok(d) = keypoints::analyze(&text, &opts) else {
            continue;
        };
        let n = d.text.chars().count();
        let spans = d
            .sentences
            .iter()
            .chain(&d.structure.paragraphs)
            .chain(d.entities.iter().flat_map(|e| &e.mentions))
            .chain(
                d.quotes
                    .iter()
                    .filter(|q| q.given_key_point.is_none())
                    .map(|q| &q.text),
            );
        for s in spans {
            assert!(s.start <= s.end && s.end <= n, "bad span {s:?} in {text:?}");
        }
        // A quote of a given key-points item counts in characters of that item.
        for q in &d.quotes {
            if let Some(i) = q.given_key_point {
                let item = &d.structure.given_key_points[i];
                let s = &q.text;
                assert!(
                    s.start <= s.end && s.end <= item.chars().count(),
                    "bad box quote span {s:?} in {text:?}"
                );
            }
        }
        for kp in &d.key_points {
            assert!(
                kp.start <= kp.end && kp.end <= n,
                "bad key point in {text:?}"
            );
        }
    }
}
