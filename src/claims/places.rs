//! Spotting gazetteer places in running text.
//!
//! Only capitalised words can start a place name (so the common words that GeoNames also
//! lists as hamlets are not taken for places), a name may run over several words joined by
//! hyphens, apostrophes, spaces or lower-case particles ("Adrar des Ifoghas",
//! "Mopti-ville", "Aguel'hoc"), the longest name known to the gazetteer wins, and matching is
//! exact (name or alternate name, accent- and case-insensitive), never fuzzy. Names are then
//! resolved with the document as context: the unambiguous places of the same text are the
//! `near` points that settle homonyms.

use std::collections::HashMap;

use super::lexicon::{Kind, PARTICLES, STOP, Space, Tokens};
use crate::gazetteer::{Gazetteer, MatchKind, PlaceIdx, ResolveOptions, Status};
use crate::normalize::push_key;

/// A place named in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    /// Byte offset of the name's start in the text.
    pub start: usize,
    /// Byte offset of the name's end.
    pub end: usize,
    /// The name as written.
    pub text: String,
    /// The place it resolved to.
    pub place: PlaceIdx,
    /// Resolution confidence in `[0, 1]`.
    pub confidence: f64,
    /// Whether homonyms were too close to call (the best one is given).
    pub ambiguous: bool,
    /// How the name matched (main or alternate name).
    pub kind: MatchKind,
}

/// A capitalised name span, known to the gazetteer or not.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NameSpan {
    /// Token range.
    pub tok: (usize, usize),
    /// Byte range in the document.
    pub start: usize,
    pub end: usize,
    /// Whether the gazetteer knows the name.
    pub known: bool,
}

/// Finds place names in text; build once per gazetteer and reuse.
#[derive(Debug)]
pub struct PlaceSpotter<'g> {
    gaz: &'g Gazetteer,
}

/// The resolution of one name key, cached per document.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub place: Option<PlaceIdx>,
    pub confidence: f64,
    pub ambiguous: bool,
    pub kind: MatchKind,
    pub suggestions: Vec<String>,
}

/// Per-document resolution cache, with the document's context points.
#[derive(Debug, Default)]
pub(crate) struct ResolveCache {
    map: HashMap<String, Resolved>,
    near: Vec<(f64, f64)>,
    key: String,
}

impl<'g> PlaceSpotter<'g> {
    /// A spotter over `gaz`.
    pub fn new(gaz: &'g Gazetteer) -> PlaceSpotter<'g> {
        PlaceSpotter { gaz }
    }

    /// The gazetteer.
    pub fn gazetteer(&self) -> &'g Gazetteer {
        self.gaz
    }

    /// The places named in `text`, in order, resolved with `opts` plus the document's other
    /// unambiguous places as context.
    pub fn spot(&self, text: &str, opts: &ResolveOptions) -> Vec<PlaceMention> {
        let mut toks = Tokens::default();
        toks.tokenize(text, 0);
        let mut spans = Vec::new();
        let mut key = String::new();
        self.name_spans(text, &toks, 0, &mut spans, &mut key);
        let mut cache = ResolveCache::default();
        for s in spans.iter().filter(|s| s.known) {
            cache.first_pass(self.gaz, &text[s.start..s.end], opts);
        }
        cache.settle(self.gaz, opts);
        spans
            .iter()
            .filter(|s| s.known)
            .filter_map(|s| {
                let name = &text[s.start..s.end];
                let r = cache.get(self.gaz, name, opts);
                r.place.map(|place| PlaceMention {
                    start: s.start,
                    end: s.end,
                    text: name.to_string(),
                    place,
                    confidence: r.confidence,
                    ambiguous: r.ambiguous,
                    kind: r.kind,
                })
            })
            .collect()
    }

