//! A document ready for matching: its tokens, its sentences, and one folded string (tokens
//! lowercased without accents, joined by single spaces) that the lexicon automata run over.

use crate::claims::lexicon::{Kind, Space, Tokens};
use crate::claims::{Sentence, split_sentences};

use super::lexicon::{Lexicon, Matcher};

/// A tokenized document.
#[derive(Debug, Default)]
pub(crate) struct Doc {
    pub toks: Tokens,
    /// Folded tokens joined by spaces.
    pub folded: String,
    /// Start of each token in `folded`.
    pub pos: Vec<u32>,
    /// Sentence of each token.
    pub sent_of: Vec<u32>,
    pub sentences: Vec<Sentence>,
    /// First token of each sentence (and one past the last token at the end).
    pub sent_tok: Vec<usize>,
}

/// A lexicon phrase found in the document: tokens `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub entry: usize,
    pub first: usize,
    pub last: usize,
}

impl Doc {
    /// Tokenizes `text` and splits it into sentences.
    pub fn new(text: &str) -> Doc {
        let mut d = Doc::default();
        d.toks.tokenize(text, 0);
        d.sentences = split_sentences(text);
        let n = d.toks.toks.len();
        d.folded.reserve(text.len() + 8);
        d.pos.reserve(n);
        for i in 0..n {
            if i > 0 {
                d.folded.push(' ');
            }
            d.pos.push(d.folded.len() as u32);
            match d.toks.toks[i].kind {
                Kind::Word | Kind::Num => {
                    let t = d.toks.toks[i].fold;
                    d.folded.push_str(&d.toks.arena[t.0 as usize..t.1 as usize]);
                }
                Kind::Punct(c) => d.folded.push(c),
            }
        }
        d.sent_of = vec![0; n];
        let mut s = 0usize;
        for i in 0..n {
            let start = d.toks.toks[i].start;
            while s + 1 < d.sentences.len() && start >= d.sentences[s + 1].start {
                s += 1;
            }
            d.sent_of[i] = s as u32;
        }
        d.sent_tok = Vec::with_capacity(d.sentences.len() + 1);
        let mut i = 0usize;
        for s in 0..d.sentences.len() {
            while i < n && (d.sent_of[i] as usize) < s {
                i += 1;
            }
            d.sent_tok.push(i);
        }
        d.sent_tok.push(n);
        d
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.toks.len()
    }

    /// Folded form of token `i` ("" out of range).
    pub fn f(&self, i: usize) -> &str {
        self.toks.f(i)
    }

