//! `frontmap check`: stated distances and directions, judged (see CLI.md).

use std::path::PathBuf;

use clap::Args;
use frontmap::analysis::distance_check::{self, CheckParams, CheckedClaim, ClaimVerdict};
use frontmap::claims::{ClaimParser, ParseOptions, csv::read_claims};
use frontmap::{Error, Result};

use super::common::{self, Colour, GazetteerArgs};

/// Flags of `frontmap check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Print one JSON array (the CLI contract) instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Check this sentence (or text) instead of a file.
    #[arg(long, value_name = "SENTENCE", conflicts_with_all = ["file", "claims"])]
    pub text: Option<String>,
    /// Check a claims table (date,from,to,stated_km,qualifier,direction,source) instead of
    /// a text.
    #[arg(long, value_name = "CSV", conflicts_with = "file")]
    pub claims: Option<PathBuf>,
    /// Largest road detour index (road ÷ great-circle distance) still plausible.
    #[arg(long, value_name = "RATIO", default_value_t = CheckParams::default().detour_max)]
    pub detour_max: f64,
    /// Relative tolerance of "about" figures (0.15 = ±15 %).
    #[arg(long, value_name = "FRACTION", default_value_t = CheckParams::default().about_rel)]
    pub about_tolerance: f64,
    /// Degrees added on each side of a stated compass sector.
    #[arg(long, value_name = "DEGREES", default_value_t = CheckParams::default().direction_tolerance_deg)]
    pub direction_tolerance: f64,
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
    /// The text file to read (`-` for stdin).
    #[arg(value_name = "FILE", required_unless_present_any = ["text", "claims"])]
    pub file: Option<PathBuf>,
}

/// Runs the command: Ok(true) when it ran (inconsistent verdicts included).
pub fn run(args: &CheckArgs) -> Result<bool> {
    let params = CheckParams::default()
        .detour_max(args.detour_max)
        .about_rel(args.about_tolerance)
        .direction_tolerance_deg(args.direction_tolerance);
    params.validate().map_err(Error::Usage)?;
    let gaz = args.gazetteer.load()?;
    let opts = ParseOptions::default().resolve(args.gazetteer.options());
    let checked: Vec<CheckedClaim> = if let Some(path) = &args.claims {
        let rows = read_claims(path)?;
        rows.into_iter()
            .map(|row| distance_check::check_row(row, &gaz, &opts.resolve, &params))
            .collect()
    } else {
        let text = match (&args.text, &args.file) {
            (Some(t), _) => t.clone(),
            (None, Some(path)) => common::read_dispatch(path, "check")?,
            (None, None) => return Err(Error::Usage("give --text, --claims or a FILE".into())),
        };
        let parser = ClaimParser::new(&gaz);
        parser
            .find_claims(&text, &opts)
            .iter()
            .map(|f| distance_check::check_found(f, &gaz, &params))
            .collect()
    };
    if args.json {
        common::print_json(&checked)?;
    } else {
        common::print_text(&human(&checked))?;
    }
    Ok(true)
}

fn human(rows: &[CheckedClaim]) -> String {
    if rows.is_empty() {
        return "no distance or direction claim found\n".into();
    }
    let colour = common::stdout_is_terminal();
    let mut table = Vec::new();
    for (i, c) in rows.iter().enumerate() {
        let verdict = match c.verdict {
            ClaimVerdict::Consistent => common::paint("consistent", Colour::Green, colour),
            ClaimVerdict::PlausibleByRoad => {
                common::paint("plausible_by_road", Colour::Yellow, colour)
            }
            ClaimVerdict::Inconsistent => common::paint("inconsistent", Colour::Red, colour),
            ClaimVerdict::Unresolved => common::paint("unresolved", Colour::Grey, colour),
        };
        let stated = match (&c.stated, c.qualifier.label()) {
            (Some(s), q) => {
                let q = match q {
                    "about" => "~",
                    "more_than" => ">",
                    "less_than" => "<",
                    _ => "",
                };
                if s.range {
                    format!("{}–{} km", s.km_low.round(), s.km_high.round())
                } else {
                    format!("{q}{} km", (s.km() * 10.0).round() / 10.0)
                }
            }
            (None, _) => "-".into(),
        };
        table.push(vec![
            (i + 1).to_string(),
            c.line.map_or(String::new(), |l| l.to_string()),
            c.from.clone(),
            c.to.clone(),
            stated,
            c.direction.map_or("-".into(), |d| d.label().to_string()),
            c.geodesic_km.map_or("-".into(), |g| format!("{g:.0} km")),
            match (c.bearing_deg, c.compass) {
                (Some(b), Some(k)) => format!("{b:.0}° {k}"),
                _ => "-".into(),
            },
            verdict,
        ]);
    }
    let mut s = common::table(
        &[
            "#", "line", "from", "to", "stated", "dir", "geodesic", "bearing", "verdict",
        ],
        &table,
    );
    let count = |v: ClaimVerdict| rows.iter().filter(|c| c.verdict == v).count();
    s.push('\n');
    s.push_str(&common::paint(
        &format!(
            "{} claims: {} consistent, {} plausible by road, {} inconsistent, {} unresolved",
            rows.len(),
            count(ClaimVerdict::Consistent),
            count(ClaimVerdict::PlausibleByRoad),
            count(ClaimVerdict::Inconsistent),
            count(ClaimVerdict::Unresolved)
        ),
        Colour::Bold,
        colour,
    ));
    s.push_str("\n\n");
    for (i, c) in rows.iter().enumerate() {
        s.push_str(&format!("{}. {}\n", i + 1, c.reason));
    }
    s
}
