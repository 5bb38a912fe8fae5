//! Dates as articles print them in their header lines: "12 ottobre 2026 - 18:42",
//! "March 3, 2026, 9:15 AM", "05/10/2018", "Aggiornato il 3 mar 2026".
//!
//! Two questions are answered: whether a short line is such a date line (so that the structure
//! stage and the HTML extractor keep it out of the article text), and which calendar date and time
//! it names, written as ISO 8601 ("2026-10-12T18:42"). Month names are the language folders' data
//! (`months.txt`, one line a month); the callers pass every language's names together, because a
//! page's header is often in another language than its text, and the names do not clash.
//!
//! A numeric date is read day first ("05/10/2018" is 5 October), as in most of Europe. Where the
//! order is not known (English: day first in Britain, month first in America) only a date whose
//! numbers allow one reading is converted ("25/10/2018", "10/25/2018"); an ambiguous one is left
//! alone rather than guessed.
use std::collections::HashMap;

/// Month names and abbreviations, lower case, each with its month number (1 to 12).
#[derive(Debug, Clone, Default)]
pub struct Months {
    names: HashMap<String, u8>,
}

impl Months {
    /// Reads `months.txt`-style lines (the twelve months in order, each line its names separated by
    /// white space) into the table, keeping the first number given to a name.
    pub fn add_lines(&mut self, lines: &[String]) {
        for (i, line) in lines.iter().take(12).enumerate() {
            for name in line.split_whitespace() {
                self.names.entry(name.to_lowercase()).or_insert(i as u8 + 1);
            }
        }
    }

    /// The month `word` names (any case, an abbreviation's period left out), if any.
    pub fn get(&self, word: &str) -> Option<u8> {
        let w = word.trim_end_matches('.');
        self.names
            .get(w)
            .or_else(|| self.names.get(&w.to_lowercase()))
            .copied()
    }

    /// True when no month is known.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// A piece of a date line: a run of digits with the character after it, or a word.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Piece<'a> {
    Number(&'a str, Option<char>),
    Word(&'a str),
}

/// The pieces of `text`: digit runs and letter runs, everything else only separating them.
/// At most 40 are read: a date line is short.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if out.len() >= 40 {
            break;
        }
        if c.is_ascii_digit() {
            let mut end = i + 1;
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = j + 1;
                chars.next();
            }
            out.push(Piece::Number(&text[i..end], chars.peek().map(|&(_, d)| d)));
        } else if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            out.push(Piece::Word(&text[i..end]));
        }
    }
    out
}

fn number(s: &str) -> Option<u32> {
    (s.len() <= 4).then(|| s.parse().ok()).flatten()
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && number(s).is_some_and(|y| (1900..=2099).contains(&y))
}

