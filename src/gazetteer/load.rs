//! Reading place records: the embedded TSV (zero-copy) and users' CSV files.

use std::borrow::Cow;
use std::path::PathBuf;

use super::{Place, PlaceOrigin};
use crate::error::{Error, InputError, Result};

/// The embedded place table (see `gazetteer/README.md` for its columns).
pub(crate) static PLACES_TSV: &str = include_str!("../../gazetteer/places.tsv");

const TSV_COLUMNS: [&str; 12] = [
    "id",
    "name",
    "alt_names",
    "lat",
    "lon",
    "feature_class",
    "feature_code",
    "country",
    "admin1",
    "population",
    "geonames_id",
    "wof_id",
];

/// Parses the embedded TSV. Its rows are in the order `build.rs` indexed them.
pub(crate) fn parse_embedded() -> Result<Vec<Place>> {
    let mut lines = PLACES_TSV.split('\n');
    let header = lines.next().unwrap_or("");
    if header.split('\t').ne(TSV_COLUMNS) {
        return Err(Error::Embedded(format!(
            "places.tsv header is {header:?}, expected {}",
            TSV_COLUMNS.join("\\t")
        )));
    }
    let mut places = Vec::with_capacity(PLACES_TSV.len() / 70);
    for (i, line) in lines.enumerate() {
        if line.is_empty() {
            continue;
        }
        places.push(parse_tsv_row(line).ok_or_else(|| {
            Error::Embedded(format!("places.tsv line {} is malformed: {line:?}", i + 2))
        })?);
    }
    Ok(places)
}

fn parse_tsv_row(line: &'static str) -> Option<Place> {
    let mut f = line.split('\t');
    let mut next = || f.next();
    let id = next()?;
    let name = next()?;
    let alts = next()?;
    let lat = next()?.parse().ok()?;
    let lon = next()?.parse().ok()?;
    let class = next()?.chars().next().unwrap_or('P');
    let code = next()?;
    let country = next()?;
    let admin1 = next()?;
    let population = parse_u64_or_zero(next()?);
    let geonames_id = next()?.parse().ok();
    let wof_id = next().and_then(|s| s.parse().ok());
    Some(Place {
        id: Cow::Borrowed(id),
        name: Cow::Borrowed(name),
        alt_names_joined: Cow::Borrowed(alts),
        lat,
        lon,
        feature_class: class,
        feature_code: Cow::Borrowed(code),
        country: Cow::Borrowed(country),
        admin1: Cow::Borrowed(admin1),
        population,
        geonames_id,
        wof_id,
        origin: PlaceOrigin::Embedded,
    })
}

fn parse_u64_or_zero(s: &str) -> u64 {
    s.parse().unwrap_or(0)
}

/// The columns of a user places file (and of `gazetteer/overrides.csv`). Only `name`, `lat`
/// and `lon` are required, and only for new places.
pub const USER_COLUMNS: [&str; 11] = [
    "id",
    "name",
    "alt_names",
    "lat",
    "lon",
    "feature_class",
    "feature_code",
    "country",
    "admin1",
    "population",
    "source",
];

/// Where user places files are looked for, in load order: `$XDG_CONFIG_HOME/frontmap/places.csv`
/// (or `~/.config/frontmap/places.csv`) if it exists, then each path of `FRONTMAP_PLACES`
/// (separated by `:`).
pub fn user_places_paths() -> Vec<PathBuf> {
    let mut paths = Vec::new();
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|s| !s.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")));
    if let Some(dir) = config {
        let p = dir.join("frontmap").join("places.csv");
        if p.is_file() {
            paths.push(p);
        }
    }
    if let Some(list) = std::env::var_os("FRONTMAP_PLACES") {
        paths.extend(std::env::split_paths(&list).filter(|p| !p.as_os_str().is_empty()));
    }
    paths
}

/// One validated row of a user file.
#[derive(Debug, Clone, Default)]
pub(crate) struct UserRow {
    pub id: Option<String>,
    name: Option<String>,
    alt_names: Vec<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    feature_class: Option<char>,
    feature_code: Option<String>,
    country: Option<String>,
    admin1: Option<String>,
    population: Option<u64>,
}

