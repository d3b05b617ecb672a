//! `frontmap render`: per-date GeoJSON layers, QGIS styles and PNG maps from event tables
//! (CLI.md). `frontmap run` uses the same machinery on the embedded case.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use chrono::NaiveDate;
use clap::Args;
use frontmap::analysis::distance_check::{self, CheckParams, CheckedClaim, ClaimVerdict};
use frontmap::claims::csv::{ClaimRow, parse_claims};
use frontmap::events::model::PlaceResolution;
use frontmap::events::{Event, ImportOptions, load_events, mali2013};
use frontmap::gazetteer::{Gazetteer, ResolveOptions};
use frontmap::maps::{self, MapCase, MapOptions};
use frontmap::render::basemap::Basemap;
use frontmap::render::png::PngParams;
use frontmap::render::projection::BBox;
use frontmap::timeline::{ControlTimeline, TimelineOptions, load_initial_control};
use frontmap::{Error, Result};

use super::common::GazetteerArgs;

/// Flags shared by `render` and `run`: which dates, where, how big.
#[derive(Debug, Clone, Args)]
pub struct MapArgs {
    /// Folder to write into: DIR/<date>/{events,places,control,frontline,distances}.geojson,
    /// their .qml styles and map.png, plus DIR/events.geojson (all dates).
    #[arg(long, default_value = "output", value_name = "DIR")]
    pub out: PathBuf,
    /// Render only this date (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", conflicts_with_all = ["from", "to"])]
    pub date: Option<String>,
    /// First date to render (default: the first date of the events).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// Last date to render (default: the last date of the events).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,
    /// PNG size in pixels, WIDTHxHEIGHT.
    #[arg(long, default_value = "2400x1800", value_name = "WxH")]
    pub size: String,
    /// Extent of the main map: MIN_LON,MIN_LAT,MAX_LON,MAX_LAT (default: fits the data).
    #[arg(long, value_name = "BBOX", allow_hyphen_values = true)]
    pub bbox: Option<String>,
    /// Show events that ended up to N days before each date, faded.
    #[arg(long, default_value_t = 6, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=365))]
    pub recent_days: u32,
    /// How far a held place's control reaches, km; land farther from every place with a known
    /// controller stays blank. 0 shares the whole country out (pure Thiessen cells).
    #[arg(long, value_name = "KM", default_value_t = frontmap::maps::DEFAULT_REACH_KM, value_parser = parse_reach)]
    pub reach: f64,
    /// Write the GeoJSON layers and styles only, no PNG.
    #[arg(long)]
    pub no_png: bool,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=256))]
    pub jobs: Option<u32>,
    /// Claims table(s) to draw (date,from,to,stated_km,qualifier,direction,source).
    #[arg(long, value_name = "FILE")]
    pub claims: Vec<PathBuf>,
}

/// How the control timeline is built from events (shared by `control` and `render`).
#[derive(Debug, Clone, Args)]
pub struct TimelineArgs {
    /// Initial control (CSV: place,side,since,source). Default: for `control`, the embedded
    /// Mali 2013-01-01 state; for `render`, nobody holds anything until an event says so.
    #[arg(long, value_name = "FILE")]
    pub initial: Option<PathBuf>,
    /// Actors → sides table (CSV: pattern,side,notes). Default: the Mali 2012–2013 table.
    #[arg(long, value_name = "FILE")]
    pub sides: Option<PathBuf>,
    /// Fighting in the last N days (the date included) with no change of hands makes a
    /// place contested.
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=365))]
    pub contested_days: u32,
}

impl TimelineArgs {
    /// Timeline options from the flags.
    pub fn options(&self) -> TimelineOptions {
        TimelineOptions {
            contested_days: self.contested_days,
        }
    }

    /// Events and timeline from user files (or the embedded events when `events` is empty);
    /// the initial state from `--initial`, else the embedded one if `embedded_initial`, else
    /// none. Rejected rows are printed; the flag is false when there were any.
    pub fn load(
        &self,
        gaz: &Gazetteer,
        events: &[PathBuf],
        resolve: &ResolveOptions,
        embedded_initial: bool,
    ) -> Result<(Vec<Event>, ControlTimeline, bool)> {
        let initial = match &self.initial {
            Some(p) => {
                let text = frontmap::textio::read_text(p)?;
                load_initial_control(&text.text, &p.display().to_string(), gaz, resolve)?
            }
            None if embedded_initial => mali2013::initial_control(gaz)?,
            None => Vec::new(),
        };
        let opts = ImportOptions {
            resolve: resolve.clone(),
            sides: Arc::new(super::import::load_sides(self.sides.as_ref())?),
            ..ImportOptions::default()
        };
        let mut ok = true;
        let mut all = Vec::new();
        if events.is_empty() {
            let r = frontmap::events::load_events_from_str(
                mali2013::EVENTS_CSV,
                "data/mali2013/events.csv",
                gaz,
                &opts,
            )?;
            all.extend(r.events);
        }
        for f in events {
            let r = load_events(f, gaz, &opts)?;
            for e in &r.rejected {
                eprintln!("{e}");
            }
            for e in r
                .events
                .iter()
                .filter(|e| e.place.resolution == PlaceResolution::Fuzzy)
            {
                eprintln!(
                    "note: {}:{}: {:?} read as {} (a near spelling, confidence {:.2}): check it",
                    e.origin.file,
                    e.origin.line,
                    e.place.name_as_written,
                    e.place.name,
                    e.place.confidence
                );
            }
            ok &= r.rejected.is_empty();
            all.extend(r.events);
        }
        let timeline = ControlTimeline::build(gaz, &initial, &all, self.options());
        Ok((all, timeline, ok))
    }
}