/// The calendar date (and time, when given) that `text` names, as ISO 8601: "2026-10-12" or
/// "2026-10-12T18:42". `day_first` says numeric dates put the day first; without it an ambiguous
/// one ("05/10/2018") gives `None`, as does a line without a complete date.
pub fn parse(text: &str, months: &Months, day_first: bool) -> Option<String> {
    let ps = pieces(text);
    let day_ok = |d: u32| (1..=31).contains(&d);
    let mut date: Option<(u32, u32, u32)> = None;
    let mut time: Option<(u32, u32)> = None;
    for (k, p) in ps.iter().enumerate() {
        match *p {
            Piece::Word(w) if date.is_none() => {
                let Some(m) = months.get(w) else { continue };
                // "12 ottobre 2026", "12. Oktober 2026", "October 12, 2026", "12 de octubre de 2026".
                let before = k.checked_sub(1).and_then(|j| ps.get(j));
                let before2 = k.checked_sub(2).and_then(|j| ps.get(j));
                let day_before = match (before, before2) {
                    (Some(Piece::Number(d, _)), _) => number(d),
                    (Some(Piece::Word(_)), Some(Piece::Number(d, _))) => number(d),
                    _ => None,
                }
                .filter(|&d| day_ok(d));
                let rest: Vec<&Piece> = ps[k + 1..].iter().take(3).collect();
                let year_after = rest.iter().find_map(|p| match p {
                    Piece::Number(y, _) if is_year(y) => number(y),
                    _ => None,
                });
                let day_after = match rest.first() {
                    Some(Piece::Number(d, _)) if d.len() <= 2 => number(d).filter(|&d| day_ok(d)),
                    _ => None,
                };
                if let (Some(d), Some(y)) = (day_before.or(day_after), year_after) {
                    date = Some((y, u32::from(m), d));
                }
            }
            Piece::Number(a, Some(sep)) if date.is_none() && "/.-".contains(sep) => {
                // Three numbers with one separator: d/m/y, m/d/y or y-m-d.
                let (Some(Piece::Number(b, Some(s2))), Some(Piece::Number(c, _))) =
                    (ps.get(k + 1), ps.get(k + 2))
                else {
                    continue;
                };
                if *s2 != sep || b.len() > 2 {
                    continue;
                }
                let (Some(x), Some(y), Some(z)) = (number(a), number(b), number(c)) else {
                    continue;
                };
                date = if is_year(a) {
                    (y <= 12 && day_ok(z)).then_some((x, y, z))
                } else if is_year(c) && a.len() <= 2 {
                    let (d, m) = if x > 12 || day_first {
                        (x, y)
                    } else if y > 12 {
                        (y, x)
                    } else {
                        continue;
                    };
                    ((1..=12).contains(&m) && day_ok(d)).then_some((z, m, d))
                } else {
                    None
                };
            }
            Piece::Number(h, Some(sep)) if time.is_none() && h.len() <= 2 && ":h".contains(sep) => {
                // "18:42", and the French "08h15" (its "h" is a piece of its own).
                let next = if sep == 'h' {
                    match ps.get(k + 1) {
                        Some(Piece::Word("h")) => k + 2,
                        _ => continue,
                    }
                } else {
                    k + 1
                };
                if let Some(Piece::Number(m, _)) = ps
                    .get(next)
                    .filter(|p| matches!(p, Piece::Number(m, _) if m.len() == 2))
                {
                    let (Some(h), Some(m)) = (number(h), number(m)) else {
                        continue;
                    };
                    if h <= 23 && m <= 59 {
                        // "9:15 PM": the afternoon adds twelve hours.
                        let pm = matches!(ps.get(next + 1), Some(Piece::Word(w)) if w.eq_ignore_ascii_case("pm"));
                        let h = if pm && h < 12 { h + 12 } else { h };
                        time = Some((h, m));
                    }
                }
            }
            _ => {}
        }
    }
    let (y, m, d) = date?;
    Some(match time {
        Some((h, mi)) => format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}"),
        None => format!("{y:04}-{m:02}-{d:02}"),
    })
}

/// True when `text` is a short line that only states a date: a timestamp ([`is_timestamp`]), or up
/// to seven words naming a day, a month by name and a year ("lunedì 12 ottobre 2026",
/// "Roma, 12 ottobre 2026", "Aggiornato il 3 mar 2026"), with no sentence end.
pub fn is_date_line(text: &str, months: &Months) -> bool {
    if is_timestamp(text) {
        return true;
    }
    if text.split_whitespace().nth(7).is_some() || text.ends_with(['.', '!', '?', '"', '”', '»'])
    {
        return false;
    }
    !months.is_empty() && parse(text, months, true).is_some()
}

