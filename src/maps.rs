//! The per-date map job: from events, a control timeline and dated distance claims to, for
//! every date, five GeoJSON layers with their QGIS styles and a PNG map.
//!
//! For a date D:
//! - **control**: the places whose controller is known on D (the timeline) become sites;
//!   their Thiessen cells, clipped to the study area and merged per side, are the areas of
//!   control ([`crate::analysis::control_areas`]); contested places give contested areas;
//! - **frontline**: where the areas of two different sides meet, one feature per pair of
//!   sides ([`crate::analysis::front_lines`]);
//! - **events**: events whose date span covers D (`age_days` = 0) and those that ended in the
//!   `recent_days` before it (drawn faded on the PNG);
//! - **places**: every place with a known controller, every place of a shown event or claim,
//!   and the capital and regional seats inside the study area for orientation;
//! - **distances**: the claims stated on D, checked, as geodesic lines from the reference
//!   place to the located place.
//!
//! The study area is the union of the basemap countries holding the case's places (Mali for
//! the embedded case); areas and front lines never leave it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use geo::{
    BooleanOps, Contains, Coord, GeodesicArea, Geometry, InterpolatePoint, LineString,
    MultiLineString, MultiPolygon, Point,
};
use rayon::prelude::*;
use serde::Serialize;

use crate::analysis::control_areas::{ControlSite, control_areas};
use crate::analysis::distance_check::CheckedClaim;
use crate::analysis::front_lines::front_lines_by_sides;
use crate::error::{Error, Result};
use crate::events::model::{Event, EventKind};
use crate::gazetteer::{Gazetteer, PlaceIdx};
use crate::output::write_atomic;
use crate::render::basemap::{Basemap, rect_polygon};
use crate::render::geojson::Layer;
use crate::render::png::{PngParams, render_png};
use crate::render::projection::BBox;
use crate::render::qml;
use crate::render::scene::{
    EventSymbol, Scene, SceneArea, SceneDistance, SceneEvent, ScenePlace, SideLegend,
};
use crate::timeline::{ControlStatus, ControlTimeline, PlaceControl};

/// The five per-date layers, in the order they are written.
pub const LAYERS: [&str; 5] = ["events", "places", "control", "frontline", "distances"];

/// Default reach of a held place's control, km: about a day's drive on Mali's desert tracks,
/// and half the gap between the towns of the Niger bend and the northern outposts.
pub const DEFAULT_REACH_KM: f64 = 250.0;

/// The part of `area` within `reach_km` of a site (geodesic circles of 72 vertices); all of
/// `area` when `reach_km` is `None` or there are no sites.
pub fn reach_area(
    area: &MultiPolygon<f64>,
    sites: &[ControlSite],
    reach_km: Option<f64>,
) -> MultiPolygon<f64> {
    use geo::{Destination, Geodesic, Polygon};
    let Some(km) = reach_km.filter(|k| *k > 0.0) else {
        return area.clone();
    };
    if sites.is_empty() {
        return area.clone();
    }
    let discs: Vec<MultiPolygon<f64>> = sites
        .iter()
        .map(|s| {
            let c = Point::new(s.lon, s.lat);
            let ring: Vec<Coord<f64>> = (0..72)
                .map(|i| Geodesic.destination(c, i as f64 * 5.0, km * 1000.0).0)
                .collect();
            MultiPolygon::new(vec![Polygon::new(LineString::new(ring), vec![])])
        })
        .collect();
    geo::unary_union(discs.iter()).intersection(area)
}

/// Everything the maps of a case are drawn from.
#[derive(Debug, Clone)]
pub struct MapCase {
    /// Name used in titles ("Mali").
    pub title: String,
    /// The events (any order).
    pub events: Vec<Event>,
    /// Who holds what, on every date.
    pub timeline: ControlTimeline,
    /// Checked claims, each with its `date` set (claims without a date are never drawn).
    pub claims: Vec<CheckedClaim>,
    /// Sides in legend order, with their legend text.
    pub sides: Vec<SideLegend>,
    /// Credit lines printed on the PNG.
    pub credits: Vec<String>,
    /// The study area (lon/lat) that areas and front lines are clipped to.
    pub area: MultiPolygon<f64>,
    /// Reference places (capital, regional seats) labelled on every map.
    pub reference: Vec<PlaceIdx>,
    /// First and last date of the case.
    pub span: Option<(NaiveDate, NaiveDate)>,
}

