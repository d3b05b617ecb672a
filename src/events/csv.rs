//! frontmap's own events CSV, and the date and number parsing every format shares.
//!
//! # Columns
//! One header line, then one event per row. Column names are case-insensitive; order is free.
//!
//! | column | required | meaning |
//! |---|---|---|
//! | `date` | `date` or `date_start` | `2013-01-10`, `10 January 2013`, `10 janvier 2013`, `10-Jan-2013`; `2013-01` (a month), `2013` (a year), `2013-01-20/2013-01-21` (a span) |
//! | `date_start`, `date_end` | | the first and last possible day (instead of `date`) |
//! | `date_precision` | | `day`, `night`, `week`, `month`, `year` (default: from the date or the span) |
//! | `place` | `place` or `lat`,`lon` | the name as written; resolved through the gazetteer |
//! | `lat`, `lon` | | decimal degrees; the event attaches to the nearest gazetteer place within its precision |
//! | `location_precision` | | `exact` (default), `near`, `district`, `region`, `country` |
//! | `event_type` | yes | an ACLED event type or sub-event type, or a simple word (see [`parse_event_type`]) |
//! | `sub_event_type` | | an ACLED sub-event type (when `event_type` holds the ACLED event type) |
//! | `actor1`, `actor2` | | who acted (actor 1 takes the place in a capture) and who was acted on |
//! | `assoc_actor_1`, `assoc_actor_2` | | allies, `;`-separated |
//! | `fatalities` | | best estimate; `fatalities_low`, `fatalities_high` optional |
//! | `id`, `source`, `notes`, `sentence` | | kept as given |
//!
//! Any other column is kept with the event and carried to the GeoJSON.

use std::sync::Arc;

use chrono::{Datelike, Duration, NaiveDate};
use csv::StringRecord;

use super::import::{Header, RawEvent, RowError};
use super::model::{
    ActorRole, DatePrecision, EventKind, EventType, ExtraColumns, Fatalities, LocationPrecision,
    SourceCodes, SourceFormat, SubEventType,
};

