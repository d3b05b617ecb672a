//! The typed event every source is mapped onto, with ACLED's event typology.
//!
//! An [`Event`] keeps what its source said (the place as written, the source's own date and
//! location precision codes, the extra columns) next to what frontmap made of it (the
//! gazetteer place, a date span with a [`DatePrecision`], an [`EventKind`] with its effect on
//! control).

use std::sync::Arc;

use chrono::NaiveDate;
use serde_json::{Map, Value, json};

use crate::gazetteer::PlaceIdx;

use super::sides::Side;

/// How precisely an event's date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// The day is known.
    Day,
    /// A night spanning two days (`date_start` the evening, `date_end` the morning).
    Night,
    /// Known to within a week (or a span of 2–7 days).
    Week,
    /// Known to within a month.
    Month,
    /// Known to within a year (or more than a month).
    Year,
}

impl DatePrecision {
    /// `day`, `night`, `week`, `month` or `year`.
    pub fn label(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Night => "night",
            DatePrecision::Week => "week",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
        }
    }

    /// Parses a label (`day`, `night`, `week`, `month`, `year`; case-insensitive).
    pub fn parse(s: &str) -> Option<DatePrecision> {
        match s.trim().to_ascii_lowercase().as_str() {
            "day" | "d" | "1" => Some(DatePrecision::Day),
            "night" | "n" => Some(DatePrecision::Night),
            "week" | "w" | "2" => Some(DatePrecision::Week),
            "month" | "m" | "3" => Some(DatePrecision::Month),
            "year" | "y" => Some(DatePrecision::Year),
            _ => None,
        }
    }
}

/// How precisely an event's location is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LocationPrecision {
    /// At the named place itself (ACLED geo_precision 1, UCDP where_prec 1).
    Exact,
    /// Near the named place, within about 25 km (ACLED 2, UCDP 2).
    Near,
    /// Somewhere in a second-order division (UCDP 3).
    District,
    /// Somewhere in a region or along a road or river (ACLED 3, UCDP 4 and 5).
    Region,
    /// Only the country is known (UCDP 6 and 7).
    Country,
}

impl LocationPrecision {
    /// `exact`, `near`, `district`, `region` or `country`.
    pub fn label(self) -> &'static str {
        match self {
            LocationPrecision::Exact => "exact",
            LocationPrecision::Near => "near",
            LocationPrecision::District => "district",
            LocationPrecision::Region => "region",
            LocationPrecision::Country => "country",
        }
    }

    /// Parses a label (case-insensitive).
    pub fn parse(s: &str) -> Option<LocationPrecision> {
        match s.trim().to_ascii_lowercase().as_str() {
            "exact" | "town" | "1" => Some(LocationPrecision::Exact),
            "near" | "2" => Some(LocationPrecision::Near),
            "district" | "admin2" => Some(LocationPrecision::District),
            "region" | "admin1" | "3" => Some(LocationPrecision::Region),
            "country" => Some(LocationPrecision::Country),
            _ => None,
        }
    }

    /// How far (km) an event's coordinates may lie from a gazetteer place for the event to be
    /// attached to it: 10 km exact, 25 km near, 50 km district, 150 km region (to a
    /// first-order division only), none for a country.
    ///
    /// # Units
    /// Kilometres.
    pub fn attach_km(self) -> Option<f64> {
        match self {
            LocationPrecision::Exact => Some(10.0),
            LocationPrecision::Near => Some(25.0),
            LocationPrecision::District => Some(50.0),
            LocationPrecision::Region => Some(150.0),
            LocationPrecision::Country => None,
        }
    }
}

/// How an event's place was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceResolution {
    /// From the coordinates the source gave (attached to the nearest gazetteer place within
    /// the location precision, if any).
    Coordinates,
    /// The name matched a gazetteer place's main name.
    Exact,
    /// The name matched an alternate name.
    Alternate,
    /// The name matched only as a misspelling (counted in the import summary).
    Fuzzy,
}

impl PlaceResolution {
    /// `coordinates`, `exact`, `alternate` or `fuzzy`.
    pub fn label(self) -> &'static str {
        match self {
            PlaceResolution::Coordinates => "coordinates",
            PlaceResolution::Exact => "exact",
            PlaceResolution::Alternate => "alternate",
            PlaceResolution::Fuzzy => "fuzzy",
        }
    }
}