/// How the maps are drawn.
#[derive(Debug, Clone, Copy)]
pub struct MapOptions {
    /// PNG size.
    pub png: PngParams,
    /// Extent of the PNG's main map (`None`: the study area and everything drawn).
    pub bbox: Option<BBox>,
    /// Events that ended up to this many days before the date are shown (faded).
    pub recent_days: u32,
    /// Whether to draw the PNG.
    pub png_enabled: bool,
    /// How far a held place's control reaches, km (`None`: no limit, the whole study area
    /// is shared out). Land farther than this from every place with a known controller is
    /// left blank rather than given to whoever holds the nearest town.
    pub reach_km: Option<f64>,
}

impl Default for MapOptions {
    fn default() -> Self {
        MapOptions {
            png: PngParams::default(),
            bbox: None,
            recent_days: 6,
            png_enabled: true,
            reach_km: Some(DEFAULT_REACH_KM),
        }
    }
}

/// The layers and the scene of one date.
#[derive(Debug, Clone)]
pub struct DateMaps {
    /// The date.
    pub date: NaiveDate,
    /// The five layers, in [`LAYERS`] order.
    pub layers: Vec<Layer>,
    /// What the PNG draws.
    pub scene: Scene,
}

/// What [`render_dates`] wrote and what it could not write.
#[derive(Debug, Default)]
pub struct RenderReport {
    /// Files written, per date, in date order.
    pub written: Vec<(NaiveDate, Vec<PathBuf>)>,
    /// Dates that failed, with the reason (their earlier files, if any, are untouched).
    pub failed: Vec<(NaiveDate, Error)>,
    /// Dates not started because the run was stopped.
    pub skipped: Vec<NaiveDate>,
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn round(v: f64, dp: i32) -> f64 {
    let k = 10f64.powi(dp);
    (v * k).round() / k
}

/// The legend text of a side.
pub fn side_label(side: &str) -> String {
    match side {
        "government" => "government and allies (Mali, France, African forces)".into(),
        "jihadist" => "jihadist groups (Ansar Dine, MUJAO, AQIM)".into(),
        "mnla" => "MNLA (Tuareg separatists)".into(),
        other => other.to_string(),
    }
}

/// The map symbol of an event kind.
pub fn symbol_of(kind: EventKind) -> EventSymbol {
    match kind {
        EventKind::Capture => EventSymbol::Capture,
        EventKind::Retake => EventSymbol::Retake,
        EventKind::Withdrawal => EventSymbol::Withdrawal,
        EventKind::Clash => EventSymbol::Clash,
        EventKind::Strike => EventSymbol::AirStrike,
        EventKind::Shelling | EventKind::Explosion => EventSymbol::Explosion,
        EventKind::Attack | EventKind::Abduction => EventSymbol::Civilians,
        EventKind::Base | EventKind::Other => EventSymbol::Other,
    }
}

fn is_real_side(side: &str) -> bool {
    !matches!(side, "none" | "unknown" | "")
}

/// The union of the basemap countries that hold at least one of `points` (lon, lat); a
/// padded box around the points when none does.
pub fn study_area(basemap: &Basemap, points: &[(f64, f64)]) -> MultiPolygon<f64> {
    let mut area: Option<MultiPolygon<f64>> = None;
    for c in &basemap.countries {
        if points
            .iter()
            .any(|&(x, y)| c.shape.contains(&Point::new(x, y)))
        {
            area = Some(match area {
                None => c.shape.clone(),
                Some(a) => a.union(&c.shape),
            });
        }
    }
    area.unwrap_or_else(|| {
        let b = BBox::around(points.iter().copied())
            .unwrap_or(BBox::new(-12.5, 10.0, 4.5, 25.0))
            .padded(0.1, 1.0);
        MultiPolygon::new(vec![rect_polygon(
            b.min_lon, b.min_lat, b.max_lon, b.max_lat,
        )])
    })
}

impl MapCase {
    /// Builds a case: the study area from the places of the events and the timeline, the
    /// sides from the timeline and the events, reference places from the gazetteer.
    pub fn new(
        gaz: &Gazetteer,
        title: &str,
        events: Vec<Event>,
        timeline: ControlTimeline,
        claims: Vec<CheckedClaim>,
        span: Option<(NaiveDate, NaiveDate)>,
    ) -> Result<MapCase> {
        let basemap = Basemap::embedded()?;
        let span = span.or_else(|| {
            let first = events.iter().map(|e| e.date_start).min()?;
            let last = events.iter().map(|e| e.date_end).max()?;
            Some((first, last))
        });
        let mut points: Vec<(f64, f64)> = events
            .iter()
            .filter(|e| e.place.lat.is_finite() && e.place.lon.is_finite())
            .map(|e| (e.place.lon, e.place.lat))
            .collect();
        let mut sides: BTreeSet<String> = BTreeSet::new();
        if let Some((a, b)) = span {
            for d in [a, b] {
                for p in timeline.state_on(d) {
                    points.push((p.lon, p.lat));
                    sides.insert(p.side.as_str().to_string());
                }
            }
            for d in timeline.change_dates() {
                for p in timeline.state_on(*d) {
                    sides.insert(p.side.as_str().to_string());
                }
            }
        }
        for e in &events {
            for s in e.sides() {
                sides.insert(s.as_str().to_string());
            }
        }
        let area = study_area(basemap, &points);
        let order = |s: &str| match s {
            "government" => 0,
            "jihadist" => 1,
            "mnla" => 2,
            _ => 3,
        };
        let mut sides: Vec<String> = sides.into_iter().filter(|s| is_real_side(s)).collect();
        sides.sort_by(|a, b| order(a).cmp(&order(b)).then(a.cmp(b)));
        let sides = sides
            .into_iter()
            .map(|s| SideLegend {
                label: side_label(&s),
                side: s,
            })
            .collect();
        let mut reference: Vec<PlaceIdx> = gaz
            .places()
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                matches!(p.feature_code.as_ref(), "PPLC" | "PPLA")
                    && area.contains(&Point::new(p.lon, p.lat))
            })
            .map(|(i, _)| PlaceIdx(i as u32))
            .collect();
        reference.sort_by_key(|i| std::cmp::Reverse(gaz.place(*i).population));
        Ok(MapCase {
            title: title.to_string(),
            events,
            timeline,
            claims,
            sides,
            credits: Vec::new(),
            area,
            reference,
            span,
        })
    }

    /// Every date of the case, first to last.
    pub fn dates(&self) -> Vec<NaiveDate> {
        match self.span {
            Some((a, b)) => a.iter_days().take_while(|d| *d <= b).collect(),
            None => Vec::new(),
        }
    }

    /// The layers and the scene of `date`.
    pub fn date_maps(
        &self,
        gaz: &Gazetteer,
        date: NaiveDate,
        opts: &MapOptions,
    ) -> Result<DateMaps> {
        let state = self.timeline.state_on(date);
        let sites: Vec<ControlSite> = state
            .iter()
            .filter(|p| is_real_side(p.side.as_str()) && p.lat.is_finite() && p.lon.is_finite())
            .map(|p| ControlSite {
                lon: p.lon,
                lat: p.lat,
                side: p.side.as_str().to_string(),
                contested: p.status == ControlStatus::Contested,
            })
            .collect();
        let reach = reach_area(&self.area, &sites, opts.reach_km);
        let areas = control_areas(&sites, &reach);
        let fronts = front_lines_by_sides(&sites, &reach);
        let since = self
            .timeline
            .change_dates()
            .iter()
            .filter(|d| **d <= date)
            .max()
            .copied();
        let map_date = iso(date);

        // Control.
        let mut control = Layer::new("control");
        for a in &areas {
            control.push(
                Geometry::MultiPolygon(a.shape.clone()),
                &ControlProps {
                    map_date: map_date.clone(),
                    side: a.side.clone(),
                    status: if a.contested { "contested" } else { "held" }.into(),
                    places: a.sites as u32,
                    area_km2: round(a.shape.geodesic_area_unsigned() / 1e6, 1),
                    label: format!(
                        "{}{}",
                        side_label(&a.side),
                        if a.contested { " (contested)" } else { "" }
                    ),
                },
            )?;
        }

        // Front lines.
        let mut frontline = Layer::new("frontline");
        for f in &fronts {
            let km: f64 = f
                .line
                .0
                .iter()
                .map(|l| {
                    l.0.windows(2)
                        .map(|w| {
                            crate::geodesy::inverse((w[0].y, w[0].x), (w[1].y, w[1].x)).0 / 1000.0
                        })
                        .sum::<f64>()
                })
                .sum();
            frontline.push(
                Geometry::MultiLineString(f.line.clone()),
                &FrontProps {
                    map_date: map_date.clone(),
                    sides: format!("{} / {}", f.sides.0, f.sides.1),
                    side_a: f.sides.0.clone(),
                    side_b: f.sides.1.clone(),
                    length_km: round(km, 1),
                    since: since.map(iso),
                },
            )?;
        }

        // Events.
        let shown = self.events_around(date, opts.recent_days);
        let mut events = Layer::new("events");
        for (e, age) in &shown {
            events.push(
                Geometry::Point(Point::new(e.place.lon, e.place.lat)),
                &EventProps::new(e, Some((&map_date, *age))),
            )?;
        }

        // Distances.
        let claims: Vec<&CheckedClaim> = self
            .claims
            .iter()
            .filter(|c| c.date.as_deref() == Some(map_date.as_str()))
            .collect();
        let mut distances = Layer::new("distances");
        for c in &claims {
            let (Some(fl), Some(fo), Some(tl), Some(to)) =
                (c.from_lat, c.from_lon, c.to_lat, c.to_lon)
            else {
                continue;
            };
            distances.push(
                Geometry::LineString(geodesic_line((fo, fl), (to, tl))),
                &DistanceProps::new(c, &map_date),
            )?;
        }

        // Places.
        let places = self.places_on(gaz, &state, &shown, &claims);
        let mut places_layer = Layer::new("places");
        for p in &places {
            let gp = gaz.place(p.idx);
            places_layer.push(
                Geometry::Point(Point::new(gp.lon, gp.lat)),
                &PlaceProps {
                    map_date: map_date.clone(),
                    name: p.label.clone(),
                    gazetteer_name: gp.name.to_string(),
                    place_id: gp.id.to_string(),
                    lat: round(gp.lat, 6),
                    lon: round(gp.lon, 6),
                    country: gp.country.to_string(),
                    admin1: gp.admin1.to_string(),
                    feature_code: gp.feature_code.to_string(),
                    population: gp.population,
                    side: p.control.map(|c| c.side.as_str().to_string()),
                    status: p.control.map(|c| {
                        match c.status {
                            ControlStatus::Held => "held",
                            ControlStatus::Contested => "contested",
                        }
                        .to_string()
                    }),
                    since: p
                        .control
                        .filter(|c| c.since != NaiveDate::MIN)
                        .map(|c| iso(c.since)),
                    event_id: p
                        .control
                        .and_then(|c| c.event_id.as_deref().map(String::from)),
                    role: p.role.into(),
                    label_priority: p.priority,
                },
            )?;
        }

        let scene = self.scene(
            gaz,
            date,
            opts,
            &areas,
            &fronts,
            &shown,
            &places,
            &claims,
            sites.len(),
        );
        Ok(DateMaps {
            date,
            layers: vec![events, places_layer, control, frontline, distances],
            scene,
        })
    }

    /// Events covering `date` (age 0) and those that ended up to `recent` days before.
    fn events_around(&self, date: NaiveDate, recent: u32) -> Vec<(&Event, i64)> {
        let mut out: Vec<(&Event, i64)> = self
            .events
            .iter()
            .filter(|e| e.place.lat.is_finite() && e.place.lon.is_finite())
            .filter_map(|e| {
                if e.date_start > date {
                    return None;
                }
                let age = (date - e.date_end).num_days().max(0);
                (age <= recent as i64).then_some((e, age))
            })
            .collect();
        out.sort_by(|a, b| {
            a.1.cmp(&b.1)
                .then(a.0.date_start.cmp(&b.0.date_start))
                .then(a.0.id.cmp(&b.0.id))
        });
        out
    }

    fn places_on<'a>(
        &self,
        gaz: &Gazetteer,
        state: &'a [PlaceControl],
        shown: &[(&Event, i64)],
        claims: &[&CheckedClaim],
    ) -> Vec<PlaceRow<'a>> {
        // The most telling role wins: event > claim > controlled > reference.
        let rank = |role: &str| match role {
            "event" => 3,
            "claim" => 2,
            "controlled" => 1,
            _ => 0,
        };
        let mut rows: BTreeMap<PlaceIdx, PlaceRow<'a>> = BTreeMap::new();
        let mut add = |idx: PlaceIdx,
                       label: Option<&str>,
                       role: &'static str,
                       priority: u8,
                       control: Option<&'a PlaceControl>| {
            let r = rows.entry(idx).or_insert(PlaceRow {
                idx,
                label: String::new(),
                role,
                priority,
                control: None,
            });
            // The first name the case gives wins (control table, then events, then claims).
            if let Some(l) = label.filter(|l| !l.is_empty() && r.label.is_empty()) {
                r.label = l.to_string();
            }
            if rank(role) > rank(r.role) {
                r.role = role;
            }
            r.priority = r.priority.min(priority);
            if control.is_some() {
                r.control = control;
            }
        };
        let base_priority = |idx: PlaceIdx| {
            let p = gaz.place(idx);
            match p.feature_code.as_ref() {
                "PPLC" => 0,
                "PPLA" => 1,
                _ if p.population >= 20_000 => 2,
                _ => 3,
            }
        };
        for i in &self.reference {
            add(*i, None, "reference", base_priority(*i), None);
        }
        for c in state {
            if let Some(idx) = gaz.by_id(&c.place_id) {
                add(
                    idx,
                    Some(&c.place),
                    "controlled",
                    base_priority(idx).min(2),
                    Some(c),
                );
            }
        }
        for (e, age) in shown {
            if let Some(idx) = e.place.idx {
                add(
                    idx,
                    Some(e.place.name_as_written.as_ref()),
                    "event",
                    if *age == 0 { 1 } else { 2 }.min(base_priority(idx)),
                    None,
                );
            }
        }
        for c in claims {
            for (id, text) in [(&c.from_id, &c.from), (&c.to_id, &c.to)] {
                if let Some(idx) = id.as_deref().and_then(|id| gaz.by_id(id)) {
                    add(idx, Some(text), "claim", 1.min(base_priority(idx)), None);
                }
            }
        }
        let mut out: Vec<PlaceRow<'a>> = rows.into_values().collect();
        for r in out.iter_mut().filter(|r| r.label.is_empty()) {
            r.label = gaz.place(r.idx).name.to_string();
        }
        out.sort_by(|a, b| {
            a.priority
                .cmp(&b.priority)
                .then(
                    gaz.place(b.idx)
                        .population
                        .cmp(&gaz.place(a.idx).population),
                )
                .then(gaz.place(a.idx).name.cmp(&gaz.place(b.idx).name))
        });
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn scene(
        &self,
        gaz: &Gazetteer,
        date: NaiveDate,
        opts: &MapOptions,
        areas: &[crate::analysis::control_areas::ControlArea],
        fronts: &[crate::analysis::front_lines::FrontLine],
        shown: &[(&Event, i64)],
        places: &[PlaceRow],
        claims: &[&CheckedClaim],
        n_sites: usize,
    ) -> Scene {
        let today = shown.iter().filter(|(_, a)| *a == 0).count();
        let mut frontline = MultiLineString::new(Vec::new());
        for f in fronts {
            frontline.0.extend(f.line.0.iter().cloned());
        }
        let subtitle = format!(
            "Assessed control from {n_sites} place{} with a known controller · {today} event{} on the day, {} in the previous {} days (faded)",
            if n_sites == 1 { "" } else { "s" },
            if today == 1 { "" } else { "s" },
            shown.len() - today,
            opts.recent_days
        );
        Scene {
            date: iso(date),
            title: format!("{}, {}", self.title, long_date(date)),
            subtitle,
            areas: areas
                .iter()
                .map(|a| SceneArea {
                    side: a.side.clone(),
                    contested: a.contested,
                    shape: a.shape.clone(),
                })
                .collect(),
            frontline,
            events: shown
                .iter()
                .map(|(e, age)| SceneEvent {
                    lon: e.place.lon,
                    lat: e.place.lat,
                    symbol: symbol_of(e.kind),
                    fatalities: e.fatalities.best,
                    on_date: *age == 0,
                })
                .collect(),
            places: places
                .iter()
                .map(|p| {
                    let gp = gaz.place(p.idx);
                    ScenePlace {
                        lon: gp.lon,
                        lat: gp.lat,
                        name: p.label.clone(),
                        priority: p.priority,
                        side: p
                            .control
                            .map(|c| c.side.as_str().to_string())
                            .filter(|s| is_real_side(s)),
                        contested: p
                            .control
                            .is_some_and(|c| c.status == ControlStatus::Contested),
                    }
                })
                .collect(),
            distances: claims
                .iter()
                .filter_map(|c| {
                    Some(SceneDistance {
                        from: (c.from_lon?, c.from_lat?),
                        to: (c.to_lon?, c.to_lat?),
                        label: format!("{} → {}", c.from, c.to),
                        stated: stated_text(c),
                        measured_km: c.geodesic_km,
                        verdict: c.verdict.label().to_string(),
                    })
                })
                .collect(),
            sides: self.sides.clone(),
            credits: self.credits.clone(),
            bbox: opts.bbox,
        }
    }
}

