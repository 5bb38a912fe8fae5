//! Key phrases, YAKE-style (Campos et al., "YAKE! Keyword extraction from single documents using
//! multiple local features", Information Sciences 2020), implemented from the paper's features.
//!
//! Each content word (not a stopword, not an abbreviation, two letters or more, not a number)
//! gets five statistics from this article alone: casing (how often it is capitalized inside a
//! sentence or written as an acronym), position (median index of the sentences holding it),
//! frequency (normalized by mean and deviation of all words' counts), relatedness to context
//! (how many different words stand around it: a word that goes with anything is stopword-like)
//! and spread (share of sentences holding it). They combine into
//! `S(w) = rel·pos / (case + freq/rel + sent/rel)`, lower is better.
//! Candidate phrases are 1 to 3 words inside a sentence, not crossing punctuation, neither
//! starting nor ending with a stopword (nor, in the output, with a word of the language's
//! `keyword_stopwords`: "said", "would", "selon", which the statistics alone still rank). A phrase
//! with a word of a name the entity stage found is that whole name or no candidate, so names are
//! neither cut ("Banca") nor joined ("Russia e Corea"); other capitalized words are all or none of
//! a phrase's content words. A phrase scores `Π S(w) / (tf · (1 + Σ S(w)))`.
//! Near duplicates are dropped: a phrase sharing at least half of its content words (or of a better
//! phrase's, when that one is shorter) with a better phrase, so that "relazioni bilaterali
//! complete" does not follow "amplieranno relazioni bilaterali" ("Nicole Randock" may follow
//! "Alexis Randock": two names ending alike are two people of one family).
//!
//! The output score is `1 / (1 + S)`, so that higher is better as the digest promises.
use crate::analysis::Analysis;
use crate::digest::Keyword;
use crate::lang::{self, Language, WordSet};
use crate::text::tokens::Token;
use std::collections::HashMap;
use std::ops::Range;

/// How many key phrases to return.
pub const MAX_KEYWORDS: usize = 10;
const MAX_NGRAM: usize = 3;

#[derive(Clone)]
struct Stats {
    tf: f64,
    upper: f64,
    acronym: f64,
    /// Number of sentences holding the word, the last one counted, and the median one.
    sentences: usize,
    last: usize,
    median: usize,
    /// Distinct neighbours on the left and on the right, and the number of neighbours each side.
    left: (u32, u32),
    right: (u32, u32),
}

impl Default for Stats {
    fn default() -> Self {
        Stats {
            tf: 0.0,
            upper: 0.0,
            acronym: 0.0,
            sentences: 0,
            last: usize::MAX,
            median: 0,
            left: (0, 0),
            right: (0, 0),
        }
    }
}

