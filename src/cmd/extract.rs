//! `frontmap extract`: events, dates, places and claims proposed from dispatches (see
//! CLI.md).

use std::io::{BufRead, Write};
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;
use frontmap::extract::{
    DateBasis, DateSource, ExtractOptions, Extraction, Extractor, Lexicon, PlaceBasis,
};
use frontmap::{Error, InputError, Result};
use rayon::prelude::*;
use serde_json::{Map, Value};

use super::common::{self, Colour, GazetteerArgs};

/// Flags of `frontmap extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Print JSON (the CLI contract): one object for one FILE, an array for several.
    #[arg(long, conflicts_with_all = ["csv", "jsonl"])]
    pub json: bool,
    /// Read JSON lines on stdin (`{"text": "...", "date": "YYYY-MM-DD", "id": ...}`) and
    /// write one JSON result per line, in order (bad lines are reported and skipped).
    #[arg(long, conflicts_with_all = ["files", "csv"])]
    pub jsonl: bool,
    /// Write the events as frontmap's own events CSV (reads back with `frontmap import`).
    #[arg(long)]
    pub csv: bool,
    /// The reference date (YYYY-MM-DD) for texts without a dateline.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Add or override lexicon rows from this CSV (repeatable; columns as
    /// data/extract/lexicon.csv).
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
    /// Leave out events below this confidence (0–1).
    #[arg(long, value_name = "CONFIDENCE", default_value_t = 0.0)]
    pub min_confidence: f64,
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
    /// Dispatch files (`-` for stdin).
    #[arg(value_name = "FILE", required_unless_present = "jsonl")]
    pub files: Vec<PathBuf>,
}

fn parse_date(s: &str, what: &str) -> std::result::Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{what} {s:?} is not a date: use YYYY-MM-DD (e.g. 2013-02-21)"))
}

/// Runs the command: Ok(false) when some input was bad (JSONL lines, events without date
/// or place in `--csv`).
pub fn run(args: &ExtractArgs) -> Result<bool> {
    if !(0.0..=1.0).contains(&args.min_confidence) {
        return Err(Error::Usage(format!(
            "--min-confidence {} must be between 0 and 1",
            args.min_confidence
        )));
    }
    let date = match &args.date {
        Some(s) => Some(parse_date(s, "--date").map_err(Error::Usage)?),
        None => None,
    };
    let gaz = args.gazetteer.load()?;
    let mut lexicon = Lexicon::embedded()?;
    for p in &args.lexicon {
        lexicon.merge(Lexicon::from_path(p)?);
    }
    let ex = Extractor::with_lexicon(&gaz, lexicon)?;
    let opts = ExtractOptions::default()
        .date(date)
        .resolve(args.gazetteer.options());
    if args.jsonl {
        return jsonl(&ex, &opts, args.min_confidence);
    }
    // Read every file first: a bad one stops the run before any output.
    let mut texts = Vec::with_capacity(args.files.len());
    for path in &args.files {
        let text = common::read_dispatch(path, "extract from")?;
        texts.push((path.display().to_string(), text));
    }
    let results: Vec<(String, Extraction)> = texts
        .par_iter()
        .map(|(name, text)| {
            let o = opts.clone().source(name.clone());
            let mut x = ex.extract(text, &o);
            x.events.retain(|e| e.confidence >= args.min_confidence);
            (name.clone(), x)
        })
        .collect();
    if args.csv {
        let items: Vec<(&str, &Extraction)> =
            results.iter().map(|(n, x)| (n.as_str(), x)).collect();
        let (csv, skipped) = frontmap::extract::csv::events_csv(&items);
        common::print_text(&csv)?;
        for s in &skipped {
            eprintln!("{s}");
        }
        return Ok(skipped.is_empty());
    }
    if args.json {
        let docs: Vec<Value> = results
            .iter()
            .map(|(n, x)| with_head(x, [("file", Value::String(n.clone()))]))
            .collect::<Result<_>>()?;
        if docs.len() == 1 {
            common::print_json(&docs[0])?;
        } else {
            common::print_json(&docs)?;
        }
        return Ok(true);
    }
    let colour = common::stdout_is_terminal();
    let mut s = String::new();
    for (i, (n, x)) in results.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        s.push_str(&human(n, x, colour));
    }
    common::print_text(&s)?;
    Ok(true)
}