    /// Whether token `i` is a word.
    pub fn is_word(&self, i: usize) -> bool {
        self.toks.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    /// Whether token `i` is a digit run.
    pub fn is_num(&self, i: usize) -> bool {
        self.toks.toks.get(i).is_some_and(|t| t.kind == Kind::Num)
    }

    /// Whether token `i` is the punctuation `c`.
    pub fn is_p(&self, i: usize, c: char) -> bool {
        self.toks.is_p(i, c)
    }

    /// Whether token `i` is a word in `list`.
    pub fn is_any(&self, i: usize, list: &[&str]) -> bool {
        self.toks.is_any(i, list)
    }

    /// Whether a line break precedes token `i`.
    pub fn newline_before(&self, i: usize) -> bool {
        i == 0
            || self
                .toks
                .toks
                .get(i)
                .is_some_and(|t| t.space == Space::Newline)
    }

    /// Byte range of tokens `a..=b` in the text.
    pub fn span(&self, a: usize, b: usize) -> (usize, usize) {
        (self.toks.toks[a].start, self.toks.toks[b].end)
    }

    /// Token range `first..last` (exclusive) of sentence `s`.
    pub fn sentence_tokens(&self, s: usize) -> (usize, usize) {
        (self.sent_tok[s], self.sent_tok[s + 1])
    }

    /// The token at byte offset `byte` (the first token starting at or after it).
    pub fn token_at(&self, byte: usize) -> usize {
        self.toks.toks.partition_point(|t| t.start < byte)
    }

    /// Every phrase of `m` in the document, whole tokens only, within one sentence, the
    /// longest kept where phrases overlap; in document order.
    #[cfg(test)]
    pub fn find(&self, m: &Matcher, lex: &Lexicon) -> Vec<Hit> {
        self.find_classes(m, lex, 1, |_| 0, |_| true)
            .pop()
            .unwrap_or_default()
    }

    /// Like [`Doc::find`] with one automaton for several classes of entries (`class` gives
    /// each entry's, below `n`): the longest phrase is kept within each class, among the
    /// entries `keep` accepts.
    pub fn find_classes(
        &self,
        m: &Matcher,
        lex: &Lexicon,
        n: usize,
        class: impl Fn(&super::lexicon::EntryKind) -> usize,
        keep: impl Fn(&super::lexicon::Entry) -> bool,
    ) -> Vec<Vec<Hit>> {
        let Some(ac) = &m.ac else {
            return vec![Vec::new(); n];
        };
        let f = self.folded.as_bytes();
        let mut hits: Vec<Hit> = Vec::new();
        for mat in ac.find_overlapping_iter(&self.folded) {
            let (s, e) = (mat.start(), mat.end());
            let Ok(first) = self.pos.binary_search(&(s as u32)) else {
                continue;
            };
            let entry = m.entry[mat.pattern().as_usize()];
            let en = &lex.entries()[entry];
            if !keep(en) || !en.prefix && e < f.len() && f[e] != b' ' {
                continue;
            }
            // The token containing the last matched byte.
            let mut last = self.pos.partition_point(|&p| (p as usize) < e) - 1;
            if self.sent_of[first] != self.sent_of[last] {
                continue;
            }
            if let Some(tail) = &en.tail {
                // Up to three tokens may stand between the two parts.
                let found = (last + 1..(last + 5).min(self.len())).find_map(|j| {
                    let at = self.pos[j] as usize;
                    let end = at + tail.len();
                    let ok = self.folded[at..].starts_with(tail.as_str())
                        && (end == f.len() || f[end] == b' ')
                        && self.sent_of[j] == self.sent_of[first];
                    ok.then(|| self.pos.partition_point(|&p| (p as usize) < end) - 1)
                });
                match found {
                    Some(l) => last = l,
                    None => continue,
                }
            }
            hits.push(Hit { entry, first, last });
        }
        // Longest first (in tokens, then bytes), then leftmost.
        hits.sort_by(|a, b| {
            (b.last - b.first)
                .cmp(&(a.last - a.first))
                .then(a.first.cmp(&b.first))
        });
        let mut taken = vec![0u8; self.len()];
        let mut out = vec![Vec::new(); n];
        for h in hits {
            let c = class(&lex.entries()[h.entry].kind).min(n - 1);
            let bit = 1u8 << c;
            if taken[h.first..=h.last].iter().any(|&t| t & bit != 0) {
                continue;
            }
            taken[h.first..=h.last].iter_mut().for_each(|t| *t |= bit);
            out[c].push(h);
        }
        for o in &mut out {
            o.sort_by_key(|h| h.first);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::EntryKind;
    use super::*;

    #[test]
    fn folded_text_and_sentences() {
        let d = Doc::new("L’armée a repris Konna. Les combats ont cessé.");
        assert_eq!(
            d.folded,
            "l ' armee a repris konna . les combats ont cesse ."
        );
        assert_eq!(d.sentences.len(), 2);
        let les = "L’armée a repris Konna. Les".len() - 3;
        assert_eq!(d.sentence_tokens(1).0, d.token_at(les));
        assert_eq!(d.f(d.token_at(les)), "les");
    }

    #[test]
    fn longest_whole_word_matches_win() {
        let lex = Lexicon::embedded().unwrap();
        let m = Matcher::build(&lex, |k| matches!(k, EntryKind::Trigger { .. })).unwrap();
        let d = Doc::new(
            "Les combats avaient repris lundi. Des affrontements violents. Combattre. \
             Konna est tombée jeudi aux mains des islamistes.",
        );
        let hits = d.find(&m, &lex);
        let phrases: Vec<&str> = hits
            .iter()
            .map(|h| lex.entries()[h.entry].phrase.as_str())
            .collect();
        // The longest phrase wins; "combats" does not run on into "Combattre".
        assert_eq!(
            phrases,
            [
                "combats avaient repris",
                "affrontement*",
                "tombée ... aux mains"
            ]
        );
        let h = hits[2];
        assert_eq!(d.f(h.first), "tombee");
        assert_eq!(d.f(h.last), "mains");
    }
}
