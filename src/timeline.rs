//! Who controls each place on each date.
//!
//! A [`ControlTimeline`] starts from an initial state (the side holding each place on a start
//! date, [`InitialControl`]) and applies the events that change control:
//!
//! - *capture* (ACLED "Non-state actor overtakes territory", "Non-violent transfer of
//!   territory", own `capture`): actor 1's side takes the place;
//! - *retake* ("Government regains territory"): actor 1's side (the government when actor 1
//!   has no known side) takes it back;
//! - *withdrawal* (own `withdrawal`): actor 1 leaves; actor 2's side takes over, or nobody
//!   (side `none`).
//!
//! A change takes effect on the event's `date_end` (the last day it may have happened), so a
//! place never changes hands before the sources are sure. Until then, over the span of a
//! change dated only to within a night, week or month, the place is contested (it is
//! changing hands) and keeps its previous controller.
//!
//! A place is **contested** on date D when fighting (clash, strike, shelling, explosion) was
//! reported there on one of the last N days (D − N + 1 … D, [`TimelineOptions::contested_days`])
//! after its last change of hands; it keeps its controller. A place with fighting but no known
//! controller is listed as contested with side `unknown`.
//!
//! Conflicting sources are reported as [`TimelineWarning`]s, never silently resolved: two
//! reports of the same side taking the same place on different dates (the earlier date is
//! used), two sides taking it on the same day (the later row is used), a capture of a place
//! the side already holds, a capture by an actor with no side, or without a place.
//!
//! Queries are binary searches in per-place sorted change lists: 365 dates × 10,000 places
//! take well under a second (see `benches/import.rs`).

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Duration, NaiveDate};

use crate::error::{Error, InputError, Result};
use crate::events::{Event, EventKind, Side};
use crate::gazetteer::{Gazetteer, PlaceIdx, ResolveOptions, Status};

/// The side holding a place at the start.
#[derive(Debug, Clone, PartialEq)]
pub struct InitialControl {
    /// The gazetteer place.
    pub idx: PlaceIdx,
    /// The name as written in the file.
    pub name: String,
    /// The side.
    pub side: Side,
    /// Since when (the file's `since` column).
    pub since: NaiveDate,
    /// Source of the statement.
    pub source: String,
    /// Line in the file.
    pub line: u64,
}

#[derive(Debug, serde::Deserialize)]
struct InitialRow<'a> {
    place: &'a str,
    side: &'a str,
    since: &'a str,
    #[serde(default)]
    source: Option<&'a str>,
}

/// Reads an initial-control CSV (`place,side,since,source[,notes…]`): every bad row
/// (unknown place with the nearest names, bad date, empty side) is reported, and then nothing
/// is used.
pub fn load_initial_control(
    text: &str,
    origin: &str,
    gaz: &Gazetteer,
    opts: &ResolveOptions,
) -> Result<Vec<InitialControl>> {
    let mut rdr = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: csv::StringRecord = rdr
        .headers()
        .map_err(|e| Error::input(origin, 1, 1, e.to_string()))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    for need in ["place", "side", "since"] {
        if !headers.iter().any(|h| h == need) {
            return Err(Error::input(
                origin,
                1,
                1,
                format!(
                    "missing column {need:?} (an initial-control file has place,side,since,source)"
                ),
            ));
        }
    }
    let col = |n: &str| {
        headers
            .iter()
            .position(|h| h == n)
            .map_or(1, |i| i as u64 + 1)
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut rec = csv::StringRecord::new();
    let opts = opts.clone().fuzzy(false);
    loop {
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                errors.push(InputError::new(
                    origin,
                    e.position().map_or(0, |p| p.line()),
                    1,
                    e.to_string(),
                ));
                break;
            }
        }
        let line = rec.position().map_or(0, |p| p.line());
        if rec.len() < headers.len() {
            errors.push(InputError::new(
                origin,
                line,
                rec.len() as u64 + 1,
                format!(
                    "wrong column count: expected {} fields, found {}",
                    headers.len(),
                    rec.len()
                ),
            ));
            continue;
        }
        let row: InitialRow = match rec.deserialize(Some(&headers)) {
            Ok(r) => r,
            Err(e) => {
                errors.push(InputError::new(
                    origin,
                    line,
                    crate::events::import::csv_error_column(&e),
                    e.to_string(),
                ));
                continue;
            }
        };
        let Some(since) = crate::events::csv::parse_day(row.since) else {
            errors.push(InputError::new(
                origin,
                line,
                col("since"),
                crate::events::csv::bad_date(row.since),
            ));
            continue;
        };
        if row.side.is_empty() {
            errors.push(InputError::new(origin, line, col("side"), "empty side"));
            continue;
        }
        let r = gaz.resolve(row.place, &opts);
        let Some(idx) = r.place().filter(|_| r.status != Status::Unknown) else {
            errors.push(InputError::new(
                origin,
                line,
                col("place"),
                format!(
                    "unknown place {:?} (nearest names: {})",
                    row.place,
                    r.suggestions.join(", ")
                ),
            ));
            continue;
        };
        out.push(InitialControl {
            idx,
            name: row.place.to_string(),
            side: Side::new(row.side),
            since,
            source: row.source.unwrap_or("").to_string(),
            line,
        });
    }
    if !errors.is_empty() {
        return Err(Error::Inputs(errors));
    }
    Ok(out)
}