/// Where an event happened.
///
/// # Units
/// `lat`, `lon` in decimal degrees on WGS84; `distance_km` in kilometres.
#[derive(Debug, Clone, PartialEq)]
pub struct EventPlace {
    /// The gazetteer place, when one was found.
    pub idx: Option<PlaceIdx>,
    /// The gazetteer id (`gn:…`), when a place was found.
    pub place_id: Option<Arc<str>>,
    /// The gazetteer's name of the place, or the name as written when none was found.
    pub name: Arc<str>,
    /// The name as the source wrote it (empty when only coordinates were given).
    pub name_as_written: Arc<str>,
    /// Latitude: the source's when given, else the gazetteer place's.
    pub lat: f64,
    /// Longitude: the source's when given, else the gazetteer place's.
    pub lon: f64,
    /// How precisely the location is known.
    pub precision: LocationPrecision,
    /// How the place was found.
    pub resolution: PlaceResolution,
    /// Confidence of the attachment in `[0, 1]` (the gazetteer's for names; for coordinates
    /// 1 at the place falling to 0.5 at the precision's distance limit, 0.3 when no place
    /// was within it).
    pub confidence: f64,
    /// Distance from the given coordinates to the attached place, for coordinates.
    pub distance_km: Option<f64>,
}

/// ACLED's event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum EventType {
    /// Battles.
    Battles,
    /// Explosions/Remote violence.
    ExplosionsRemoteViolence,
    /// Violence against civilians.
    ViolenceAgainstCivilians,
    /// Strategic developments.
    StrategicDevelopments,
    /// Riots.
    Riots,
    /// Protests.
    Protests,
}

impl EventType {
    /// ACLED's spelling.
    pub fn label(self) -> &'static str {
        match self {
            EventType::Battles => "Battles",
            EventType::ExplosionsRemoteViolence => "Explosions/Remote violence",
            EventType::ViolenceAgainstCivilians => "Violence against civilians",
            EventType::StrategicDevelopments => "Strategic developments",
            EventType::Riots => "Riots",
            EventType::Protests => "Protests",
        }
    }

    /// Parses ACLED's spelling (case-, space- and punctuation-insensitive).
    pub fn parse(s: &str) -> Option<EventType> {
        let k = crate::normalize::name_key(s);
        ALL_EVENT_TYPES
            .iter()
            .copied()
            .find(|t| crate::normalize::name_key(t.label()) == k)
    }

    /// The sub-type an event of this type gets when none is given.
    pub fn default_sub_type(self) -> SubEventType {
        match self {
            EventType::Battles => SubEventType::ArmedClash,
            EventType::ExplosionsRemoteViolence => SubEventType::RemoteExplosive,
            EventType::ViolenceAgainstCivilians => SubEventType::Attack,
            EventType::StrategicDevelopments => SubEventType::Other,
            EventType::Riots => SubEventType::ViolentDemonstration,
            EventType::Protests => SubEventType::PeacefulProtest,
        }
    }
}

const ALL_EVENT_TYPES: [EventType; 6] = [
    EventType::Battles,
    EventType::ExplosionsRemoteViolence,
    EventType::ViolenceAgainstCivilians,
    EventType::StrategicDevelopments,
    EventType::Riots,
    EventType::Protests,
];

/// ACLED's sub-event types (all of them, in ACLED's order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum SubEventType {
    /// Battles: Armed clash.
    ArmedClash,
    /// Battles: Government regains territory.
    GovernmentRegainsTerritory,
    /// Battles: Non-state actor overtakes territory.
    NonStateActorOvertakesTerritory,
    /// Explosions/Remote violence: Chemical weapon.
    ChemicalWeapon,
    /// Explosions/Remote violence: Air/drone strike.
    AirDroneStrike,
    /// Explosions/Remote violence: Suicide bomb.
    SuicideBomb,
    /// Explosions/Remote violence: Shelling/artillery/missile attack.
    Shelling,
    /// Explosions/Remote violence: Remote explosive/landmine/IED.
    RemoteExplosive,
    /// Explosions/Remote violence: Grenade.
    Grenade,
    /// Violence against civilians: Sexual violence.
    SexualViolence,
    /// Violence against civilians: Attack.
    Attack,
    /// Violence against civilians: Abduction/forced disappearance.
    Abduction,
    /// Strategic developments: Agreement.
    Agreement,
    /// Strategic developments: Arrests.
    Arrests,
    /// Strategic developments: Change to group/activity.
    ChangeToGroup,
    /// Strategic developments: Disrupted weapons use.
    DisruptedWeaponsUse,
    /// Strategic developments: Headquarters or base established.
    BaseEstablished,
    /// Strategic developments: Looting/property destruction.
    Looting,
    /// Strategic developments: Non-violent transfer of territory.
    NonViolentTransfer,
    /// Strategic developments: Other.
    Other,
    /// Protests: Peaceful protest.
    PeacefulProtest,
    /// Protests: Protest with intervention.
    ProtestWithIntervention,
    /// Protests: Excessive force against protesters.
    ExcessiveForce,
    /// Riots: Violent demonstration.
    ViolentDemonstration,
    /// Riots: Mob violence.
    MobViolence,
}

