//! UCDP Georeferenced Event Dataset (GED) CSV.
//!
//! Recognised from the header (`where_prec`, or `side_a` with `type_of_violence`).
//!
//! # Precision codes (kept in [`crate::events::SourceCodes`] and mapped)
//! | `date_prec` | meaning (UCDP) | frontmap |
//! |---|---|---|
//! | 1 | exact date | day |
//! | 2 | 2–6 days | week |
//! | 3 | about a week | week |
//! | 4 | 8–30 days, a month | month |
//! | 5 | more than a month, up to a year | year |
//!
//! The span is UCDP's own `date_start` … `date_end`.
//!
//! | `where_prec` | meaning (UCDP) | frontmap | attaches within |
//! |---|---|---|---|
//! | 1 | exact location | exact | 10 km |
//! | 2 | within about 25 km of a known point | near | 25 km |
//! | 3 | second-order division | district | 50 km |
//! | 4 | first-order division | region | 150 km (divisions only) |
//! | 5 | a line (road, river) or a larger area | region | 150 km (divisions only) |
//! | 6 | the country | country | — |
//! | 7 | international waters or airspace | country | — |
//!
//! `type_of_violence` 1 (state-based) and 2 (non-state) become *Battles: Armed clash*,
//! 3 (one-sided) *Violence against civilians: Attack*. `side_a` is actor 1, `side_b` actor 2;
//! `best`, `low`, `high` are the fatalities.

use std::sync::Arc;

use csv::StringRecord;

use super::csv::{bad_date, parse_coord, parse_count, parse_day};
use super::import::{Header, RawEvent, RowError};
use super::model::{
    ActorRole, DatePrecision, ExtraColumns, Fatalities, LocationPrecision, SourceCodes,
    SourceFormat, SubEventType,
};

/// Columns frontmap interprets (everything else is kept as an extra column).
pub const COLUMNS: &[&str] = &[
    "id",
    "type_of_violence",
    "side_a",
    "side_b",
    "where_prec",
    "where_coordinates",
    "latitude",
    "longitude",
    "date_prec",
    "date_start",
    "date_end",
    "best",
    "low",
    "high",
    "source_article",
    "source_headline",
];

/// One UCDP GED row (the columns frontmap reads).
#[derive(Debug, serde::Deserialize)]
pub struct UcdpRow<'a> {
    /// UCDP event id.
    pub id: Option<&'a str>,
    /// 1 state-based, 2 non-state, 3 one-sided.
    pub type_of_violence: Option<&'a str>,
    /// Side A.
    pub side_a: Option<&'a str>,
    /// Side B.
    pub side_b: Option<&'a str>,
    /// Location precision, 1–7.
    pub where_prec: Option<&'a str>,
    /// Name of the location.
    pub where_coordinates: Option<&'a str>,
    /// Latitude.
    pub latitude: Option<&'a str>,
    /// Longitude.
    pub longitude: Option<&'a str>,
    /// Date precision, 1–5.
    pub date_prec: Option<&'a str>,
    /// First day.
    pub date_start: Option<&'a str>,
    /// Last day.
    pub date_end: Option<&'a str>,
    /// Best fatality estimate.
    pub best: Option<&'a str>,
    /// Low estimate.
    pub low: Option<&'a str>,
    /// High estimate.
    pub high: Option<&'a str>,
    /// Sources.
    pub source_article: Option<&'a str>,
    /// Headline of the source.
    pub source_headline: Option<&'a str>,
}

/// frontmap's date precision for a UCDP `date_prec`.
pub fn date_precision(code: u8) -> DatePrecision {
    match code {
        1 => DatePrecision::Day,
        2 | 3 => DatePrecision::Week,
        4 => DatePrecision::Month,
        _ => DatePrecision::Year,
    }
}

/// frontmap's location precision for a UCDP `where_prec`.
pub fn location_precision(code: u8) -> LocationPrecision {
    match code {
        1 => LocationPrecision::Exact,
        2 => LocationPrecision::Near,
        3 => LocationPrecision::District,
        4 | 5 => LocationPrecision::Region,
        _ => LocationPrecision::Country,
    }
}

pub(crate) struct UcdpFormat {
    header: Header,
    extra_names: Arc<[Arc<str>]>,
    extra_idx: Vec<usize>,
}