/// "Friday 11 January 2013".
pub fn long_date(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

/// The stated figure of a claim as drawn: "70 km S", "more than 700 km", "NE".
pub fn stated_text(c: &CheckedClaim) -> String {
    use crate::claims::Qualifier;
    let dist = c.stated_km.map(|km| {
        let q = match c.qualifier {
            Qualifier::Exact => "",
            Qualifier::About => "about ",
            Qualifier::MoreThan => "more than ",
            Qualifier::LessThan => "less than ",
        };
        format!("{q}{} km", fmt_km(km))
    });
    let dir = c.direction.map(|d| d.label().to_string());
    match (dist, dir) {
        (Some(a), Some(b)) => format!("{a} {b}"),
        (Some(a), None) => a,
        (None, Some(b)) => b,
        (None, None) => "?".into(),
    }
}

fn fmt_km(km: f64) -> String {
    if (km - km.round()).abs() < 1e-6 {
        format!("{km:.0}")
    } else {
        format!("{km:.1}")
    }
}

/// The geodesic from `a` to `b` (lon, lat) as a line with a vertex every ~10 km.
pub fn geodesic_line(a: (f64, f64), b: (f64, f64)) -> LineString<f64> {
    let (pa, pb) = (Point::new(a.0, a.1), Point::new(b.0, b.1));
    let km = crate::geodesy::inverse((a.1, a.0), (b.1, b.0)).0 / 1000.0;
    let n = ((km / 10.0).ceil() as usize).clamp(1, 200);
    let coords: Vec<Coord<f64>> = (0..=n)
        .map(|i| {
            let p = geo::Geodesic.point_at_ratio_between(pa, pb, i as f64 / n as f64);
            p.0
        })
        .collect();
    LineString::new(coords)
}

struct PlaceRow<'a> {
    idx: PlaceIdx,
    /// The name as the case writes it ("Konna", "Tombouctou"), else the gazetteer's.
    label: String,
    role: &'static str,
    priority: u8,
    control: Option<&'a PlaceControl>,
}

