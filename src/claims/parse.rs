//! The claim grammar: sentences, numbers as the press writes them, units, qualifiers,
//! compass directions, and the two places of each claim.
//!
//! A claim is anchored on a distance phrase ("à plus de 700 km de", "around 1,000
//! kilometres (600 miles) northeast of") or, without a figure, on a direction phrase preceded
//! by the located place ("Tessalit, au nord de Kidal"). The reference place is the name right
//! after the phrase (skipping "the capital", "la ville de"); the located place is, in order:
//! the name right before the phrase (only commas, "située", "which is"… between), the town
//! a generic noun stands for ("la ville, située à…" → the town last named), the nearest
//! named town earlier in the sentence, or — when the sentence opens on the phrase ("Située à
//! plus de 700 km de Bamako, la ville de Konna…") — the first town after it.
//! A length with no named reference after it ("une colonne de 5 km", "le trajet … est de
//! 1024 km", "à 20 km de la ville") is not a claim; nor is a region named by a compass word
//! ("dans le nord du Mali", "in northern Mali", "(est du Mali)").

use super::lexicon::{
    ANAPHORA, Kind, NUMBER_WORDS, REF_FILLER, Space, Tokens, compass_abbrev, compass_index,
    compass_word, glued_compass,
};
use super::places::{NameSpan, PlaceSpotter, ResolveCache};
use super::{Claim, ClaimPlace, Direction, FoundClaim, Qualifier, StatedDistance, Unit};
use crate::gazetteer::{Gazetteer, ResolveOptions};

/// Language of a text, which decides "1.200" (French thousands) against "1.2" (English).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// French: "1.200" and "1 200" are 1200, "2,5" is 2.5.
    Fr,
    /// English: "1,200" is 1200, "2.5" is 2.5.
    En,
}

/// Options of [`ClaimParser::find_claims`].
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// How places are resolved (country bias…); the document's places are added as `near`
    /// points.
    pub resolve: ResolveOptions,
    /// The language, or `None` to detect it from the text.
    pub lang: Option<Lang>,
}

impl ParseOptions {
    /// Sets the resolve options.
    pub fn resolve(mut self, r: ResolveOptions) -> Self {
        self.resolve = r;
        self
    }

    /// Sets the language.
    pub fn lang(mut self, l: Option<Lang>) -> Self {
        self.lang = l;
        self
    }
}

/// A sentence's byte range in its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
}

const ABBREV: &[&str] = &[
    "col", "gen", "lt", "capt", "cpt", "sgt", "mr", "mrs", "ms", "dr", "st", "mt", "jan", "feb",
    "aug", "sept", "oct", "nov", "dec", "no", "vol", "etc", "cf", "env", "av", "m", "mm", "gov",
    "sen", "rep", "gal", "cne", "lcl", "cdt",
];

/// Splits `text` into sentences: at `.`, `!`, `?`, `…` followed by a space and a capital,
/// digit, quote or dash (not after an abbreviation or an initial), and at line breaks that
/// do not continue a sentence in lower case.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::with_capacity(text.len() / 120 + 1);
    split_into(text, &mut out);
    out
}

fn split_into(text: &str, out: &mut Vec<Sentence>) {
    let b = text.as_bytes();
    let mut start = 0usize;
    let mut i = 0usize;
    let push = |out: &mut Vec<Sentence>, s: usize, e: usize| {
        let seg = &text[s..e];
        let lead = seg.len() - seg.trim_start().len();
        let trail = seg.len() - seg.trim_end().len();
        if lead + trail < seg.len() {
            out.push(Sentence {
                start: s + lead,
                end: e - trail,
            });
        }
    };
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            let prev = text[start..i].trim_end();
            let next = text[i + 1..].trim_start_matches([' ', '\t']);
            let continues = !next.starts_with('\n')
                && prev
                    .chars()
                    .last()
                    .is_some_and(|p| p.is_alphanumeric() || p == ',')
                && next.chars().next().is_some_and(|n| n.is_lowercase());
            if !continues {
                push(out, start, i);
                start = i + 1;
            }
            i += 1;
            continue;
        }
        let term_len = if matches!(c, b'.' | b'!' | b'?') {
            1
        } else if b[i..].starts_with("…".as_bytes()) {
            '…'.len_utf8()
        } else {
            0
        };
        if term_len == 0 {
            i += 1;
            continue;
        }
        // Closing quotes or brackets belong to the sentence.
        let mut j = i + term_len;
        loop {
            let rest = &text[j..];
            let Some(ch) = rest.chars().next() else { break };
            if matches!(ch, '"' | '»' | '”' | ')' | '\'' | '’' | '.' | '!' | '?') {
                j += ch.len_utf8();
            } else {
                break;
            }
        }
        let rest = &text[j..];
        let after_space = rest.trim_start_matches([' ', '\u{a0}', '\u{202f}', '\t']);
        let had_space = after_space.len() < rest.len();
        let next = after_space.chars().next();
        let starts_new = had_space
            && next.is_some_and(|n| {
                n.is_uppercase()
                    || n.is_ascii_digit()
                    || matches!(n, '"' | '«' | '“' | '—' | '–' | '-' | '(' | '\'' | '>')
            });
        if c == b'.' && starts_new && is_abbreviation(&text[start..i]) {
            i = j;
            continue;
        }
        if starts_new {
            push(out, start, j);
            start = j;
        }
        i = j.max(i + 1);
    }
    push(out, start, text.len());
}

