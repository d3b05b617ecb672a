//! The gazetteer: every named place of the Mali theatre, resolved from a name as written.
//!
//! The embedded data (`gazetteer/places.tsv`, derived by `scripts/build_gazetteer.py` from
//! GeoNames and Who's On First) is compiled into the binary together with an fst index of
//! its name keys (see [`crate::normalize`]); users add or amend places with CSV files
//! ([`Gazetteer::add_user_csv`]).
//!
//! ```
//! use frontmap::gazetteer::{Gazetteer, ResolveOptions, Status};
//! let gaz = Gazetteer::embedded().unwrap();
//! let r = gaz.resolve("Sevare", &ResolveOptions::default());
//! assert_eq!(r.status, Status::Resolved);
//! let sevare = gaz.place(r.best.unwrap().place);
//! assert!((sevare.lat - 14.53).abs() < 0.05);
//! ```

mod index;
mod load;
mod resolve;

use std::borrow::Cow;
use std::sync::OnceLock;

pub use load::{USER_COLUMNS, user_places_paths};
pub use resolve::{Candidate, MatchKind, Resolution, ResolveOptions, Status};

use crate::error::Result;
use index::NameIndex;

/// Index of a place in its [`Gazetteer`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlaceIdx(pub u32);

/// Where a place's record came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceOrigin {
    /// The embedded data (GeoNames / Who's On First, amended by `gazetteer/overrides.csv`).
    Embedded,
    /// A user file (the path as given), which added or amended the place.
    User(String),
}

/// A named place.
///
/// # Units
/// `lat` and `lon` are decimal degrees on WGS84 (x = lon, y = lat).
#[derive(Debug, Clone)]
pub struct Place {
    /// Stable id: `gn:<geonameid>`, `wof:<id>`, `ov:<slug>` (overrides) or a user's id.
    pub id: Cow<'static, str>,
    /// The name as the source spells it, with accents.
    pub name: Cow<'static, str>,
    /// Alternate names, `|`-separated (see [`Place::alt_names`]).
    pub alt_names_joined: Cow<'static, str>,
    /// Latitude, degrees north.
    pub lat: f64,
    /// Longitude, degrees east.
    pub lon: f64,
    /// GeoNames feature class: `P` populated place, `A` administrative area, `H` water,
    /// `S` spot (camps, airports, ruins), `T` terrain, `L` area…
    pub feature_class: char,
    /// GeoNames feature code (`PPLC`, `PPLA`, `PPL`, `ADM1`, `STM`, `MRSH`, `RUIN`…).
    pub feature_code: Cow<'static, str>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Cow<'static, str>,
    /// Name of the first-order division (region), empty when unknown.
    pub admin1: Cow<'static, str>,
    /// Population, 0 when unknown.
    pub population: u64,
    /// GeoNames id, when the place comes from GeoNames.
    pub geonames_id: Option<u64>,
    /// Who's On First id, when known.
    pub wof_id: Option<u64>,
    /// Where the record came from.
    pub origin: PlaceOrigin,
}

impl Place {
    /// The alternate names.
    pub fn alt_names(&self) -> impl Iterator<Item = &str> {
        self.alt_names_joined.split('|').filter(|s| !s.is_empty())
    }

    /// The place's name and alternate names.
    pub fn all_names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_ref()).chain(self.alt_names())
    }

    /// `class.code`, e.g. `P.PPLA`.
    pub fn kind(&self) -> String {
        format!("{}.{}", self.feature_class, self.feature_code)
    }

    /// Whether people live there (feature class `P`).
    pub fn is_populated(&self) -> bool {
        self.feature_class == 'P'
    }

    /// The point as a `geo` point (x = lon, y = lat).
    pub fn point(&self) -> geo::Point<f64> {
        geo::Point::new(self.lon, self.lat)
    }
}

/// The place table and its name index.
pub struct Gazetteer {
    places: Vec<Place>,
    index: NameIndex,
    grid: OnceLock<index::Grid>,
}

impl Gazetteer {
    /// The embedded gazetteer, with no user files.
    pub fn embedded() -> Result<Gazetteer> {
        let places = load::parse_embedded()?;
        let index = NameIndex::embedded()?;
        Ok(Gazetteer {
            places,
            index,
            grid: OnceLock::new(),
        })
    }