impl UcdpFormat {
    pub(crate) fn new(header: Header) -> Result<UcdpFormat, String> {
        let mut missing = Vec::new();
        if !header.has("date_start") {
            missing.push("date_start");
        }
        if !(header.has("where_coordinates") || header.has("latitude") && header.has("longitude")) {
            missing.push("latitude and longitude (or where_coordinates)");
        }
        if !missing.is_empty() {
            return Err(format!(
                "UCDP GED needs the column(s) {}",
                missing.join(", ")
            ));
        }
        let (extra_names, extra_idx) = header.extras(COLUMNS);
        Ok(UcdpFormat {
            header,
            extra_names,
            extra_idx,
        })
    }

    pub(crate) fn parse(&self, rec: &StringRecord, line: u64) -> Result<RawEvent, RowError> {
        let h = &self.header;
        let row: UcdpRow = rec
            .deserialize(Some(h.record()))
            .map_err(|e| RowError::new(super::import::csv_error_column(&e), e.to_string()))?;
        let o = super::csv::opt;
        let code = |v: Option<&str>, col: &str, max: u8| {
            super::csv::precision_code(h, v, col, max, "UCDP")
        };
        let s = o(row.date_start)
            .ok_or_else(|| RowError::new(h.col("date_start"), "empty date_start"))?;
        let date_start =
            parse_day(s).ok_or_else(|| RowError::new(h.col("date_start"), bad_date(s)))?;
        let date_end = match o(row.date_end) {
            Some(e) => parse_day(e).ok_or_else(|| RowError::new(h.col("date_end"), bad_date(e)))?,
            None => date_start,
        };
        if date_end < date_start {
            return Err(RowError::new(
                h.col("date_end"),
                format!("date_end {date_end} is before date_start {date_start}"),
            ));
        }
        let dp = code(row.date_prec, "date_prec", 5)?;
        let wp = code(row.where_prec, "where_prec", 7)?;
        let tv = code(row.type_of_violence, "type_of_violence", 3)?;
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
        let place_name = o(row.where_coordinates).unwrap_or("").to_string();
        if place_name.is_empty() && coords.is_none() {
            return Err(RowError::new(
                h.col("where_coordinates"),
                "no where_coordinates and no coordinates",
            ));
        }
        let sub = if tv == Some(3) {
            SubEventType::Attack
        } else {
            SubEventType::ArmedClash
        };
        let mut actors = Vec::new();
        if let Some(a) = o(row.side_a) {
            actors.push((a.to_string(), ActorRole::Actor1));
        }
        if let Some(b) = o(row.side_b) {
            actors.push((b.to_string(), ActorRole::Actor2));
        }
        let count = |v: Option<&str>, c: &str| {
            parse_count(v.unwrap_or("")).map_err(|m| RowError::new(h.col(c), m))
        };
        let fatalities = Fatalities {
            best: count(row.best, "best")?,
            low: count(row.low, "low")?,
            high: count(row.high, "high")?,
        };
        Ok(RawEvent {
            id: o(row.id).map(|i| format!("ucdp:{i}")),
            line,
            date_start,
            date_end,
            date_precision: match dp {
                Some(c) => date_precision(c),
                None => super::csv::span_precision(date_start, date_end),
            },
            place_name,
            place_col: h.col(if h.has("where_coordinates") {
                "where_coordinates"
            } else {
                "latitude"
            }),
            coords,
            precision: location_precision(wp.unwrap_or(1)),
            sub_event_type: sub,
            kind: sub.kind(),
            actors,
            fatalities,
            source: o(row.source_article).unwrap_or("").to_string(),
            notes: o(row.source_headline).unwrap_or("").to_string(),
            sentence: None,
            codes: SourceCodes {
                date_precision: dp,
                location_precision: wp,
                type_of_violence: tv,
            },
            extra: ExtraColumns::new(
                self.extra_names.clone(),
                self.extra_idx.iter().map(|&i| rec.get(i).unwrap_or("")),
            ),
            format: SourceFormat::Ucdp,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_codes_map() {
        assert_eq!(date_precision(1), DatePrecision::Day);
        assert_eq!(date_precision(3), DatePrecision::Week);
        assert_eq!(date_precision(5), DatePrecision::Year);
        assert_eq!(location_precision(3), LocationPrecision::District);
        assert_eq!(location_precision(5), LocationPrecision::Region);
        assert_eq!(location_precision(7), LocationPrecision::Country);
    }
}