/// Options of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimelineOptions {
    /// Fighting in the last this-many days (the query date included) makes a place contested.
    pub contested_days: u32,
}

impl Default for TimelineOptions {
    fn default() -> Self {
        TimelineOptions { contested_days: 3 }
    }
}

/// Whether a place is held quietly or fought over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ControlStatus {
    /// Held, no recent fighting.
    Held,
    /// Fighting in the last N days and no change of hands since.
    Contested,
}

/// The control of one place on one date (the CLI contract's `control` object).
///
/// # Units
/// `lat`, `lon` in decimal degrees (WGS84).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PlaceControl {
    /// The place's name as the case files write it.
    #[serde(serialize_with = "ser_arc")]
    pub place: Arc<str>,
    /// Gazetteer id.
    #[serde(serialize_with = "ser_arc")]
    pub place_id: Arc<str>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Controlling side (`unknown` for fighting at a place of unknown control).
    pub side: Side,
    /// Held or contested.
    pub status: ControlStatus,
    /// Since when the side holds it (`YYYY-MM-DD`).
    #[serde(serialize_with = "ser_date")]
    pub since: NaiveDate,
    /// The event that gave it to the side (none for the initial state).
    #[serde(serialize_with = "ser_opt_arc")]
    pub event_id: Option<Arc<str>>,
    /// Source of that event or of the initial-state row.
    #[serde(serialize_with = "ser_arc")]
    pub source: Arc<str>,
    /// The fighting events that make it contested.
    #[serde(serialize_with = "ser_arcs")]
    pub fighting: Vec<Arc<str>>,
}

fn ser_arc<S: serde::Serializer>(v: &Arc<str>, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(v)
}

fn ser_opt_arc<S: serde::Serializer>(
    v: &Option<Arc<str>>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.serialize_str(v),
        None => s.serialize_none(),
    }
}

fn ser_arcs<S: serde::Serializer>(v: &[Arc<str>], s: S) -> std::result::Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(v.len()))?;
    for x in v {
        seq.serialize_element(x.as_ref())?;
    }
    seq.end()
}

fn ser_date<S: serde::Serializer>(d: &NaiveDate, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&d.format("%Y-%m-%d").to_string())
}

/// What kind of problem a [`TimelineWarning`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// The same side takes the same place on two different dates.
    ConflictingDates,
    /// Two sides take the same place on the same day.
    ConflictingSides,
    /// A side takes a place it already holds according to the initial state.
    AlreadyHeld,
    /// A capture by an actor the sides file does not know.
    NoSide,
    /// A capture with no gazetteer place.
    NoPlace,
}

/// A problem found while building the timeline.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TimelineWarning {
    /// What kind.
    pub kind: WarningKind,
    /// The place's name.
    pub place: String,
    /// The events involved.
    pub event_ids: Vec<String>,
    /// For people.
    pub message: String,
}

impl std::fmt::Display for TimelineWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

#[derive(Debug, Clone)]
struct Change {
    date: NaiveDate,
    side: Side,
    event_id: Arc<str>,
    source: Arc<str>,
    order: usize,
}

#[derive(Debug, Clone)]
struct Fight {
    start: NaiveDate,
    end: NaiveDate,
    event_id: Arc<str>,
}

