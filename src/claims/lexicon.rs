//! Tokens and the French and English word lists the claim grammar uses.

use crate::normalize::push_key;

/// What precedes a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Space {
    /// Nothing: glued to the previous token ("170km", "Nord-Est").
    None,
    /// Ordinary spaces or tabs.
    Plain,
    /// A no-break, narrow no-break or thin space (French thousands "1 200").
    NoBreak,
    /// A line break.
    Newline,
}

/// Kind of token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A run of letters.
    Word,
    /// A run of ASCII digits.
    Num,
    /// One other character.
    Punct(char),
}

/// A token of a sentence, with its folded form in the tokenizer's arena.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub kind: Kind,
    /// Byte offsets in the document.
    pub start: usize,
    pub end: usize,
    pub space: Space,
    /// Range of the folded (lowercase, accentless) form in the arena.
    pub fold: (u32, u32),
    /// First letter upper case.
    pub cap: bool,
    /// Every letter upper case (and at least two letters).
    pub all_caps: bool,
}

/// Reusable tokenizer buffers.
#[derive(Debug, Default)]
pub(crate) struct Tokens {
    pub toks: Vec<Token>,
    pub arena: String,
}

impl Tokens {
    /// The folded form of token `i`.
    pub fn f(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.arena[t.fold.0 as usize..t.fold.1 as usize],
            None => "",
        }
    }

    /// Whether token `i` is a word whose folded form is `w`.
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Word && self.f(i) == w)
    }

    /// Whether token `i` is the punctuation `c`.
    pub fn is_p(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Punct(c))
    }

    /// Whether token `i` is a word in `list`.
    pub fn is_any(&self, i: usize, list: &[&str]) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Word && list.contains(&self.f(i)))
    }

    /// Tokenizes `text` (which starts at byte `base` of the document), replacing the content.
    pub fn tokenize(&mut self, text: &str, base: usize) {
        self.toks.clear();
        self.arena.clear();
        let mut space = Space::None;
        let mut it = text.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if c.is_whitespace() {
                let s = match c {
                    '\n' => Space::Newline,
                    '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}' => Space::NoBreak,
                    _ => Space::Plain,
                };
                space = match (space, s) {
                    (Space::Newline, _) | (_, Space::Newline) => Space::Newline,
                    (Space::NoBreak, _) | (_, Space::NoBreak) => Space::NoBreak,
                    _ => Space::Plain,
                };
                continue;
            }
            let start = i;
            let mut end = i + c.len_utf8();
            let kind;
            if c.is_ascii_digit() {
                while let Some(&(j, d)) = it.peek() {
                    if d.is_ascii_digit() {
                        end = j + 1;
                        it.next();
                    } else {
                        break;
                    }
                }
                kind = Kind::Num;
            } else if c.is_alphabetic() {
                while let Some(&(j, d)) = it.peek() {
                    if d.is_alphabetic() || unicode_normalization::char::is_combining_mark(d) {
                        end = j + d.len_utf8();
                        it.next();
                    } else {
                        break;
                    }
                }
                kind = Kind::Word;
            } else {
                let p = match c {
                    '’' | '‘' | 'ʼ' | '`' | '´' => '\'',
                    '–' | '—' | '‑' | '‐' | '−' => '-',
                    '«' | '»' | '“' | '”' | '„' => '"',
                    other => other,
                };
                kind = Kind::Punct(p);
            }
            let a = self.arena.len() as u32;
            let word = &text[start..end];
            let (cap, all_caps) = if kind == Kind::Word {
                push_key(word, &mut self.arena);
                let mut letters = word.chars().filter(|c| c.is_alphabetic());
                let first_up = letters.next().is_some_and(|c| c.is_uppercase());
                let rest_up = word.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && word
                        .chars()
                        .filter(|c| c.is_alphabetic())
                        .all(|c| c.is_uppercase());
                (first_up, rest_up)
            } else {
                if kind == Kind::Num {
                    self.arena.push_str(word);
                }
                (false, false)
            };
            let b = self.arena.len() as u32;
            self.toks.push(Token {
                kind,
                start: base + start,
                end: base + end,
                space,
                fold: (a, b),
                cap,
                all_caps,
            });
            space = Space::None;
        }
    }
}

