//! The embedded Mali case, January–February 2013: events, initial control and sides
//! (`data/mali2013/`, documented in `data/mali2013/README.md`), compiled in.

use chrono::NaiveDate;

use super::import::{ImportOptions, load_events_from_str};
use super::model::Event;
use super::sides::SideMap;
use crate::error::{Error, Result};
use crate::gazetteer::{Gazetteer, ResolveOptions};
use crate::timeline::{ControlTimeline, InitialControl, TimelineOptions, load_initial_control};

/// `data/mali2013/events.csv`.
pub const EVENTS_CSV: &str = include_str!("../../data/mali2013/events.csv");
/// `data/mali2013/initial_control.csv`.
pub const INITIAL_CONTROL_CSV: &str = include_str!("../../data/mali2013/initial_control.csv");
/// `data/mali2013/claims.csv`: the distances the case's dispatches state, dated.
pub const CLAIMS_CSV: &str = include_str!("../../data/mali2013/claims.csv");

/// The embedded case, loaded.
#[derive(Debug, Clone)]
pub struct Case {
    /// The events, in file order.
    pub events: Vec<Event>,
    /// Control as of the start date.
    pub initial: Vec<InitialControl>,
    /// The control timeline.
    pub timeline: ControlTimeline,
    /// The sides table used.
    pub sides: SideMap,
    /// First day of the case (2013-01-01).
    pub start: NaiveDate,
    /// Last day with an event.
    pub end: NaiveDate,
}

/// Gazetteer options of the case (places in Mali preferred).
pub fn resolve_options() -> ResolveOptions {
    ResolveOptions::default().country(Some("ML"))
}

/// The embedded initial control state.
pub fn initial_control(gaz: &Gazetteer) -> Result<Vec<InitialControl>> {
    load_initial_control(
        INITIAL_CONTROL_CSV,
        "data/mali2013/initial_control.csv",
        gaz,
        &resolve_options(),
    )
    .map_err(|e| Error::Embedded(e.to_string()))
}

/// Loads the embedded case with the default timeline options.
pub fn embedded_case(gaz: &Gazetteer) -> Result<Case> {
    embedded_case_with(gaz, TimelineOptions::default())
}

/// Loads the embedded case with these timeline options.
pub fn embedded_case_with(gaz: &Gazetteer, opts: TimelineOptions) -> Result<Case> {
    let sides = SideMap::mali2013()?;
    let import = ImportOptions::default()
        .resolve(resolve_options())
        .fuzzy(false)
        .sides(sides.clone());
    let report = load_events_from_str(EVENTS_CSV, "data/mali2013/events.csv", gaz, &import)?;
    if !report.rejected.is_empty() {
        return Err(Error::Embedded(
            report
                .rejected
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        ));
    }
    let initial = initial_control(gaz)?;
    let timeline = ControlTimeline::build(gaz, &initial, &report.events, opts);
    let start = initial
        .iter()
        .map(|i| i.since)
        .max()
        .unwrap_or(NaiveDate::MIN);
    let end = report
        .events
        .iter()
        .map(|e| e.date_end)
        .max()
        .unwrap_or(start);
    Ok(Case {
        events: report.events,
        initial,
        timeline,
        sides,
        start,
        end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::ControlStatus;

    #[test]
    fn the_case_loads_and_tells_the_konna_story() {
        let gaz = Gazetteer::embedded().unwrap();
        let case = embedded_case(&gaz).unwrap();
        assert!(case.events.len() >= 20);
        let d = |s: &str| crate::events::csv::parse_day(s).unwrap();
        let konna = |date: &str| {
            case.timeline
                .state_on(d(date))
                .into_iter()
                .find(|p| p.place.as_ref() == "Konna")
                .unwrap()
        };
        assert_eq!(konna("2013-01-09").side.as_str(), "government");
        assert_eq!(konna("2013-01-11").side.as_str(), "jihadist");
        assert_eq!(konna("2013-01-11").status, ControlStatus::Contested);
        assert_eq!(konna("2013-01-25").side.as_str(), "government");
        let gao = |date: &str| {
            case.timeline
                .state_on(d(date))
                .into_iter()
                .find(|p| p.place.as_ref() == "Gao")
                .unwrap()
        };
        assert_eq!(gao("2013-01-20").side.as_str(), "jihadist");
        assert_eq!(gao("2013-02-01").side.as_str(), "government");
        assert_eq!(gao("2013-02-21").status, ControlStatus::Contested);
        assert_eq!(case.start, d("2013-01-01"));
    }
}