/// The simple words accepted in `event_type`, with the ACLED sub-type and kind they give.
/// (ACLED event types and sub-event types are accepted as well.)
pub const EVENT_WORDS: &[(&str, SubEventType, EventKind)] = &[
    (
        "capture",
        SubEventType::NonStateActorOvertakesTerritory,
        EventKind::Capture,
    ),
    (
        "captured",
        SubEventType::NonStateActorOvertakesTerritory,
        EventKind::Capture,
    ),
    (
        "taken",
        SubEventType::NonStateActorOvertakesTerritory,
        EventKind::Capture,
    ),
    (
        "seized",
        SubEventType::NonStateActorOvertakesTerritory,
        EventKind::Capture,
    ),
    (
        "seizure",
        SubEventType::NonStateActorOvertakesTerritory,
        EventKind::Capture,
    ),
    (
        "retake",
        SubEventType::GovernmentRegainsTerritory,
        EventKind::Retake,
    ),
    (
        "retaken",
        SubEventType::GovernmentRegainsTerritory,
        EventKind::Retake,
    ),
    (
        "recapture",
        SubEventType::GovernmentRegainsTerritory,
        EventKind::Retake,
    ),
    (
        "recaptured",
        SubEventType::GovernmentRegainsTerritory,
        EventKind::Retake,
    ),
    (
        "liberated",
        SubEventType::GovernmentRegainsTerritory,
        EventKind::Retake,
    ),
    (
        "transfer",
        SubEventType::NonViolentTransfer,
        EventKind::Capture,
    ),
    (
        "entered",
        SubEventType::NonViolentTransfer,
        EventKind::Capture,
    ),
    (
        "withdrawal",
        SubEventType::NonViolentTransfer,
        EventKind::Withdrawal,
    ),
    (
        "withdraw",
        SubEventType::NonViolentTransfer,
        EventKind::Withdrawal,
    ),
    (
        "retreat",
        SubEventType::NonViolentTransfer,
        EventKind::Withdrawal,
    ),
    (
        "abandoned",
        SubEventType::NonViolentTransfer,
        EventKind::Withdrawal,
    ),
    ("clash", SubEventType::ArmedClash, EventKind::Clash),
    ("clashes", SubEventType::ArmedClash, EventKind::Clash),
    ("battle", SubEventType::ArmedClash, EventKind::Clash),
    ("fighting", SubEventType::ArmedClash, EventKind::Clash),
    ("combat", SubEventType::ArmedClash, EventKind::Clash),
    ("airstrike", SubEventType::AirDroneStrike, EventKind::Strike),
    (
        "air strike",
        SubEventType::AirDroneStrike,
        EventKind::Strike,
    ),
    (
        "drone strike",
        SubEventType::AirDroneStrike,
        EventKind::Strike,
    ),
    ("strike", SubEventType::AirDroneStrike, EventKind::Strike),
    ("shelling", SubEventType::Shelling, EventKind::Shelling),
    ("artillery", SubEventType::Shelling, EventKind::Shelling),
    (
        "explosion",
        SubEventType::RemoteExplosive,
        EventKind::Explosion,
    ),
    ("ied", SubEventType::RemoteExplosive, EventKind::Explosion),
    ("bomb", SubEventType::RemoteExplosive, EventKind::Explosion),
    (
        "car bomb",
        SubEventType::RemoteExplosive,
        EventKind::Explosion,
    ),
    (
        "landmine",
        SubEventType::RemoteExplosive,
        EventKind::Explosion,
    ),
    (
        "suicide bomb",
        SubEventType::SuicideBomb,
        EventKind::Explosion,
    ),
    (
        "suicide attack",
        SubEventType::SuicideBomb,
        EventKind::Explosion,
    ),
    ("grenade", SubEventType::Grenade, EventKind::Explosion),
    ("attack", SubEventType::Attack, EventKind::Attack),
    ("massacre", SubEventType::Attack, EventKind::Attack),
    ("abduction", SubEventType::Abduction, EventKind::Abduction),
    ("kidnapping", SubEventType::Abduction, EventKind::Abduction),
    ("base", SubEventType::BaseEstablished, EventKind::Base),
    ("deployment", SubEventType::BaseEstablished, EventKind::Base),
    ("arrest", SubEventType::Arrests, EventKind::Other),
    ("arrests", SubEventType::Arrests, EventKind::Other),
    ("looting", SubEventType::Looting, EventKind::Other),
    ("agreement", SubEventType::Agreement, EventKind::Other),
    ("protest", SubEventType::PeacefulProtest, EventKind::Other),
    ("riot", SubEventType::ViolentDemonstration, EventKind::Other),
    ("other", SubEventType::Other, EventKind::Other),
];

/// Parses an `event_type` (and optional `sub_event_type`) of the own CSV: an ACLED sub-event
/// type, an ACLED event type (with the sub-type, or its default), or a simple word of
/// [`EVENT_WORDS`].
pub fn parse_event_type(
    event_type: &str,
    sub_event_type: Option<&str>,
) -> Result<(SubEventType, EventKind), String> {
    if let Some(sub) = sub_event_type.filter(|s| !s.trim().is_empty()) {
        let st = SubEventType::parse(sub).ok_or_else(|| {
            format!("unknown sub_event_type {sub:?} (use an ACLED sub-event type such as \"Armed clash\")")
        })?;
        return Ok((st, st.kind()));
    }
    let key = crate::normalize::name_key(event_type);
    if key.is_empty() {
        return Err("empty event_type".into());
    }
    if let Some(st) = SubEventType::parse(event_type) {
        return Ok((st, st.kind()));
    }
    if let Some(&(_, st, kind)) = EVENT_WORDS
        .iter()
        .find(|(w, _, _)| crate::normalize::name_key(w) == key)
    {
        return Ok((st, kind));
    }
    if let Some(t) = EventType::parse(event_type) {
        let st = t.default_sub_type();
        return Ok((st, st.kind()));
    }
    Err(format!(
        "unknown event_type {event_type:?}: use an ACLED event or sub-event type, or one of \
         capture, retake, withdrawal, transfer, clash, airstrike, shelling, explosion, \
         suicide bomb, grenade, attack, abduction, base, arrest, looting, protest, riot, other"
    ))
}

