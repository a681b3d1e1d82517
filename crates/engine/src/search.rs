//! Offline, typo-tolerant search over the questions' text.
//!
//! The index is built once: every distinct word of the corpus (its
//! vocabulary, a few thousand words) maps to the documents whose prompt or
//! body contain it. A query then costs one pass over the vocabulary per term
//! (an edit distance, cut short by word length and by an early exit), not a
//! pass over every document.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::{Deserialize, Serialize};

/// One searchable document: plain text (the app strips the HTML); case does
/// not matter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchDoc {
    /// The question's prompt: hits here rank first and are highlighted.
    pub prompt: String,
    /// Everything else worth finding (options, explanation, code, tags).
    pub body: String,
}

/// A matching document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Index into the documents the index was built from.
    pub doc: usize,
    /// Higher is better (see [`SearchIndex::query`] for how it adds up).
    pub score: f32,
    /// Byte ranges `(start, end)` of the prompt's matching words, in order,
    /// on char boundaries of the original prompt text.
    pub prompt_spans: Vec<(usize, usize)>,
}

/// Weight of a term found in the prompt, against 1 in the body: high enough
/// that the weakest prompt match (a fuzzy one, 3 × 0.45) outranks the best
/// body match (exact, 1).
const PROMPT_WEIGHT: f32 = 3.0;
/// Quality of a match: the word itself.
const EXACT: f32 = 1.0;
/// The word begins with the (last) term: the learner is still typing.
const PREFIX: f32 = 0.8;
/// One edit away.
const FUZZY_1: f32 = 0.6;
/// Two edits away.
const FUZZY_2: f32 = 0.45;
/// Added for each pair of consecutive query terms found side by side, in
/// order, in the prompt ("python generator" above a prompt that has both
/// words apart).
const PHRASE_BONUS: f32 = 0.5;
/// Terms of a query beyond this many are ignored (a pasted paragraph is not
/// a search).
const MAX_TERMS: usize = 16;
/// A prefix match needs at least this many characters (one letter would
/// match half the vocabulary).
const MIN_PREFIX_CHARS: usize = 2;

