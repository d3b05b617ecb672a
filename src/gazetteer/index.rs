//! Name and space indexes: the precompiled fst of name keys, a small overlay for users'
//! places, Levenshtein-automaton search for misspellings, and a grid for nearest-place queries.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use fst::{Automaton, IntoStreamer, Streamer};
use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder, SINK_STATE};

use super::{MatchKind, Place, PlaceIdx};
use crate::error::{Error, Result};

static NAMES_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/names.fst"));
static POSTINGS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/postings.bin"));

/// Name key → places, for the embedded data plus the users' overlay.
pub(crate) struct NameIndex {
    base: fst::Map<&'static [u8]>,
    overlay_keys: BTreeMap<String, Vec<u32>>,
    overlay: Option<fst::Map<Vec<u8>>>,
}

/// A place found by a fuzzy search, with the key it matched and the edit distance.
pub(crate) struct FuzzyHit {
    pub place: PlaceIdx,
    pub is_alternate: bool,
    pub key: String,
    pub distance: u8,
}

impl NameIndex {
    pub(crate) fn embedded() -> Result<Self> {
        let base = fst::Map::new(NAMES_FST).map_err(|e| Error::Embedded(e.to_string()))?;
        Ok(NameIndex {
            base,
            overlay_keys: BTreeMap::new(),
            overlay: None,
        })
    }

    /// Adds a user name for `place` (call [`NameIndex::rebuild_overlay`] after a batch).
    pub(crate) fn add_overlay(&mut self, name: &str, place: PlaceIdx, is_alternate: bool) {
        let key = crate::normalize::name_key(name);
        if key.is_empty() {
            return;
        }
        let posting = (place.0 << 1) | u32::from(is_alternate);
        let list = self.overlay_keys.entry(key).or_default();
        if let Some(existing) = list.iter_mut().find(|p| **p >> 1 == place.0) {
            *existing = (*existing).min(posting);
        } else {
            list.push(posting);
        }
    }

    /// Rebuilds the overlay's fst from its keys (used by fuzzy search).
    pub(crate) fn rebuild_overlay(&mut self) {
        let mut b = fst::MapBuilder::memory();
        for (i, key) in self.overlay_keys.keys().enumerate() {
            // Keys come out of the BTreeMap sorted and unique, so insert cannot fail.
            let _ = b.insert(key.as_bytes(), i as u64);
        }
        self.overlay = b.into_inner().ok().and_then(|v| fst::Map::new(v).ok());
    }

    fn base_postings(value: u64) -> impl Iterator<Item = u32> {
        let start = (value >> 16) as usize;
        let len = (value & 0xffff) as usize;
        (start..start + len).map(|i| {
            let b = &POSTINGS[i * 4..i * 4 + 4];
            u32::from_le_bytes([b[0], b[1], b[2], b[3]])
        })
    }

    fn postings_of(&self, key: &str, mut f: impl FnMut(u32)) {
        if let Some(v) = self.base.get(key) {
            Self::base_postings(v).for_each(&mut f);
        }
        if let Some(list) = self.overlay_keys.get(key) {
            list.iter().copied().for_each(f);
        }
    }

    /// Places whose name or alternate folds to `key`, one entry per place.
    pub(crate) fn exact(&self, key: &str) -> Vec<(PlaceIdx, MatchKind)> {
        let mut out: Vec<(PlaceIdx, MatchKind)> = Vec::new();
        self.postings_of(key, |p| {
            let idx = PlaceIdx(p >> 1);
            let kind = if p & 1 == 1 {
                MatchKind::Alternate
            } else {
                MatchKind::Name
            };
            match out.iter_mut().find(|(i, _)| *i == idx) {
                Some((_, k)) if kind == MatchKind::Name => *k = kind,
                Some(_) => {}
                None => out.push((idx, kind)),
            }
        });
        out
    }

    /// Whether any place has a name folding to `key` (cheap, no allocation).
    pub(crate) fn contains_key(&self, key: &str) -> bool {
        self.base.contains_key(key) || self.overlay_keys.contains_key(key)
    }