#[derive(Debug, Clone)]
struct Track {
    name: Arc<str>,
    place_id: Arc<str>,
    lat: f64,
    lon: f64,
    initial: Option<(Side, NaiveDate, Arc<str>)>,
    changes: Vec<Change>,
    fights: Vec<Fight>,
}

/// The controller of every place on every date.
#[derive(Debug, Clone)]
pub struct ControlTimeline {
    tracks: Vec<Track>,
    by_place: HashMap<PlaceIdx, usize>,
    opts: TimelineOptions,
    change_dates: Vec<NaiveDate>,
    warnings: Vec<TimelineWarning>,
}

fn fmt_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

impl ControlTimeline {
    /// Builds the timeline from an initial state and events (any order).
    pub fn build(
        gaz: &Gazetteer,
        initial: &[InitialControl],
        events: &[Event],
        opts: TimelineOptions,
    ) -> ControlTimeline {
        let mut tl = ControlTimeline {
            tracks: Vec::new(),
            by_place: HashMap::new(),
            opts,
            change_dates: Vec::new(),
            warnings: Vec::new(),
        };
        for ic in initial {
            let t = tl.track(gaz, ic.idx, &ic.name);
            tl.tracks[t].initial = Some((ic.side.clone(), ic.since, Arc::from(ic.source.as_str())));
        }
        for (order, ev) in events.iter().enumerate() {
            let changes = ev.kind.changes_control();
            if !changes && !ev.kind.is_fighting() {
                continue;
            }
            let Some(idx) = ev.place.idx else {
                if changes {
                    tl.warnings.push(TimelineWarning {
                        kind: WarningKind::NoPlace,
                        place: ev.place.name.to_string(),
                        event_ids: vec![ev.id.to_string()],
                        message: format!(
                            "{} ({}:{}): {} at {} has no gazetteer place; not used for control",
                            ev.id,
                            ev.origin.file,
                            ev.origin.line,
                            ev.kind.label(),
                            ev.place.name
                        ),
                    });
                }
                continue;
            };
            let written = if ev.place.name_as_written.is_empty() {
                &ev.place.name
            } else {
                &ev.place.name_as_written
            };
            let t = tl.track(gaz, idx, written);
            if !changes {
                tl.tracks[t].fights.push(Fight {
                    start: ev.date_start,
                    end: ev.date_end,
                    event_id: ev.id.clone(),
                });
                continue;
            }
            let side = match ev.kind {
                EventKind::Retake => {
                    Some(ev.actor1_side().cloned().unwrap_or_else(Side::government))
                }
                EventKind::Withdrawal => Some(ev.actor2_side().cloned().unwrap_or_else(Side::none)),
                _ => ev.actor1_side().cloned(),
            };
            let Some(side) = side else {
                let actor = ev.actors.first().map_or("(no actor)".to_string(), |a| {
                    format!("{:?}", a.name.as_ref())
                });
                tl.warnings.push(TimelineWarning {
                    kind: WarningKind::NoSide,
                    place: tl.tracks[t].name.to_string(),
                    event_ids: vec![ev.id.to_string()],
                    message: format!(
                        "{} ({}:{}): {} of {} by {actor}, which has no side in the sides file; not used for control",
                        ev.id, ev.origin.file, ev.origin.line, ev.kind.label(), tl.tracks[t].name
                    ),
                });
                continue;
            };
            if ev.date_start < ev.date_end {
                // Known only to within a span: the place is changing hands, so contested,
                // until the span is over.
                tl.tracks[t].fights.push(Fight {
                    start: ev.date_start,
                    end: ev.date_end - Duration::days(1),
                    event_id: ev.id.clone(),
                });
            }
            tl.tracks[t].changes.push(Change {
                date: ev.date_end,
                side,
                event_id: ev.id.clone(),
                source: ev.source.clone(),
                order,
            });
        }
        for t in 0..tl.tracks.len() {
            tl.settle(t);
        }
        let mut dates: Vec<NaiveDate> = tl
            .tracks
            .iter()
            .flat_map(|t| {
                t.changes
                    .iter()
                    .map(|c| c.date)
                    .chain(t.fights.iter().map(|f| f.start))
            })
            .collect();
        dates.sort_unstable();
        dates.dedup();
        tl.change_dates = dates;
        tl
    }