/// The extraction as a JSON object with `head` fields first.
fn with_head<const N: usize>(x: &Extraction, head: [(&str, Value); N]) -> Result<Value> {
    let v = serde_json::to_value(x).map_err(|e| Error::Embedded(format!("JSON: {e}")))?;
    let mut m = Map::new();
    for (k, val) in head {
        m.insert(k.to_string(), val);
    }
    if let Value::Object(o) = v {
        m.extend(o);
    }
    Ok(Value::Object(m))
}

/// One JSONL input line, parsed.
struct Job {
    line: u64,
    id: Value,
    text: String,
    date: Option<NaiveDate>,
}

/// A bad JSONL line: its `id` (if readable) and the problem.
type LineError = Box<(Value, InputError)>;

fn parse_line(line: u64, s: &str) -> std::result::Result<Job, LineError> {
    let err = |id: Value, col: u64, msg: String| {
        Box::new((id, InputError::new("<stdin>", line, col, msg)))
    };
    let v: Value = serde_json::from_str(s)
        .map_err(|e| err(Value::Null, e.column() as u64, format!("not JSON: {e}")))?;
    let Value::Object(o) = v else {
        return Err(err(
            Value::Null,
            1,
            "expected a JSON object with a \"text\" field".into(),
        ));
    };
    let id = o.get("id").cloned().unwrap_or(Value::Null);
    let text = match o.get("text") {
        Some(Value::String(t)) => t.clone(),
        Some(_) => return Err(err(id, 1, "\"text\" must be a string".into())),
        None => return Err(err(id, 1, "missing \"text\"".into())),
    };
    let date = match o.get("date") {
        None | Some(Value::Null) => None,
        Some(Value::String(d)) if d.trim().is_empty() => None,
        Some(Value::String(d)) => {
            Some(parse_date(d, "\"date\"").map_err(|m| err(id.clone(), 1, m))?)
        }
        Some(_) => return Err(err(id, 1, "\"date\" must be a YYYY-MM-DD string".into())),
    };
    Ok(Job {
        line,
        id,
        text,
        date,
    })
}

/// Lines read and processed at a time (in parallel, written in order).
const CHUNK: usize = 256;

fn jsonl(ex: &Extractor, opts: &ExtractOptions, min_conf: f64) -> Result<bool> {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let wr = |e: std::io::Error| Error::write(std::path::Path::new("<stdout>"), e);
    let mut ok = true;
    let mut line_no = 0u64;
    let mut chunk: Vec<(u64, String)> = Vec::with_capacity(CHUNK);
    let mut buf = String::new();
    loop {
        chunk.clear();
        while chunk.len() < CHUNK {
            buf.clear();
            let n = input
                .read_line(&mut buf)
                .map_err(|e| Error::read(std::path::Path::new("<stdin>"), e))?;
            if n == 0 {
                break;
            }
            line_no += 1;
            let t = buf.trim();
            if !t.is_empty() {
                chunk.push((line_no, t.to_string()));
            }
        }
        if chunk.is_empty() {
            break;
        }
        let results: Vec<std::result::Result<String, (String, String)>> = chunk
            .par_iter()
            .map(|(line, s)| {
                let job = match parse_line(*line, s) {
                    Ok(j) => j,
                    Err(b) => {
                        let (id, e) = *b;
                        let v = serde_json::json!({"id": id, "line": line, "error": e.to_string()});
                        return Err((v.to_string(), e.to_string()));
                    }
                };
                let o = ExtractOptions {
                    date: job.date.or(opts.date),
                    ..opts.clone()
                };
                let mut x = ex.extract(&job.text, &o);
                x.events.retain(|e| e.confidence >= min_conf);
                // Serialised once: the head fields spliced before the extraction's own.
                let v = match serde_json::to_string(&x) {
                    Ok(body) => format!(
                        "{{\"id\":{},\"line\":{},{}",
                        job.id,
                        job.line,
                        body.strip_prefix('{').unwrap_or(&body)
                    ),
                    Err(e) => {
                        serde_json::json!({"id": job.id, "line": job.line, "error": e.to_string()})
                            .to_string()
                    }
                };
                Ok(v)
            })
            .collect();
        for r in results {
            match r {
                Ok(line) => {
                    out.write_all(line.as_bytes()).map_err(wr)?;
                    out.write_all(b"\n").map_err(wr)?;
                }
                Err((json, msg)) => {
                    ok = false;
                    out.write_all(json.as_bytes()).map_err(wr)?;
                    out.write_all(b"\n").map_err(wr)?;
                    eprintln!("{msg}");
                }
            }
        }
    }
    out.flush().map_err(wr)?;
    Ok(ok)
}