impl UserRow {
    /// Applies the row to an existing place: alternates are added, other fields replaced.
    pub(crate) fn amend(self, p: &mut Place, origin: &str) {
        if let Some(name) = self.name {
            if name != p.name {
                // The old name stays findable as an alternate.
                let old = p.name.to_string();
                push_alt(p, &old);
                p.name = Cow::Owned(name);
            }
        }
        for alt in &self.alt_names {
            push_alt(p, alt);
        }
        if let Some(v) = self.lat {
            p.lat = v;
        }
        if let Some(v) = self.lon {
            p.lon = v;
        }
        if let Some(v) = self.feature_class {
            p.feature_class = v;
        }
        if let Some(v) = self.feature_code {
            p.feature_code = Cow::Owned(v);
        }
        if let Some(v) = self.country {
            p.country = Cow::Owned(v);
        }
        if let Some(v) = self.admin1 {
            p.admin1 = Cow::Owned(v);
        }
        if let Some(v) = self.population {
            p.population = v;
        }
        p.origin = PlaceOrigin::User(origin.to_string());
    }

    /// Makes a new place of the row (validated: name, lat and lon are present).
    pub(crate) fn into_place(self, id: String, origin: &str) -> Place {
        Place {
            id: Cow::Owned(id),
            name: Cow::Owned(self.name.unwrap_or_default()),
            alt_names_joined: Cow::Owned(self.alt_names.join("|")),
            lat: self.lat.unwrap_or_default(),
            lon: self.lon.unwrap_or_default(),
            feature_class: self.feature_class.unwrap_or('P'),
            feature_code: Cow::Owned(self.feature_code.unwrap_or_else(|| "PPL".into())),
            country: Cow::Owned(self.country.unwrap_or_default()),
            admin1: Cow::Owned(self.admin1.unwrap_or_default()),
            population: self.population.unwrap_or(0),
            geonames_id: None,
            wof_id: None,
            origin: PlaceOrigin::User(origin.to_string()),
        }
    }
}

fn push_alt(p: &mut Place, alt: &str) {
    if p.all_names().any(|n| n == alt) {
        return;
    }
    let mut joined = p.alt_names_joined.to_string();
    if !joined.is_empty() {
        joined.push('|');
    }
    joined.push_str(alt);
    p.alt_names_joined = Cow::Owned(joined);
}

/// Parses and validates a whole user file; any bad row makes it fail with every error found.
pub(crate) fn parse_user_csv(bytes: &[u8], origin: &str) -> Result<Vec<UserRow>> {
    let text = crate::textio::decode(bytes, origin)?.text;
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| Error::input(origin, 1, 1, format!("cannot read the header: {e}")))?
        .clone();
    let mut errors = Vec::new();
    let mut columns: Vec<Option<usize>> = Vec::with_capacity(headers.len());
    for (i, h) in headers.iter().enumerate() {
        let h = h.trim_start_matches('\u{feff}').to_ascii_lowercase();
        match USER_COLUMNS.iter().position(|c| *c == h) {
            Some(c) => columns.push(Some(c)),
            None => {
                errors.push(InputError::new(
                    origin,
                    1,
                    i as u64 + 1,
                    format!(
                        "unknown column {h:?}; the columns are {}",
                        USER_COLUMNS.join(", ")
                    ),
                ));
                columns.push(None);
            }
        }
    }
    let has = |name: &str| {
        let want = USER_COLUMNS.iter().position(|c| *c == name);
        columns.contains(&want)
    };
    if !has("id") && !(has("name") && has("lat") && has("lon")) {
        errors.push(InputError::new(
            origin,
            1,
            1,
            "a places file needs the columns name, lat and lon (or id, to amend a known place)",
        ));
    }
    if !errors.is_empty() {
        return Err(Error::Inputs(errors));
    }

    let mut rows = Vec::new();
    for record in rdr.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                errors.push(InputError::new(origin, line, 1, e.to_string()));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != headers.len() {
            errors.push(InputError::new(
                origin,
                line,
                record.len().min(headers.len()) as u64 + 1,
                format!(
                    "this row has {} fields, the header has {}",
                    record.len(),
                    headers.len()
                ),
            ));
            continue;
        }
        let mut row = UserRow::default();
        let mut row_ok = true;
        for (i, value) in record.iter().enumerate() {
            let Some(col) = columns[i] else { continue };
            if value.is_empty() {
                continue;
            }
            let col_name = USER_COLUMNS[col];
            let mut fail = |msg: String| {
                errors.push(InputError::new(origin, line, i as u64 + 1, msg));
                row_ok = false;
            };
            match col_name {
                "id" => row.id = Some(value.to_string()),
                "name" => row.name = Some(value.to_string()),
                "alt_names" => {
                    row.alt_names = value
                        .split('|')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect()
                }
                "lat" | "lon" => {
                    let limit = if col_name == "lat" { 90.0 } else { 180.0 };
                    match parse_coordinate(value) {
                        Some(v) if v.abs() <= limit => {
                            if col_name == "lat" {
                                row.lat = Some(v)
                            } else {
                                row.lon = Some(v)
                            }
                        }
                        Some(v) => fail(format!("{col_name} {v} is out of range (±{limit}°)")),
                        None => fail(format!(
                            "{col_name} {value:?} is not a number of degrees (write e.g. 14.94)"
                        )),
                    }
                }
                "feature_class" => {
                    let c = value.chars().next().unwrap_or('P').to_ascii_uppercase();
                    if value.chars().count() != 1 || !"AHLPRSTUV".contains(c) {
                        fail(format!(
                            "feature_class {value:?} must be one GeoNames class letter (A, H, L, P, R, S, T, U, V)"
                        ));
                    } else {
                        row.feature_class = Some(c);
                    }
                }
                "feature_code" => row.feature_code = Some(value.to_ascii_uppercase()),
                "country" => {
                    if value.len() != 2 || !value.chars().all(|c| c.is_ascii_alphabetic()) {
                        fail(format!(
                            "country {value:?} must be an ISO 3166 two-letter code"
                        ));
                    } else {
                        row.country = Some(value.to_ascii_uppercase());
                    }
                }
                "admin1" => row.admin1 = Some(value.to_string()),
                "population" => match value.replace(['_', ' '], "").parse::<u64>() {
                    Ok(v) => row.population = Some(v),
                    Err(_) => fail(format!("population {value:?} is not a whole number")),
                },
                _ => {}
            }
        }
        if !row_ok {
            continue;
        }
        // New places (no id, or an id only the gazetteer can tell) need a name and a point;
        // amending rows need an id. The caller decides which an id is, so check the minimum.
        if row.id.is_none() {
            for (col, missing) in [
                ("name", row.name.is_none()),
                ("lat", row.lat.is_none()),
                ("lon", row.lon.is_none()),
            ] {
                if missing {
                    let column = columns
                        .iter()
                        .position(|c| *c == USER_COLUMNS.iter().position(|u| *u == col))
                        .map_or(1, |i| i as u64 + 1);
                    errors.push(InputError::new(
                        origin,
                        line,
                        column,
                        format!("a new place needs a {col} (or give the id of a known place to amend it)"),
                    ));
                    row_ok = false;
                }
            }
        } else if row.lat.is_some() != row.lon.is_some() {
            errors.push(InputError::new(
                origin,
                line,
                1,
                "give both lat and lon, or neither",
            ));
            row_ok = false;
        }
        if row_ok {
            rows.push(row);
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(Error::Inputs(errors))
    }
}