    /// Appends the capitalised name spans of the tokens to `out` (`doc` is the document the
    /// token offsets refer to): every known name (longest first), and every unknown
    /// capitalised span that does not start with a common word.
    pub(crate) fn name_spans(
        &self,
        doc: &str,
        toks: &Tokens,
        tok_base: usize,
        out: &mut Vec<NameSpan>,
        key: &mut String,
    ) {
        let t = &toks.toks;
        let mut i = tok_base;
        let mut ends: Vec<usize> = Vec::with_capacity(8);
        while i < t.len() {
            let tok = t[i];
            if tok.kind != Kind::Word || !tok.cap {
                i += 1;
                continue;
            }
            // Grow the span: word indices where a name could end.
            ends.clear();
            ends.push(i);
            let mut j = i;
            while ends.len() < 7 {
                let n1 = j + 1;
                let Some(a) = t.get(n1) else { break };
                // Joined by a hyphen or apostrophe without spaces.
                if matches!(a.kind, Kind::Punct('-') | Kind::Punct('\''))
                    && a.space == Space::None
                    && t.get(n1 + 1)
                        .is_some_and(|b| b.kind == Kind::Word && b.space == Space::None)
                {
                    j = n1 + 1;
                    ends.push(j);
                    continue;
                }
                if a.kind == Kind::Word && a.space == Space::Plain {
                    if a.cap && !toks.is_any(n1, &["de", "du", "des", "la", "le", "les", "a"]) {
                        j = n1;
                        ends.push(j);
                        continue;
                    }
                    if !a.cap
                        && PARTICLES.contains(&toks.f(n1))
                        && t.get(n1 + 1).is_some_and(|b| b.kind == Kind::Word && b.cap)
                    {
                        j = n1 + 1;
                        ends.push(j);
                        continue;
                    }
                    // French elision inside a name: "Oued d'In-Emsal".
                    if !a.cap
                        && matches!(toks.f(n1), "d" | "l")
                        && toks.is_p(n1 + 1, '\'')
                        && t.get(n1 + 2).is_some_and(|b| b.kind == Kind::Word && b.cap)
                    {
                        j = n1 + 2;
                        ends.push(j);
                        continue;
                    }
                }
                break;
            }
            let single_stop = STOP.contains(&toks.f(i)) || (tok.all_caps && is_acronym(toks.f(i)));
            let mut found = None;
            for &e in ends.iter().rev() {
                if e == i && single_stop {
                    continue;
                }
                key.clear();
                push_key(&doc[tok.start..t[e].end], key);
                if key.len() >= 2 && self.gaz.has_key(key) {
                    found = Some(e);
                    break;
                }
            }
            match found {
                Some(e) => {
                    out.push(NameSpan {
                        tok: (i, e),
                        start: tok.start,
                        end: t[e].end,
                        known: true,
                    });
                    i = e + 1;
                }
                None => {
                    let generic = ends.len() > 1 && GENERIC.contains(&toks.f(i));
                    if !single_stop || generic {
                        let e = *ends.last().unwrap_or(&i);
                        out.push(NameSpan {
                            tok: (i, e),
                            start: tok.start,
                            end: t[e].end,
                            known: false,
                        });
                    }
                    i += 1;
                }
            }
        }
    }
}

/// Generic geographic nouns that open a longer name ("Oued de In-Emsal", "Lac Faguibine").
const GENERIC: &[&str] = &[
    "oued", "lac", "mont", "camp", "route", "region", "river", "lake", "mount",
];

fn is_acronym(w: &str) -> bool {
    // All-caps words of up to five letters are organisations (MNLA, AQMI, MUJAO, RFI)
    // far more often than places; longer all-caps words are datelines (BAMAKO, KIDAL).
    w.len() <= 5
}