#[derive(Serialize)]
struct ControlProps {
    map_date: String,
    side: String,
    status: String,
    places: u32,
    area_km2: f64,
    label: String,
}

#[derive(Serialize)]
struct FrontProps {
    map_date: String,
    sides: String,
    side_a: String,
    side_b: String,
    length_km: f64,
    since: Option<String>,
}

#[derive(Serialize)]
struct PlaceProps {
    map_date: String,
    name: String,
    gazetteer_name: String,
    place_id: String,
    lat: f64,
    lon: f64,
    country: String,
    admin1: String,
    feature_code: String,
    population: u64,
    side: Option<String>,
    status: Option<String>,
    since: Option<String>,
    event_id: Option<String>,
    role: String,
    label_priority: u8,
}

/// Properties of an event feature (per-date and all-dates layers).
#[derive(Serialize)]
struct EventProps {
    #[serde(skip_serializing_if = "Option::is_none")]
    map_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    age_days: Option<i64>,
    id: String,
    date_start: String,
    date_end: String,
    date_precision: String,
    place: String,
    place_id: Option<String>,
    place_as_written: String,
    lat: f64,
    lon: f64,
    location_precision: String,
    resolution: String,
    event_type: String,
    sub_event_type: String,
    kind: String,
    symbol: String,
    actor1: Option<String>,
    actor2: Option<String>,
    actors: String,
    sides: String,
    fatalities: Option<u32>,
    confidence: f64,
    source: String,
    notes: String,
    sentence: Option<String>,
    origin: String,
    origin_file: String,
    origin_line: u64,
}