/// A short line that states when (and by whom) the page was published or updated: a year with a
/// time or a numeric date, few words, no sentence end ("Nov. 20, 2019, 9:28 AM UTC",
/// "05/10/2018 - Publicado por: ...", "sexta-feira, 22 de outubro de 2010 às 20:13").
pub fn is_timestamp(text: &str) -> bool {
    if text.split_whitespace().count() > 15 || text.ends_with(['.', '!', '?', '"', '”', '»', ')'])
    {
        return false;
    }
    // Runs of ASCII digits with the byte that follows each.
    let b = text.as_bytes();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let st = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            runs.push((st, i));
            if runs.len() > 32 {
                return false;
            }
        } else {
            i += 1;
        }
    }
    let len = |r: (usize, usize)| r.1 - r.0;
    let year = runs.iter().any(|&r| {
        len(r) == 4 && (text[r.0..r.1].starts_with("19") || text[r.0..r.1].starts_with("20"))
    });
    let joined =
        |a: (usize, usize), c: (usize, usize), sep: &[u8]| c.0 == a.1 + 1 && sep.contains(&b[a.1]);
    let time = runs
        .windows(2)
        .any(|w| len(w[0]) <= 2 && len(w[1]) == 2 && joined(w[0], w[1], b":"));
    let date = runs.windows(3).any(|w| {
        joined(w[0], w[1], b"/.-")
            && joined(w[1], w[2], b"/.-")
            && b[w[0].1] == b[w[1].1]
            && len(w[1]) <= 2
            && (len(w[0]) <= 2 && (len(w[2]) == 2 || len(w[2]) == 4) || len(w[0]) == 4)
    });
    year && (time || date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months() -> Months {
        let mut m = Months::default();
        for code in ["it", "en", "de", "fr", "es", "pt", "nl"] {
            if let Ok(l) = crate::lang::get(code) {
                m.add_lines(l.list("months"));
            }
        }
        m
    }

    #[test]
    fn month_names_of_the_languages_never_clash() {
        let mut seen: HashMap<String, u8> = HashMap::new();
        for code in crate::lang::codes() {
            let Ok(l) = crate::lang::get(code) else {
                continue;
            };
            let lines = l.list("months");
            assert!(lines.is_empty() || lines.len() == 12, "{code}: 12 months");
            for (i, line) in lines.iter().enumerate() {
                for name in line.split_whitespace() {
                    let m = *seen.entry(name.to_lowercase()).or_insert(i as u8 + 1);
                    assert_eq!(m, i as u8 + 1, "{code}: {name} names two months");
                }
            }
        }
    }

    #[test]
    fn dates_as_headers_print_them() {
        let m = months();
        let cases = [
            ("12 ottobre 2026 - 18:42", Some("2026-10-12T18:42")),
            ("lunedì 3 mar. 2026", Some("2026-03-03")),
            ("March 3, 2026, 9:15 PM", Some("2026-03-03T21:15")),
            ("Published 14:05 on 2 June 2025", Some("2025-06-02T14:05")),
            ("12. Oktober 2026", Some("2026-10-12")),
            ("12 de octubre de 2026", Some("2026-10-12")),
            ("05/10/2018 - 10:00", Some("2018-10-05T10:00")),
            ("2018-10-05", Some("2018-10-05")),
            ("31.12.2025", Some("2025-12-31")),
            (
                "Publié le 27 novembre 2026 à 08h15",
                Some("2026-11-27T08:15"),
            ),
            ("ottobre 2026", None),
            ("Oltre duemila sfollati", None),
            ("45/99/2018", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text, &m, true).as_deref(), want, "{text}");
        }
        // Where the order is unknown, only a date with one reading is converted.
        assert_eq!(parse("05/10/2018", &m, false), None);
        assert_eq!(
            parse("25/10/2018", &m, false).as_deref(),
            Some("2018-10-25")
        );
        assert_eq!(
            parse("10/25/2018 9:00", &m, false).as_deref(),
            Some("2018-10-25T09:00")
        );
    }

    #[test]
    fn date_lines_are_short_and_unpunctuated() {
        let m = months();
        assert!(is_date_line("12 ottobre 2026 - 18:42", &m));
        assert!(is_date_line("Roma, 12 ottobre 2026", &m));
        assert!(is_date_line("Aggiornato il 3 mar 2026", &m));
        assert!(!is_date_line(
            "Il 12 ottobre 2026 il consiglio comunale ha approvato il bilancio",
            &m
        ));
        assert!(!is_date_line("Si vota il 12 ottobre 2026.", &m));
        assert!(!is_date_line("", &m));
    }
}
