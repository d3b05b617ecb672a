//! Analysis stages over resolved places and events.
//!
//! - [`control_areas`]: areas of control from the controllers of places;
//! - [`front_lines`]: where areas of opposing sides meet;
//! - [`distance_check`]: stated distances and directions judged against geodesic truth.

pub mod control_areas;
pub mod distance_check;
pub mod front_lines;

pub use distance_check::{CheckParams, CheckedClaim, ClaimVerdict, DirectionVerdict, check};
