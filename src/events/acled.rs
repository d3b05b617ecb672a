//! ACLED CSV exports.
//!
//! Recognised from the header (`event_id_cnty`, or `event_date` with `sub_event_type`).
//! `event_date` may be ISO (`2013-01-10`) or written out (`10 January 2013`, `10-Jan-2013`).
//!
//! # Precision codes (kept in [`crate::events::SourceCodes`] and mapped)
//! | `time_precision` | frontmap | date span |
//! |---|---|---|
//! | 1 (the day is known) | day | the day |
//! | 2 (the week is known; ACLED codes the middle of it) | week | event_date − 3 … + 3 days |
//! | 3 (the month is known; ACLED codes the middle of it) | month | the whole month |
//!
//! | `geo_precision` | frontmap | attaches to a gazetteer place within |
//! |---|---|---|
//! | 1 (the town itself) | exact | 10 km |
//! | 2 (near the town, part of a region) | near | 25 km |
//! | 3 (a larger region; coordinates of its capital) | region | 150 km, first-order divisions only |

use std::sync::Arc;

use chrono::{Datelike, Duration, NaiveDate};
use csv::StringRecord;

use super::csv::{bad_date, month_end, parse_coord, parse_count, parse_day, split_actors};
use super::import::{Header, RawEvent, RowError};
use super::model::{
    ActorRole, DatePrecision, EventType, ExtraColumns, Fatalities, LocationPrecision, SourceCodes,
    SourceFormat, SubEventType,
};

/// Columns frontmap interprets (everything else is kept as an extra column).
pub const COLUMNS: &[&str] = &[
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
];

/// One ACLED row (the columns frontmap reads; all as written).
#[derive(Debug, serde::Deserialize)]
pub struct AcledRow<'a> {
    /// Event id, e.g. `MLI1234`.
    pub event_id_cnty: Option<&'a str>,
    /// Date (ISO or written out).
    pub event_date: Option<&'a str>,
    /// 1 day, 2 week, 3 month.
    pub time_precision: Option<&'a str>,
    /// ACLED event type.
    pub event_type: Option<&'a str>,
    /// ACLED sub-event type.
    pub sub_event_type: Option<&'a str>,
    /// Actor 1.
    pub actor1: Option<&'a str>,
    /// Actor 1's allies, `;`-separated.
    pub assoc_actor_1: Option<&'a str>,
    /// Actor 2.
    pub actor2: Option<&'a str>,
    /// Actor 2's allies.
    pub assoc_actor_2: Option<&'a str>,
    /// Location name.
    pub location: Option<&'a str>,
    /// Latitude.
    pub latitude: Option<&'a str>,
    /// Longitude.
    pub longitude: Option<&'a str>,
    /// 1 town, 2 near, 3 region.
    pub geo_precision: Option<&'a str>,
    /// Sources.
    pub source: Option<&'a str>,
    /// Notes.
    pub notes: Option<&'a str>,
    /// Fatalities.
    pub fatalities: Option<&'a str>,
}

/// The date span of an ACLED date with its `time_precision`.
pub fn date_span(d: NaiveDate, time_precision: u8) -> (NaiveDate, NaiveDate, DatePrecision) {
    match time_precision {
        2 => (
            d - Duration::days(3),
            d + Duration::days(3),
            DatePrecision::Week,
        ),
        3 => {
            let start = d.with_day(1).unwrap_or(d);
            (start, month_end(d), DatePrecision::Month)
        }
        _ => (d, d, DatePrecision::Day),
    }
}

/// frontmap's location precision for an ACLED `geo_precision`.
pub fn location_precision(code: u8) -> LocationPrecision {
    match code {
        1 => LocationPrecision::Exact,
        2 => LocationPrecision::Near,
        _ => LocationPrecision::Region,
    }
}

pub(crate) struct AcledFormat {
    header: Header,
    extra_names: Arc<[Arc<str>]>,
    extra_idx: Vec<usize>,
}

impl AcledFormat {
    pub(crate) fn new(header: Header) -> Result<AcledFormat, String> {
        let mut missing = Vec::new();
        if !header.has("event_date") {
            missing.push("event_date");
        }
        if !header.has("event_type") && !header.has("sub_event_type") {
            missing.push("event_type or sub_event_type");
        }
        if !(header.has("location") || header.has("latitude") && header.has("longitude")) {
            missing.push("location (or latitude and longitude)");
        }
        if !missing.is_empty() {
            return Err(format!(
                "an ACLED export needs the column(s) {}",
                missing.join(", ")
            ));
        }
        let (extra_names, extra_idx) = header.extras(COLUMNS);
        Ok(AcledFormat {
            header,
            extra_names,
            extra_idx,
        })
    }