fn is_abbreviation(before: &str) -> bool {
    let word: &str = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return true;
    }
    let lower = word.to_ascii_lowercase();
    ABBREV.contains(&lower.as_str())
}

/// Detects French or English from function words.
pub fn detect_lang(text: &str) -> Lang {
    let (mut fr, mut en) = (0u32, 0u32);
    let head = &text[..floor_boundary(text, 20_000)];
    for w in head.split(|c: char| !c.is_alphabetic()) {
        match w {
            "le" | "la" | "les" | "des" | "du" | "est" | "une" | "dans" | "à" | "selon" | "au"
            | "et" => fr += 1,
            "the" | "of" | "and" | "to" | "in" | "is" | "was" | "said" | "from" | "on" => en += 1,
            _ => {}
        }
    }
    if en > fr { Lang::En } else { Lang::Fr }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Finds claims; build once per gazetteer (it holds no per-text state).
#[derive(Debug)]
pub struct ClaimParser<'g> {
    spotter: PlaceSpotter<'g>,
}

/// A claim before its places are finally resolved.
struct Draft {
    from: Slot,
    to: Slot,
    distance: Option<StatedDistance>,
    qualifier: Qualifier,
    direction: Option<Direction>,
    sentence: Sentence,
    phrase: (usize, usize),
}

#[derive(Clone, Copy)]
struct Slot {
    start: usize,
    end: usize,
    from_context: bool,
}

/// A parsed distance phrase.
struct DistPhrase {
    /// First token of the phrase (the qualifier, or "between").
    first: usize,
    /// Token after the phrase.
    next: usize,
    stated: StatedDistance,
    qualifier: Qualifier,
}

/// Per-text scratch state.
struct Work<'t> {
    doc: &'t str,
    lang: Lang,
    toks: Tokens,
    spans: Vec<NameSpan>,
    key: String,
    letters: Vec<char>,
}

impl<'g> ClaimParser<'g> {
    /// A parser over `gaz`.
    pub fn new(gaz: &'g Gazetteer) -> ClaimParser<'g> {
        ClaimParser {
            spotter: PlaceSpotter::new(gaz),
        }
    }

    /// The place spotter it uses.
    pub fn spotter(&self) -> &PlaceSpotter<'g> {
        &self.spotter
    }

    /// Every claim of `text`, in order, each with its sentence and byte offsets.
    pub fn find_claims(&self, text: &str, opts: &ParseOptions) -> Vec<FoundClaim> {
        let gaz = self.spotter.gazetteer();
        let lang = opts.lang.unwrap_or_else(|| detect_lang(text));
        let sentences = split_sentences(text);
        let mut w = Work {
            doc: text,
            lang,
            toks: Tokens::default(),
            spans: Vec::new(),
            key: String::new(),
            letters: Vec::new(),
        };
        let mut cache = ResolveCache::default();
        let mut drafts: Vec<Draft> = Vec::new();
        for (si, s) in sentences.iter().enumerate() {
            w.toks.tokenize(&text[s.start..s.end], s.start);
            if !has_trigger(&w.toks) {
                continue;
            }
            w.spans.clear();
            self.spotter
                .name_spans(text, &w.toks, 0, &mut w.spans, &mut w.key);
            for sp in w.spans.iter().filter(|sp| sp.known) {
                cache.first_pass(gaz, &text[sp.start..sp.end], &opts.resolve);
            }
            self.sentence_claims(&mut w, &mut cache, opts, &sentences, si, &mut drafts);
        }
        cache.settle(gaz, &opts.resolve);
        drafts
            .into_iter()
            .map(|d| {
                let resolve = |slot: Slot, cache: &mut ResolveCache| {
                    let name = &text[slot.start..slot.end];
                    let r = cache.get(gaz, name, &opts.resolve);
                    let mut suggestions = r.suggestions.clone();
                    if r.place.is_none() && suggestions.is_empty() {
                        suggestions = tail_suggestions(gaz, name, &opts.resolve);
                    }
                    ClaimPlace {
                        text: name.to_string(),
                        place: r.place,
                        confidence: r.confidence,
                        suggestions,
                        span: Some((slot.start, slot.end)),
                        from_context: slot.from_context,
                    }
                };
                let from = resolve(d.from, &mut cache);
                let to = resolve(d.to, &mut cache);
                let (line, _) = crate::textio::line_column(text, d.sentence.start);
                FoundClaim {
                    claim: Claim {
                        from,
                        to,
                        distance: d.distance,
                        qualifier: d.qualifier,
                        direction: d.direction,
                    },
                    sentence: text[d.sentence.start..d.sentence.end].to_string(),
                    start: d.sentence.start,
                    end: d.sentence.end,
                    line,
                    phrase: d.phrase,
                }
            })
            .collect()
    }

