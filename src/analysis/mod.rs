//! Analysis stages over resolved places and events.
//!
//! - [`distance_check`] judges stated distances and directions against geodesic truth.

pub mod distance_check;

pub use distance_check::{CheckParams, CheckedClaim, ClaimVerdict, DirectionVerdict, check};