const MONTHS: [(&str, u32); 32] = [
    ("january", 1),
    ("jan", 1),
    ("janvier", 1),
    ("february", 2),
    ("feb", 2),
    ("fevrier", 2),
    ("march", 3),
    ("mar", 3),
    ("mars", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("may", 5),
    ("mai", 5),
    ("june", 6),
    ("jun", 6),
    ("juin", 6),
    ("july", 7),
    ("jul", 7),
    ("juillet", 7),
    ("august", 8),
    ("aug", 8),
    ("aout", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("october", 10),
    ("oct", 10),
    ("octobre", 10),
    ("november", 11),
    ("nov", 11),
];
const MONTHS2: [(&str, u32); 4] = [
    ("novembre", 11),
    ("december", 12),
    ("dec", 12),
    ("decembre", 12),
];

fn month_number(word: &str) -> Option<u32> {
    let k = crate::normalize::name_key(word);
    MONTHS
        .iter()
        .chain(MONTHS2.iter())
        .find(|(m, _)| *m == k)
        .map(|&(_, n)| n)
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 4 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
}

/// Parses one day: ISO `2013-01-10` (a time after it, as UCDP writes, is ignored),
/// `10 January 2013`, `10-Jan-2013`, `16 May 2025`, `10 janvier 2013`, `1er février 2013`,
/// `January 10, 2013`.
pub fn parse_day(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && (b.len() == 10 || matches!(b[10], b' ' | b'T'))
    {
        let y = digits(&b[0..4])?;
        let m = digits(&b[5..7])?;
        let d = digits(&b[8..10])?;
        return NaiveDate::from_ymd_opt(y as i32, m, d);
    }
    let parts: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == '-' || c == ',' || c == '/' || c == '.')
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != 3 {
        return None;
    }
    let day = |p: &str| -> Option<u32> {
        let p = p
            .strip_suffix("er")
            .or_else(|| p.strip_suffix("st"))
            .or_else(|| p.strip_suffix("nd"))
            .or_else(|| p.strip_suffix("rd"))
            .or_else(|| p.strip_suffix("th"))
            .unwrap_or(p);
        digits(p.as_bytes()).filter(|d| *d >= 1 && *d <= 31)
    };
    let year = |p: &str| -> Option<i32> {
        (p.len() == 4)
            .then(|| digits(p.as_bytes()))
            .flatten()
            .map(|y| y as i32)
    };
    if let (Some(d), Some(m), Some(y)) = (day(parts[0]), month_number(parts[1]), year(parts[2])) {
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    if let (Some(m), Some(d), Some(y)) = (month_number(parts[0]), day(parts[1]), year(parts[2])) {
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    None
}

/// The last day of `d`'s month.
pub fn month_end(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).map_or(d, |n| n - Duration::days(1))
}

/// Parses a date or a span: a day (see [`parse_day`]), a month (`2013-01`, `January 2013`),
/// a year (`2013`) or `START/END` (two days). Returns (start, end, precision).
pub fn parse_date_span(s: &str) -> Option<(NaiveDate, NaiveDate, DatePrecision)> {
    let s = s.trim();
    if let Some(d) = parse_day(s) {
        return Some((d, d, DatePrecision::Day));
    }
    if let Some((a, b)) = s.split_once('/').filter(|(a, _)| a.trim().len() >= 8) {
        let (a, b) = (parse_day(a)?, parse_day(b)?);
        if b < a {
            return None;
        }
        return Some((a, b, span_precision(a, b)));
    }
    let b = s.as_bytes();
    if b.len() == 4 {
        let y = digits(b)? as i32;
        return Some((
            NaiveDate::from_ymd_opt(y, 1, 1)?,
            NaiveDate::from_ymd_opt(y, 12, 31)?,
            DatePrecision::Year,
        ));
    }
    if b.len() == 7 && b[4] == b'-' {
        let start = NaiveDate::from_ymd_opt(digits(&b[0..4])? as i32, digits(&b[5..7])?, 1)?;
        return Some((start, month_end(start), DatePrecision::Month));
    }
    let parts: Vec<&str> = s.split_whitespace().collect();
    if parts.len() == 2 {
        let m = month_number(parts[0])?;
        let y = digits(parts[1].as_bytes()).filter(|_| parts[1].len() == 4)? as i32;
        let start = NaiveDate::from_ymd_opt(y, m, 1)?;
        return Some((start, month_end(start), DatePrecision::Month));
    }
    None
}

/// The precision a span of days implies: one day → day, up to 7 → week, up to 31 → month,
/// else year.
pub fn span_precision(a: NaiveDate, b: NaiveDate) -> DatePrecision {
    match (b - a).num_days() {
        0 => DatePrecision::Day,
        1..=6 => DatePrecision::Week,
        7..=30 => DatePrecision::Month,
        _ => DatePrecision::Year,
    }
}

/// Parses an optional non-negative whole number (empty → None).
pub fn parse_count(s: &str) -> Result<Option<u32>, String> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let t2 = t.strip_suffix(".0").unwrap_or(t);
    t2.parse::<u32>().map(Some).map_err(|_| {
        format!("bad number {t:?}: expected a whole number of deaths (or leave it empty)")
    })
}

/// Parses a coordinate; `what` is `latitude` or `longitude`.
pub fn parse_coord(s: &str, what: &str) -> Result<Option<f64>, String> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let v: f64 = t
        .parse()
        .map_err(|_| format!("bad number {t:?}: expected the {what} in decimal degrees"))?;
    let limit = if what == "latitude" { 90.0 } else { 180.0 };
    if !v.is_finite() || v.abs() > limit {
        return Err(format!("{what} {t} out of range (-{limit}…{limit})"));
    }
    Ok(Some(v))
}