/// Every sub-event type, in ACLED's order.
pub const ALL_SUB_EVENT_TYPES: [SubEventType; 25] = [
    SubEventType::ArmedClash,
    SubEventType::GovernmentRegainsTerritory,
    SubEventType::NonStateActorOvertakesTerritory,
    SubEventType::ChemicalWeapon,
    SubEventType::AirDroneStrike,
    SubEventType::SuicideBomb,
    SubEventType::Shelling,
    SubEventType::RemoteExplosive,
    SubEventType::Grenade,
    SubEventType::SexualViolence,
    SubEventType::Attack,
    SubEventType::Abduction,
    SubEventType::Agreement,
    SubEventType::Arrests,
    SubEventType::ChangeToGroup,
    SubEventType::DisruptedWeaponsUse,
    SubEventType::BaseEstablished,
    SubEventType::Looting,
    SubEventType::NonViolentTransfer,
    SubEventType::Other,
    SubEventType::PeacefulProtest,
    SubEventType::ProtestWithIntervention,
    SubEventType::ExcessiveForce,
    SubEventType::ViolentDemonstration,
    SubEventType::MobViolence,
];

impl SubEventType {
    /// ACLED's spelling.
    pub fn label(self) -> &'static str {
        use SubEventType::*;
        match self {
            ArmedClash => "Armed clash",
            GovernmentRegainsTerritory => "Government regains territory",
            NonStateActorOvertakesTerritory => "Non-state actor overtakes territory",
            ChemicalWeapon => "Chemical weapon",
            AirDroneStrike => "Air/drone strike",
            SuicideBomb => "Suicide bomb",
            Shelling => "Shelling/artillery/missile attack",
            RemoteExplosive => "Remote explosive/landmine/IED",
            Grenade => "Grenade",
            SexualViolence => "Sexual violence",
            Attack => "Attack",
            Abduction => "Abduction/forced disappearance",
            Agreement => "Agreement",
            Arrests => "Arrests",
            ChangeToGroup => "Change to group/activity",
            DisruptedWeaponsUse => "Disrupted weapons use",
            BaseEstablished => "Headquarters or base established",
            Looting => "Looting/property destruction",
            NonViolentTransfer => "Non-violent transfer of territory",
            Other => "Other",
            PeacefulProtest => "Peaceful protest",
            ProtestWithIntervention => "Protest with intervention",
            ExcessiveForce => "Excessive force against protesters",
            ViolentDemonstration => "Violent demonstration",
            MobViolence => "Mob violence",
        }
    }

    /// The ACLED event type this sub-type belongs to.
    pub fn event_type(self) -> EventType {
        use SubEventType::*;
        match self {
            ArmedClash | GovernmentRegainsTerritory | NonStateActorOvertakesTerritory => {
                EventType::Battles
            }
            ChemicalWeapon | AirDroneStrike | SuicideBomb | Shelling | RemoteExplosive
            | Grenade => EventType::ExplosionsRemoteViolence,
            SexualViolence | Attack | Abduction => EventType::ViolenceAgainstCivilians,
            Agreement | Arrests | ChangeToGroup | DisruptedWeaponsUse | BaseEstablished
            | Looting | NonViolentTransfer | Other => EventType::StrategicDevelopments,
            PeacefulProtest | ProtestWithIntervention | ExcessiveForce => EventType::Protests,
            ViolentDemonstration | MobViolence => EventType::Riots,
        }
    }

    /// Parses ACLED's spelling (case-, space- and punctuation-insensitive, so
    /// `air drone strike` and `Air/drone strike` are the same).
    pub fn parse(s: &str) -> Option<SubEventType> {
        let k = crate::normalize::name_key(s);
        if k.is_empty() {
            return None;
        }
        ALL_SUB_EVENT_TYPES
            .iter()
            .copied()
            .find(|t| crate::normalize::name_key(t.label()) == k)
    }

    /// The frontmap kind of an event of this sub-type.
    pub fn kind(self) -> EventKind {
        use SubEventType::*;
        match self {
            ArmedClash => EventKind::Clash,
            GovernmentRegainsTerritory => EventKind::Retake,
            NonStateActorOvertakesTerritory | NonViolentTransfer => EventKind::Capture,
            AirDroneStrike => EventKind::Strike,
            Shelling | ChemicalWeapon => EventKind::Shelling,
            SuicideBomb | RemoteExplosive | Grenade => EventKind::Explosion,
            SexualViolence | Attack => EventKind::Attack,
            Abduction => EventKind::Abduction,
            BaseEstablished => EventKind::Base,
            _ => EventKind::Other,
        }
    }
}

