//! `frontmap import`: read event tables and print the events, or the JSON report (CLI.md).

use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;
use frontmap::Result;
use frontmap::events::{Format, ImportOptions, ImportReport, SideMap, load_events};
use serde_json::json;

use super::common::{self, Colour, GazetteerArgs};

/// Flags of `frontmap import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Print one JSON document (the CLI contract) instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Input format: auto (from the header), frontmap, acled or ucdp.
    #[arg(long, default_value = "auto", value_parser = parse_format)]
    pub format: Format,
    /// Actors → sides table (CSV: pattern,side,notes); default: the Mali 2012–2013 table.
    #[arg(long, value_name = "FILE")]
    pub sides: Option<PathBuf>,
    /// Reject misspelt place names instead of accepting the closest match.
    #[arg(long)]
    pub no_fuzzy: bool,
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
    /// Event tables (own CSV, ACLED export, UCDP GED); `-` reads stdin.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

fn parse_format(s: &str) -> std::result::Result<Format, String> {
    s.parse()
}

/// Loads the sides table from `--sides` or the embedded default.
pub fn load_sides(path: Option<&PathBuf>) -> Result<SideMap> {
    match path {
        Some(p) => SideMap::from_path(p),
        None => SideMap::mali2013(),
    }
}

/// Runs the command; returns whether every row was imported.
pub fn run(args: &ImportArgs) -> Result<bool> {
    let gaz = args.gazetteer.load()?;
    let opts = ImportOptions {
        format: args.format,
        resolve: args.gazetteer.options(),
        fuzzy: !args.no_fuzzy,
        sides: Arc::new(load_sides(args.sides.as_ref())?),
        ..ImportOptions::default()
    };
    let mut total: Option<ImportReport> = None;
    let mut formats = Vec::new();
    for f in &args.files {
        let r = load_events(f, &gaz, &opts)?;
        formats.push(json!({"file": f.display().to_string(), "format": r.format}));
        match &mut total {
            Some(t) => t.merge(r),
            None => total = Some(r),
        }
    }
    let Some(report) = total else {
        return Ok(true);
    };
    let ok = report.rejected.is_empty();
    if args.json {
        let doc = json!({
            "summary": report.summary,
            "files": formats,
            "events": report.events.iter().map(|e| e.to_json()).collect::<Vec<_>>(),
            "rejected": report.rejected,
        });
        common::print_json(&doc)?;
    } else {
        common::print_text(&human(&report, &formats))?;
        for e in &report.rejected {
            eprintln!("{e}");
        }
    }
    Ok(ok)
}

fn human(r: &ImportReport, formats: &[serde_json::Value]) -> String {
    let colour = common::stdout_is_terminal();
    let s = &r.summary;
    let mut out = String::new();
    for f in formats {
        out.push_str(&format!(
            "{}: {}\n",
            f["file"].as_str().unwrap_or(""),
            f["format"].as_str().unwrap_or("")
        ));
    }
    let line = format!(
        "read {}, imported {}, rejected {}, resolved fuzzily {}, ambiguous {}, by coordinates {} ({} with no gazetteer place within their precision)",
        s.read,
        s.imported,
        s.rejected,
        s.resolved_fuzzy,
        s.ambiguous,
        s.by_coordinates,
        s.unattached
    );
    out.push_str(&common::paint(&line, Colour::Bold, colour));
    out.push_str("\n\n");
    let rows: Vec<Vec<String>> = r
        .events
        .iter()
        .map(|e| {
            let date = if e.date_start == e.date_end {
                e.date_start.to_string()
            } else {
                format!("{}/{}", e.date_start, e.date_end.format("%m-%d"))
            };
            let place =
                if e.place.name_as_written.is_empty() || e.place.name_as_written == e.place.name {
                    e.place.name.to_string()
                } else {
                    format!("{} ({})", e.place.name, e.place.name_as_written)
                };
            let how = match e.place.resolution {
                frontmap::events::PlaceResolution::Fuzzy => {
                    common::paint("fuzzy", Colour::Yellow, colour)
                }
                r => r.label().to_string(),
            };
            let actors = e
                .actors
                .iter()
                .map(|a| match &a.side {
                    Some(side) => format!("{} [{side}]", a.name),
                    None => a.name.to_string(),
                })
                .collect::<Vec<_>>()
                .join("; ");
            vec![
                e.id.to_string(),
                date,
                e.date_precision.label().to_string(),
                place,
                how,
                e.kind.label().to_string(),
                e.sub_event_type.label().to_string(),
                actors,
                e.fatalities.best.map_or(String::new(), |f| f.to_string()),
            ]
        })
        .collect();
    out.push_str(&common::table(
        &[
            "id",
            "date",
            "prec",
            "place",
            "how",
            "kind",
            "sub-event type",
            "actors [side]",
            "deaths",
        ],
        &rows,
    ));
    out
}