    fn point_like(&self, cache: &mut ResolveCache, name: &str, opts: &ParseOptions) -> bool {
        let gaz = self.spotter.gazetteer();
        let r = cache.get(gaz, name, &opts.resolve);
        r.place
            .is_some_and(|p| !matches!(gaz.place(p).feature_class, 'A' | 'L'))
    }

    /// Whether the span is a usable endpoint: a point-like known place, or an unknown name.
    fn usable(&self, w: &Work, cache: &mut ResolveCache, sp: &NameSpan, o: &ParseOptions) -> bool {
        !sp.known || self.point_like(cache, &w.doc[sp.start..sp.end], o)
    }

    fn sentence_claims(
        &self,
        w: &mut Work,
        cache: &mut ResolveCache,
        opts: &ParseOptions,
        sentences: &[Sentence],
        si: usize,
        drafts: &mut Vec<Draft>,
    ) {
        let n = w.toks.toks.len();
        let mut k = 0;
        let sentence = sentences[si];
        while k < n {
            // A distance phrase?
            if let Some(dp) = self.distance_phrase(w, k) {
                let next;
                let mut direction = None;
                if let Some((dir, after)) = direction_phrase(w, dp.next, true) {
                    direction = Some(dir);
                    next = after;
                } else if let Some(after) = linker(w, dp.next) {
                    next = after;
                } else {
                    k = dp.next.max(k + 1);
                    continue;
                }
                let Some(ref_span) = self.reference(w, cache, next, opts) else {
                    k = dp.next.max(k + 1);
                    continue;
                };
                let to = self.located(w, cache, opts, dp.first, &ref_span, true, sentences, si);
                if let Some(to) = to {
                    let phrase = (w.toks.toks[dp.first].start, ref_span.end);
                    drafts.push(Draft {
                        from: Slot {
                            start: ref_span.start,
                            end: ref_span.end,
                            from_context: false,
                        },
                        to,
                        distance: Some(dp.stated),
                        qualifier: dp.qualifier,
                        direction,
                        sentence,
                        phrase,
                    });
                }
                k = ref_span.tok.1 + 1;
                continue;
            }
            // A direction-only phrase: "X, au nord de Y", "X, north-east of Y".
            if let Some((dir, after, first)) = direction_only_start(w, k)
                && let Some(ref_span) = self.reference(w, cache, after, opts)
            {
                if let Some(to) = self.adjacent_left(w, cache, opts, first, &ref_span) {
                    drafts.push(Draft {
                        from: Slot {
                            start: ref_span.start,
                            end: ref_span.end,
                            from_context: false,
                        },
                        to,
                        distance: None,
                        qualifier: Qualifier::Exact,
                        direction: Some(dir),
                        sentence,
                        phrase: (w.toks.toks[first].start, ref_span.end),
                    });
                }
                k = ref_span.tok.1 + 1;
                continue;
            }
            k += 1;
        }
    }

    /// The reference place starting at token `r` (after fillers such as "the capital").
    fn reference(
        &self,
        w: &Work,
        cache: &mut ResolveCache,
        mut r: usize,
        opts: &ParseOptions,
    ) -> Option<NameSpan> {
        let mut skipped = 0;
        while skipped < 5 {
            let t = w.toks.toks.get(r)?;
            if t.kind == Kind::Word && !t.cap && REF_FILLER.contains(&w.toks.f(r)) {
                r += 1;
                skipped += 1;
            } else if t.kind == Kind::Punct('\'') {
                r += 1;
            } else if t.kind == Kind::Word && t.cap && matches!(w.toks.f(r), "the" | "la") {
                r += 1;
                skipped += 1;
            } else {
                break;
            }
        }
        let sp = *w.spans.iter().find(|s| s.tok.0 == r)?;
        self.usable(w, cache, &sp, opts).then_some(sp)
    }