/// Splits a `;`-separated actor list.
pub fn split_actors(s: &str, role: ActorRole, out: &mut Vec<(String, ActorRole)>) {
    for a in s.split(';').map(str::trim).filter(|a| !a.is_empty()) {
        out.push((a.to_string(), role));
    }
}

/// Column names of the own CSV (anything else is an extra column).
pub const COLUMNS: &[&str] = &[
    "id",
    "date",
    "date_start",
    "date_end",
    "date_precision",
    "place",
    "lat",
    "lon",
    "location_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "assoc_actor_1",
    "assoc_actor_2",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "source",
    "notes",
    "sentence",
];

/// One row of the own CSV.
#[derive(Debug, serde::Deserialize)]
struct OwnRow<'a> {
    id: Option<&'a str>,
    date: Option<&'a str>,
    date_start: Option<&'a str>,
    date_end: Option<&'a str>,
    date_precision: Option<&'a str>,
    place: Option<&'a str>,
    lat: Option<&'a str>,
    lon: Option<&'a str>,
    location_precision: Option<&'a str>,
    event_type: Option<&'a str>,
    sub_event_type: Option<&'a str>,
    actor1: Option<&'a str>,
    actor2: Option<&'a str>,
    assoc_actor_1: Option<&'a str>,
    assoc_actor_2: Option<&'a str>,
    fatalities: Option<&'a str>,
    fatalities_low: Option<&'a str>,
    fatalities_high: Option<&'a str>,
    source: Option<&'a str>,
    notes: Option<&'a str>,
    sentence: Option<&'a str>,
}

/// The own format, bound to one file's header.
pub(crate) struct OwnFormat {
    header: Header,
    extra_names: Arc<[Arc<str>]>,
    extra_idx: Vec<usize>,
}

impl OwnFormat {
    pub(crate) fn new(header: Header) -> Result<OwnFormat, String> {
        let mut missing = Vec::new();
        if !header.has("date") && !header.has("date_start") {
            missing.push("date (or date_start)");
        }
        if !(header.has("place") || header.has("lat") && header.has("lon")) {
            missing.push("place (or lat and lon)");
        }
        if !header.has("event_type") {
            missing.push("event_type");
        }
        if !missing.is_empty() {
            return Err(format!(
                "frontmap's events CSV needs the column(s) {}",
                missing.join(", ")
            ));
        }
        let (extra_names, extra_idx) = header.extras(COLUMNS);
        Ok(OwnFormat {
            header,
            extra_names,
            extra_idx,
        })
    }

