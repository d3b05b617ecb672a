//! `frontmap run`: the main job on the embedded Mali 2013 case.

use std::path::PathBuf;

use clap::Args;
use frontmap::Result;
use frontmap::gazetteer::Gazetteer;

use super::common::{self, GazetteerArgs};

/// Flags of `frontmap run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Folder to write the per-date layers and maps into.
    #[arg(long, default_value = "output", value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
}

/// The places of the Mali 2013 case.
static CASE_PLACES: &str = include_str!("../../data/mali2013/places.txt");

/// Runs the command.
pub fn run(args: &RunArgs) -> Result<bool> {
    let gaz: Gazetteer = args.gazetteer.load()?;
    let opts = args
        .gazetteer
        .options()
        .country(Some(args.gazetteer.country.as_deref().unwrap_or("ML")));
    let mut rows = Vec::new();
    let mut all = true;
    for name in CASE_PLACES
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let r = gaz.resolve(name, &opts);
        match r.best {
            Some(c) => {
                let p = gaz.place(c.place);
                rows.push(vec![
                    name.to_string(),
                    p.name.to_string(),
                    format!("{:.4}", p.lat),
                    format!("{:.4}", p.lon),
                    p.admin1.to_string(),
                    format!("{:.2}", c.confidence),
                ]);
            }
            None => {
                all = false;
                rows.push(vec![name.to_string(), "?".into()]);
            }
        }
    }
    common::print_text(&common::table(
        &["case place", "resolved as", "lat", "lon", "region", "conf"],
        &rows,
    ))?;
    Ok(all)
}
