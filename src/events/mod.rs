//! Events: one typed [`Event`] from frontmap's own CSV, ACLED or UCDP GED, each attached to a
//! gazetteer place, its actors mapped to [`Side`]s.
//!
//! - [`model`]: the event, ACLED's typology, precisions;
//! - [`csv`]: frontmap's own CSV and the shared date parsing;
//! - [`acled`], [`ucdp_ged`]: the two external formats and their precision codes;
//! - [`import`]: detection, streaming, parallel resolution, the import report;
//! - [`sides`]: actors → sides;
//! - [`mali2013`]: the embedded January–February 2013 case.

pub mod acled;
pub mod csv;
pub mod import;
pub mod mali2013;
pub mod model;
pub mod sides;
pub mod ucdp_ged;

pub use import::{
    Format, ImportOptions, ImportReport, ImportSummary, load_events, load_events_from_reader,
    load_events_from_str,
};
pub use model::{
    Actor, ActorRole, DatePrecision, Event, EventKind, EventOrigin, EventPlace, EventType,
    ExtraColumns, Fatalities, LocationPrecision, PlaceResolution, SourceCodes, SourceFormat,
    SubEventType,
};
pub use sides::{Side, SideMap};
