//! Analysis: areas of control and front lines from the controllers of places.

pub mod control_areas;
pub mod front_lines;