    fn track(&mut self, gaz: &Gazetteer, idx: PlaceIdx, name: &str) -> usize {
        if let Some(&t) = self.by_place.get(&idx) {
            return t;
        }
        let p = gaz.place(idx);
        self.tracks.push(Track {
            name: Arc::from(if name.is_empty() {
                p.name.as_ref()
            } else {
                name
            }),
            place_id: Arc::from(p.id.as_ref()),
            lat: p.lat,
            lon: p.lon,
            initial: None,
            changes: Vec::new(),
            fights: Vec::new(),
        });
        self.by_place.insert(idx, self.tracks.len() - 1);
        self.tracks.len() - 1
    }

    /// Sorts a track's changes and reports (and settles) conflicts.
    fn settle(&mut self, t: usize) {
        let track = &mut self.tracks[t];
        track
            .changes
            .sort_by(|a, b| a.date.cmp(&b.date).then(a.order.cmp(&b.order)));
        track
            .fights
            .sort_by(|a, b| a.start.cmp(&b.start).then(a.end.cmp(&b.end)));
        let name = track.name.to_string();
        let mut kept: Vec<Change> = Vec::with_capacity(track.changes.len());
        for c in std::mem::take(&mut track.changes) {
            match kept.last_mut() {
                Some(prev) if prev.side == c.side => {
                    if prev.date != c.date {
                        self.warnings.push(TimelineWarning {
                            kind: WarningKind::ConflictingDates,
                            place: name.clone(),
                            event_ids: vec![prev.event_id.to_string(), c.event_id.to_string()],
                            message: format!(
                                "{name}: taken by {} on {} ({}, source: {}) and again on {} ({}, source: {}) with no change of hands between: conflicting dates for one capture? {} is used",
                                c.side, fmt_date(prev.date), prev.event_id, prev.source, fmt_date(c.date), c.event_id, c.source, fmt_date(prev.date)
                            ),
                        });
                    }
                    // Same side, same day: two sources agree; keep the first.
                }
                Some(prev) if prev.date == c.date => {
                    self.warnings.push(TimelineWarning {
                        kind: WarningKind::ConflictingSides,
                        place: name.clone(),
                        event_ids: vec![prev.event_id.to_string(), c.event_id.to_string()],
                        message: format!(
                            "{name}: on {} taken by {} ({}, source: {}) and by {} ({}, source: {}): conflicting sides; the later row ({}) is used",
                            fmt_date(c.date), prev.side, prev.event_id, prev.source, c.side, c.event_id, c.source, c.event_id
                        ),
                    });
                    *prev = c;
                }
                _ => {
                    let already = track.initial.as_ref().filter(|(side, since, _)| {
                        kept.is_empty() && *side == c.side && *since <= c.date
                    });
                    if let Some((side, since, src)) = already {
                        self.warnings.push(TimelineWarning {
                            kind: WarningKind::AlreadyHeld,
                            place: name.clone(),
                            event_ids: vec![c.event_id.to_string()],
                            message: format!(
                                "{name}: taken by {} on {} ({}, source: {}) but held by {side} since {} according to the initial state (source: {src})",
                                c.side, fmt_date(c.date), c.event_id, c.source, fmt_date(*since)
                            ),
                        });
                    }
                    kept.push(c);
                }
            }
        }
        track.changes = kept;
    }

    /// The warnings (conflicting sources and unusable captures).
    pub fn warnings(&self) -> &[TimelineWarning] {
        &self.warnings
    }

    /// The options.
    pub fn options(&self) -> TimelineOptions {
        self.opts
    }

    /// Dates on which a place changed hands or fighting was reported, sorted.
    pub fn change_dates(&self) -> &[NaiveDate] {
        &self.change_dates
    }

    /// Number of places tracked.
    pub fn len(&self) -> usize {
        self.tracks.len()
    }

    /// Whether no place is tracked.
    pub fn is_empty(&self) -> bool {
        self.tracks.is_empty()
    }

    /// The control of every tracked place on `date`, in the order the places first appear
    /// (initial state, then events). Places with no known controller and no recent fighting
    /// are left out.
    pub fn state_on(&self, date: NaiveDate) -> Vec<PlaceControl> {
        (0..self.tracks.len())
            .filter_map(|t| self.control_of_track(t, date))
            .collect()
    }