    /// The place right before token `first`, with only gap words between.
    fn adjacent_left(
        &self,
        w: &Work,
        cache: &mut ResolveCache,
        opts: &ParseOptions,
        first: usize,
        reference: &NameSpan,
    ) -> Option<Slot> {
        let g = skip_gap_left(w, first);
        // The longest span ending at token g-1 (the earliest start wins).
        let end_tok = g.checked_sub(1)?;
        let sp = w
            .spans
            .iter()
            .filter(|s| s.tok.1 == end_tok)
            .min_by_key(|s| s.tok.0)?;
        if !self.usable(w, cache, sp, opts) || same(w, sp, reference) {
            return None;
        }
        Some(Slot {
            start: sp.start,
            end: sp.end,
            from_context: false,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn located(
        &self,
        w: &Work,
        cache: &mut ResolveCache,
        opts: &ParseOptions,
        first: usize,
        reference: &NameSpan,
        allow_far: bool,
        sentences: &[Sentence],
        si: usize,
    ) -> Option<Slot> {
        if let Some(s) = self.adjacent_left(w, cache, opts, first, reference) {
            return Some(s);
        }
        let g = skip_gap_left(w, first);
        // "la ville, située à 170 km au nord de Kidal": the town last named.
        if g > 0 && w.toks.is_any(g - 1, ANAPHORA) && !w.spans.iter().any(|s| s.tok.1 + 1 == g) {
            if let Some(s) = self.nearest_left_known(w, cache, opts, g, reference) {
                return Some(s);
            }
            return self.antecedent(w, cache, opts, sentences, si, reference);
        }
        if !allow_far {
            return None;
        }
        if let Some(s) = self.nearest_left_known(w, cache, opts, first, reference) {
            return Some(s);
        }
        // The sentence opens on the phrase: the first town after the reference.
        if g == 0 || (g == 1 && is_opening_participle(w, 0)) {
            for sp in w
                .spans
                .iter()
                .filter(|s| s.tok.0 > reference.tok.1 && s.known)
            {
                if self.usable(w, cache, sp, opts) && !same(w, sp, reference) {
                    return Some(Slot {
                        start: sp.start,
                        end: sp.end,
                        from_context: false,
                    });
                }
            }
        }
        None
    }

    fn nearest_left_known(
        &self,
        w: &Work,
        cache: &mut ResolveCache,
        opts: &ParseOptions,
        before: usize,
        reference: &NameSpan,
    ) -> Option<Slot> {
        w.spans
            .iter()
            .rev()
            .filter(|s| s.known && s.tok.1 < before)
            .find(|s| {
                self.point_like(cache, &w.doc[s.start..s.end], opts) && !same(w, s, reference)
            })
            .map(|s| Slot {
                start: s.start,
                end: s.end,
                from_context: false,
            })
    }

    /// The last town named in the (up to three) previous sentences.
    fn antecedent(
        &self,
        w: &Work,
        cache: &mut ResolveCache,
        opts: &ParseOptions,
        sentences: &[Sentence],
        si: usize,
        reference: &NameSpan,
    ) -> Option<Slot> {
        let mut toks = Tokens::default();
        let mut spans = Vec::new();
        let mut key = String::new();
        let refname = crate::normalize::name_key(&w.doc[reference.start..reference.end]);
        for s in sentences[si.saturating_sub(3)..si].iter().rev() {
            toks.tokenize(&w.doc[s.start..s.end], s.start);
            spans.clear();
            self.spotter
                .name_spans(w.doc, &toks, 0, &mut spans, &mut key);
            for sp in spans.iter().rev().filter(|sp| sp.known) {
                let name = &w.doc[sp.start..sp.end];
                cache.first_pass(self.spotter.gazetteer(), name, &opts.resolve);
                if self.point_like(cache, name, opts) && crate::normalize::name_key(name) != refname
                {
                    return Some(Slot {
                        start: sp.start,
                        end: sp.end,
                        from_context: true,
                    });
                }
            }
        }
        None
    }

    /// A distance phrase whose number starts at token `k`.
    fn distance_phrase(&self, w: &mut Work, k: usize) -> Option<DistPhrase> {
        let toks = &w.toks;
        let t = toks.toks.get(k)?;
        let (v1, mut i, in_words) = match t.kind {
            Kind::Num => {
                let (v, i) = number(toks, k, w.lang)?;
                (v, i, false)
            }
            Kind::Word => {
                let &(_, v, approx) = NUMBER_WORDS.iter().find(|(wd, _, _)| *wd == toks.f(k))?;
                let mut i = k + 1;
                // "une douzaine de kilomètres"
                if toks.is_any(i, &["de", "d"]) {
                    i += 1;
                    if toks.is_p(i, '\'') {
                        i += 1;
                    }
                }
                (v, i, approx)
            }
            _ => return None,
        };
        // Ranges: "50 à 60", "50-60", "between 50 and 60".
        let mut first = k;
        let mut between = false;
        if k >= 1 && toks.is_any(k - 1, &["entre", "between"]) {
            between = true;
            first = k - 1;
        }
        let mut v2 = None;
        if !in_words {
            let sep = toks.is_p(i, '-')
                || toks.is_any(i, &["a", "to"])
                || (between && toks.is_any(i, &["et", "and"]));
            if sep
                && toks.toks.get(i + 1).is_some_and(|t| t.kind == Kind::Num)
                && let Some((v, j)) = number(toks, i + 1, w.lang)
            {
                v2 = Some(v);
                i = j;
            }
        }
        let (unit, mut next) = unit_at(toks, i)?;
        // Areas and speeds are not distances.
        if toks.is_p(next, '²')
            || (toks
                .toks
                .get(next)
                .is_some_and(|t| t.kind == Kind::Num && t.space == Space::None)
                && toks.f(next) == "2")
            || toks.is_p(next, '/')
        {
            return None;
        }
        let mut stated = match v2 {
            Some(v2) => StatedDistance::range(v1, v2, unit),
            None => StatedDistance::new(v1, unit),
        };
        stated.in_words = in_words;
        // A conversion in brackets: "1,000 kilometres (620 miles)".
        if toks.is_p(next, '(')
            && toks.toks.get(next + 1).is_some_and(|t| t.kind == Kind::Num)
            && let Some((_, j)) = number(toks, next + 1, w.lang)
            && let Some((_, j2)) = unit_at(toks, j)
            && toks.is_p(j2, ')')
        {
            next = j2 + 1;
        }
        let mut qualifier = if in_words {
            Qualifier::About
        } else {
            Qualifier::Exact
        };
        if !between {
            let (q, qs) = qualifier_before(toks, k);
            if let Some(q) = q {
                qualifier = q;
                first = qs;
            } else if in_words && k >= 1 && toks.is_any(k - 1, &["une", "un", "a", "an", "one"]) {
                first = k - 1;
            }
        }
        // "70 km environ"
        if toks.is(next, "environ") {
            qualifier = Qualifier::About;
            next += 1;
        }
        Some(DistPhrase {
            first,
            next,
            stated,
            qualifier,
        })
    }
}

fn same(w: &Work, a: &NameSpan, b: &NameSpan) -> bool {
    // Compare the folded words of both spans (no allocation).
    let words = |s: &NameSpan| {
        (s.tok.0..=s.tok.1)
            .filter(|&i| w.toks.toks[i].kind == Kind::Word)
            .map(|i| w.toks.f(i))
    };
    a.start == b.start || words(a).eq(words(b))
}

fn tail_suggestions(gaz: &Gazetteer, name: &str, opts: &ResolveOptions) -> Vec<String> {
    // "Oued de In-Emsal": try the part after the generic word and its particle.
    let words: Vec<&str> = name.split(' ').collect();
    for i in 1..words.len() {
        let tail = words[i..].join(" ");
        if tail.chars().next().is_some_and(|c| c.is_uppercase()) {
            let r = gaz.resolve(&tail, &opts.clone().fuzzy(false));
            if !r.suggestions.is_empty() {
                return r.suggestions;
            }
            if let Some(p) = r.place() {
                return vec![gaz.place(p).name.to_string()];
            }
        }
    }
    Vec::new()
}

fn has_trigger(toks: &Tokens) -> bool {
    let mut letters = Vec::new();
    (0..toks.toks.len()).any(|i| match toks.toks[i].kind {
        Kind::Num => true,
        Kind::Word => {
            let f = toks.f(i);
            compass_word(f).is_some()
                || NUMBER_WORDS.iter().any(|(w, _, _)| *w == f)
                || (f.len() > 5 && glued_compass(f, &mut letters))
                || (toks.toks[i].cap && compass_abbrev(word_text(toks, i)).is_some())
        }
        _ => false,
    })
}

fn word_text(toks: &Tokens, i: usize) -> &str {
    // Abbreviations are ASCII upper case: the folded form upper-cased is the original.
    let t = &toks.toks[i];
    if t.all_caps || (t.end - t.start == 1 && t.cap) {
        match toks.f(i) {
            "n" => "N",
            "s" => "S",
            "e" => "E",
            "w" => "W",
            "o" => "O",
            "ne" => "NE",
            "nw" => "NW",
            "se" => "SE",
            "sw" => "SW",
            "no" => "NO",
            "so" => "SO",
            "nne" => "NNE",
            "ene" => "ENE",
            "ese" => "ESE",
            "sse" => "SSE",
            "ssw" => "SSW",
            "wsw" => "WSW",
            "wnw" => "WNW",
            "nnw" => "NNW",
            "sso" => "SSO",
            "oso" => "OSO",
            "ono" => "ONO",
            "nno" => "NNO",
            _ => "",
        }
    } else {
        ""
    }
}

/// Gap words between a located place and its phrase: "X, située à", "X, which is".
const GAP: &[&str] = &[
    "a",
    "at",
    "situee",
    "situe",
    "situees",
    "situes",
    "located",
    "lying",
    "which",
    "is",
    "lies",
    "sits",
    "was",
    "est",
    "etait",
    "qui",
    "se",
    "trouve",
    "trouvait",
    "just",
    "only",
    "seulement",
    "soit",
    "basee",
    "base",
    "based",
    "some",
    "about",
];

fn skip_gap_left(w: &Work, first: usize) -> usize {
    let mut g = first;
    while g > 0 {
        let p = g - 1;
        let t = &w.toks.toks[p];
        let skip = match t.kind {
            Kind::Punct(',') | Kind::Punct('(') | Kind::Punct('-') => true,
            Kind::Word => (!t.cap || p == 0) && GAP.contains(&w.toks.f(p)),
            _ => false,
        };
        if !skip {
            break;
        }
        g = p;
    }
    g
}

fn is_opening_participle(w: &Work, i: usize) -> bool {
    w.toks.is_any(
        i,
        &[
            "situee", "situe", "located", "lying", "basee", "base", "based", "a", "at",
        ],
    )
}

/// "de", "d'", "du", "of", "from" at `i`: the token after it.
fn linker(w: &Work, i: usize) -> Option<usize> {
    let t = &w.toks;
    match w.lang {
        _ if t.is_any(i, &["de", "du", "des"]) => Some(i + 1),
        _ if t.is(i, "d") && t.is_p(i + 1, '\'') => Some(i + 2),
        _ if t.is_any(i, &["of", "from"]) => Some(i + 1),
        _ => None,
    }
}

/// A direction phrase at `i` ("au Nord-Est de", "à l'ouest d'", "north-east of", "NNE of",
/// "to the south of"); `after_distance` allows a bare compass word or a one-letter
/// abbreviation ("70 km S of").
fn direction_phrase(
    w: &mut Work,
    mut i: usize,
    after_distance: bool,
) -> Option<(Direction, usize)> {
    let t = &w.toks;
    let mut prefixed = false;
    if t.is(i, "au") {
        i += 1;
        prefixed = true;
    } else if t.is(i, "a") && t.is(i + 1, "l") && t.is_p(i + 2, '\'') {
        i += 3;
        prefixed = true;
    } else if t.is(i, "to") && t.is(i + 1, "the") {
        i += 2;
        prefixed = true;
    } else if t.is(i, "plein") {
        i += 1;
        prefixed = true;
    }
    let _ = prefixed;
    let (index16, next) = compass_at(w, i, after_distance)?;
    let after = linker(w, next)?;
    Some((Direction { index16 }, after))
}

/// A compass name at token `i`: (16-point index, next token).
fn compass_at(w: &mut Work, i: usize, allow_single_letter: bool) -> Option<(u8, usize)> {
    let t = &w.toks;
    let tok = t.toks.get(i)?;
    if tok.kind != Kind::Word {
        return None;
    }
    let f = t.f(i);
    w.letters.clear();
    if let Some(c) = compass_word(f) {
        w.letters.push(c);
        let mut j = i + 1;
        // "nord-est", "sud-sud-ouest", "north northeast"
        while w.letters.len() < 3 {
            let joined = (t.is_p(j, '-')
                && t.toks.get(j + 1).is_some_and(|x| x.space == Space::None))
            .then_some(j + 1)
            .or_else(|| {
                (t.toks
                    .get(j)
                    .is_some_and(|x| x.space == Space::Plain && x.kind == Kind::Word))
                .then_some(j)
                .filter(|&j| compass_word(t.f(j)).is_some() || glued_len(t.f(j)) > 0)
            });
            let Some(jj) = joined else { break };
            let g = t.f(jj);
            if let Some(c) = compass_word(g) {
                w.letters.push(c);
                j = jj + 1;
            } else {
                let mut extra = Vec::new();
                if glued_compass(g, &mut extra) && w.letters.len() + extra.len() <= 3 {
                    w.letters.extend(extra);
                    j = jj + 1;
                }
                break;
            }
        }
        return compass_index(&w.letters).map(|ix| (ix, j));
    }
    let mut letters = Vec::new();
    if f.len() > 5 && glued_compass(f, &mut letters) {
        return compass_index(&letters).map(|ix| (ix, i + 1));
    }
    let ab = word_text(t, i);
    if !ab.is_empty() && (ab.len() > 1 || allow_single_letter) {
        return compass_abbrev(ab).map(|ix| (ix, i + 1));
    }
    None
}

fn glued_len(w: &str) -> usize {
    let mut v = Vec::new();
    if glued_compass(w, &mut v) { v.len() } else { 0 }
}

/// A direction-only phrase starting at `k`: (direction, token after the linker, first token).
fn direction_only_start(w: &mut Work, k: usize) -> Option<(Direction, usize, usize)> {
    let t = &w.toks;
    let starts = t.is(k, "au")
        || (t.is(k, "a") && t.is(k + 1, "l") && t.is_p(k + 2, '\''))
        || (t.is(k, "to") && t.is(k + 1, "the"))
        || compass_word(t.f(k)).is_some_and(|_| w.lang == Lang::En && !t.toks[k].cap)
        || (t.toks.get(k).is_some_and(|x| x.kind == Kind::Word)
            && t.f(k).len() > 5
            && glued_len(t.f(k)) > 0)
        || !word_text(t, k).is_empty();
    if !starts {
        return None;
    }
    // "in the north of", "dans le nord de" are regions, not bearings.
    if k >= 1 && w.toks.is_any(k - 1, &["the", "le", "du", "dans"]) {
        return None;
    }
    let (dir, after) = direction_phrase(w, k, false)?;
    Some((dir, after, k))
}

/// The qualifier ending just before token `k`: (qualifier, its first token).
fn qualifier_before(t: &Tokens, k: usize) -> (Option<Qualifier>, usize) {
    let w = |back: usize| -> &str { if k >= back { t.f(k - back) } else { "" } };
    let is_word = |back: usize| k >= back && t.toks[k - back].kind == Kind::Word;
    if !is_word(1) {
        return (None, k);
    }
    let two = (w(2), w(1));
    let q2 = match two {
        ("plus", "de") | ("au", "moins") | ("more", "than") | ("at", "least") => {
            Some(Qualifier::MoreThan)
        }
        ("moins", "de") | ("less", "than") | ("up", "to") | ("no", "more") => {
            Some(Qualifier::LessThan)
        }
        ("pres", "de") | ("a", "peu") => Some(Qualifier::About),
        _ => None,
    };
    if let Some(q) = q2
        && is_word(2)
    {
        // "un peu plus de", "no more than"
        let mut s = k - 2;
        if k >= 3 && matches!(w(3), "peu" | "just" | "juste" | "bien") {
            s = k - 3;
            if k >= 4 && w(4) == "un" {
                s = k - 4;
            }
        }
        let q = if two == ("no", "more") {
            if w(0) == "than" {
                Qualifier::LessThan
            } else {
                q
            }
        } else {
            q
        };
        return (Some(q), s);
    }
    let q1 = match w(1) {
        "over" => Some(Qualifier::MoreThan),
        "under" | "within" => Some(Qualifier::LessThan),
        "environ" | "quelque" | "about" | "some" | "around" | "roughly" | "nearly"
        | "approximately" | "almost" | "presque" | "approximativement" | "approx" | "circa"
        | "ca" | "env" => Some(Qualifier::About),
        _ => None,
    };
    match q1 {
        Some(q) => {
            let mut s = k - 1;
            if k >= 2 && matches!(w(2), "just" | "juste") {
                s = k - 2;
            }
            (Some(q), s)
        }
        None => (None, k),
    }
}

/// A number at token `k` (a `Num`), as the press writes it: (value, next token).
///
/// French "1.200", "1 200" (plain, no-break or narrow no-break space) and "2,5"; English
/// "1,200" and "2.5". A three-digit group after the other language's separator is read as
/// a decimal ("1.200" in English is 1.2).
fn number(t: &Tokens, k: usize, lang: Lang) -> Option<(f64, usize)> {
    let first = t.f(k);
    let mut int: f64 = first.parse().ok()?;
    let mut i = k + 1;
    let mut frac: Option<&str> = None;
    let short_head = first.len() <= 3;
    // Separator-grouped thousands or one decimal part.
    while let (Some(p), Some(n)) = (t.toks.get(i), t.toks.get(i + 1)) {
        let Kind::Punct(c @ ('.' | ',')) = p.kind else {
            break;
        };
        if n.kind != Kind::Num || p.space != Space::None || n.space != Space::None {
            break;
        }
        let g = t.f(i + 1);
        let thousands_sep = matches!((lang, c), (Lang::Fr, '.') | (Lang::En, ','));
        if thousands_sep && g.len() == 3 && short_head {
            int = int * 1000.0 + g.parse::<f64>().ok()?;
            i += 2;
            continue;
        }
        frac = Some(g);
        i += 2;
        break;
    }
    // Space-grouped thousands: "1 200", "1\u{a0}200".
    while frac.is_none() && short_head {
        let Some(n) = t.toks.get(i) else { break };
        if n.kind == Kind::Num
            && matches!(n.space, Space::Plain | Space::NoBreak)
            && t.f(i).len() == 3
            && !t.is_p(i + 1, ':')
        {
            int = int * 1000.0 + t.f(i).parse::<f64>().ok()?;
            i += 1;
            continue;
        }
        break;
    }
    let mut v = int;
    if let Some(f) = frac {
        let fv: f64 = f.parse().ok()?;
        v += fv / 10f64.powi(f.len() as i32);
    }
    // Times, dates and percentages are not distances.
    if t.is_p(i, ':') || t.is_p(i, '/') || t.is_p(i, '%') {
        return None;
    }
    Some((v, i))
}

/// A unit at token `i`: (unit, next token).
fn unit_at(t: &Tokens, i: usize) -> Option<(Unit, usize)> {
    let tok = t.toks.get(i)?;
    if tok.kind != Kind::Word {
        return None;
    }
    let f = t.f(i);
    let u = match f {
        "km" | "kms" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => Unit::Km,
        "m" | "metre" | "metres" | "meter" | "meters" => Unit::M,
        "mi" | "mile" | "miles" => Unit::Mi,
        "milles" => {
            if t.is_any(i + 1, &["nautiques", "marins"]) {
                return Some((Unit::Nmi, i + 2));
            }
            Unit::Mi
        }
        "nautical" if t.is_any(i + 1, &["mile", "miles"]) => return Some((Unit::Nmi, i + 2)),
        "nmi" => Unit::Nmi,
        "yard" | "yards" | "yd" | "yds" => Unit::Yd,
        _ => return None,
    };
    Some((u, i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Tokens {
        let mut t = Tokens::default();
        t.tokenize(s, 0);
        t
    }

    fn num(s: &str, lang: Lang) -> Option<f64> {
        number(&toks(s), 0, lang).map(|(v, _)| v)
    }

    #[test]
    fn numbers_as_the_press_writes_them() {
        assert_eq!(num("1.200 km", Lang::Fr), Some(1200.0));
        assert_eq!(num("1 200 km", Lang::Fr), Some(1200.0));
        assert_eq!(num("1\u{a0}200 km", Lang::Fr), Some(1200.0));
        assert_eq!(num("1\u{202f}200 km", Lang::Fr), Some(1200.0));
        assert_eq!(num("2,5 km", Lang::Fr), Some(2.5));
        assert_eq!(num("1,200 km", Lang::En), Some(1200.0));
        assert_eq!(num("2.5 km", Lang::En), Some(2.5));
        assert_eq!(num("12 500 km", Lang::Fr), Some(12500.0));
        assert_eq!(num("10:30", Lang::En), None);
    }

    #[test]
    fn sentences_split_with_offsets() {
        let t = "Col. Diarra est arrivé. Il pleut à Gao! «Oui.» Non\nSuite";
        let s = split_sentences(t);
        let texts: Vec<&str> = s.iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(
            texts,
            [
                "Col. Diarra est arrivé.",
                "Il pleut à Gao!",
                "«Oui.»",
                "Non",
                "Suite"
            ]
        );
    }

    #[test]
    fn wrapped_lines_stay_one_sentence() {
        let t = "La colonne est partie de Gao,\nvers le nord.";
        assert_eq!(split_sentences(t).len(), 1);
    }

    #[test]
    fn language_detection() {
        assert_eq!(detect_lang("La ville est à 70 km de Gao."), Lang::Fr);
        assert_eq!(detect_lang("The town is 70 km from Gao."), Lang::En);
    }
}