    pub(crate) fn parse(&self, rec: &StringRecord, line: u64) -> Result<RawEvent, RowError> {
        let h = &self.header;
        let row: OwnRow = rec
            .deserialize(Some(h.record()))
            .map_err(|e| RowError::new(super::import::csv_error_column(&e), e.to_string()))?;
        let o = super::csv::opt;
        let (date_start, date_end, mut date_precision) = if let Some(d) = o(row.date) {
            parse_date_span(d).ok_or_else(|| RowError::new(h.col("date"), bad_date(d)))?
        } else {
            let s = o(row.date_start)
                .ok_or_else(|| RowError::new(h.col("date_start"), "empty date_start"))?;
            let a = parse_day(s).ok_or_else(|| RowError::new(h.col("date_start"), bad_date(s)))?;
            let b = match o(row.date_end) {
                Some(e) => {
                    parse_day(e).ok_or_else(|| RowError::new(h.col("date_end"), bad_date(e)))?
                }
                None => a,
            };
            if b < a {
                return Err(RowError::new(
                    h.col("date_end"),
                    format!("date_end {b} is before date_start {a}"),
                ));
            }
            (a, b, span_precision(a, b))
        };
        if let Some(p) = o(row.date_precision) {
            date_precision = DatePrecision::parse(p).ok_or_else(|| {
                RowError::new(
                    h.col("date_precision"),
                    format!("unknown date_precision {p:?} (day, night, week, month or year)"),
                )
            })?;
        }
        let lat = parse_coord(row.lat.unwrap_or(""), "latitude")
            .map_err(|m| RowError::new(h.col("lat"), m))?;
        let lon = parse_coord(row.lon.unwrap_or(""), "longitude")
            .map_err(|m| RowError::new(h.col("lon"), m))?;
        let coords = match (lat, lon) {
            (Some(a), Some(b)) => Some((a, b)),
            (None, None) => None,
            (Some(_), None) => {
                return Err(RowError::new(
                    h.col("lon"),
                    "latitude given without longitude",
                ));
            }
            (None, Some(_)) => {
                return Err(RowError::new(
                    h.col("lat"),
                    "longitude given without latitude",
                ));
            }
        };
        let place_name = o(row.place).unwrap_or("").to_string();
        if place_name.is_empty() && coords.is_none() {
            return Err(RowError::new(
                h.col("place"),
                "no place: give a place name or lat and lon",
            ));
        }
        let precision = match o(row.location_precision) {
            Some(p) => LocationPrecision::parse(p).ok_or_else(|| {
                RowError::new(h.col("location_precision"), format!("unknown location_precision {p:?} (exact, near, district, region or country)"))
            })?,
            None => LocationPrecision::Exact,
        };
        let (sub_event_type, kind) =
            parse_event_type(row.event_type.unwrap_or(""), row.sub_event_type).map_err(|m| {
                let col = if o(row.sub_event_type).is_some() {
                    h.col("sub_event_type")
                } else {
                    h.col("event_type")
                };
                RowError::new(col, m)
            })?;
        let mut actors = Vec::new();
        split_actors(row.actor1.unwrap_or(""), ActorRole::Actor1, &mut actors);
        split_actors(
            row.assoc_actor_1.unwrap_or(""),
            ActorRole::Assoc1,
            &mut actors,
        );
        split_actors(row.actor2.unwrap_or(""), ActorRole::Actor2, &mut actors);
        split_actors(
            row.assoc_actor_2.unwrap_or(""),
            ActorRole::Assoc2,
            &mut actors,
        );
        let count = |v: Option<&str>, c: &str| {
            parse_count(v.unwrap_or("")).map_err(|m| RowError::new(h.col(c), m))
        };
        let fatalities = Fatalities {
            best: count(row.fatalities, "fatalities")?,
            low: count(row.fatalities_low, "fatalities_low")?,
            high: count(row.fatalities_high, "fatalities_high")?,
        };
        Ok(RawEvent {
            id: o(row.id).map(str::to_string),
            line,
            date_start,
            date_end,
            date_precision,
            place_name,
            place_col: h.col(if h.has("place") { "place" } else { "lat" }),
            coords,
            precision,
            sub_event_type,
            kind,
            actors,
            fatalities,
            source: o(row.source).unwrap_or("").to_string(),
            notes: o(row.notes).unwrap_or("").to_string(),
            sentence: o(row.sentence).map(str::to_string),
            codes: SourceCodes::default(),
            extra: ExtraColumns::new(
                self.extra_names.clone(),
                self.extra_idx.iter().map(|&i| rec.get(i).unwrap_or("")),
            ),
            format: SourceFormat::Frontmap,
        })
    }
}

/// A trimmed, non-empty field.
pub(crate) fn opt(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|s| !s.is_empty())
}

