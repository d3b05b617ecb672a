//! # frontmap
//!
//! Turns conflict reporting into checked maps. Data flows one way:
//!
//! ```text
//! text / CSV ──► gazetteer resolution ──► events & control timeline ──► analysis ──► renderers
//! (extract, events)   (gazetteer)            (events, timeline)   (analysis, claims)  (render)
//! ```
//!
//! - [`gazetteer`] resolves place names (accent-, case- and punctuation-insensitive, fuzzy,
//!   with homonyms ranked and a stated confidence);
//! - [`claims`] finds stated distances and directions in French and English text;
//! - [`extract`] proposes events, dates, places and claims from French and English dispatches;
//! - [`analysis`] judges them ([`analysis::distance_check`]);
//! - [`events`] imports event tables (own CSV, ACLED, UCDP GED) and maps actors to sides;
//! - [`timeline`] derives who controls each place on each date;
//! - [`maps`] makes every date's layers and map (control areas, front lines, events, places,
//!   checked distances) and [`render`] draws them as GeoJSON, QGIS styles and PNG;
//! - [`geodesy`] measures distances and bearings on the WGS84 ellipsoid;
//! - [`normalize`] folds names and text for matching;
//! - [`textio`] decodes inputs (UTF-8, BOM, Windows-1252);
//! - [`output`] writes files atomically.
//!
//! ```
//! use frontmap::gazetteer::{Gazetteer, ResolveOptions};
//! let gaz = Gazetteer::embedded()?;
//! let konna = gaz.resolve("Konna", &ResolveOptions::default().country(Some("ML")));
//! let p = gaz.place(konna.place().unwrap());
//! assert!((p.lat - 14.94).abs() < 0.05);
//! # Ok::<(), frontmap::Error>(())
//! ```

#![deny(missing_docs)]

pub mod analysis;
pub mod claims;
pub mod error;
pub mod events;
pub mod extract;
pub mod gazetteer;
pub mod geodesy;
pub mod maps;
pub mod normalize;
pub mod output;
pub mod render;
pub mod textio;
pub mod timeline;

pub use error::{Error, InputError, Location, Result};