/// Flags of `frontmap render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Events (own CSV, ACLED, UCDP GED; repeatable).
    #[arg(long, value_name = "FILE", required = true)]
    pub events: Vec<PathBuf>,
    #[command(flatten)]
    pub timeline: TimelineArgs,
    /// Map title (default: the country most events are in).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    #[command(flatten)]
    pub map: MapArgs,
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
}

fn parse_reach(s: &str) -> std::result::Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if (0.0..=5000.0).contains(&v) => Ok(v),
        _ => Err("give a distance in km from 0 (no limit) to 5000".into()),
    }
}

/// Parses a `YYYY-MM-DD` flag.
pub fn parse_date_flag(flag: &str, s: &str) -> Result<NaiveDate> {
    frontmap::events::csv::parse_day(s)
        .filter(|_| s.trim().len() == 10)
        .ok_or_else(|| Error::Usage(format!("{flag} {s:?}: give a date as YYYY-MM-DD")))
}

/// Checks claims tables; unresolved places are reported (file:line) and make `ok` false.
pub fn check_claims(
    gaz: &Gazetteer,
    tables: Vec<(String, Vec<ClaimRow>)>,
    resolve: &ResolveOptions,
) -> (Vec<CheckedClaim>, bool) {
    let params = CheckParams::default();
    let mut ok = true;
    let mut out = Vec::new();
    for (origin, rows) in tables {
        for row in rows {
            let line = row.line;
            let c = distance_check::check_row(row, gaz, resolve, &params);
            if c.verdict == ClaimVerdict::Unresolved {
                eprintln!("{origin}:{line}:1: claim not drawn: {}", c.reason);
                ok = false;
            }
            out.push(c);
        }
    }
    (out, ok)
}

/// Reads the claims tables named on the command line.
pub fn read_claim_tables(paths: &[PathBuf]) -> Result<Vec<(String, Vec<ClaimRow>)>> {
    paths
        .iter()
        .map(|p| {
            let text = frontmap::textio::read_text(p)?;
            let origin = p.display().to_string();
            let rows = parse_claims(&text.text, &origin)?;
            Ok((origin, rows))
        })
        .collect()
}

impl MapArgs {
    /// Map options from the flags.
    pub fn options(&self) -> Result<MapOptions> {
        let (width, height) = PngParams::parse_size(&self.size).ok_or_else(|| {
            Error::Usage(format!(
                "--size {:?}: give WIDTHxHEIGHT in pixels, e.g. 2400x1800 (400–10000 × 300–10000)",
                self.size
            ))
        })?;
        let bbox = match &self.bbox {
            Some(s) => Some(BBox::parse(s).ok_or_else(|| {
                Error::Usage(format!(
                    "--bbox {s:?}: give MIN_LON,MIN_LAT,MAX_LON,MAX_LAT in degrees, e.g. -6,13,0,17"
                ))
            })?),
            None => None,
        };
        Ok(MapOptions {
            png: PngParams { width, height },
            bbox,
            recent_days: self.recent_days,
            png_enabled: !self.no_png,
            reach_km: (self.reach > 0.0).then_some(self.reach),
        })
    }

    /// The dates to render, within the case's span unless given explicitly.
    pub fn dates(&self, case: &MapCase) -> Result<Vec<NaiveDate>> {
        if let Some(d) = &self.date {
            return Ok(vec![parse_date_flag("--date", d)?]);
        }
        let span = case.span;
        let from = match &self.from {
            Some(s) => parse_date_flag("--from", s)?,
            None => span.map(|s| s.0).ok_or_else(|| {
                Error::Usage("the events have no dates: give --date or --from/--to".into())
            })?,
        };
        let to = match &self.to {
            Some(s) => parse_date_flag("--to", s)?,
            None => span.map_or(from, |s| s.1.max(from)),
        };
        if to < from {
            return Err(Error::Usage(format!(
                "--from {from} is after --to {to}: nothing to render"
            )));
        }
        let dates: Vec<NaiveDate> = from.iter_days().take_while(|d| *d <= to).collect();
        if dates.len() > 3660 {
            return Err(Error::Usage(format!(
                "{} dates from {from} to {to}: render at most ten years at a time",
                dates.len()
            )));
        }
        Ok(dates)
    }
}