fn human(name: &str, x: &Extraction, colour: bool) -> String {
    let mut s = String::new();
    let date = match (x.dateline, x.date_source) {
        (Some(d), DateSource::Dateline) => format!(
            "dateline {d} (\"{}\")",
            x.dateline_text.as_deref().unwrap_or("")
        ),
        (Some(d), DateSource::Option) => format!("no dateline; reference date {d} from --date"),
        (Some(d), DateSource::Inferred) => {
            format!(
                "no dateline; reference date {d}, the latest date in the text (give --date to set it)"
            )
        }
        _ => "no dateline and no --date: relative dates unresolved".into(),
    };
    s.push_str(&common::paint(name, Colour::Bold, colour));
    s.push_str(&format!(" [{}] {date}\n", x.language));
    if let Some(h) = &x.headline {
        s.push_str(&format!("headline: {h}\n"));
    }
    if let Some(f) = &x.focus {
        s.push_str(&format!("focus: {} ({} mentions)\n", f.text, f.mentions));
    }
    s.push('\n');
    if x.events.is_empty() {
        s.push_str("no event found\n");
    } else {
        let mut rows = Vec::new();
        for (i, e) in x.events.iter().enumerate() {
            let date = match (e.date, e.date_end) {
                (Some(a), Some(b)) if a != b => format!("{a}…{}", b.format("%m-%d")),
                (Some(a), _) => a.to_string(),
                _ => "?".into(),
            };
            let date = match e.date_basis {
                DateBasis::Reference => format!("{date}*"),
                _ => date,
            };
            let place = match (&e.place, e.place_basis) {
                (Some(p), PlaceBasis::Focus) => format!("{p}*"),
                (Some(p), _) => p.clone(),
                (None, _) => "?".into(),
            };
            let tolls = match (e.fatalities, e.fatalities_precision) {
                (Some(n), Some(p)) if p.label() == "about" => format!("~{n}"),
                (Some(n), Some(p)) if p.label() == "at_least" => format!("≥{n}"),
                (Some(n), _) => n.to_string(),
                (None, _) => "-".into(),
            };
            let conf = format!("{:.2}", e.confidence);
            let conf = if e.confidence >= 0.6 {
                common::paint(&conf, Colour::Green, colour)
            } else if e.confidence >= 0.35 {
                common::paint(&conf, Colour::Yellow, colour)
            } else {
                common::paint(&conf, Colour::Grey, colour)
            };
            rows.push(vec![
                (i + 1).to_string(),
                date,
                e.date_precision.map_or("-", |p| p.label()).to_string(),
                e.event_type.clone(),
                place,
                e.actor_details
                    .iter()
                    .map(|a| match &a.side {
                        Some(sd) => format!("{} ({sd})", a.name),
                        None => a.name.clone(),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                tolls,
                conf,
            ]);
        }
        s.push_str(&common::table(
            &[
                "#",
                "date",
                "precision",
                "event",
                "place",
                "actors",
                "dead",
                "conf",
            ],
            &rows,
        ));
        s.push_str("(* date or place assumed: the reference date, the text's focus)\n\n");
        for (i, e) in x.events.iter().enumerate() {
            let date_from = e
                .date_text
                .as_ref()
                .map_or(String::new(), |t| format!(", date from \"{t}\""));
            s.push_str(&format!(
                "{}. line {}: \"{}\"{date_from}\n   {}\n",
                i + 1,
                e.line,
                e.trigger,
                e.sentence
            ));
        }
    }
    if !x.claims.is_empty() {
        s.push('\n');
        for c in &x.claims {
            s.push_str(&format!("claim: {} — {}\n", c.verdict.label(), c.reason));
        }
    }
    let background: Vec<String> = x
        .dates
        .iter()
        .filter(|d| d.background)
        .map(|d| format!("\"{}\"", d.text))
        .collect();
    if !background.is_empty() {
        s.push_str(&format!("background dates: {}\n", background.join(", ")));
    }
    s
}