impl EventProps {
    fn new(e: &Event, map: Option<(&String, i64)>) -> EventProps {
        use crate::events::model::ActorRole;
        let actor = |role: ActorRole| {
            let names: Vec<&str> = e
                .actors
                .iter()
                .filter(|a| a.role == role)
                .map(|a| a.name.as_ref())
                .collect();
            (!names.is_empty()).then(|| names.join("; "))
        };
        EventProps {
            map_date: map.map(|m| m.0.clone()),
            age_days: map.map(|m| m.1),
            id: e.id.to_string(),
            date_start: iso(e.date_start),
            date_end: iso(e.date_end),
            date_precision: e.date_precision.label().into(),
            place: e.place.name.to_string(),
            place_id: e.place.place_id.as_deref().map(String::from),
            place_as_written: e.place.name_as_written.to_string(),
            lat: round(e.place.lat, 6),
            lon: round(e.place.lon, 6),
            location_precision: e.place.precision.label().into(),
            resolution: e.place.resolution.label().into(),
            event_type: e.event_type.label().into(),
            sub_event_type: e.sub_event_type.label().into(),
            kind: e.kind.label().into(),
            symbol: label_of(&symbol_of(e.kind)).unwrap_or_default(),
            actor1: actor(ActorRole::Actor1),
            actor2: actor(ActorRole::Actor2),
            actors: e
                .actors
                .iter()
                .map(|a| a.name.as_ref())
                .collect::<Vec<_>>()
                .join("; "),
            sides: e
                .sides()
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            fatalities: e.fatalities.best,
            // A real even when it is 1, so OGR types the field Real.
            confidence: round(
                e.origin
                    .confidence
                    .unwrap_or(1.0)
                    .min(e.place.confidence)
                    .max(0.0),
                3,
            ),
            source: e.source.to_string(),
            notes: e.notes.to_string(),
            sentence: e.sentence.as_deref().map(String::from),
            origin: e.origin.format.label().into(),
            origin_file: e.origin.file.to_string(),
            origin_line: e.origin.line,
        }
    }
}

