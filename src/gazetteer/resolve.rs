//! Ranking: from a name as written to the best place, a confidence, and an honest
//! "ambiguous" when homonyms are too close to call.
//!
//! Each candidate gets a score `quality × prior × bias`:
//! - *quality* of the match: name 1.0, alternate name 0.95, fuzzy 0.7 (one edit) or 0.55 (two);
//! - *prior*: feature class and code (capital > admin seat > populated place > camp, airport,
//!   ruin > terrain > stream or marsh), population (populated places only, log scale) and
//!   notability (how many alternate names the sources record, and a Who's On First record);
//! - *bias*: ×0.3 outside the `country` asked for; with `near` points, from ×1 at the point down
//!   to ×0.35 far away (e-folding distance [`ResolveOptions::near_scale_km`]).
//!
//! Candidates' shares are `score⁴ / Σ score⁴`; the confidence of a candidate is
//! `quality × (0.8 + 0.2 × prior) × √share`. The status is `ambiguous` when a candidate more
//! than 10 km from the best (or across a border) scores at least [`ResolveOptions::ambiguity_ratio`] of it.

use super::index::FuzzyHit;
use super::{Gazetteer, Place, PlaceIdx};
use crate::normalize::name_key;

/// How a name matched a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// The place's main name.
    Name,
    /// One of its alternate names.
    Alternate,
    /// A misspelling, `distance` edits away from a name or alternate name.
    Fuzzy {
        /// Levenshtein distance (a transposition counts as one).
        distance: u8,
    },
}

impl MatchKind {
    /// `name`, `alternate` or `fuzzy`.
    pub fn label(self) -> &'static str {
        match self {
            MatchKind::Name => "name",
            MatchKind::Alternate => "alternate",
            MatchKind::Fuzzy { .. } => "fuzzy",
        }
    }

    fn quality(self) -> f64 {
        match self {
            MatchKind::Name => 1.0,
            MatchKind::Alternate => 0.95,
            MatchKind::Fuzzy { distance: 0 | 1 } => 0.7,
            MatchKind::Fuzzy { distance: 2 } => 0.55,
            MatchKind::Fuzzy { .. } => 0.4,
        }
    }
}

/// Resolution status, as in the CLI contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// One place stands out.
    Resolved,
    /// Several places are too close to call; all are listed.
    Ambiguous,
    /// No place matched; see the suggestions.
    Unknown,
}

/// Options of [`Gazetteer::resolve`], with setters.
#[derive(Debug, Clone)]
pub struct ResolveOptions {
    /// Prefer places of this ISO country code (`ML`).
    pub country: Option<String>,
    /// Prefer places near these points (lat, lon): a `--near` point or the other places of
    /// the same document.
    pub near: Vec<(f64, f64)>,
    /// E-folding distance of the proximity bias, in km.
    pub near_scale_km: f64,
    /// Accept misspellings as matches (otherwise they only become suggestions).
    pub fuzzy: bool,
    /// A rival within this ratio of the best score makes the status ambiguous.
    pub ambiguity_ratio: f64,
    /// At most this many alternatives are listed.
    pub max_alternatives: usize,
    /// At most this many suggestions are listed.
    pub max_suggestions: usize,
}

impl Default for ResolveOptions {
    fn default() -> Self {
        ResolveOptions {
            country: None,
            near: Vec::new(),
            near_scale_km: 150.0,
            fuzzy: true,
            ambiguity_ratio: 0.8,
            max_alternatives: 15,
            max_suggestions: 6,
        }
    }
}

impl ResolveOptions {
    /// Sets the country bias.
    pub fn country(mut self, cc: Option<&str>) -> Self {
        self.country = cc.map(|c| c.to_ascii_uppercase());
        self
    }

    /// Adds a proximity point.
    pub fn near(mut self, lat: f64, lon: f64) -> Self {
        self.near.push((lat, lon));
        self
    }

    /// Turns fuzzy matching on or off.
    pub fn fuzzy(mut self, on: bool) -> Self {
        self.fuzzy = on;
        self
    }
}

/// One ranked candidate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    /// The place.
    pub place: PlaceIdx,
    /// How it matched.
    pub kind: MatchKind,
    /// Its score (see the module docs).
    pub score: f64,
    /// Its confidence in `[0, 1]`.
    pub confidence: f64,
}

/// The answer to one query.
#[derive(Debug, Clone)]
pub struct Resolution {
    /// The name as asked.
    pub query: String,
    /// Resolved, ambiguous or unknown.
    pub status: Status,
    /// The best candidate (for resolved and ambiguous).
    pub best: Option<Candidate>,
    /// The other candidates, best first (all the close ones when ambiguous).
    pub alternatives: Vec<Candidate>,
    /// The nearest known names, for unknown or misspelt input.
    pub suggestions: Vec<String>,
}