impl ResolveCache {
    /// Resolves `name` with the base options (first pass), remembering it.
    pub fn first_pass(&mut self, gaz: &Gazetteer, name: &str, opts: &ResolveOptions) {
        self.key.clear();
        push_key(name, &mut self.key);
        if self.map.contains_key(&self.key) {
            return;
        }
        let r = gaz.resolve(name, &opts.clone().fuzzy(false));
        let resolved = Resolved {
            place: r.place(),
            confidence: r.confidence(),
            ambiguous: r.status == Status::Ambiguous,
            kind: r.best.map_or(MatchKind::Name, |c| c.kind),
            suggestions: r.suggestions,
        };
        self.map.insert(self.key.clone(), resolved);
    }

    /// Collects the unambiguous populated places as context points and re-resolves the
    /// ambiguous names near them.
    pub fn settle(&mut self, gaz: &Gazetteer, opts: &ResolveOptions) {
        let mut near: Vec<(f64, f64)> = Vec::new();
        for r in self.map.values() {
            if let (Some(p), false) = (r.place, r.ambiguous) {
                let p = gaz.place(p);
                let in_country = opts.country.as_deref().is_none_or(|c| p.country == c);
                if p.is_populated() && in_country && near.len() < 24 {
                    near.push((p.lat, p.lon));
                }
            }
        }
        near.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        near.dedup();
        self.near = near;
        if self.near.is_empty() {
            return;
        }
        let mut o = opts.clone().fuzzy(false);
        o.near.extend(self.near.iter().copied());
        let keys: Vec<String> = self
            .map
            .iter()
            .filter(|(_, r)| r.ambiguous)
            .map(|(k, _)| k.clone())
            .collect();
        for k in keys {
            let r = gaz.resolve(&k, &o);
            if let Some(e) = self.map.get_mut(&k) {
                e.place = r.place().or(e.place);
                e.confidence = r.confidence();
                e.ambiguous = r.status == Status::Ambiguous;
                if let Some(c) = r.best {
                    e.kind = c.kind;
                }
            }
        }
    }

    /// The resolution of `name` (resolving it now, with the context points, if new).
    pub fn get(&mut self, gaz: &Gazetteer, name: &str, opts: &ResolveOptions) -> &Resolved {
        self.key.clear();
        push_key(name, &mut self.key);
        if !self.map.contains_key(&self.key) {
            let mut o = opts.clone().fuzzy(false);
            o.near.extend(self.near.iter().copied());
            let r = gaz.resolve(name, &o);
            let resolved = Resolved {
                place: r.place(),
                confidence: r.confidence(),
                ambiguous: r.status == Status::Ambiguous,
                kind: r.best.map_or(MatchKind::Name, |c| c.kind),
                suggestions: r.suggestions,
            };
            self.map.insert(self.key.clone(), resolved);
        }
        &self.map[&self.key]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> Gazetteer {
        Gazetteer::embedded().unwrap()
    }

    #[test]
    fn spots_places_with_hyphens_elisions_and_particles() {
        let g = gaz();
        let s = PlaceSpotter::new(&g);
        let opts = ResolveOptions::default().country(Some("ML"));
        let text = "Le convoi a quitté Mopti-ville pour l'Adrar des Ifoghas, loin d'Aguelhok.";
        let m = s.spot(text, &opts);
        let names: Vec<&str> = m.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(names, ["Mopti-ville", "Adrar des Ifoghas", "Aguelhok"]);
        assert_eq!(&text[m[0].start..m[0].end], "Mopti-ville");
    }

    #[test]
    fn common_words_are_not_places() {
        let g = gaz();
        let s = PlaceSpotter::new(&g);
        let opts = ResolveOptions::default().country(Some("ML"));
        let m = s.spot(
            "La ville est au nord. Selon le MNLA, ber et gao ont été pris.",
            &opts,
        );
        assert!(m.is_empty(), "{m:?}");
    }

    #[test]
    fn joined_pairs_split_into_two_places() {
        let g = gaz();
        let s = PlaceSpotter::new(&g);
        let m = s.spot("le trajet Bamako-Tombouctou", &ResolveOptions::default());
        let names: Vec<&str> = m.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(names, ["Bamako", "Tombouctou"]);
    }
}
