//! What a map shows, fully resolved: the renderers draw a [`Scene`] and know nothing of
//! gazetteers, CSV files or timelines.

use geo::{MultiLineString, MultiPolygon};

use super::projection::BBox;

/// The kind of an event as drawn (one symbol each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventSymbol {
    /// A side takes a place (flag).
    Capture,
    /// A side takes a place back.
    Retake,
    /// A side leaves a place.
    Withdrawal,
    /// Armed clash, battle.
    Clash,
    /// Air or drone strike, helicopter raid.
    AirStrike,
    /// Explosion: car bomb, suicide bomb, IED, shelling.
    Explosion,
    /// Violence against civilians.
    Civilians,
    /// Anything else (strategic developments, protests…).
    Other,
}

impl EventSymbol {
    /// All symbols, in legend order.
    pub const ALL: [EventSymbol; 8] = [
        EventSymbol::Capture,
        EventSymbol::Retake,
        EventSymbol::Withdrawal,
        EventSymbol::Clash,
        EventSymbol::AirStrike,
        EventSymbol::Explosion,
        EventSymbol::Civilians,
        EventSymbol::Other,
    ];

    /// Legend text.
    pub fn label(self) -> &'static str {
        match self {
            EventSymbol::Capture => "capture",
            EventSymbol::Retake => "retaken",
            EventSymbol::Withdrawal => "withdrawal",
            EventSymbol::Clash => "armed clash",
            EventSymbol::AirStrike => "air strike",
            EventSymbol::Explosion => "explosion",
            EventSymbol::Civilians => "violence against civilians",
            EventSymbol::Other => "other event",
        }
    }
}

/// The area held by one side (or contested) on the map's date.
#[derive(Debug, Clone)]
pub struct SceneArea {
    /// Side id (`government`, `jihadist`, `mnla`, or a user's side).
    pub side: String,
    /// Whether it is contested (recent fighting, no capture).
    pub contested: bool,
    /// The area (lon/lat).
    pub shape: MultiPolygon<f64>,
}

/// An event drawn on the map.
#[derive(Debug, Clone)]
pub struct SceneEvent {
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
    /// Symbol.
    pub symbol: EventSymbol,
    /// Deaths (best estimate), sizing the symbol.
    pub fatalities: Option<u32>,
    /// Whether the event happens on the map's date (others are recent, drawn lighter).
    pub on_date: bool,
}

/// A labelled place.
#[derive(Debug, Clone)]
pub struct ScenePlace {
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
    /// Label.
    pub name: String,
    /// Label priority: 0 = capital, 1 = regional seat or focus place, 2 = town, 3 = other.
    pub priority: u8,
    /// Side holding it, if known.
    pub side: Option<String>,
    /// Whether it is contested.
    pub contested: bool,
}

/// A stated distance drawn as a line.
#[derive(Debug, Clone)]
pub struct SceneDistance {
    /// Reference place (lon, lat).
    pub from: (f64, f64),
    /// Located place (lon, lat).
    pub to: (f64, f64),
    /// The two places, for the panel ("Konna → Sévaré").
    pub label: String,
    /// Stated figure ("70 km S", "more than 700 km").
    pub stated: String,
    /// Measured great-circle km, if both places resolved.
    pub measured_km: Option<f64>,
    /// `consistent`, `plausible_by_road`, `inconsistent` or `unresolved`.
    pub verdict: String,
}

/// How a side is shown in the legend.
#[derive(Debug, Clone)]
pub struct SideLegend {
    /// Side id.
    pub side: String,
    /// Legend text.
    pub label: String,
}

/// Everything one map shows.
#[derive(Debug, Clone)]
pub struct Scene {
    /// The map's date (ISO).
    pub date: String,
    /// Title line.
    pub title: String,
    /// Second line under the title.
    pub subtitle: String,
    /// Areas of control.
    pub areas: Vec<SceneArea>,
    /// Front lines between opposing sides.
    pub frontline: MultiLineString<f64>,
    /// Events.
    pub events: Vec<SceneEvent>,
    /// Labelled places.
    pub places: Vec<ScenePlace>,
    /// Stated distances.
    pub distances: Vec<SceneDistance>,
    /// Sides in legend order.
    pub sides: Vec<SideLegend>,
    /// Credit lines (data sources).
    pub credits: Vec<String>,
    /// Extent to show; `None` fits the data.
    pub bbox: Option<BBox>,
}

/// The fill colour of a side.
pub fn side_colour(side: &str) -> (u8, u8, u8) {
    match side {
        "government" => (33, 102, 172),
        "jihadist" => (178, 24, 43),
        "mnla" => (224, 130, 20),
        "contested" => (118, 42, 131),
        other => {
            // A stable colour for users' own sides.
            let h = other
                .bytes()
                .fold(7u32, |a, b| a.wrapping_mul(31).wrapping_add(b as u32));
            let palette = [
                (27, 158, 119),
                (117, 112, 179),
                (102, 166, 30),
                (166, 118, 29),
                (231, 41, 138),
            ];
            palette[(h as usize) % palette.len()]
        }
    }
}

/// The colour of a verdict.
pub fn verdict_colour(verdict: &str) -> (u8, u8, u8) {
    match verdict {
        "consistent" => (26, 150, 65),
        "plausible_by_road" => (230, 145, 0),
        "inconsistent" => (215, 25, 28),
        _ => (110, 110, 110),
    }
}

impl Default for Scene {
    fn default() -> Self {
        Scene {
            date: String::new(),
            title: String::new(),
            subtitle: String::new(),
            areas: Vec::new(),
            frontline: MultiLineString::new(Vec::new()),
            events: Vec::new(),
            places: Vec::new(),
            distances: Vec::new(),
            sides: Vec::new(),
            credits: Vec::new(),
            bbox: None,
        }
    }
}