/// Capitalised words that are never place names on their own (sentence starts, titles,
/// compass words, days, months, generic geographic nouns).
pub(crate) const STOP: &[&str] = &[
    // French
    "a",
    "au",
    "aux",
    "apres",
    "alors",
    "ainsi",
    "avec",
    "c",
    "ce",
    "cela",
    "celui",
    "ces",
    "cet",
    "cette",
    "chez",
    "comme",
    "d",
    "dans",
    "de",
    "des",
    "deja",
    "depuis",
    "donc",
    "du",
    "elle",
    "elles",
    "en",
    "entre",
    "et",
    "il",
    "ils",
    "j",
    "je",
    "l",
    "la",
    "le",
    "les",
    "leur",
    "lors",
    "lorsque",
    "mais",
    "meme",
    "n",
    "ne",
    "ni",
    "nous",
    "on",
    "or",
    "ou",
    "par",
    "pas",
    "pendant",
    "plus",
    "pour",
    "pres",
    "puis",
    "qu",
    "que",
    "qui",
    "s",
    "sa",
    "sans",
    "se",
    "selon",
    "ses",
    "si",
    "son",
    "sous",
    "sur",
    "tous",
    "tout",
    "un",
    "une",
    "vers",
    "vous",
    "voici",
    "y",
    "outre",
    "situee",
    "situe",
    "joints",
    "mots",
    "cles",
    "nord",
    "sud",
    "est",
    "ouest",
    "centre",
    "nordest",
    "nordouest",
    "sudest",
    "sudouest",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
    "ville",
    "region",
    "oued",
    "lac",
    "mont",
    "route",
    "camp",
    "colonel",
    "general",
    "capitaine",
    "ministre",
    "president",
    "monsieur",
    "madame",
    "aujourd",
    "hui",
    "situes",
    "situees",
    "basee",
    "base",
    "localisee",
    "hier",
    "demain",
    "video",
    "mali",
    "france",
    "etat",
    "force",
    "forces",
    // English
    "the",
    "an",
    "and",
    "at",
    "as",
    "after",
    "before",
    "but",
    "by",
    "for",
    "from",
    "he",
    "her",
    "his",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "of",
    "on",
    "or",
    "our",
    "she",
    "so",
    "some",
    "that",
    "the",
    "their",
    "there",
    "these",
    "they",
    "this",
    "those",
    "to",
    "under",
    "we",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "with",
    "you",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "city",
    "town",
    "region",
    "river",
    "lake",
    "mount",
    "road",
    "col",
    "gen",
    "mr",
    "mrs",
    "dr",
    "president",
    "minister",
    "posted",
    "located",
    "lying",
    "based",
    "situated",
    "news",
    "state",
    "national",
    "movement",
    "one",
    "two",
    "three",
    "six",
];

/// Lower-case particles allowed inside a place name between capitalised words
/// ("Adrar des Ifoghas", "Oued de In-Emsal").
pub(crate) const PARTICLES: &[&str] = &[
    "de", "des", "du", "la", "le", "el", "al", "ag", "en", "es", "d", "l",
];

/// Generic nouns standing for a place named earlier ("la ville, située à…").
pub(crate) const ANAPHORA: &[&str] = &[
    "ville",
    "localite",
    "cite",
    "village",
    "commune",
    "bourgade",
    "agglomeration",
    "town",
    "city",
    "village",
    "locality",
    "settlement",
];

/// Words skipped between "de"/"from" and the reference place ("from the capital Bamako",
/// "de la ville de Gao").
pub(crate) const REF_FILLER: &[&str] = &[
    "the", "capital", "town", "city", "village", "of", "malian", "la", "le", "l", "capitale",
    "ville", "de", "d", "localite", "commune", "cite", "malienne", "village", "regional",
];

/// Number words: (folded word, value, whether it is an approximation "une douzaine").
pub(crate) const NUMBER_WORDS: &[(&str, f64, bool)] = &[
    ("dizaine", 10.0, true),
    ("douzaine", 12.0, true),
    ("quinzaine", 15.0, true),
    ("vingtaine", 20.0, true),
    ("trentaine", 30.0, true),
    ("quarantaine", 40.0, true),
    ("cinquantaine", 50.0, true),
    ("soixantaine", 60.0, true),
    ("centaine", 100.0, true),
    ("millier", 1000.0, true),
    ("dozen", 12.0, true),
    ("hundred", 100.0, false),
    ("dix", 10.0, false),
    ("quinze", 15.0, false),
    ("vingt", 20.0, false),
    ("trente", 30.0, false),
    ("quarante", 40.0, false),
    ("cinquante", 50.0, false),
    ("soixante", 60.0, false),
    ("cent", 100.0, false),
    ("ten", 10.0, false),
    ("fifteen", 15.0, false),
    ("twenty", 20.0, false),
    ("thirty", 30.0, false),
    ("forty", 40.0, false),
    ("fifty", 50.0, false),
    ("sixty", 60.0, false),
];

/// Compass words: folded word → (component letter).
pub(crate) fn compass_word(w: &str) -> Option<char> {
    Some(match w {
        "nord" | "north" => 'N',
        "sud" | "south" => 'S',
        "est" | "east" => 'E',
        "ouest" | "west" => 'W',
        _ => return None,
    })
}

/// Splits a glued English compass word ("northeast", "southsouthwest") into letters.
pub(crate) fn glued_compass(w: &str, out: &mut Vec<char>) -> bool {
    let mut rest = w;
    out.clear();
    while !rest.is_empty() {
        let mut hit = false;
        for (p, c) in [
            ("north", 'N'),
            ("south", 'S'),
            ("east", 'E'),
            ("west", 'W'),
            ("nord", 'N'),
            ("sud", 'S'),
            ("ouest", 'W'),
        ] {
            if let Some(r) = rest.strip_prefix(p) {
                out.push(c);
                rest = r;
                hit = true;
                break;
            }
        }
        if !hit || out.len() > 3 {
            return false;
        }
    }
    !out.is_empty()
}

/// Turns compass letters into a 16-point label index ("N","N","E" → NNE).
pub(crate) fn compass_index(letters: &[char]) -> Option<u8> {
    let s: String = letters.iter().collect();
    crate::geodesy::COMPASS_16
        .iter()
        .position(|p| *p == s)
        .map(|i| i as u8)
}

/// An abbreviation such as "NNE", "SO" (French sud-ouest) → 16-point index.
pub(crate) fn compass_abbrev(word: &str) -> Option<u8> {
    if word.is_empty() || word.len() > 3 || !word.chars().all(|c| "NSEWO".contains(c)) {
        return None;
    }
    let letters: Vec<char> = word
        .chars()
        .map(|c| if c == 'O' { 'W' } else { c })
        .collect();
    compass_index(&letters)
}