/// Parses decimal degrees, accepting a French decimal comma ("14,94").
pub(crate) fn parse_coordinate(s: &str) -> Option<f64> {
    let s = s.trim();
    let v: f64 = s.parse().or_else(|_| s.replace(',', ".").parse()).ok()?;
    v.is_finite().then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_parses() {
        let places = parse_embedded().unwrap();
        assert!(places.len() > 10_000, "{} places", places.len());
        assert!(
            places
                .iter()
                .all(|p| p.lat.abs() <= 90.0 && p.lon.abs() <= 180.0)
        );
    }

    #[test]
    fn user_rows_are_validated_with_positions() {
        let csv =
            "name,lat,lon,country\nKonna bis,14.9,-3.9,ML\nBad,91,-3.9,ML\nAlso bad,abc,1,MLI\n";
        let Err(Error::Inputs(errs)) = parse_user_csv(csv.as_bytes(), "my.csv") else {
            panic!("expected errors")
        };
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(
            msgs[0].starts_with("my.csv:3:2: lat 91 is out of range"),
            "{msgs:?}"
        );
        assert!(msgs[1].starts_with("my.csv:4:2: lat \"abc\""), "{msgs:?}");
        assert!(
            msgs[2].starts_with("my.csv:4:4: country \"MLI\""),
            "{msgs:?}"
        );
    }

    #[test]
    fn unknown_columns_and_short_rows_are_errors() {
        let csv = "name,lattitude,lon\nX,1,2\n";
        let e = parse_user_csv(csv.as_bytes(), "u.csv")
            .unwrap_err()
            .to_string();
        assert!(e.contains("u.csv:1:2: unknown column \"lattitude\""), "{e}");
        let csv = "name,lat,lon\nX,1\n";
        let e = parse_user_csv(csv.as_bytes(), "u.csv")
            .unwrap_err()
            .to_string();
        assert!(e.contains("u.csv:2:3: this row has 2 fields"), "{e}");
    }

    #[test]
    fn decimal_comma_is_accepted() {
        assert_eq!(parse_coordinate("14,94"), Some(14.94));
        assert_eq!(parse_coordinate("-3.89"), Some(-3.89));
        assert_eq!(parse_coordinate("NaN"), None);
    }
}