#[derive(Serialize)]
struct DistanceProps {
    map_date: String,
    claim_date: Option<String>,
    from: String,
    to: String,
    from_name: Option<String>,
    to_name: Option<String>,
    stated: String,
    stated_km: Option<f64>,
    qualifier: String,
    direction: Option<String>,
    geodesic_km: Option<f64>,
    bearing_deg: Option<f64>,
    compass: Option<String>,
    verdict: String,
    distance_verdict: Option<String>,
    direction_verdict: Option<String>,
    label: String,
    reason: String,
    sentence: Option<String>,
    source: Option<String>,
}

/// The serde name of a unit enum value (`air_strike`, `plausible_by_road`).
fn label_of<T: Serialize>(v: &T) -> Option<String> {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
}

impl DistanceProps {
    fn new(c: &CheckedClaim, map_date: &str) -> DistanceProps {
        let stated = stated_text(c);
        let label = match c.geodesic_km {
            Some(m) => format!("stated {stated} · measured {m:.0} km"),
            None => format!("stated {stated}"),
        };
        DistanceProps {
            map_date: map_date.to_string(),
            claim_date: c.date.clone(),
            from: c.from.clone(),
            to: c.to.clone(),
            from_name: c.from_name.clone(),
            to_name: c.to_name.clone(),
            stated,
            // Reals even for whole numbers (70.0), so OGR types the fields Real.
            stated_km: c.stated_km,
            qualifier: c.qualifier.label().into(),
            direction: c.direction.map(|d| d.label().to_string()),
            geodesic_km: c.geodesic_km.map(|v| round(v, 3)),
            bearing_deg: c.bearing_deg.map(|v| round(v, 2)),
            compass: c.compass.map(String::from),
            verdict: c.verdict.label().into(),
            distance_verdict: c.distance_verdict.as_ref().and_then(label_of),
            direction_verdict: c.direction_verdict.as_ref().and_then(label_of),
            label,
            reason: c.reason.clone(),
            sentence: c.sentence.clone(),
            source: c.source.clone(),
        }
    }
}

