//! Claims tables: `date,from,to,stated_km,qualifier,direction,source`, one stated distance
//! or direction per row, as facts with their source (the map renderer draws them by date).
//!
//! `stated_km` may be empty for a direction-only claim, `qualifier` empty for `exact`,
//! `direction` empty when none was stated. Every bad row is reported as `file:line:column`.

use chrono::NaiveDate;

use super::{Claim, ClaimPlace, Direction, Qualifier, StatedDistance, Unit};
use crate::error::{Error, InputError, Result};

/// The header a claims table must have.
pub const CLAIM_COLUMNS: [&str; 7] = [
    "date",
    "from",
    "to",
    "stated_km",
    "qualifier",
    "direction",
    "source",
];

/// One row of a claims table.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimRow {
    /// Date of the statement (publication date of the source).
    pub date: NaiveDate,
    /// The claim (places unresolved: names as written).
    pub claim: Claim,
    /// Where the statement comes from (outlet, file, URL).
    pub source: String,
    /// 1-based line of the row in its file.
    pub line: u64,
}

#[derive(Debug, serde::Deserialize)]
struct RawRow {
    date: String,
    from: String,
    to: String,
    stated_km: String,
    qualifier: String,
    direction: String,
    source: String,
}

/// Reads a claims table from `path` (`-` for stdin).
pub fn read_claims(path: &std::path::Path) -> Result<Vec<ClaimRow>> {
    let decoded = crate::textio::read_text(path)?;
    parse_claims(&decoded.text, &path.display().to_string())
}

/// Parses a claims table held in memory; `origin` names it in errors. All bad rows are
/// reported together; nothing is returned unless every row is good.
pub fn parse_claims(text: &str, origin: &str) -> Result<Vec<ClaimRow>> {
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header_err = |msg: String| Error::input(origin, 1, 1, msg);
    let headers = rdr
        .headers()
        .map_err(|e| header_err(format!("cannot read the header: {e}")))?
        .clone();
    if text.trim().is_empty() {
        return Err(header_err(format!(
            "empty claims table: expected the header {}",
            CLAIM_COLUMNS.join(",")
        )));
    }
    for (i, want) in CLAIM_COLUMNS.iter().enumerate() {
        if headers.get(i).map(str::to_ascii_lowercase).as_deref() != Some(*want) {
            return Err(Error::input(
                origin,
                1,
                i as u64 + 1,
                format!(
                    "expected column {want:?} here (the header must be {}), found {:?}",
                    CLAIM_COLUMNS.join(","),
                    headers.get(i).unwrap_or("")
                ),
            ));
        }
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                errors.push(InputError::new(origin, line, 1, e.to_string()));
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| p.line());
        let raw: RawRow = match rec.deserialize(Some(&headers)) {
            Ok(r) => r,
            Err(e) => {
                errors.push(InputError::new(origin, line, 1, e.to_string()));
                continue;
            }
        };
        match row(raw, line, origin) {
            Ok(r) => rows.push(r),
            Err(e) => errors.push(e),
        }
    }
    match errors.len() {
        0 => Ok(rows),
        1 => Err(Error::Input(Box::new(errors.remove(0)))),
        _ => Err(Error::Inputs(errors)),
    }
}

fn row(raw: RawRow, line: u64, origin: &str) -> std::result::Result<ClaimRow, InputError> {
    let err = |col: u64, msg: String| InputError::new(origin, line, col, msg);
    let date = NaiveDate::parse_from_str(&raw.date, "%Y-%m-%d")
        .map_err(|_| err(1, format!("{:?} is not a date (YYYY-MM-DD)", raw.date)))?;
    if raw.from.is_empty() {
        return Err(err(2, "the reference place (from) is empty".into()));
    }
    if raw.to.is_empty() {
        return Err(err(3, "the located place (to) is empty".into()));
    }
    let distance = if raw.stated_km.is_empty() {
        None
    } else {
        let v: f64 = raw
            .stated_km
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite() && *v > 0.0)
            .ok_or_else(|| {
                err(
                    4,
                    format!("{:?} is not a positive distance in km", raw.stated_km),
                )
            })?;
        Some(StatedDistance::new(v, Unit::Km))
    };
    let qualifier = Qualifier::from_label(&raw.qualifier).ok_or_else(|| {
        err(
            5,
            format!(
                "{:?} is not a qualifier (exact, about, more_than, less_than)",
                raw.qualifier
            ),
        )
    })?;
    let direction = if raw.direction.is_empty() {
        None
    } else {
        Some(Direction::from_label(&raw.direction).ok_or_else(|| {
            err(
                6,
                format!(
                    "{:?} is not a compass point (N, NNE, NE … NNW)",
                    raw.direction
                ),
            )
        })?)
    };
    if distance.is_none() && direction.is_none() {
        return Err(err(
            4,
            "neither a distance nor a direction is stated".into(),
        ));
    }
    Ok(ClaimRow {
        date,
        claim: Claim {
            from: ClaimPlace::named(raw.from),
            to: ClaimPlace::named(raw.to),
            distance,
            qualifier,
            direction,
        },
        source: raw.source,
        line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "date,from,to,stated_km,qualifier,direction,source\n";

    #[test]
    fn reads_rows() {
        let t =
            format!("{HEAD}2013-01-12,Konna,Sévaré,70,,S,AFP\n2013-01-12,Kidal,Tessalit,,,N,x\n");
        let rows = parse_claims(&t, "c.csv").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].claim.distance.as_ref().unwrap().km(), 70.0);
        assert_eq!(rows[0].claim.direction.unwrap().label(), "S");
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn bad_rows_say_where() {
        let t = format!(
            "{HEAD}2013-13-01,Konna,Sévaré,70,,S,x\n2013-01-12,Konna,Sévaré,-3,,,x\n2013-01-12,Konna,Sévaré,3,maybe,,x\n2013-01-12,Konna,Sévaré,3,,NXE,x\n"
        );
        let e = parse_claims(&t, "c.csv").unwrap_err().to_string();
        assert!(e.contains("c.csv:2:1:"), "{e}");
        assert!(e.contains("c.csv:3:4:"), "{e}");
        assert!(e.contains("c.csv:4:5:"), "{e}");
        assert!(e.contains("c.csv:5:6:"), "{e}");
    }

    #[test]
    fn bad_header_and_empty_file() {
        assert!(
            parse_claims("", "c.csv")
                .unwrap_err()
                .to_string()
                .starts_with("c.csv:1:1:")
        );
        let e = parse_claims("date,to,from\n", "c.csv")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("c.csv:1:2:"), "{e}");
    }
}