    pub(crate) fn parse(&self, rec: &StringRecord, line: u64) -> Result<RawEvent, RowError> {
        let h = &self.header;
        let row: AcledRow = rec
            .deserialize(Some(h.record()))
            .map_err(|e| RowError::new(super::import::csv_error_column(&e), e.to_string()))?;
        let o = super::csv::opt;
        let code = |v: Option<&str>, col: &str, max: u8| {
            super::csv::precision_code(h, v, col, max, "ACLED")
        };
        let date_text = o(row.event_date)
            .ok_or_else(|| RowError::new(h.col("event_date"), "empty event_date"))?;
        let day = parse_day(date_text)
            .ok_or_else(|| RowError::new(h.col("event_date"), bad_date(date_text)))?;
        let tp = code(row.time_precision, "time_precision", 3)?;
        let (date_start, date_end, date_precision) = date_span(day, tp.unwrap_or(1));
        let gp = code(row.geo_precision, "geo_precision", 3)?;
        let lat = parse_coord(row.latitude.unwrap_or(""), "latitude")
            .map_err(|m| RowError::new(h.col("latitude"), m))?;
        let lon = parse_coord(row.longitude.unwrap_or(""), "longitude")
            .map_err(|m| RowError::new(h.col("longitude"), m))?;
        let coords = match (lat, lon) {
            (Some(a), Some(b)) => Some((a, b)),
            (None, None) => None,
            (Some(_), None) => {
                return Err(RowError::new(
                    h.col("longitude"),
                    "latitude given without longitude",
                ));
            }
            (None, Some(_)) => {
                return Err(RowError::new(
                    h.col("latitude"),
                    "longitude given without latitude",
                ));
            }
        };
        let place_name = o(row.location).unwrap_or("").to_string();
        if place_name.is_empty() && coords.is_none() {
            return Err(RowError::new(
                h.col("location"),
                "no location and no coordinates",
            ));
        }
        let sub = match o(row.sub_event_type) {
            Some(s) => SubEventType::parse(s).ok_or_else(|| {
                RowError::new(
                    h.col("sub_event_type"),
                    format!("unknown ACLED sub_event_type {s:?}"),
                )
            })?,
            None => {
                let t = o(row.event_type).unwrap_or("");
                EventType::parse(t)
                    .ok_or_else(|| {
                        RowError::new(
                            h.col("event_type"),
                            format!("unknown ACLED event_type {t:?}"),
                        )
                    })?
                    .default_sub_type()
            }
        };
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
        let best = parse_count(row.fatalities.unwrap_or(""))
            .map_err(|m| RowError::new(h.col("fatalities"), m))?;
        Ok(RawEvent {
            id: o(row.event_id_cnty).map(str::to_string),
            line,
            date_start,
            date_end,
            date_precision,
            place_name,
            place_col: h.col(if h.has("location") {
                "location"
            } else {
                "latitude"
            }),
            coords,
            precision: location_precision(gp.unwrap_or(1)),
            sub_event_type: sub,
            kind: sub.kind(),
            actors,
            fatalities: Fatalities {
                best,
                low: None,
                high: None,
            },
            source: o(row.source).unwrap_or("").to_string(),
            notes: o(row.notes).unwrap_or("").to_string(),
            sentence: None,
            codes: SourceCodes {
                date_precision: tp,
                location_precision: gp,
                type_of_violence: None,
            },
            extra: ExtraColumns::new(
                self.extra_names.clone(),
                self.extra_idx.iter().map(|&i| rec.get(i).unwrap_or("")),
            ),
            format: SourceFormat::Acled,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_precision_spans() {
        let d = NaiveDate::from_ymd_opt(2013, 1, 16).unwrap();
        assert_eq!(date_span(d, 1), (d, d, DatePrecision::Day));
        let (a, b, p) = date_span(d, 2);
        assert_eq!((a.day(), b.day(), p), (13, 19, DatePrecision::Week));
        let (a, b, p) = date_span(d, 3);
        assert_eq!((a.day(), b.day(), p), (1, 31, DatePrecision::Month));
        assert_eq!(location_precision(2), LocationPrecision::Near);
        assert_eq!(location_precision(3), LocationPrecision::Region);
    }
}