/// The all-dates events layer (for QGIS's Temporal Controller).
pub fn all_events_layer(case: &MapCase) -> Result<Layer> {
    let mut layer = Layer::new("events");
    let mut evs: Vec<&Event> = case
        .events
        .iter()
        .filter(|e| e.place.lat.is_finite() && e.place.lon.is_finite())
        .collect();
    evs.sort_by(|a, b| a.date_start.cmp(&b.date_start).then(a.id.cmp(&b.id)));
    for e in evs {
        layer.push(
            Geometry::Point(Point::new(e.place.lon, e.place.lat)),
            &EventProps::new(e, None),
        )?;
    }
    Ok(layer)
}

/// The `.qml` style of a layer.
pub fn style_of(layer: &str, case: &MapCase, temporal: bool) -> String {
    let sides: Vec<(String, String)> = case
        .sides
        .iter()
        .map(|s| (s.side.clone(), s.label.clone()))
        .collect();
    match layer {
        "events" => qml::events(temporal),
        "places" => qml::places(&sides),
        "control" => qml::control(&sides),
        "frontline" => qml::frontline(),
        _ => qml::distances(),
    }
}

/// Writes one date's files into `dir/<date>/` (each atomically): the five layers, their
/// styles and, if enabled, `map.png`. Returns the paths written.
pub fn write_date(
    dir: &Path,
    maps: &DateMaps,
    case: &MapCase,
    opts: &MapOptions,
) -> Result<Vec<PathBuf>> {
    // write_atomic creates the folder.
    let folder = dir.join(iso(maps.date));
    // The PNG is drawn first: a rendering failure leaves the date's earlier files intact.
    let png = if opts.png_enabled {
        Some(render_png(&maps.scene, &opts.png)?)
    } else {
        None
    };
    let mut written = Vec::new();
    for layer in &maps.layers {
        let path = folder.join(format!("{}.geojson", layer.name));
        write_atomic(&path, layer.to_geojson()?.as_bytes())?;
        written.push(path);
        let path = folder.join(format!("{}.qml", layer.name));
        write_atomic(&path, style_of(&layer.name, case, false).as_bytes())?;
        written.push(path);
    }
    if let Some(png) = png {
        let path = folder.join("map.png");
        write_atomic(&path, &png)?;
        written.push(path);
    }
    Ok(written)
}

