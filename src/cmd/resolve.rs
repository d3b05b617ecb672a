//! `frontmap resolve`: names to places, as a table or JSON (see CLI.md).

use clap::Args;
use frontmap::Result;
use frontmap::gazetteer::{Candidate, Gazetteer, Resolution, Status};
use serde_json::{Value, json};

use super::common::{self, Colour, GazetteerArgs};

/// Flags of `frontmap resolve`.
#[derive(Debug, Args)]
pub struct ResolveArgs {
    /// Print one JSON array (the CLI contract) instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Prefer places near this point (decimal degrees, e.g. 14.49,-4.20).
    #[arg(long, value_name = "LAT,LON", allow_hyphen_values = true)]
    pub near: Option<String>,
    /// Never accept a misspelling as a match (it only becomes a suggestion).
    #[arg(long)]
    pub no_fuzzy: bool,
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
    /// Names to resolve, as written ("Sévaré", "Tombouctou", "Aguel'hoc"…).
    #[arg(required = true, value_name = "NAME")]
    pub names: Vec<String>,
}

/// Runs the command; returns whether every name was found.
pub fn run(args: &ResolveArgs) -> Result<bool> {
    let gaz = args.gazetteer.load()?;
    let mut opts = args.gazetteer.options().fuzzy(!args.no_fuzzy);
    if let Some(near) = &args.near {
        let (lat, lon) = common::parse_lat_lon(near)?;
        opts = opts.near(lat, lon);
    }
    let results: Vec<Resolution> = args.names.iter().map(|n| gaz.resolve(n, &opts)).collect();
    if args.json {
        let v: Vec<Value> = results.iter().map(|r| resolution_json(&gaz, r)).collect();
        common::print_json(&v)?;
    } else {
        common::print_text(&human(&gaz, &results))?;
    }
    Ok(results.iter().all(|r| r.status != Status::Unknown))
}

/// The contract's JSON object for one resolution.
pub fn resolution_json(gaz: &Gazetteer, r: &Resolution) -> Value {
    let place = r.best.map(|c| {
        let p = gaz.place(c.place);
        json!({
            "id": p.id,
            "name": p.name,
            "lat": p.lat,
            "lon": p.lon,
            "country": p.country,
            "admin1": p.admin1,
            "kind": p.feature_code,
            "feature_class": p.feature_class.to_string(),
            "population": p.population,
            "geonames_id": p.geonames_id,
            "wof_id": p.wof_id,
        })
    });
    json!({
        "query": r.query,
        "status": r.status,
        "place": place,
        "confidence": round3(r.confidence()),
        "match": r.best.map(|c| c.kind.label()),
        "alternatives": r.alternatives.iter().map(|c| candidate_json(gaz, c)).collect::<Vec<_>>(),
        "suggestions": r.suggestions,
    })
}

fn candidate_json(gaz: &Gazetteer, c: &Candidate) -> Value {
    let p = gaz.place(c.place);
    json!({
        "id": p.id,
        "name": p.name,
        "lat": p.lat,
        "lon": p.lon,
        "country": p.country,
        "admin1": p.admin1,
        "kind": p.feature_code,
        "population": p.population,
        "match": c.kind.label(),
        "confidence": round3(c.confidence),
    })
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn human(gaz: &Gazetteer, results: &[Resolution]) -> String {
    let colour = common::stdout_is_terminal();
    let mut rows = Vec::new();
    for r in results {
        let status = match r.status {
            Status::Resolved => common::paint("resolved", Colour::Green, colour),
            Status::Ambiguous => common::paint("ambiguous", Colour::Yellow, colour),
            Status::Unknown => common::paint("unknown", Colour::Red, colour),
        };
        match r.best {
            Some(c) => {
                let p = gaz.place(c.place);
                let mut note = String::new();
                if r.status == Status::Ambiguous {
                    note = format!("{} close candidates", r.alternatives.len() + 1);
                } else if let Some(alt) = r.alternatives.first() {
                    let a = gaz.place(alt.place);
                    note = format!("next: {} ({}) {:.2}", a.name, a.kind(), alt.confidence);
                }
                rows.push(vec![
                    r.query.clone(),
                    status,
                    p.name.to_string(),
                    format!("{:.4}", p.lat),
                    format!("{:.4}", p.lon),
                    p.country.to_string(),
                    p.admin1.to_string(),
                    p.kind(),
                    format!("{:.2}", c.confidence),
                    c.kind.label().to_string(),
                    note,
                ]);
            }
            None => rows.push(vec![
                r.query.clone(),
                status,
                "-".into(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                "0.00".into(),
                String::new(),
                if r.suggestions.is_empty() {
                    "no similar name".into()
                } else {
                    format!("did you mean: {}?", r.suggestions.join(", "))
                },
            ]),
        }
    }
    let mut s = common::table(
        &[
            "query", "status", "place", "lat", "lon", "cc", "admin1", "kind", "conf", "match",
            "note",
        ],
        &rows,
    );
    for r in results.iter().filter(|r| r.status == Status::Ambiguous) {
        s.push_str(&format!("\n{:?} is ambiguous between:\n", r.query));
        for c in r.best.iter().chain(r.alternatives.iter()).take(12) {
            let p = gaz.place(c.place);
            s.push_str(&format!(
                "  {:<24} {:>8.4} {:>9.4}  {} {:<12} {:<9} pop {:<8} {:.2}  ({})\n",
                p.name,
                p.lat,
                p.lon,
                p.country,
                p.admin1,
                p.kind(),
                p.population,
                c.confidence,
                p.id
            ));
        }
    }
    s
}