/// Extracts key phrases of the analysed article. `names` are the byte ranges of its entity
/// mentions, sorted by position (empty when entities were not detected): a phrase holding a word
/// of a name is that whole name or nothing.
pub fn extract(a: &Analysis, names: &[Range<usize>]) -> Vec<Keyword> {
    let tk = &a.tokens;
    // Words are the analysis' lower-cased forms; only content words get scored.
    let is_content: Vec<bool> = tk
        .forms
        .iter()
        .map(|f| f.chars >= 2 && !f.numeric && !f.stopword && !f.abbreviation)
        .collect();
    let mut stats: Vec<Stats> = vec![Stats::default(); tk.forms.len()];
    // Chunks of consecutive words inside a sentence (split at punctuation), as ranges of the
    // article's tokens (a sentence's tokens follow the previous sentence's).
    let mut chunks: Vec<std::ops::Range<usize>> = Vec::new();
    // For each token, 1 + the index of the name it is a word of, or 0.
    let mut name_of: Vec<u32> = Vec::with_capacity(tk.tokens.len());
    let mut next_name = 0usize;
    let mut name = names.first().cloned().unwrap_or(usize::MAX..usize::MAX);
    for (si, sentence) in tk.sentences.iter().enumerate() {
        let mut chunk_start = sentence.start;
        let mut prev_end: Option<usize> = None;
        for (wi, w) in tk.tokens[sentence.clone()].iter().enumerate() {
            // The token's index.
            let at = sentence.start + wi;
            if let Some(pe) = prev_end {
                // The commonest gap, one space, is told from the bytes without slicing the text.
                let one_space = w.start == pe + 1 && a.text.as_bytes().get(pe) == Some(&b' ');
                let breaks = !one_space
                    && a.text[pe..w.start]
                        .chars()
                        .any(|c| !c.is_whitespace() && c != '-' && c != '’' && c != '\'');
                if breaks && at > chunk_start {
                    chunks.push(chunk_start..at);
                    chunk_start = at;
                }
            }
            prev_end = Some(w.end);
            let st = &mut stats[w.form as usize];
            st.tf += 1.0;
            if w.all_caps {
                st.acronym += 1.0;
            } else if wi > 0 && w.capitalized {
                st.upper += 1.0;
            }
            if st.last != si {
                st.last = si;
                st.sentences += 1;
            }
            while name.end <= w.start {
                next_name += 1;
                name = names
                    .get(next_name)
                    .cloned()
                    .unwrap_or(usize::MAX..usize::MAX);
            }
            let inside = name.start <= w.start && w.end <= name.end;
            name_of.push(if inside { next_name as u32 + 1 } else { 0 });
        }
        if sentence.end > chunk_start {
            chunks.push(chunk_start..sentence.end);
        }
    }
    // The median sentence of each word: the (n / 2)-th of the n sentences holding it.
    let mut seen: Vec<(usize, usize)> = vec![(usize::MAX, 0); tk.forms.len()];
    for si in 0..a.sentences.len() {
        for w in tk.sentence(si) {
            let (last, k) = &mut seen[w.form as usize];
            if *last != si {
                *last = si;
                let st = &mut stats[w.form as usize];
                if *k == st.sentences / 2 {
                    st.median = si;
                }
                *k += 1;
            }
        }
    }
    // Co-occurrence with the neighbouring words (window 1 each side) inside a chunk. Each content
    // word's neighbours are gathered together (a counting sort by word id), each with its side in
    // the top bit; distinct ones are then counted with one mark table, without sorting the pairs.
    const RIGHT: u32 = 1 << 31;
    let nforms = tk.forms.len();
    let mut first = vec![0u32; nforms + 1];
    for ch in &chunks {
        let len = ch.len();
        for (i, p) in tk.tokens[ch.clone()].iter().enumerate() {
            if is_content[p.form as usize] {
                first[p.form as usize + 1] += u32::from(i > 0) + u32::from(i + 1 < len);
            }
        }
    }
    for k in 1..first.len() {
        first[k] += first[k - 1];
    }
    let mut next: Vec<u32> = first[..nforms].to_vec();
    let mut neighbours = vec![0u32; first[nforms] as usize];
    for ch in &chunks {
        let ch = &tk.tokens[ch.clone()];
        for i in 0..ch.len() {
            let id = ch[i].form as usize;
            if !is_content[id] {
                continue;
            }
            if i > 0 {
                neighbours[next[id] as usize] = ch[i - 1].form;
                next[id] += 1;
            }
            if i + 1 < ch.len() {
                neighbours[next[id] as usize] = ch[i + 1].form | RIGHT;
                next[id] += 1;
            }
        }
    }
    // `mark[2 * neighbour + side]`: the last word that counted this neighbour on this side.
    let mut mark = vec![u32::MAX; 2 * nforms];
    for id in 0..nforms {
        for &e in &neighbours[first[id] as usize..first[id + 1] as usize] {
            let right = e & RIGHT != 0;
            let slot = 2 * (e & !RIGHT) as usize + usize::from(right);
            let fresh = mark[slot] != id as u32;
            mark[slot] = id as u32;
            let side = if right {
                &mut stats[id].right
            } else {
                &mut stats[id].left
            };
            side.0 += u32::from(fresh);
            side.1 += 1;
        }
    }
    let content_tfs: Vec<f64> = stats
        .iter()
        .zip(&is_content)
        .filter(|(s, c)| **c && s.tf > 0.0)
        .map(|(s, _)| s.tf)
        .collect();
    if content_tfs.is_empty() {
        return Vec::new();
    }
    let n = content_tfs.len() as f64;
    let mean = content_tfs.iter().sum::<f64>() / n;
    let std = (content_tfs.iter().map(|t| (t - mean).powi(2)).sum::<f64>() / n).sqrt();
    let max_tf = content_tfs.iter().cloned().fold(0.0, f64::max);
    let nsent = a.sentences.len().max(1) as f64;
    // Only content words are scored; the others never enter a phrase's score.
    // Logarithms of small integers repeat (counts, sentence indexes): each is computed once.
    let mut ln_tf: Vec<f64> = vec![f64::NAN; max_tf as usize + 1];
    let mut ln_pos: Vec<f64> = vec![f64::NAN; a.sentences.len().max(1)];
    let score: Vec<f64> = stats
        .iter()
        .zip(&is_content)
        .map(|(s, &content)| {
            if !content || s.tf == 0.0 {
                return 0.0;
            }
            let ln_of = |cache: &mut Vec<f64>, i: usize, f: &dyn Fn() -> f64| match cache.get(i) {
                Some(v) if !v.is_nan() => *v,
                Some(_) => {
                    let v = f();
                    cache[i] = v;
                    v
                }
                None => f(),
            };
            let tf_ln = ln_of(&mut ln_tf, s.tf as usize, &|| s.tf.ln());
            let case = s.upper.max(s.acronym) / (1.0 + tf_ln);
            let median = s.median as f64;
            let pos = ln_of(&mut ln_pos, s.median, &|| (3.0 + median).ln().ln());
            let freq = s.tf / (mean + std);
            let spread = |&(distinct, total): &(u32, u32)| {
                if total == 0 {
                    0.0
                } else {
                    distinct as f64 / total as f64
                }
            };
            let rel = 1.0 + (spread(&s.left) + spread(&s.right)) * s.tf / max_tf;
            let sent = s.sentences as f64 / nsent;
            rel * pos / (case + freq / rel + sent / rel)
        })
        .collect();
    // Candidate phrases, keyed by their word ids (padded with `u32::MAX`): counted with the byte
    // range of their first occurrence; their word scores are combined once counting is done,
    // which keeps the table's entries small.
    #[derive(Clone, Copy)]
    struct Cand {
        tf: u32,
        /// Byte range of the first occurrence.
        text: (usize, usize),
    }
    let cap = |t: &Token| t.capitalized;
    // Keys packed into one integer (first word in the high bits, so integer order is the
    // arrays' order) and hashed with a fixed seed: ids are numbered per article, so there is
    // nothing for an attacker to aim at, and one 128-bit hash is cheaper than three words'.
    let packed = |k: &[u32; MAX_NGRAM]| -> u128 {
        (u128::from(k[0]) << 64) | (u128::from(k[1]) << 32) | u128::from(k[2])
    };
    let unpacked = |k: u128| -> [u32; MAX_NGRAM] { [(k >> 64) as u32, (k >> 32) as u32, k as u32] };
    // Phrases of two or three words in first-seen order, with the table from a key to its
    // place there (the table holds small entries, and the phrases are walked as a vector).
    let mut phrases: Vec<(u128, Cand)> = Vec::with_capacity(tk.tokens.len() / 2);
    let mut index: HashMap<u128, u32, foldhash::fast::FixedState> = HashMap::default();
    index.reserve(tk.tokens.len() / 2);
    // Single words, the commonest candidates, are counted by form id without hashing.
    let mut singles: Vec<Cand> = vec![
        Cand {
            tf: 0,
            text: (0, 0),
        };
        nforms
    ];
    let mut nsingles = 0usize;
    for ch in &chunks {
        let in_name = &name_of[ch.clone()];
        let ch = &tk.tokens[ch.clone()];
        for i in 0..ch.len() {
            if !is_content[ch[i].form as usize] {
                continue;
            }
            // Content words of the phrase so far, and how many of them are capitalized.
            let (mut contents, mut caps) = (0usize, 0usize);
            // Whether the phrase so far holds a word of a name.
            let mut named = false;
            for len in 1..=MAX_NGRAM {
                let j = i + len;
                if j > ch.len() {
                    break;
                }
                named |= in_name[j - 1] != 0;
                if !is_content[ch[j - 1].form as usize] {
                    continue;
                }
                contents += 1;
                caps += usize::from(cap(&ch[j - 1]));
                // A phrase with a word of a detected name is exactly that name, whatever its
                // case ("Banca centrale europea"; not "Banca", "Russia e Corea" nor "ministro
                // Giorgetti").
                let first = in_name[i];
                let exact = first != 0
                    && in_name[j - 1] == first
                    && names[first as usize - 1] == (ch[i].start..ch[j - 1].end);
                if exact {
                    // Counted below like any phrase.
                } else if named {
                    continue;
                } else if (i > 0 && cap(&ch[i]) && cap(&ch[i - 1]))
                    || (j < ch.len() && cap(&ch[j - 1]) && cap(&ch[j]))
                    || (caps != 0 && caps != contents)
                {
                    // Other capitalized words: a phrase neither cuts a run of them nor mixes
                    // them with common words ("russo Vladimir Putin"): all or none.
                    continue;
                }
                if len == 1 {
                    let c = &mut singles[ch[i].form as usize];
                    if c.tf == 0 {
                        c.text = (ch[i].start, ch[i].end);
                        nsingles += 1;
                    }
                    c.tf += 1;
                    continue;
                }
                let mut key = [u32::MAX; MAX_NGRAM];
                for (k, t) in key.iter_mut().zip(&ch[i..j]) {
                    *k = t.form;
                }
                let key = packed(&key);
                let next = phrases.len() as u32;
                let at = *index.entry(key).or_insert(next);
                if at == next {
                    phrases.push((
                        key,
                        Cand {
                            tf: 0,
                            text: (ch[i].start, ch[j - 1].end),
                        },
                    ));
                }
                phrases[at as usize].1.tf += 1;
            }
        }
    }
    // Each phrase as two integers whose order is the ranking: its score (lower is better) with
    // the byte offset of its first occurrence, then its key. The score's bits are mapped so that
    // integer order is `f64::total_cmp`'s order, and mapped back for the output.
    let score_bits = |x: f64| -> u64 {
        let b = x.to_bits();
        if b >> 63 == 1 {
            !b
        } else {
            b | 1 << 63
        }
    };
    let score_of =
        |k: u64| -> f64 { f64::from_bits(if k >> 63 == 1 { k & !(1 << 63) } else { !k }) };
    let single_keys = singles
        .iter()
        .enumerate()
        .filter(|(_, c)| c.tf > 0)
        .map(|(id, c)| (packed(&[id as u32, u32::MAX, u32::MAX]), c));
    let mut ranked: Vec<(u128, u128)> = Vec::with_capacity(phrases.len() + nsingles);
    ranked.extend(
        phrases
            .iter()
            .map(|(k, c)| (*k, c))
            .chain(single_keys)
            .map(|(key, c)| {
                let (mut sum, mut prod) = (0.0, 1.0);
                for id in unpacked(key).into_iter().take_while(|&id| id != u32::MAX) {
                    if is_content[id as usize] {
                        sum += score[id as usize];
                        prod *= score[id as usize];
                    }
                }
                let s = prod / (f64::from(c.tf) * (1.0 + sum));
                ((u128::from(score_bits(s)) << 64) | c.text.0 as u128, key)
            }),
    );
    // Near duplicates are skipped, so more than MAX_KEYWORDS may be needed, but rarely many
    // more: the phrases are taken in order a block at a time, each block every phrase left
    // scoring at most the BLOCK-th best score left (found among the bare scores, cheap to
    // compare, so that ties at the cut stay together), sorted.
    const BLOCK: usize = 4 * MAX_KEYWORDS;
    let score_key = |r: &(u128, u128)| (r.0 >> 64) as u64;
    let mut keys: Vec<u64> = Vec::with_capacity(ranked.len());
    let mut head: Vec<(u128, u128)> = Vec::with_capacity(BLOCK);
    // The phrases scoring at most this were taken.
    let mut floor: Option<u64> = None;
    let mut next = 0;
    let content_of = |key: &[u32; MAX_NGRAM]| -> Vec<u32> {
        key.iter()
            .copied()
            .filter(|&id| id != u32::MAX && is_content[id as usize])
            .collect()
    };
    let edge_stops = keyword_stopwords(a.lang);
    let joiners = joiners(a.lang);
    let dateline = a.dateline();
    let mut out: Vec<Keyword> = Vec::new();
    let mut chosen: Vec<(Vec<u32>, bool)> = Vec::new();
    while out.len() < MAX_KEYWORDS {
        if next == head.len() {
            let left = |k: u64| floor.is_none_or(|f| k > f);
            keys.clear();
            keys.extend(ranked.iter().map(score_key).filter(|&k| left(k)));
            if keys.is_empty() {
                break;
            }
            let n = BLOCK.min(keys.len());
            let (_, &mut cut, _) = keys.select_nth_unstable(n - 1);
            head.clear();
            head.extend(ranked.iter().filter(|r| {
                let k = score_key(r);
                left(k) && k <= cut
            }));
            head.sort_unstable();
            floor = Some(cut);
            next = 0;
        }
        let (order, packed_key) = head[next];
        next += 1;
        let s = score_of((order >> 64) as u64);
        let key = unpacked(packed_key);
        // The edge words are checked only here, for the few phrases that reach the output.
        let last = key
            .iter()
            .rev()
            .find(|&&id| id != u32::MAX)
            .unwrap_or(&key[0]);
        if [key[0], *last]
            .iter()
            .any(|&id| edge_stops.contains(tk.lower(&tk.forms[id as usize])))
        {
            continue;
        }
        // A stopword inside a phrase joins two nouns as a preposition does ("legge di
        // bilancio", "state of emergency"); a verb or an article there ("piogge hanno
        // colpito", "colpito la provincia") makes a clause, not a key phrase. Languages
        // without a list of prepositions keep them all.
        if key[2] != u32::MAX
            && !is_content[key[1] as usize]
            && !joiners.is_empty()
            && !joiners.contains(tk.lower(&tk.forms[key[1] as usize]))
        {
            continue;
        }
        let found = if key[1] == u32::MAX {
            singles.get(key[0] as usize)
        } else {
            index
                .get(&packed_key)
                .and_then(|&at| phrases.get(at as usize))
                .map(|(_, c)| c)
        };
        let Some(c) = found else {
            continue;
        };
        // The dateline's words ("MILANO –", "ROMA (ANSA) -") say where the story was filed.
        if dateline
            .as_ref()
            .is_some_and(|d| c.text.0 >= d.start && c.text.1 <= d.end)
        {
            continue;
        }
        let content = content_of(&key);
        // Phrases are near duplicates once half the shorter one is shared, except two names
        // with the same last word and neither inside the other ("Alexis Randock", "Nicole
        // Randock": two people of one family).
        let name = a.text[c.text.0..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        let dup = chosen.iter().any(|(other, other_name)| {
            let shared = content.iter().filter(|w| other.contains(w)).count();
            let shorter = content.len().min(other.len());
            let family = name && *other_name && content.last() == other.last();
            shared == shorter || (2 * shared >= shorter && !family)
        });
        if dup {
            continue;
        }
        chosen.push((content, name));
        out.push(Keyword {
            text: a.text[c.text.0..c.text.1].to_string(),
            score: (1.0 / (1.0 + s) * 10000.0).round() / 10000.0,
        });
    }
    out
}

/// The language's `prepositions`, lower-cased: the stopwords that may stand inside a key phrase.
fn joiners(lang: &'static Language) -> &'static WordSet {
    static JOINERS: lang::PerLanguage<WordSet> = lang::PerLanguage::new();
    JOINERS.get(lang, |l| l.lowered_set("prepositions"))
}

/// The language's `keyword_stopwords`, lower-cased, as a set built once.
fn keyword_stopwords(lang: &'static Language) -> &'static WordSet {
    static STOPS: lang::PerLanguage<WordSet> = lang::PerLanguage::new();
    STOPS.get(lang, |l| l.lowered_set("keyword_stopwords"))
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    #[test]
    fn keywords_are_content_phrases_in_the_text() {
        let text = "Il governo italiano ha approvato la riforma delle pensioni. La riforma delle \
                    pensioni entra in vigore a gennaio. I sindacati contestano la riforma delle \
                    pensioni e chiedono un incontro con il governo.";
        let d = analyze(text, &Options::default()).unwrap();
        assert!(!d.keywords.is_empty());
        assert!(
            d.keywords.iter().any(|k| k.text.contains("riforma")),
            "{:?}",
            d.keywords
        );
        for k in &d.keywords {
            assert!(d.text.contains(&k.text));
            let first = k.text.split_whitespace().next().unwrap().to_lowercase();
            assert!(
                !crate::lang::get("it").unwrap().is_stopword(&first),
                "{k:?}"
            );
        }
    }

    #[test]
    fn only_prepositions_and_articles_stand_inside_a_phrase() {
        let text = "Piogge torrenziali hanno colpito la provincia. Le piogge torrenziali hanno \
                    colpito anche la costa, e la legge di bilancio ne tiene conto. Le piogge \
                    torrenziali hanno colpito i campi: la legge di bilancio arriverà presto.";
        let d = analyze(text, &Options::default()).unwrap();
        let texts: Vec<&str> = d.keywords.iter().map(|k| k.text.as_str()).collect();
        assert!(texts.contains(&"legge di bilancio"), "{texts:?}");
        for k in &texts {
            let inner: Vec<&str> = k.split(' ').collect();
            // Here only "di" may join: not "hanno", not "la".
            assert!(inner.len() < 3 || inner[1] == "di", "{texts:?}");
        }
    }

    #[test]
    fn no_keyword_from_the_dateline() {
        let text = "MILANO – L'Inter batte il Napoli a San Siro. Decide un gol di Lautaro \
                    Martinez. Milano festeggia la vittoria dell'Inter sul Napoli.";
        let d = analyze(text, &Options::default()).unwrap();
        let texts: Vec<&str> = d.keywords.iter().map(|k| k.text.as_str()).collect();
        assert!(texts.contains(&"San Siro"), "{texts:?}");
        assert!(!texts.contains(&"MILANO"), "{texts:?}");
    }

    #[test]
    fn names_are_whole_key_phrases() {
        let text = "La Banca centrale europea ha lasciato fermi i tassi. La presidente della \
                    Banca centrale europea, Christine Lagarde, ha parlato a Francoforte. Secondo \
                    la Banca centrale europea l'inflazione scende. Lagarde ha detto che i tassi \
                    resteranno fermi.";
        let d = analyze(text, &Options::default()).unwrap();
        let texts: Vec<&str> = d.keywords.iter().map(|k| k.text.as_str()).collect();
        assert!(texts.contains(&"Banca centrale europea"), "{texts:?}");
        for k in &texts {
            // No piece of a name, nor a name with a common word.
            assert!(
                !["Banca", "Christine", "centrale europea"].contains(k),
                "{texts:?}"
            );
            assert!(
                !k.contains("Lagarde") || ["Christine Lagarde", "Lagarde"].contains(k),
                "{texts:?}"
            );
        }
    }

    #[test]
    fn verbs_of_saying_and_modals_make_no_key_phrase() {
        // "said" and "would" are the commonest words here after the stopwords, and each is the
        // first or last word of a phrase YAKE's statistics would rank.
        let text = "The mayor said the bridge would close in May. The council said the bridge \
                    would reopen in June. Engineers said the bridge repairs would cost more. \
                    Residents said they would use the ferry while the bridge is closed.";
        let d = analyze(text, &Options::default()).unwrap();
        assert!(
            d.keywords.iter().any(|k| k.text.contains("bridge")),
            "{:?}",
            d.keywords
        );
        for k in &d.keywords {
            let words: Vec<String> = k.text.split(' ').map(str::to_lowercase).collect();
            for edge in [words.first(), words.last()].into_iter().flatten() {
                assert!(edge != "said" && edge != "would", "{k:?}");
            }
        }
    }
}