impl Resolution {
    /// The best place, if any.
    pub fn place(&self) -> Option<PlaceIdx> {
        self.best.map(|c| c.place)
    }

    /// The confidence of the best candidate (0 when unknown).
    pub fn confidence(&self) -> f64 {
        self.best.map_or(0.0, |c| c.confidence)
    }
}

fn feature_weight(p: &Place) -> f64 {
    let code = p.feature_code.as_ref();
    match p.feature_class {
        'P' => match code {
            "PPLC" => 1.0,
            "PPLA" => 0.95,
            "PPLA2" => 0.9,
            "PPLA3" | "PPLA4" | "PPLG" => 0.85,
            "PPL" => 0.8,
            "PPLX" | "PPLL" => 0.7,
            "PPLQ" | "PPLH" | "PPLW" => 0.4,
            _ => 0.7,
        },
        'A' => match code {
            "PCLI" | "PCLD" | "PCL" => 0.85,
            "ADM1" => 0.7,
            "ADM2" => 0.62,
            _ => 0.55,
        },
        'S' => match code {
            "AIRP" | "AIRF" | "CMP" | "CMPRF" | "CMPMLI" | "INSM" | "FT" => 0.6,
            "RUIN" => 0.45,
            _ => 0.5,
        },
        'L' => 0.5,
        'T' => 0.5,
        'H' => match code {
            "OAS" | "WLL" | "WLLS" => 0.5,
            "LK" | "LKS" | "LKI" => 0.45,
            _ => 0.35,
        },
        _ => 0.4,
    }
}

fn prior(p: &Place) -> f64 {
    let fw = feature_weight(p);
    let pop = if p.is_populated() && p.population > 0 {
        ((p.population as f64 + 1.0).log10() / 6.5).min(1.0)
    } else {
        0.0
    };
    let alts = p.alt_names().count() as f64;
    let notability =
        ((alts / 6.0).min(1.0) * 0.8 + if p.wof_id.is_some() { 0.2 } else { 0.0 }).min(1.0);
    0.55 * fw + 0.25 * pop + 0.2 * notability
}

fn bias(p: &Place, opts: &ResolveOptions) -> f64 {
    let mut b = 1.0;
    if let Some(cc) = &opts.country {
        if !p.country.eq_ignore_ascii_case(cc) {
            b *= 0.3;
        }
    }
    if !opts.near.is_empty() {
        let d = opts
            .near
            .iter()
            .map(|&(lat, lon)| crate::geodesy::haversine_km(lat, lon, p.lat, p.lon))
            .fold(f64::INFINITY, f64::min);
        b *= 0.35 + 0.65 * (-d / opts.near_scale_km).exp();
    }
    b
}

