//! Subcommand handlers: parse flags into library calls, print results for people or JSON.

pub mod articles;
pub mod check;
pub mod common;
pub mod control;
pub mod extract;
pub mod import;
pub mod render;
pub mod resolve;
pub mod run;