/// A source's numeric precision code (`1..=max`) in column `col`, if given; `source` names
/// the format in the error ("ACLED", "UCDP").
pub(crate) fn precision_code(
    h: &Header,
    v: Option<&str>,
    col: &str,
    max: u8,
    source: &str,
) -> Result<Option<u8>, RowError> {
    match opt(v) {
        None => Ok(None),
        Some(s) => s
            .parse::<u8>()
            .ok()
            .filter(|c| (1..=max).contains(c))
            .map(Some)
            .ok_or_else(|| {
                RowError::new(
                    h.col(col),
                    format!("bad {col} {s:?}: {source} uses 1 to {max}"),
                )
            }),
    }
}

/// The message for an unreadable date.
pub fn bad_date(s: &str) -> String {
    format!(
        "bad date {s:?}: write YYYY-MM-DD (or \"10 January 2013\", \"10-Jan-2013\", YYYY-MM for a month)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn days_in_every_written_form() {
        assert_eq!(parse_day("2013-01-10"), Some(d(2013, 1, 10)));
        assert_eq!(parse_day("2013-01-10 00:00:00.000"), Some(d(2013, 1, 10)));
        assert_eq!(parse_day("16 May 2025"), Some(d(2025, 5, 16)));
        assert_eq!(parse_day("16-May-2025"), Some(d(2025, 5, 16)));
        assert_eq!(parse_day("10 janvier 2013"), Some(d(2013, 1, 10)));
        assert_eq!(parse_day("1er février 2013"), Some(d(2013, 2, 1)));
        assert_eq!(parse_day("January 10, 2013"), Some(d(2013, 1, 10)));
        assert_eq!(parse_day("21 Decembre 2012"), Some(d(2012, 12, 21)));
        assert_eq!(parse_day("2013-02-30"), None);
        assert_eq!(parse_day("2013-13-01"), None);
        assert_eq!(parse_day("10/01/2013"), None);
        assert_eq!(parse_day("yesterday"), None);
    }

    #[test]
    fn spans_months_and_years() {
        assert_eq!(
            parse_date_span("2013-02"),
            Some((d(2013, 2, 1), d(2013, 2, 28), DatePrecision::Month))
        );
        assert_eq!(
            parse_date_span("February 2013"),
            Some((d(2013, 2, 1), d(2013, 2, 28), DatePrecision::Month))
        );
        assert_eq!(
            parse_date_span("2012"),
            Some((d(2012, 1, 1), d(2012, 12, 31), DatePrecision::Year))
        );
        assert_eq!(
            parse_date_span("2013-01-20/2013-01-21"),
            Some((d(2013, 1, 20), d(2013, 1, 21), DatePrecision::Week))
        );
        assert_eq!(parse_date_span("2013-01-21/2013-01-20"), None);
        assert_eq!(month_end(d(2012, 12, 5)), d(2012, 12, 31));
    }

    #[test]
    fn event_words_and_acled_types() {
        assert_eq!(
            parse_event_type("capture", None).unwrap().1,
            EventKind::Capture
        );
        assert_eq!(
            parse_event_type("Air strike", None).unwrap().0,
            SubEventType::AirDroneStrike
        );
        assert_eq!(
            parse_event_type("Battles", Some("Government regains territory")).unwrap(),
            (SubEventType::GovernmentRegainsTerritory, EventKind::Retake)
        );
        assert_eq!(
            parse_event_type("Battles", None).unwrap().0,
            SubEventType::ArmedClash
        );
        assert_eq!(
            parse_event_type("withdrawal", None).unwrap().1,
            EventKind::Withdrawal
        );
        assert!(parse_event_type("party", None).is_err());
        assert!(parse_event_type("Battles", Some("Tea")).is_err());
    }

    #[test]
    fn numbers_and_coordinates() {
        assert_eq!(parse_count("12"), Ok(Some(12)));
        assert_eq!(parse_count(" "), Ok(None));
        assert!(parse_count("about 100").is_err());
        assert_eq!(parse_coord("14.9", "latitude"), Ok(Some(14.9)));
        assert!(
            parse_coord("95", "latitude")
                .unwrap_err()
                .contains("out of range")
        );
        assert!(parse_coord("x", "longitude").is_err());
    }
}
