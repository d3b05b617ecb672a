//! `frontmap run`: the main job on the embedded Mali 2013 case: every date's layers, styles
//! and map into `output/`.

use std::path::PathBuf;

use clap::Args;
use frontmap::Result;
use frontmap::claims::csv::parse_claims;
use frontmap::events::mali2013;
use frontmap::maps::MapCase;

use super::common::GazetteerArgs;
use super::render::{MapArgs, check_claims, credits, read_claim_tables, render_case};

/// Flags of `frontmap run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Also read the dispatches (`*.txt`) in this folder (repeatable): their extracted events
    /// are drawn (marked as extracted, with their confidence) and their distance claims are
    /// checked and drawn on the maps of their dates.
    #[arg(long, value_name = "DIR")]
    pub articles: Vec<PathBuf>,
    #[command(flatten)]
    pub map: MapArgs,
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
}

/// Runs the command: false when a claim could not be resolved.
pub fn run(args: &RunArgs) -> Result<bool> {
    let gaz = args.gazetteer.load()?;
    let case = mali2013::embedded_case(&gaz)?;
    let resolve = mali2013::resolve_options();
    let mut tables = vec![(
        "data/mali2013/claims.csv".to_string(),
        parse_claims(mali2013::CLAIMS_CSV, "data/mali2013/claims.csv")?,
    )];
    tables.extend(read_claim_tables(&args.map.claims)?);
    let (mut claims, mut ok) = check_claims(&gaz, tables, &resolve);
    let mut events = case.events;
    if !args.articles.is_empty() {
        let read = super::articles::read_articles(&gaz, &args.articles, &resolve)?;
        ok &= read.ok;
        events.extend(read.events);
        super::articles::add_claims(&mut claims, read.claims);
    }
    let mut map_case = MapCase::new(
        &gaz,
        "Mali",
        events,
        case.timeline,
        claims,
        Some((case.start, case.end)),
    )?;
    map_case.credits = credits("frontmap Mali 2013 case, data/mali2013 (dispatches, Wikipedia)");
    render_case(&map_case, &gaz, &args.map)?;
    Ok(ok)
}