/// What an event means for the map and the control timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    /// Actor 1 takes the place (by force, or without a fight for a non-violent transfer).
    Capture,
    /// Government forces (actor 1) take the place back.
    Retake,
    /// Actor 1 leaves the place; actor 2, if given, takes it over.
    Withdrawal,
    /// Fighting between armed groups, no change of control.
    Clash,
    /// Air or drone strike.
    Strike,
    /// Shelling, artillery or missile attack.
    Shelling,
    /// Bomb, IED, landmine, suicide attack, grenade.
    Explosion,
    /// Attack on civilians.
    Attack,
    /// Abduction or forced disappearance.
    Abduction,
    /// Headquarters or base established.
    Base,
    /// Anything else (protests, riots, arrests, agreements…).
    Other,
}

impl EventKind {
    /// The lowercase label.
    pub fn label(self) -> &'static str {
        match self {
            EventKind::Capture => "capture",
            EventKind::Retake => "retake",
            EventKind::Withdrawal => "withdrawal",
            EventKind::Clash => "clash",
            EventKind::Strike => "strike",
            EventKind::Shelling => "shelling",
            EventKind::Explosion => "explosion",
            EventKind::Attack => "attack",
            EventKind::Abduction => "abduction",
            EventKind::Base => "base",
            EventKind::Other => "other",
        }
    }

    /// Whether the event changes who controls its place.
    pub fn changes_control(self) -> bool {
        matches!(
            self,
            EventKind::Capture | EventKind::Retake | EventKind::Withdrawal
        )
    }

    /// Whether the event is fighting that makes its place contested (clash, strike, shelling,
    /// explosion).
    pub fn is_fighting(self) -> bool {
        matches!(
            self,
            EventKind::Clash | EventKind::Strike | EventKind::Shelling | EventKind::Explosion
        )
    }
}

/// Which column an actor came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorRole {
    /// `actor1` / `side_a`: the initiator, or the one taking territory.
    Actor1,
    /// `actor2` / `side_b`.
    Actor2,
    /// `assoc_actor_1`: with actor 1.
    Assoc1,
    /// `assoc_actor_2`: with actor 2.
    Assoc2,
}

/// One actor of an event and the side it maps to.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    /// The name as written.
    pub name: Arc<str>,
    /// Its role in the event.
    pub role: ActorRole,
    /// Its side, when the sides file knows it.
    pub side: Option<Side>,
}

/// Reported deaths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Fatalities {
    /// Best estimate (ACLED `fatalities`, UCDP `best`).
    pub best: Option<u32>,
    /// Low estimate, where given.
    pub low: Option<u32>,
    /// High estimate, where given.
    pub high: Option<u32>,
}

/// The format a row came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// frontmap's own CSV.
    Frontmap,
    /// An ACLED export.
    Acled,
    /// UCDP GED.
    Ucdp,
    /// Found in a text by the extractor.
    Extracted,
}

impl SourceFormat {
    /// The lowercase label.
    pub fn label(self) -> &'static str {
        match self {
            SourceFormat::Frontmap => "frontmap",
            SourceFormat::Acled => "acled",
            SourceFormat::Ucdp => "ucdp",
            SourceFormat::Extracted => "extracted",
        }
    }
}