    /// The embedded gazetteer amended by the user files found in the usual places
    /// (`~/.config/frontmap/places.csv`, then `FRONTMAP_PLACES`) and then by `extra` files,
    /// in that order (later files win).
    pub fn with_user_files(extra: &[std::path::PathBuf]) -> Result<Gazetteer> {
        let mut gaz = Gazetteer::embedded()?;
        for path in user_places_paths().into_iter().chain(extra.iter().cloned()) {
            gaz.add_user_csv(&path)?;
        }
        Ok(gaz)
    }

    /// Adds or amends places from a user CSV (columns: [`USER_COLUMNS`]).
    ///
    /// A row whose `id` names an existing place adds its `alt_names` to it and replaces every
    /// other non-empty field; any other row adds a place (`name`, `lat`, `lon` required).
    /// Every bad row is reported with `file:line:column`; if any row is bad, nothing of the
    /// file is loaded. Returns the number of rows applied.
    pub fn add_user_csv(&mut self, path: &std::path::Path) -> Result<usize> {
        let bytes = crate::textio::read_bytes(path)?;
        let origin = path.display().to_string();
        let rows = load::parse_user_csv(&bytes, &origin)?;
        let n = rows.len();
        for row in rows {
            self.apply_user_row(row, &origin);
        }
        self.index.rebuild_overlay();
        self.grid = OnceLock::new();
        Ok(n)
    }

    /// Adds or amends places from user CSV text already in memory (see
    /// [`Gazetteer::add_user_csv`]); `origin` names it in errors.
    pub fn add_user_csv_text(&mut self, text: &str, origin: &str) -> Result<usize> {
        let rows = load::parse_user_csv(text.as_bytes(), origin)?;
        let n = rows.len();
        for row in rows {
            self.apply_user_row(row, origin);
        }
        self.index.rebuild_overlay();
        self.grid = OnceLock::new();
        Ok(n)
    }

    fn apply_user_row(&mut self, row: load::UserRow, origin: &str) {
        let existing = row
            .id
            .as_deref()
            .and_then(|id| self.places.iter().position(|p| p.id == id));
        let idx = match existing {
            Some(i) => {
                let p = &mut self.places[i];
                row.amend(p, origin);
                i
            }
            None => {
                let id = row
                    .id
                    .clone()
                    .unwrap_or_else(|| format!("user:{}", self.places.len()));
                self.places.push(row.into_place(id, origin));
                self.places.len() - 1
            }
        };
        let idx = PlaceIdx(idx as u32);
        let place = &self.places[idx.0 as usize];
        let names: Vec<(String, bool)> = place
            .all_names()
            .enumerate()
            .map(|(i, n)| (n.to_string(), i > 0))
            .collect();
        for (name, is_alt) in names {
            self.index.add_overlay(&name, idx, is_alt);
        }
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether there are no places (never true for the embedded data).
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The place at `idx`.
    pub fn place(&self, idx: PlaceIdx) -> &Place {
        &self.places[idx.0 as usize]
    }

    /// All places, in index order.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// The place with this id (`gn:2454857`…), if any.
    pub fn by_id(&self, id: &str) -> Option<PlaceIdx> {
        self.places
            .iter()
            .position(|p| p.id == id)
            .map(|i| PlaceIdx(i as u32))
    }

    /// Places whose name or an alternate name folds to the same key as `name`, with how
    /// they matched. No fuzzy matching.
    pub fn lookup_exact(&self, name: &str) -> Vec<(PlaceIdx, MatchKind)> {
        let key = crate::normalize::name_key(name);
        self.index.exact(&key)
    }

    /// Whether some place has a name or alternate folding to `key` (a [`crate::normalize::name_key`]).
    pub fn has_key(&self, key: &str) -> bool {
        self.index.contains_key(key)
    }

    /// Calls `f(key, place, is_alternate)` for every indexed name key (embedded and user),
    /// in key order for the embedded part: what a text spotter builds its automaton from.
    pub fn for_each_key(&self, f: impl FnMut(&str, PlaceIdx, bool)) {
        self.index.for_each_key(f)
    }

    /// The nearest place to `(lat, lon)` within `max_km` for which `keep` holds, with its
    /// great-circle distance in km.
    pub fn nearest(
        &self,
        lat: f64,
        lon: f64,
        max_km: f64,
        keep: impl Fn(&Place) -> bool,
    ) -> Option<(PlaceIdx, f64)> {
        let grid = self.grid.get_or_init(|| index::Grid::new(&self.places));
        grid.nearest(&self.places, lat, lon, max_km, keep)
    }
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("places", &self.places.len())
            .finish()
    }
}
