//! Dispatches read by `run --articles DIR`: extracted events and dated claims for the maps.

use std::path::{Path, PathBuf};

use frontmap::analysis::distance_check::{CheckedClaim, ClaimVerdict};
use frontmap::events::Event;
use frontmap::extract::{ExtractOptions, Extractor};
use frontmap::gazetteer::{Gazetteer, ResolveOptions};
use frontmap::{Error, Result};
use rayon::prelude::*;

/// What the dispatches of the folders give the maps.
#[derive(Debug, Default)]
pub struct Articles {
    /// Extracted events with a date and a place.
    pub events: Vec<Event>,
    /// Claims, each dated with its dispatch's reference date.
    pub claims: Vec<CheckedClaim>,
    /// False when something could not be used (reported on stderr).
    pub ok: bool,
}

fn txt_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::Read {
        path: dir.to_path_buf(),
        source: e,
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x.eq_ignore_ascii_case("txt")))
        .collect();
    files.sort();
    Ok(files)
}

/// The first `YYYY-MM-DD` in a file's name.
fn date_in_name(path: &Path) -> Option<chrono::NaiveDate> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let b = name.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let s = name.get(i..i + 10)?;
        let ok = s.bytes().enumerate().all(|(k, c)| match k {
            4 | 7 => c == b'-',
            _ => c.is_ascii_digit(),
        });
        if ok {
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
        } else {
            None
        }
    })
}

/// Extracts every `*.txt` dispatch of `dirs` (not recursive), in parallel.
pub fn read_articles(
    gaz: &Gazetteer,
    dirs: &[PathBuf],
    resolve: &ResolveOptions,
) -> Result<Articles> {
    let mut files = Vec::new();
    for d in dirs {
        let found = txt_files(d)?;
        if found.is_empty() {
            eprintln!("note: {} has no .txt dispatch", d.display());
        }
        files.extend(found);
    }
    let extractor = Extractor::new(gaz)?;
    let results: Vec<Result<(String, frontmap::extract::Extraction)>> = files
        .par_iter()
        .map(|f| {
            let text = frontmap::textio::read_text(f)?;
            let name = f.display().to_string();
            // A date in the file name (2013-02-21_gao.txt) stands in for a missing dateline.
            let opts = ExtractOptions::default()
                .date(date_in_name(f))
                .source(name.clone())
                .resolve(resolve.clone());
            Ok((name, extractor.extract(&text.text, &opts)))
        })
        .collect();
    let mut out = Articles {
        ok: true,
        ..Articles::default()
    };
    let (mut n_events, mut n_claims) = (0, 0);
    for r in results {
        let (name, x) = r?;
        let events = x.to_events(&name);
        let dropped = x.events.len() - events.len();
        if dropped > 0 {
            eprintln!(
                "note: {name}: {dropped} extracted event{} without a date or a place not drawn (give the dispatch a dateline, or put its date in the file name: 2013-02-21_gao.txt)",
                if dropped == 1 { "" } else { "s" }
            );
        }
        n_events += events.len();
        out.events.extend(events);
        for mut c in x.claims {
            let Some(d) = x.dateline else {
                eprintln!(
                    "note: {name}:{}: claim {} → {} not drawn: the dispatch has no date (put it in the file name: 2013-02-21_gao.txt)",
                    c.line.unwrap_or(1),
                    c.from,
                    c.to
                );
                continue;
            };
            if c.verdict == ClaimVerdict::Unresolved {
                eprintln!(
                    "{name}:{}:1: claim not drawn: {}",
                    c.line.unwrap_or(1),
                    c.reason
                );
                out.ok = false;
                continue;
            }
            c.date = Some(d.format("%Y-%m-%d").to_string());
            c.source = Some(name.clone());
            n_claims += 1;
            out.claims.push(c);
        }
    }
    eprintln!(
        "read {} dispatch{}: {n_events} extracted events and {n_claims} claims added to the maps",
        files.len(),
        if files.len() == 1 { "" } else { "es" }
    );
    Ok(out)
}

/// Adds `extra` claims to `claims`, skipping those a table already states (same date, same
/// places, same figure).
pub fn add_claims(claims: &mut Vec<CheckedClaim>, extra: Vec<CheckedClaim>) {
    for c in extra {
        let same = claims.iter().any(|k| {
            k.date == c.date
                && k.stated_km == c.stated_km
                && ((k.from_id == c.from_id && k.to_id == c.to_id)
                    || (k.from_id == c.to_id && k.to_id == c.from_id))
        });
        if !same {
            claims.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_file_names() {
        let d = |s: &str| date_in_name(Path::new(s));
        assert_eq!(
            d("dispatches/2013-02-21_gao.txt"),
            chrono::NaiveDate::from_ymd_opt(2013, 2, 21)
        );
        assert_eq!(
            d("afp-2013-01-12.txt"),
            chrono::NaiveDate::from_ymd_opt(2013, 1, 12)
        );
        assert_eq!(d("003_e79d555fdb79c92d.txt"), None);
        assert_eq!(d("2013-13-45.txt"), None);
    }
}