/// How many edits a term of `chars` characters may be away from a word:
/// none below 4 (short words have too many neighbours: "gil" would find
/// "oil"), one for 4–7, two from 8.
fn max_edits(chars: usize) -> usize {
    match chars {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// The Fx hash (rustc's): a multiply and a rotate per word of input. The
/// index hashes each of the corpus's ~300,000 words once while it is built,
/// and SipHash's resistance to chosen collisions buys nothing for text that
/// ships with the app.
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// One word of a prompt: its vocabulary id and its bytes in the original text.
#[derive(Clone, Debug)]
struct Token {
    word: u32,
    start: usize,
    end: usize,
}

/// Postings in compressed-row form: the documents of word `w` are
/// `docs[offsets[w]..offsets[w + 1]]`, ascending.
#[derive(Clone, Debug, Default)]
struct Postings {
    offsets: Vec<u32>,
    docs: Vec<u32>,
}

impl Postings {
    fn from_lists(lists: Vec<Vec<u32>>) -> Self {
        let mut postings = Postings {
            offsets: Vec::with_capacity(lists.len() + 1),
            docs: Vec::with_capacity(lists.iter().map(Vec::len).sum()),
        };
        postings.offsets.push(0);
        for list in lists {
            postings.docs.extend(list);
            postings.offsets.push(postings.docs.len() as u32);
        }
        postings
    }

    fn of(&self, word: u32) -> &[u32] {
        let w = word as usize;
        &self.docs[self.offsets[w] as usize..self.offsets[w + 1] as usize]
    }
}

/// A search index over a fixed list of documents.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    doc_count: usize,
    /// The vocabulary, lowercased and sorted: word `w` is
    /// `chars[starts[w]..starts[w + 1]]`.
    chars: Vec<char>,
    starts: Vec<u32>,
    /// Word ids by length in chars, for the edit-distance length filter.
    by_length: Vec<Vec<u32>>,
    /// Each word's letters as a 64-bit set ([`letter_set`]), for the
    /// edit-distance letter filter.
    letter_sets: Vec<u64>,
    prompt_postings: Postings,
    body_postings: Postings,
    prompt_tokens: Vec<Vec<Token>>,
}

/// The set of a word's characters, hashed into 64 bits. Within `d` edits
/// each of two words has at most `d` characters the other lacks (a
/// substitution adds one to each side, an insertion or deletion one to one
/// side, a transposition none), and hashing can only merge such characters,
/// so `popcount(a & !b) ≤ d` and `popcount(b & !a) ≤ d` hold for any match:
/// two AND-NOTs and popcounts rule out most of the vocabulary before any
/// edit distance is computed.
fn letter_set(word: &[char]) -> u64 {
    word.iter().fold(0, |set, &c| {
        set | 1 << ((c as u32).wrapping_mul(0x9E37_79B1) >> 26)
    })
}

/// Calls `each(start, end, lowercase)` for every run of letters and digits
/// in `text`, with its byte range and its lowercase form.
fn tokenize(text: &str, mut each: impl FnMut(usize, usize, &str)) {
    let mut word = String::new();
    let mut start = None;
    for (at, c) in text.char_indices() {
        // ASCII first: most text is, and its tests are a table lookup.
        let word_char = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if word_char {
            start.get_or_insert(at);
            if c.is_ascii() {
                word.push(c.to_ascii_lowercase());
            } else {
                word.extend(c.to_lowercase());
            }
        } else if let Some(s) = start.take() {
            each(s, at, &word);
            word.clear();
        }
    }
    if let Some(s) = start {
        each(s, text.len(), &word);
    }
}

impl SearchIndex {
    /// Builds the index: tokenizes every document once and maps each distinct
    /// word to the documents containing it.
    pub fn new(docs: Vec<SearchDoc>) -> Self {
        let mut ids: HashMap<String, u32, BuildHasherDefault<FxHasher>> = HashMap::default();
        let mut prompt_lists: Vec<Vec<u32>> = Vec::new();
        let mut body_lists: Vec<Vec<u32>> = Vec::new();
        let mut prompt_tokens: Vec<Vec<Token>> = Vec::with_capacity(docs.len());
        let mut intern =
            |word: &str, prompt_lists: &mut Vec<Vec<u32>>, body_lists: &mut Vec<Vec<u32>>| {
                if let Some(&id) = ids.get(word) {
                    return id;
                }
                let id = ids.len() as u32;
                ids.insert(word.to_string(), id);
                prompt_lists.push(Vec::new());
                body_lists.push(Vec::new());
                id
            };
        // Documents are visited in order, so each list stays ascending and a
        // repeat of the same document is always its last entry.
        let post = |list: &mut Vec<u32>, doc: u32| {
            if list.last() != Some(&doc) {
                list.push(doc);
            }
        };
        for (doc, text) in docs.iter().enumerate() {
            let doc = doc as u32;
            let mut tokens = Vec::new();
            tokenize(&text.prompt, |start, end, word| {
                let id = intern(word, &mut prompt_lists, &mut body_lists);
                post(&mut prompt_lists[id as usize], doc);
                tokens.push(Token {
                    word: id,
                    start,
                    end,
                });
            });
            prompt_tokens.push(tokens);
            tokenize(&text.body, |_, _, word| {
                let id = intern(word, &mut prompt_lists, &mut body_lists);
                post(&mut body_lists[id as usize], doc);
            });
        }

        // Renumber the vocabulary in sorted order, so that the words with a
        // given prefix are one range.
        let mut words: Vec<(String, u32)> = ids.into_iter().collect();
        words.sort_unstable();
        let mut renumber = vec![0u32; words.len()];
        let mut chars = Vec::new();
        let mut starts = Vec::with_capacity(words.len() + 1);
        let mut by_length: Vec<Vec<u32>> = Vec::new();
        let mut letter_sets = Vec::with_capacity(words.len());
        let mut sorted_prompt = Vec::with_capacity(words.len());
        let mut sorted_body = Vec::with_capacity(words.len());
        for (new, (word, old)) in words.into_iter().enumerate() {
            renumber[old as usize] = new as u32;
            starts.push(chars.len() as u32);
            let first = chars.len();
            chars.extend(word.chars());
            letter_sets.push(letter_set(&chars[first..]));
            let length = chars.len() - first;
            if by_length.len() <= length {
                by_length.resize(length + 1, Vec::new());
            }
            by_length[length].push(new as u32);
            sorted_prompt.push(std::mem::take(&mut prompt_lists[old as usize]));
            sorted_body.push(std::mem::take(&mut body_lists[old as usize]));
        }
        starts.push(chars.len() as u32);
        for tokens in &mut prompt_tokens {
            for token in tokens {
                token.word = renumber[token.word as usize];
            }
        }
        SearchIndex {
            doc_count: docs.len(),
            chars,
            starts,
            by_length,
            letter_sets,
            prompt_postings: Postings::from_lists(sorted_prompt),
            body_postings: Postings::from_lists(sorted_body),
            prompt_tokens,
        }
    }

    /// Documents indexed.
    pub fn len(&self) -> usize {
        self.doc_count
    }

    /// Whether no document was indexed.
    pub fn is_empty(&self) -> bool {
        self.doc_count == 0
    }

    /// Distinct words in the documents.
    pub fn vocabulary_len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    fn word(&self, w: u32) -> &[char] {
        &self.chars[self.starts[w as usize] as usize..self.starts[w as usize + 1] as usize]
    }

    /// The documents matching every term of `q`, best first, at most `limit`.
    ///
    /// Terms are the runs of letters and digits of `q`, lowercased (the
    /// first 16). A term
    /// matches a word of the vocabulary
    /// - exactly (quality 1),
    /// - as its prefix, for the last term only and from 2 characters (0.8:
    ///   search as you type),
    /// - or within Damerau–Levenshtein distance (optimal string alignment:
    ///   insertions, deletions, substitutions, adjacent transpositions) 1
    ///   for terms of 4–7 characters (0.6) and 2 from 8 characters (0.45 at
    ///   distance 2); shorter terms only exactly or by prefix.
    ///
    /// A document matches when every term matches a word of its prompt or
    /// body. Its score is the sum over terms of the best
    /// `field weight × quality` (prompt 3, body 1, so a prompt hit always
    /// ranks above a body hit, and exact above fuzzy within a field), plus
    /// 0.5 for each pair of consecutive terms found side by side in the
    /// prompt. Ties go to the earlier document.
    pub fn query(&self, q: &str, limit: usize) -> Vec<Hit> {
        let mut terms: Vec<Vec<char>> = Vec::new();
        tokenize(q, |_, _, word| terms.push(word.chars().collect()));
        terms.truncate(MAX_TERMS);
        if terms.is_empty() || limit == 0 || self.doc_count == 0 {
            return Vec::new();
        }
        let last = terms.len() - 1;
        let matches: Vec<Vec<(u32, f32)>> = terms
            .iter()
            .enumerate()
            .map(|(k, term)| self.words_matching(term, k == last))
            .collect();

        let mut total = vec![0.0f32; self.doc_count];
        let mut matched = vec![0u16; self.doc_count];
        let mut best = vec![0.0f32; self.doc_count];
        for (k, words) in matches.iter().enumerate() {
            for &(w, quality) in words {
                for &doc in self.prompt_postings.of(w) {
                    let b = &mut best[doc as usize];
                    *b = b.max(PROMPT_WEIGHT * quality);
                }
                for &doc in self.body_postings.of(w) {
                    let b = &mut best[doc as usize];
                    *b = b.max(quality);
                }
            }
            let mut any = false;
            for doc in 0..self.doc_count {
                // Only documents that matched every earlier term can still match.
                if best[doc] > 0.0 && usize::from(matched[doc]) == k {
                    total[doc] += best[doc];
                    matched[doc] += 1;
                    any = true;
                }
                best[doc] = 0.0;
            }
            if !any {
                return Vec::new();
            }
        }

        let in_term = |k: usize, w: u32| matches[k].binary_search_by_key(&w, |m| m.0).is_ok();
        let mut hits: Vec<Hit> = (0..self.doc_count)
            .filter(|&doc| usize::from(matched[doc]) == terms.len())
            .map(|doc| {
                let tokens = &self.prompt_tokens[doc];
                let mut score = total[doc];
                for k in 0..last {
                    let side_by_side = tokens
                        .windows(2)
                        .any(|pair| in_term(k, pair[0].word) && in_term(k + 1, pair[1].word));
                    if side_by_side {
                        score += PHRASE_BONUS;
                    }
                }
                Hit {
                    doc,
                    score,
                    prompt_spans: Vec::new(),
                }
            })
            .collect();
        crate::order::sort_by(&mut hits, |x, y| {
            y.score.total_cmp(&x.score).then(x.doc.cmp(&y.doc))
        });
        hits.truncate(limit);
        for hit in &mut hits {
            hit.prompt_spans = self.prompt_tokens[hit.doc]
                .iter()
                .filter(|token| (0..terms.len()).any(|k| in_term(k, token.word)))
                .map(|token| (token.start, token.end))
                .collect();
        }
        hits
    }

    /// The vocabulary words `term` matches, by word id (ascending), each with
    /// its best match quality.
    fn words_matching(&self, term: &[char], is_last: bool) -> Vec<(u32, f32)> {
        let mut found: Vec<(u32, f32)> = Vec::new();
        let vocabulary = self.vocabulary_len() as u32;
        let first_not_below = {
            let (mut lo, mut hi) = (0u32, vocabulary);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if self.word(mid) < term {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            lo
        };
        if first_not_below < vocabulary && self.word(first_not_below) == term {
            found.push((first_not_below, EXACT));
        }
        if is_last && term.len() >= MIN_PREFIX_CHARS {
            let mut w = first_not_below;
            while w < vocabulary && self.word(w).starts_with(term) {
                if self.word(w).len() > term.len() {
                    found.push((w, PREFIX));
                }
                w += 1;
            }
        }
        let edits = max_edits(term.len());
        if edits > 0 {
            let mut rows = EditRows::default();
            let term_set = letter_set(term);
            let lengths = term.len().saturating_sub(edits)..=term.len() + edits;
            for length in lengths {
                for &w in self.by_length.get(length).map_or(&[][..], Vec::as_slice) {
                    let word_set = self.letter_sets[w as usize];
                    if (term_set & !word_set).count_ones() as usize > edits
                        || (word_set & !term_set).count_ones() as usize > edits
                    {
                        continue;
                    }
                    let word = self.word(w);
                    if word == term {
                        continue;
                    }
                    if let Some(distance) = rows.distance_within(term, word, edits) {
                        found.push((w, if distance == 1 { FUZZY_1 } else { FUZZY_2 }));
                    }
                }
            }
        }
        // Several routes to one word (a prefix within one edit): keep the best.
        crate::order::sort_by(&mut found, |x, y| x.0.cmp(&y.0).then(y.1.total_cmp(&x.1)));
        found.dedup_by_key(|m| m.0);
        found
    }
}

/// Scratch rows for the edit distance, reused across the vocabulary.
#[derive(Default)]
struct EditRows {
    before_last: Vec<usize>,
    last: Vec<usize>,
    current: Vec<usize>,
}

impl EditRows {
    /// The optimal-string-alignment distance between `a` and `b` (Damerau
    /// 1964 with each substring edited once: insert, delete, substitute,
    /// swap two adjacent characters), or `None` once it must exceed `max`:
    /// the smallest entry of a row never decreases further down, so the
    /// computation stops at the first row whose minimum is above `max`.
    fn distance_within(&mut self, a: &[char], b: &[char], max: usize) -> Option<usize> {
        if a.len().abs_diff(b.len()) > max {
            return None;
        }
        let width = b.len() + 1;
        for row in [&mut self.before_last, &mut self.last, &mut self.current] {
            row.clear();
            row.resize(width, 0);
        }
        self.last.iter_mut().enumerate().for_each(|(j, d)| *d = j);
        for i in 1..=a.len() {
            self.current[0] = i;
            let mut row_min = i;
            for j in 1..width {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut d = (self.last[j] + 1)
                    .min(self.current[j - 1] + 1)
                    .min(self.last[j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d = d.min(self.before_last[j - 2] + 1);
                }
                self.current[j] = d;
                row_min = row_min.min(d);
            }
            if row_min > max {
                return None;
            }
            std::mem::swap(&mut self.before_last, &mut self.last);
            std::mem::swap(&mut self.last, &mut self.current);
        }
        let distance = self.last[b.len()];
        (distance <= max).then_some(distance)
    }
}