/// Where an event came from: file, line, format, and for extracted events a confidence.
#[derive(Debug, Clone, PartialEq)]
pub struct EventOrigin {
    /// The input's path as given.
    pub file: Arc<str>,
    /// Line of the row (from 1) or of the sentence.
    pub line: u64,
    /// The format.
    pub format: SourceFormat,
    /// The extractor's confidence, for extracted events.
    pub confidence: Option<f64>,
}

/// The source's own precision codes, kept as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SourceCodes {
    /// ACLED `time_precision` (1–3) or UCDP `date_prec` (1–5).
    pub date_precision: Option<u8>,
    /// ACLED `geo_precision` (1–3) or UCDP `where_prec` (1–7).
    pub location_precision: Option<u8>,
    /// UCDP `type_of_violence` (1 state-based, 2 non-state, 3 one-sided).
    pub type_of_violence: Option<u8>,
}

/// One event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Id: the source's (ACLED `event_id_cnty`, `ucdp:<id>`, own `id` column) or `file:line`.
    pub id: Arc<str>,
    /// First day the event may have happened.
    pub date_start: NaiveDate,
    /// Last day (equal to `date_start` for a known day).
    pub date_end: NaiveDate,
    /// How precisely the date is known.
    pub date_precision: DatePrecision,
    /// Where.
    pub place: EventPlace,
    /// ACLED event type.
    pub event_type: EventType,
    /// ACLED sub-event type.
    pub sub_event_type: SubEventType,
    /// frontmap's kind (derived from the sub-type, or from the own CSV's simple word).
    pub kind: EventKind,
    /// Actors, actor 1 first.
    pub actors: Vec<Actor>,
    /// Deaths.
    pub fatalities: Fatalities,
    /// Source (outlet, publication, URL).
    pub source: Arc<str>,
    /// Notes, or the source sentence.
    pub notes: Box<str>,
    /// The sentence the event was found in (extracted events).
    pub sentence: Option<Box<str>>,
    /// Where the row came from.
    pub origin: EventOrigin,
    /// The source's own precision codes.
    pub source_codes: SourceCodes,
    /// Columns frontmap does not interpret, kept for the GeoJSON.
    pub extra: ExtraColumns,
}

/// Columns of a row that frontmap does not interpret, kept in their order (compactly: the
/// names are shared by all rows of a file, the values are one string per row).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExtraColumns {
    names: Arc<[Arc<str>]>,
    values: Box<str>,
}

const EXTRA_SEP: char = '\u{1f}';

impl ExtraColumns {
    /// Builds the extras from the file's extra column names and this row's values (in the
    /// same order).
    pub fn new<'a>(names: Arc<[Arc<str>]>, values: impl IntoIterator<Item = &'a str>) -> Self {
        let mut joined = String::new();
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                joined.push(EXTRA_SEP);
            }
            if v.contains(EXTRA_SEP) {
                joined.push_str(&v.replace(EXTRA_SEP, " "));
            } else {
                joined.push_str(v);
            }
        }
        ExtraColumns {
            names,
            values: joined.into_boxed_str(),
        }
    }

    /// Builds the extras from (name, value) pairs.
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Self {
        let names: Arc<[Arc<str>]> = pairs.iter().map(|(k, _)| Arc::from(*k)).collect();
        ExtraColumns::new(names, pairs.iter().map(|(_, v)| *v))
    }

    /// The non-empty (name, value) pairs, in column order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        let values: Box<dyn Iterator<Item = &str>> = if self.names.is_empty() {
            Box::new(std::iter::empty())
        } else {
            Box::new(self.values.split(EXTRA_SEP))
        };
        self.names
            .iter()
            .map(|n| n.as_ref())
            .zip(values)
            .filter(|(_, v)| !v.is_empty())
    }

    /// The value of one extra column, if present and non-empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