    /// Places whose keys are within `max_distance` edits of `key` (transpositions count as
    /// one edit), found by running a Levenshtein automaton over the fst — no scan of the names.
    pub(crate) fn fuzzy(&self, key: &str, max_distance: u8) -> Vec<FuzzyHit> {
        let dfa = builder(max_distance).build_dfa(key);
        let mut hits = Vec::new();
        let aut = DfaAutomaton(&dfa);
        let mut push = |k: &[u8], postings: &mut dyn Iterator<Item = u32>| {
            let Distance::Exact(d) = dfa.eval(k) else {
                return;
            };
            let key = String::from_utf8_lossy(k).into_owned();
            for p in postings {
                hits.push(FuzzyHit {
                    place: PlaceIdx(p >> 1),
                    is_alternate: p & 1 == 1,
                    key: key.clone(),
                    distance: d,
                });
            }
        };
        let mut stream = self.base.search(&aut).into_stream();
        while let Some((k, v)) = stream.next() {
            push(k, &mut Self::base_postings(v));
        }
        if let Some(overlay) = &self.overlay {
            let mut stream = overlay.search(&aut).into_stream();
            while let Some((k, _)) = stream.next() {
                let key = String::from_utf8_lossy(k).into_owned();
                if let Some(list) = self.overlay_keys.get(&key) {
                    push(k, &mut list.iter().copied());
                }
            }
        }
        hits
    }

    /// Every key of the base index and overlay with its postings (for text spotting).
    pub(crate) fn for_each_key(&self, mut f: impl FnMut(&str, PlaceIdx, bool)) {
        let mut stream = self.base.stream();
        while let Some((k, v)) = stream.next() {
            let key = std::str::from_utf8(k).unwrap_or("");
            for p in Self::base_postings(v) {
                f(key, PlaceIdx(p >> 1), p & 1 == 1);
            }
        }
        for (key, list) in &self.overlay_keys {
            for p in list {
                f(key, PlaceIdx(p >> 1), p & 1 == 1);
            }
        }
    }
}

fn builder(max_distance: u8) -> &'static LevenshteinAutomatonBuilder {
    static B1: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    static B2: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    static B3: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    match max_distance {
        0 | 1 => B1.get_or_init(|| LevenshteinAutomatonBuilder::new(1, true)),
        2 => B2.get_or_init(|| LevenshteinAutomatonBuilder::new(2, true)),
        _ => B3.get_or_init(|| LevenshteinAutomatonBuilder::new(3, true)),
    }
}

struct DfaAutomaton<'a>(&'a DFA);

impl Automaton for DfaAutomaton<'_> {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

/// A regular lat/lon grid of place indices for nearest-place queries.
pub(crate) struct Grid {
    cells: std::collections::HashMap<(i32, i32), Vec<u32>>,
}

const CELL_DEG: f64 = 0.25;

fn cell_of(lat: f64, lon: f64) -> (i32, i32) {
    (
        (lat / CELL_DEG).floor() as i32,
        (lon / CELL_DEG).floor() as i32,
    )
}

impl Grid {
    pub(crate) fn new(places: &[Place]) -> Self {
        let mut cells: std::collections::HashMap<(i32, i32), Vec<u32>> = Default::default();
        for (i, p) in places.iter().enumerate() {
            cells
                .entry(cell_of(p.lat, p.lon))
                .or_default()
                .push(i as u32);
        }
        Grid { cells }
    }

    pub(crate) fn nearest(
        &self,
        places: &[Place],
        lat: f64,
        lon: f64,
        max_km: f64,
        keep: impl Fn(&Place) -> bool,
    ) -> Option<(PlaceIdx, f64)> {
        // One degree of latitude is ~111 km; longitude shrinks with cos(lat).
        let dlat = (max_km / 110.0 / CELL_DEG).ceil() as i32 + 1;
        let coslat = lat.to_radians().cos().abs().max(0.05);
        let dlon = (max_km / (111.0 * coslat) / CELL_DEG).ceil() as i32 + 1;
        let (ci, cj) = cell_of(lat, lon);
        let mut best: Option<(PlaceIdx, f64)> = None;
        for i in ci - dlat..=ci + dlat {
            for j in cj - dlon..=cj + dlon {
                let Some(list) = self.cells.get(&(i, j)) else {
                    continue;
                };
                for &k in list {
                    let p = &places[k as usize];
                    if !keep(p) {
                        continue;
                    }
                    let d = crate::geodesy::haversine_km(lat, lon, p.lat, p.lon);
                    if d <= max_km && best.is_none_or(|(_, bd)| d < bd) {
                        best = Some((PlaceIdx(k), d));
                    }
                }
            }
        }
        best
    }
}