    /// The control of one place on `date`.
    pub fn control_of(&self, idx: PlaceIdx, date: NaiveDate) -> Option<PlaceControl> {
        self.by_place
            .get(&idx)
            .and_then(|&t| self.control_of_track(t, date))
    }

    fn control_of_track(&self, t: usize, date: NaiveDate) -> Option<PlaceControl> {
        let track = &self.tracks[t];
        let n = track.changes.partition_point(|c| c.date <= date);
        let (side, since, event_id, source) = if n > 0 {
            let c = &track.changes[n - 1];
            (
                c.side.clone(),
                c.date,
                Some(c.event_id.clone()),
                c.source.clone(),
            )
        } else if let Some((side, since, src)) = &track.initial {
            (side.clone(), *since, None, src.clone())
        } else {
            (Side::unknown(), NaiveDate::MIN, None, Arc::from(""))
        };
        let window_start = date - Duration::days(i64::from(self.opts.contested_days.max(1)) - 1);
        let m = track.fights.partition_point(|f| f.start <= date);
        let fighting: Vec<Arc<str>> = track.fights[..m]
            .iter()
            .filter(|f| f.end >= window_start && f.end > since)
            .map(|f| f.event_id.clone())
            .collect();
        let status = if fighting.is_empty() {
            ControlStatus::Held
        } else {
            ControlStatus::Contested
        };
        if since == NaiveDate::MIN {
            // No known controller: only listed while fought over.
            if fighting.is_empty() {
                return None;
            }
            let first = track.fights[..m]
                .iter()
                .map(|f| f.start)
                .min()
                .unwrap_or(date);
            return Some(PlaceControl {
                place: track.name.clone(),
                place_id: track.place_id.clone(),
                lat: track.lat,
                lon: track.lon,
                side,
                status,
                since: first,
                event_id: None,
                source,
                fighting,
            });
        }
        Some(PlaceControl {
            place: track.name.clone(),
            place_id: track.place_id.clone(),
            lat: track.lat,
            lon: track.lon,
            side,
            status,
            since,
            event_id,
            source,
            fighting,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::{ImportOptions, load_events_from_str};

    fn d(s: &str) -> NaiveDate {
        crate::events::csv::parse_day(s).unwrap()
    }

    fn setup(events: &str) -> (Gazetteer, ControlTimeline) {
        let gaz = Gazetteer::embedded().unwrap();
        let init = load_initial_control(
            "place,side,since,source\nKonna,government,2013-01-01,test\nGao,jihadist,2012-06-28,test\n",
            "i.csv",
            &gaz,
            &ResolveOptions::default().country(Some("ML")),
        )
        .unwrap();
        let opts = ImportOptions::default().resolve(ResolveOptions::default().country(Some("ML")));
        let r = load_events_from_str(events, "e.csv", &gaz, &opts).unwrap();
        assert!(r.rejected.is_empty(), "{:?}", r.rejected);
        let tl = ControlTimeline::build(&gaz, &init, &r.events, TimelineOptions::default());
        (gaz, tl)
    }

    fn at<'a>(v: &'a [PlaceControl], name: &str) -> &'a PlaceControl {
        v.iter().find(|p| p.place.as_ref() == name).unwrap()
    }

    #[test]
    fn captures_change_hands_and_fighting_contests() {
        let (_, tl) = setup(
            "id,date,place,event_type,actor1,actor2\n\
             k1,2013-01-10,Konna,capture,Ansar Dine,Military Forces of Mali\n\
             k2,2013-01-11,Konna,clash,Military Forces of Mali,islamistes\n\
             k3,2013-01-18,Konna,retake,Military Forces of Mali,\n\
             g1,2013-01-26,Gao,retake,Operation Serval,MUJAO\n\
             g2,2013-02-21,Gao,clash,MUJAO,Military Forces of Niger\n\
             x1,2013-02-21,Kidal,explosion,,\n",
        );
        let s9 = tl.state_on(d("2013-01-09"));
        assert_eq!(at(&s9, "Konna").side.as_str(), "government");
        assert_eq!(at(&s9, "Konna").status, ControlStatus::Held);
        let s11 = tl.state_on(d("2013-01-11"));
        let k = at(&s11, "Konna");
        assert_eq!(
            (k.side.as_str(), k.status),
            ("jihadist", ControlStatus::Contested)
        );
        assert_eq!(k.since, d("2013-01-10"));
        assert_eq!(k.event_id.as_deref(), Some("k1"));
        let s14 = tl.state_on(d("2013-01-14"));
        assert_eq!(at(&s14, "Konna").status, ControlStatus::Held);
        assert_eq!(
            at(&tl.state_on(d("2013-01-18")), "Konna").side.as_str(),
            "government"
        );
        let s21 = tl.state_on(d("2013-02-21"));
        assert_eq!(at(&s21, "Gao").status, ControlStatus::Contested);
        assert_eq!(at(&s21, "Gao").side.as_str(), "government");
        assert_eq!(at(&s21, "Kidal").side.as_str(), "unknown");
        assert!(
            tl.state_on(d("2013-01-05"))
                .iter()
                .all(|p| p.place.as_ref() != "Kidal")
        );
        assert!(tl.change_dates().contains(&d("2013-01-10")));
        assert!(tl.warnings().is_empty(), "{:?}", tl.warnings());
    }

    #[test]
    fn conflicting_reports_are_warned_not_hidden() {
        let (_, tl) = setup(
            "id,date,place,event_type,actor1,source\n\
             a,2013-01-17,Konna,retake,Military Forces of Mali,Malian army\n\
             b,2013-01-18,Konna,retake,Operation Serval,French MoD\n\
             c,2013-01-26,Gao,retake,Operation Serval,x\n\
             d,2013-01-26,Gao,capture,MNLA,y\n\
             e,2013-01-20,Gao,capture,MUJAO,z\n\
             f,2013-01-20,Sévaré,capture,Somebody,z\n",
        );
        let kinds: Vec<WarningKind> = tl.warnings().iter().map(|w| w.kind).collect();
        assert!(kinds.contains(&WarningKind::ConflictingDates), "{kinds:?}");
        assert!(kinds.contains(&WarningKind::ConflictingSides), "{kinds:?}");
        assert!(kinds.contains(&WarningKind::AlreadyHeld), "{kinds:?}");
        assert!(kinds.contains(&WarningKind::NoSide), "{kinds:?}");
        let w = tl
            .warnings()
            .iter()
            .find(|w| w.kind == WarningKind::ConflictingDates)
            .unwrap();
        assert!(
            w.message.contains("2013-01-17") && w.message.contains("2013-01-18"),
            "{}",
            w.message
        );
        assert_eq!(
            at(&tl.state_on(d("2013-01-17")), "Konna").side.as_str(),
            "government"
        );
        assert_eq!(
            at(&tl.state_on(d("2013-01-27")), "Gao").side.as_str(),
            "mnla"
        );
    }

    #[test]
    fn a_change_dated_to_a_span_contests_the_place_until_its_end() {
        let (_, tl) = setup(
            "id,date_start,date_end,place,event_type,actor1\n\
             g1,2013-01-27,2013-02-28,Gao,retake,Military Forces of Mali\n",
        );
        let before = at(&tl.state_on(d("2013-01-26")), "Gao").clone();
        assert_eq!(
            (before.side.as_str(), before.status),
            ("jihadist", ControlStatus::Held)
        );
        let during = at(&tl.state_on(d("2013-02-21")), "Gao").clone();
        assert_eq!(
            (during.side.as_str(), during.status),
            ("jihadist", ControlStatus::Contested)
        );
        assert_eq!(during.fighting.first().map(|f| f.as_ref()), Some("g1"));
        let after = at(&tl.state_on(d("2013-02-28")), "Gao").clone();
        assert_eq!(
            (after.side.as_str(), after.status),
            ("government", ControlStatus::Held)
        );
    }

    #[test]
    fn unknown_initial_place_reports_suggestions() {
        let gaz = Gazetteer::embedded().unwrap();
        let e = load_initial_control(
            "place,side,since\nKonnaa,government,2013-01-01\nGao,jihadist,2013-13-01\n",
            "i.csv",
            &gaz,
            &ResolveOptions::default(),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("i.csv:2:1: unknown place \"Konnaa\""), "{e}");
        assert!(e.contains("i.csv:3:3: bad date"), "{e}");
    }
}