/// Renders `case` for the dates the flags select; prints a summary. Returns false when some
/// date could not be written.
pub fn render_case(case: &MapCase, gaz: &Gazetteer, args: &MapArgs) -> Result<()> {
    let opts = args.options()?;
    let dates = args.dates(case)?;
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0) as usize)
        .build()
        .map_err(|e| Error::Render(format!("cannot start worker threads: {e}")))?;
    let bar = if std::io::IsTerminal::is_terminal(&std::io::stderr()) && dates.len() > 1 {
        let b = indicatif::ProgressBar::new(dates.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{prefix} [{bar:40}] {pos}/{len} dates {elapsed_precise} (eta {eta})",
        ) {
            b.set_style(style.progress_chars("=> "));
        }
        b.set_prefix("rendering");
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    // Ctrl-C finishes the dates being written and skips the rest (reported below), so no
    // file is left half-written and the summary says what is missing.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    {
        let stop = stop.clone();
        // A second handler cannot be installed (e.g. in tests running several commands):
        // Ctrl-C then simply ends the process; the atomic writes still hold.
        let _ = ctrlc::set_handler(move || stop.store(true, std::sync::atomic::Ordering::SeqCst));
    }
    let all = maps::write_all_dates(&args.out, case)?;
    let report = pool.install(|| {
        maps::render_dates(case, gaz, &dates, &args.out, &opts, &stop, &|_| bar.inc(1))
    });
    bar.finish_and_clear();
    let files: usize = report.written.iter().map(|(_, f)| f.len()).sum::<usize>() + all.len();
    let secs = started.elapsed().as_secs_f64();
    let range = match (report.written.first(), report.written.last()) {
        (Some(a), Some(b)) if a.0 != b.0 => format!("{} … {}", a.0, b.0),
        (Some(a), _) => a.0.to_string(),
        _ => "no date".into(),
    };
    eprintln!(
        "wrote {files} files for {} date{} ({range}) into {} in {secs:.1} s; all-dates events: {}",
        report.written.len(),
        if report.written.len() == 1 { "" } else { "s" },
        args.out.display(),
        all[0].display(),
    );
    if let (Some(a), Some(b)) = (report.skipped.iter().min(), report.skipped.iter().max()) {
        eprintln!(
            "interrupted: {} date{} not written ({a} … {b}); their files from an earlier run are untouched",
            report.skipped.len(),
            if report.skipped.len() == 1 { "" } else { "s" },
        );
    }
    if report.failed.is_empty() && report.skipped.is_empty() {
        return Ok(());
    }
    for (d, e) in &report.failed {
        eprintln!("error: {d} not written (earlier files of that date are untouched): {e}");
    }
    Err(Error::Render(format!(
        "{} of {} dates were not written",
        report.failed.len() + report.skipped.len(),
        dates.len()
    )))
}

/// The title of a case: the basemap name of the country most events are in.
fn default_title(gaz: &Gazetteer, events: &[Event]) -> String {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for e in events {
        if let Some(i) = e.place.idx {
            *counts.entry(gaz.place(i).country.as_ref()).or_default() += 1;
        }
    }
    let best = counts.into_iter().max_by_key(|(_, n)| *n).map(|(c, _)| c);
    best.and_then(|cc| {
        Basemap::embedded()
            .ok()
            .and_then(|b| b.country(cc).map(|c| c.name_en.clone()))
    })
    .unwrap_or_else(|| "Situation".into())
}

/// Credit lines for the PNG.
pub fn credits(events: &str) -> Vec<String> {
    vec![
        format!("Events: {events}."),
        "Basemap: Natural Earth (public domain); regions: Who's On First (CC BY 4.0); places: GeoNames (CC BY 4.0).".into(),
        "Areas: Thiessen cells of places with a known controller (assessed, not patrolled).".into(),
    ]
}

/// Runs the command.
pub fn run(args: &RenderArgs) -> Result<bool> {
    let gaz = args.gazetteer.load()?;
    let resolve = args.gazetteer.options();
    let (events, timeline, mut ok) = args.timeline.load(&gaz, &args.events, &resolve, false)?;
    for w in timeline.warnings() {
        eprintln!("warning: {w}");
    }
    let tables = read_claim_tables(&args.map.claims)?;
    let (claims, claims_ok) = check_claims(&gaz, tables, &resolve);
    ok &= claims_ok;
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| default_title(&gaz, &events));
    let names: Vec<String> = args
        .events
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    let mut case = MapCase::new(&gaz, &title, events, timeline, claims, None)?;
    case.credits = credits(&names.join(", "));
    render_case(&case, &gaz, &args.map)?;
    Ok(ok)
}