/// Allowed edits for a fuzzy match of a key of this length.
fn fuzzy_budget(key_len: usize) -> u8 {
    match key_len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

impl Gazetteer {
    /// Resolves one name (see the module docs for the ranking).
    pub fn resolve(&self, query: &str, opts: &ResolveOptions) -> Resolution {
        let key = name_key(query);
        let mut raw: Vec<(PlaceIdx, MatchKind)> = if key.is_empty() {
            Vec::new()
        } else {
            self.index.exact(&key)
        };
        let mut suggestions = Vec::new();
        if raw.is_empty() && !key.is_empty() {
            let hits = self.fuzzy_hits(&key, 2);
            suggestions = self.suggestion_names(&hits, opts);
            if suggestions.is_empty() {
                let wider = self.fuzzy_hits(&key, 3);
                suggestions = self.suggestion_names(&wider, opts);
            }
            if opts.fuzzy {
                let budget = fuzzy_budget(key.chars().count());
                let mut best: Vec<(PlaceIdx, MatchKind)> = Vec::new();
                for h in hits.iter().filter(|h| h.distance <= budget) {
                    let kind = MatchKind::Fuzzy {
                        distance: h.distance,
                    };
                    match best.iter_mut().find(|(p, _)| *p == h.place) {
                        Some((_, k)) => {
                            if kind.quality() > k.quality() {
                                *k = kind
                            }
                        }
                        None => best.push((h.place, kind)),
                    }
                }
                raw = best;
            }
        }
        self.rank(query, raw, suggestions, opts)
    }

    fn fuzzy_hits(&self, key: &str, max: u8) -> Vec<FuzzyHit> {
        if key.chars().count() < 3 {
            return Vec::new();
        }
        self.index.fuzzy(key, max)
    }

    fn suggestion_names(&self, hits: &[FuzzyHit], opts: &ResolveOptions) -> Vec<String> {
        // Rank by edit distance, then by the place's prior and bias; show the spelling that
        // matched (the name or the alternate), once.
        let mut scored: Vec<(u8, f64, String)> = hits
            .iter()
            .map(|h| {
                let p = self.place(h.place);
                let shown = if h.is_alternate {
                    p.alt_names()
                        .find(|a| name_key(a) == h.key)
                        .unwrap_or(&p.name)
                        .to_string()
                } else {
                    p.name.to_string()
                };
                (h.distance, -(prior(p) * bias(p, opts)), shown)
            })
            .collect();
        scored.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut out: Vec<String> = Vec::new();
        for (_, _, name) in scored {
            if !out.iter().any(|n| name_key(n) == name_key(&name)) {
                out.push(name);
            }
            if out.len() >= opts.max_suggestions {
                break;
            }
        }
        out
    }

    fn rank(
        &self,
        query: &str,
        raw: Vec<(PlaceIdx, MatchKind)>,
        suggestions: Vec<String>,
        opts: &ResolveOptions,
    ) -> Resolution {
        if raw.is_empty() {
            return Resolution {
                query: query.to_string(),
                status: Status::Unknown,
                best: None,
                alternatives: Vec::new(),
                suggestions,
            };
        }
        let mut cands: Vec<(Candidate, f64)> = raw
            .into_iter()
            .map(|(idx, kind)| {
                let p = self.place(idx);
                let pr = prior(p);
                let score = kind.quality() * pr * bias(p, opts);
                (
                    Candidate {
                        place: idx,
                        kind,
                        score,
                        confidence: 0.0,
                    },
                    pr,
                )
            })
            .collect();
        cands.sort_by(|a, b| {
            b.0.score
                .total_cmp(&a.0.score)
                .then(a.0.place.cmp(&b.0.place))
        });
        let total: f64 = cands.iter().map(|(c, _)| c.score.powi(4)).sum();
        for (c, pr) in &mut cands {
            let share = if total > 0.0 {
                c.score.powi(4) / total
            } else {
                0.0
            };
            c.confidence = (c.kind.quality() * (0.8 + 0.2 * *pr) * share.sqrt()).clamp(0.0, 1.0);
        }
        let best = cands[0].0;
        let bp = self.place(best.place);
        let rivals: Vec<Candidate> = cands[1..]
            .iter()
            .map(|(c, _)| *c)
            .filter(|c| {
                let p = self.place(c.place);
                // A rival nearby is the same place recorded twice, unless it lies across a
                // border (Tin Zaouatene is on both sides of the Mali–Algeria border).
                c.score >= opts.ambiguity_ratio * best.score
                    && (p.country != bp.country
                        || crate::geodesy::haversine_km(bp.lat, bp.lon, p.lat, p.lon) > 10.0)
            })
            .collect();
        let status = if rivals.is_empty() {
            Status::Resolved
        } else {
            Status::Ambiguous
        };
        let limit = if status == Status::Ambiguous {
            opts.max_alternatives.max(rivals.len())
        } else {
            opts.max_alternatives
        };
        let alternatives = cands[1..].iter().map(|(c, _)| *c).take(limit).collect();
        Resolution {
            query: query.to_string(),
            status,
            best: Some(best),
            alternatives,
            suggestions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> Gazetteer {
        Gazetteer::embedded().unwrap()
    }

    #[test]
    fn capital_beats_streams_of_the_same_name() {
        let g = gaz();
        let r = g.resolve("Bamako", &ResolveOptions::default());
        assert_eq!(r.status, Status::Resolved);
        let p = g.place(r.place().unwrap());
        assert_eq!(p.feature_code, "PPLC");
        assert!(r.confidence() > 0.8, "{}", r.confidence());
    }

    #[test]
    fn misspelling_resolves_fuzzily_with_lower_confidence() {
        let g = gaz();
        let r = g.resolve("Tombuctou", &ResolveOptions::default());
        assert!(
            matches!(r.best.unwrap().kind, MatchKind::Fuzzy { .. }),
            "{r:?}"
        );
        assert!(r.confidence() < 0.75);
        let off = g.resolve("Tombuctou", &ResolveOptions::default().fuzzy(false));
        assert_eq!(off.status, Status::Unknown);
        assert!(!off.suggestions.is_empty());
    }

    #[test]
    fn nonsense_is_unknown() {
        let g = gaz();
        let r = g.resolve("Xqzwv Plorb", &ResolveOptions::default());
        assert_eq!(r.status, Status::Unknown);
        assert!(r.best.is_none());
        let r = g.resolve("—", &ResolveOptions::default());
        assert_eq!(r.status, Status::Unknown);
    }

    #[test]
    fn proximity_pulls_homonyms() {
        let g = gaz();
        // Villages called Kona are all over Mali; near Mopti the town of Konna wins.
        let r = g.resolve("Kona", &ResolveOptions::default().near(14.49, -4.20));
        let p = g.place(r.place().unwrap());
        assert!(
            (p.lat - 14.94).abs() < 0.1 && (p.lon + 3.89).abs() < 0.1,
            "{p:?}"
        );
    }
}
