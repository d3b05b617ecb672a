//! Distance and direction claims in running text: "Sévaré, à 70 km au sud de Konna",
//! "Gao, around 1,000 kilometres northeast of Bamako", "Tessalit, au nord de Kidal".
//!
//! [`ClaimParser`] is built once per gazetteer and finds every claim of a French or English
//! text ([`ClaimParser::find_claims`]), sentence by sentence, with the sentence's byte offsets.
//! Places are spotted with [`places::PlaceSpotter`] (exact and alternate names only, never
//! fuzzy, capitalised words only) and resolved with the document as context: the other
//! unambiguous places of the same text pull homonyms towards them.
//!
//! ```
//! use frontmap::claims::{ClaimParser, ParseOptions, Qualifier};
//! use frontmap::gazetteer::Gazetteer;
//! let gaz = Gazetteer::embedded()?;
//! let parser = ClaimParser::new(&gaz);
//! let found = parser.find_claims("L'armée est partie de Sévaré, à 70 km au sud de Konna.", &ParseOptions::default());
//! assert_eq!(found.len(), 1);
//! let c = &found[0].claim;
//! assert_eq!(c.from.text, "Konna");
//! assert_eq!(c.to.text, "Sévaré");
//! assert_eq!(c.distance.as_ref().unwrap().value, 70.0);
//! assert_eq!(c.qualifier, Qualifier::Exact);
//! assert_eq!(c.direction.unwrap().label(), "S");
//! # Ok::<(), frontmap::Error>(())
//! ```

pub mod csv;
pub(crate) mod lexicon;
mod parse;
pub mod places;

pub use parse::{ClaimParser, Lang, ParseOptions, Sentence, detect_lang, split_sentences};
pub use places::{PlaceMention, PlaceSpotter};

use crate::gazetteer::{Gazetteer, PlaceIdx};

/// How a figure is qualified: "plus de", "environ", "less than"…
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// No qualifier: the figure as stated (judged within the rounding it implies).
    Exact,
    /// "environ", "près de", "une centaine de", "about", "around", "some", "nearly"…
    About,
    /// "plus de", "au moins", "more than", "over", "at least"…
    MoreThan,
    /// "moins de", "less than", "under", "within"…
    LessThan,
}

impl Qualifier {
    /// `exact`, `about`, `more_than`, `less_than` (the JSON and CSV names).
    pub fn label(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::About => "about",
            Qualifier::MoreThan => "more_than",
            Qualifier::LessThan => "less_than",
        }
    }

    /// Parses a label ([`Qualifier::label`]); an empty string is `exact`.
    pub fn from_label(s: &str) -> Option<Qualifier> {
        match s
            .trim()
            .to_ascii_lowercase()
            .replace(['-', ' '], "_")
            .as_str()
        {
            "" | "exact" => Some(Qualifier::Exact),
            "about" | "approx" | "approximately" => Some(Qualifier::About),
            "more_than" | "over" | "at_least" => Some(Qualifier::MoreThan),
            "less_than" | "under" | "within" => Some(Qualifier::LessThan),
            _ => None,
        }
    }
}

/// A stated compass direction: one of the 16 points, and whether the text used an
/// 8-point name (N, NE, E…) or a 16-point one (NNE, ENE…), which sets the sector width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Direction {
    /// Index in [`crate::geodesy::COMPASS_16`] (0 = N, 2 = NE, 4 = E…).
    pub index16: u8,
}

impl Direction {
    /// The direction named by a compass label (`"NE"`, `"ssw"`…).
    pub fn from_label(label: &str) -> Option<Direction> {
        crate::geodesy::COMPASS_16
            .iter()
            .position(|p| p.eq_ignore_ascii_case(label.trim()))
            .map(|i| Direction { index16: i as u8 })
    }

    /// Its compass label (`"NE"`).
    pub fn label(self) -> &'static str {
        crate::geodesy::COMPASS_16[self.index16 as usize % 16]
    }

    /// Its bearing in degrees clockwise from north.
    pub fn bearing_deg(self) -> f64 {
        self.index16 as f64 * 22.5
    }

    /// Whether it is one of the 8 main points (sector ±22.5°) rather than a 16-point name
    /// (sector ±11.25°).
    pub fn is_eight_point(self) -> bool {
        self.index16.is_multiple_of(2)
    }

    /// Half the width of the sector the name covers, in degrees.
    pub fn half_sector_deg(self) -> f64 {
        if self.is_eight_point() { 22.5 } else { 11.25 }
    }
}

impl serde::Serialize for Direction {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.label())
    }
}

/// A length unit as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Unit {
    /// Kilometres.
    #[serde(rename = "km")]
    Km,
    /// Metres.
    #[serde(rename = "m")]
    M,
    /// Statute miles ("miles", French "milles" when not nautical).
    #[serde(rename = "mi")]
    Mi,
    /// Nautical miles ("nautical miles", "milles nautiques", "milles marins").
    #[serde(rename = "nmi")]
    Nmi,
    /// Yards (only seen in conversions, "800 meters (875 yards)").
    #[serde(rename = "yd")]
    Yd,
}

impl Unit {
    /// Kilometres per unit.
    pub fn km_per_unit(self) -> f64 {
        match self {
            Unit::Km => 1.0,
            Unit::M => 0.001,
            Unit::Mi => 1.609_344,
            Unit::Nmi => 1.852,
            Unit::Yd => 0.000_914_4,
        }
    }