/// Writes `dir/events.geojson` (every event, all dates) and its temporal style.
pub fn write_all_dates(dir: &Path, case: &MapCase) -> Result<Vec<PathBuf>> {
    let layer = all_events_layer(case)?;
    let gj = dir.join("events.geojson");
    write_atomic(&gj, layer.to_geojson()?.as_bytes())?;
    let qml_path = dir.join("events.qml");
    write_atomic(&qml_path, style_of("events", case, true).as_bytes())?;
    Ok(vec![gj, qml_path])
}

/// Renders and writes `dates` in parallel (rayon), calling `done` after each date. Dates not
/// yet started when `stop` becomes true are skipped (a date being written is finished).
pub fn render_dates(
    case: &MapCase,
    gaz: &Gazetteer,
    dates: &[NaiveDate],
    dir: &Path,
    opts: &MapOptions,
    stop: &std::sync::atomic::AtomicBool,
    done: &(dyn Fn(NaiveDate) + Sync),
) -> RenderReport {
    use std::sync::atomic::Ordering;
    let results: Vec<(NaiveDate, Option<Result<Vec<PathBuf>>>)> = dates
        .par_iter()
        .map(|d| {
            if stop.load(Ordering::Relaxed) {
                return (*d, None);
            }
            let r = case
                .date_maps(gaz, *d, opts)
                .and_then(|m| write_date(dir, &m, case, opts));
            done(*d);
            (*d, Some(r))
        })
        .collect();
    let mut report = RenderReport::default();
    for (d, r) in results {
        match r {
            Some(Ok(files)) => report.written.push((d, files)),
            Some(Err(e)) => report.failed.push((d, e)),
            None => report.skipped.push(d),
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::mali2013;

    fn case() -> (Gazetteer, MapCase) {
        let gaz = Gazetteer::embedded().unwrap();
        let c = mali2013::embedded_case(&gaz).unwrap();
        let span = Some((c.start, c.end));
        let mc = MapCase::new(&gaz, "Mali", c.events, c.timeline, Vec::new(), span).unwrap();
        (gaz, mc)
    }

    fn side_at(m: &DateMaps, lon: f64, lat: f64) -> Option<String> {
        m.layers[2].features.iter().find_map(|(g, p)| match g {
            Geometry::MultiPolygon(mp) if mp.contains(&Point::new(lon, lat)) => {
                p["side"].as_str().map(String::from)
            }
            _ => None,
        })
    }

    #[test]
    fn konna_changes_sides_on_the_tenth() {
        let (gaz, mc) = case();
        let opts = MapOptions::default();
        let d9 = mc
            .date_maps(&gaz, NaiveDate::from_ymd_opt(2013, 1, 9).unwrap(), &opts)
            .unwrap();
        let d11 = mc
            .date_maps(&gaz, NaiveDate::from_ymd_opt(2013, 1, 11).unwrap(), &opts)
            .unwrap();
        let konna = (-3.894, 14.943);
        let sevare = (-4.097, 14.533);
        assert_eq!(
            side_at(&d9, konna.0, konna.1).as_deref(),
            Some("government")
        );
        assert_eq!(side_at(&d11, konna.0, konna.1).as_deref(), Some("jihadist"));
        assert_eq!(
            side_at(&d11, sevare.0, sevare.1).as_deref(),
            Some("government")
        );
        assert!(
            !d11.layers[3].features.is_empty(),
            "a front line on the 11th"
        );
        assert_eq!(
            d11.layers
                .iter()
                .map(|l| l.name.as_str())
                .collect::<Vec<_>>(),
            LAYERS
        );
    }

    #[test]
    fn the_case_spans_its_dates_and_the_study_area_is_mali() {
        let (_, mc) = case();
        let dates = mc.dates();
        assert_eq!(dates.first().copied(), NaiveDate::from_ymd_opt(2013, 1, 1));
        assert!(dates.len() > 40);
        assert!(mc.area.contains(&Point::new(-3.0, 16.77)));
        assert!(
            !mc.area.contains(&Point::new(2.1, 13.5)),
            "Niamey is outside"
        );
        assert_eq!(mc.sides[0].side, "government");
    }

    #[test]
    fn geodesic_lines_end_at_their_places() {
        let l = geodesic_line((-8.0, 12.65), (-0.04, 16.27));
        assert!(l.0.len() > 50);
        let (a, b) = (l.0[0], l.0[l.0.len() - 1]);
        assert!((a.x + 8.0).abs() < 1e-9 && (b.y - 16.27).abs() < 1e-9);
    }

    #[test]
    fn long_dates_read_well() {
        assert_eq!(
            long_date(NaiveDate::from_ymd_opt(2013, 1, 11).unwrap()),
            "Friday 11 January 2013"
        );
    }
}
