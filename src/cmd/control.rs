//! `frontmap control`: who holds each place on a date (CLI.md).

use std::path::PathBuf;

use clap::Args;
use frontmap::Result;
use frontmap::events::mali2013;
use frontmap::timeline::ControlStatus;

use super::common::{self, Colour, GazetteerArgs};

/// Flags of `frontmap control`.
#[derive(Debug, Args)]
pub struct ControlArgs {
    /// Print one JSON array (the CLI contract) instead of a table.
    #[arg(long)]
    pub json: bool,
    /// The date (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: String,
    /// Events (own CSV, ACLED, UCDP GED; repeatable). Default: the embedded Mali 2013 case.
    #[arg(long, value_name = "FILE")]
    pub events: Vec<PathBuf>,
    #[command(flatten)]
    pub timeline: super::render::TimelineArgs,
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
}

/// Runs the command; returns false when event rows were rejected.
pub fn run(args: &ControlArgs) -> Result<bool> {
    let date = super::render::parse_date_flag("--date", &args.date)?;
    let gaz = args.gazetteer.load()?;
    let topts = args.timeline.options();
    let custom =
        !args.events.is_empty() || args.timeline.initial.is_some() || args.timeline.sides.is_some();
    let mut ok = true;
    let timeline = if !custom {
        mali2013::embedded_case_with(&gaz, topts)?.timeline
    } else {
        let resolve = if args.gazetteer.country.is_some() {
            args.gazetteer.options()
        } else {
            mali2013::resolve_options()
        };
        let (_, timeline, good) = args.timeline.load(&gaz, &args.events, &resolve, true)?;
        ok = good;
        timeline
    };
    for w in timeline.warnings() {
        eprintln!("warning: {w}");
    }
    let state = timeline.state_on(date);
    if args.json {
        common::print_json(&state)?;
    } else {
        let colour = common::stdout_is_terminal();
        let rows: Vec<Vec<String>> = state
            .iter()
            .map(|p| {
                let status = match p.status {
                    ControlStatus::Held => "held".to_string(),
                    ControlStatus::Contested => common::paint("contested", Colour::Red, colour),
                };
                vec![
                    p.place.to_string(),
                    p.side.to_string(),
                    status,
                    p.since.to_string(),
                    match p.event_id.as_deref() {
                        Some(id) => id.to_string(),
                        None => common::paint("initial", Colour::Grey, colour),
                    },
                    p.fighting.join(" "),
                ]
            })
            .collect();
        let mut out = format!(
            "control on {date} (contested: fighting in the last {} days)\n\n",
            args.timeline.contested_days
        );
        out.push_str(&common::table(
            &["place", "side", "status", "since", "by event", "fighting"],
            &rows,
        ));
        common::print_text(&out)?;
    }
    Ok(ok)
}