fn date_str(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

impl Event {
    /// Actor 1's side, if known.
    pub fn actor1_side(&self) -> Option<&Side> {
        self.actors
            .iter()
            .find(|a| a.role == ActorRole::Actor1)
            .and_then(|a| a.side.as_ref())
    }

    /// Actor 2's side, if known.
    pub fn actor2_side(&self) -> Option<&Side> {
        self.actors
            .iter()
            .find(|a| a.role == ActorRole::Actor2)
            .and_then(|a| a.side.as_ref())
    }

    /// The distinct sides of the actors, in actor order.
    pub fn sides(&self) -> Vec<&Side> {
        let mut out: Vec<&Side> = Vec::new();
        for s in self.actors.iter().filter_map(|a| a.side.as_ref()) {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }

    /// Whether the event's date span covers `d`.
    pub fn covers(&self, d: NaiveDate) -> bool {
        self.date_start <= d && d <= self.date_end
    }

    /// The event as the CLI contract's JSON object (`frontmap import --json`), with every
    /// field frontmap knows; `extra` holds the uninterpreted columns. Renderers use it as
    /// GeoJSON properties.
    pub fn to_json(&self) -> Value {
        let p = &self.place;
        let mut extra = Map::new();
        for (k, v) in self.extra.iter() {
            extra.insert(k.to_string(), Value::String(v.to_string()));
        }
        json!({
            "id": self.id.as_ref(),
            "date_start": date_str(self.date_start),
            "date_end": date_str(self.date_end),
            "date_precision": self.date_precision,
            "place": p.name.as_ref(),
            "place_id": p.place_id.as_deref(),
            "place_as_written": p.name_as_written.as_ref(),
            "lat": round6(p.lat),
            "lon": round6(p.lon),
            "location_precision": p.precision,
            "resolution": p.resolution,
            "confidence": (p.confidence * 1000.0).round() / 1000.0,
            "distance_km": p.distance_km.map(|d| (d * 100.0).round() / 100.0),
            "event_type": self.event_type.label(),
            "sub_event_type": self.sub_event_type.label(),
            "kind": self.kind,
            "actors": self.actors.iter().map(|a| a.name.as_ref()).collect::<Vec<_>>(),
            "actor_roles": self.actors.iter().map(|a| json!({
                "name": a.name.as_ref(), "role": a.role, "side": a.side.as_ref().map(|s| s.as_str()),
            })).collect::<Vec<_>>(),
            "sides": self.sides().iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            "fatalities": self.fatalities.best,
            "fatalities_low": self.fatalities.low,
            "fatalities_high": self.fatalities.high,
            "source": self.source.as_ref(),
            "notes": self.notes.as_ref(),
            "sentence": self.sentence.as_deref(),
            "origin": {
                "file": self.origin.file.as_ref(),
                "line": self.origin.line,
                "format": self.origin.format,
                "confidence": self.origin.confidence,
            },
            "source_codes": {
                "date_precision": self.source_codes.date_precision,
                "location_precision": self.source_codes.location_precision,
                "type_of_violence": self.source_codes.type_of_violence,
            },
            "extra": extra,
        })
    }
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sub_type_round_trips_and_belongs_to_a_type() {
        for t in ALL_SUB_EVENT_TYPES {
            assert_eq!(SubEventType::parse(t.label()), Some(t), "{}", t.label());
            let et = t.event_type();
            assert_eq!(EventType::parse(et.label()), Some(et));
        }
        assert_eq!(
            SubEventType::parse("air drone strike"),
            Some(SubEventType::AirDroneStrike)
        );
        assert_eq!(SubEventType::parse(""), None);
    }

    #[test]
    fn kinds_and_control() {
        assert_eq!(
            SubEventType::NonStateActorOvertakesTerritory.kind(),
            EventKind::Capture
        );
        assert_eq!(
            SubEventType::GovernmentRegainsTerritory.kind(),
            EventKind::Retake
        );
        assert!(EventKind::Retake.changes_control());
        assert!(!EventKind::Clash.changes_control());
        assert!(EventKind::Explosion.is_fighting());
        assert!(!EventKind::Attack.is_fighting());
    }

    #[test]
    fn precision_labels_parse() {
        assert_eq!(DatePrecision::parse("Week"), Some(DatePrecision::Week));
        assert_eq!(DatePrecision::parse("fortnight"), None);
        assert_eq!(
            LocationPrecision::parse("near"),
            Some(LocationPrecision::Near)
        );
        assert_eq!(LocationPrecision::Country.attach_km(), None);
    }

    #[test]
    fn extra_columns_keep_order_and_skip_empty() {
        let x =
            ExtraColumns::from_pairs(&[("admin1", "Mopti"), ("tags", ""), ("url", "https://x")]);
        let v: Vec<_> = x.iter().collect();
        assert_eq!(v, [("admin1", "Mopti"), ("url", "https://x")]);
        assert_eq!(x.get("url"), Some("https://x"));
        assert_eq!(ExtraColumns::default().iter().count(), 0);
    }
}