    /// The unit's short name (`km`, `m`, `mi`, `nmi`, `yd`).
    pub fn label(self) -> &'static str {
        match self {
            Unit::Km => "km",
            Unit::M => "m",
            Unit::Mi => "mi",
            Unit::Nmi => "nmi",
            Unit::Yd => "yd",
        }
    }
}

/// A distance as stated: the figure and unit as written, and its bounds in km.
///
/// # Units
/// `value` is in `unit`; `km_low` and `km_high` are kilometres (equal unless a range
/// "50 à 60 km" was stated).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StatedDistance {
    /// The figure as stated, in `unit` (the midpoint for a range).
    pub value: f64,
    /// The unit as stated.
    pub unit: Unit,
    /// Lower bound in km.
    #[serde(rename = "low_km")]
    pub km_low: f64,
    /// Upper bound in km.
    #[serde(rename = "high_km")]
    pub km_high: f64,
    /// Whether it was written as a range.
    pub range: bool,
    /// Whether it was a round figure given in words ("une douzaine", "a dozen").
    pub in_words: bool,
}

impl StatedDistance {
    /// One figure in `unit`.
    pub fn new(value: f64, unit: Unit) -> StatedDistance {
        let km = value * unit.km_per_unit();
        StatedDistance {
            value,
            unit,
            km_low: km,
            km_high: km,
            range: false,
            in_words: false,
        }
    }

    /// A range `low`–`high` in `unit`.
    pub fn range(low: f64, high: f64, unit: Unit) -> StatedDistance {
        let (low, high) = if low <= high {
            (low, high)
        } else {
            (high, low)
        };
        StatedDistance {
            value: (low + high) / 2.0,
            unit,
            km_low: low * unit.km_per_unit(),
            km_high: high * unit.km_per_unit(),
            range: true,
            in_words: false,
        }
    }

    /// The figure in km (the midpoint for a range).
    pub fn km(&self) -> f64 {
        (self.km_low + self.km_high) / 2.0
    }
}

/// One end of a claim: the name as written and the place it resolved to, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimPlace {
    /// The name as written in the text ("Mopti-ville", "Tombouctou").
    pub text: String,
    /// The place, when the name resolved.
    pub place: Option<PlaceIdx>,
    /// Resolution confidence in `[0, 1]` (0 when unresolved).
    pub confidence: f64,
    /// The nearest known names, when unresolved.
    pub suggestions: Vec<String>,
    /// Byte offsets of the name in the document (`None` for claims read from a table).
    pub span: Option<(usize, usize)>,
    /// Whether the name was not in the sentence but taken from an earlier one ("la ville,
    /// située à 170 km au nord de Kidal" → the town last named).
    pub from_context: bool,
}

impl ClaimPlace {
    /// A place named `text`, not yet resolved.
    pub fn named(text: impl Into<String>) -> ClaimPlace {
        ClaimPlace {
            text: text.into(),
            place: None,
            confidence: 0.0,
            suggestions: Vec::new(),
            span: None,
            from_context: false,
        }
    }
}

/// A statement that one place lies at some distance and/or in some direction from another.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// The reference place ("70 km au sud de **Konna**").
    pub from: ClaimPlace,
    /// The located place ("**Sévaré**, à 70 km au sud de Konna").
    pub to: ClaimPlace,
    /// The stated distance, if any (direction-only claims have none).
    pub distance: Option<StatedDistance>,
    /// How the figure is qualified.
    pub qualifier: Qualifier,
    /// The stated direction of `to` seen from `from`, if any.
    pub direction: Option<Direction>,
}

impl Claim {
    /// Resolves places given by name only (claims tables): exact and alternate names, with
    /// the other end as the `near` point for homonyms; unknown names get suggestions.
    pub fn resolve_places(&mut self, gaz: &Gazetteer, opts: &crate::gazetteer::ResolveOptions) {
        let o = opts.clone().fuzzy(false);
        for p in [&mut self.from, &mut self.to] {
            if p.place.is_some() {
                continue;
            }
            let r = gaz.resolve(&p.text, &o);
            p.place = r.place();
            p.confidence = r.confidence();
            p.suggestions = r.suggestions;
        }
    }
}

/// A claim found in a text, with its sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundClaim {
    /// The claim.
    pub claim: Claim,
    /// The sentence, as written.
    pub sentence: String,
    /// Byte offset of the sentence's start in the text.
    pub start: usize,
    /// Byte offset of the sentence's end in the text.
    pub end: usize,
    /// 1-based line of the sentence's start.
    pub line: u64,
    /// Byte offsets of the distance or direction phrase that anchors the claim.
    pub phrase: (usize, usize),
}

/// Finds the claims of `text` (a convenience over [`ClaimParser`]; build the parser once
/// when checking many texts).
pub fn find_claims(text: &str, gaz: &Gazetteer, opts: &ParseOptions) -> Vec<FoundClaim> {
    ClaimParser::new(gaz).find_claims(text, opts)
}

/// Spots the gazetteer places named in `text` (see [`PlaceSpotter`]).
pub fn spot_places(text: &str, gaz: &Gazetteer, opts: &ParseOptions) -> Vec<PlaceMention> {
    PlaceSpotter::new(gaz).spot(text, &opts.resolve)
}
