//! Flags and helpers shared by several subcommands.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::Args;
use frontmap::gazetteer::{Gazetteer, ResolveOptions};
use frontmap::{Error, Result};

/// Gazetteer flags: user places files and a country bias.
#[derive(Debug, Clone, Args, Default)]
pub struct GazetteerArgs {
    /// Add or amend places from this CSV (repeatable; columns as gazetteer/overrides.csv).
    /// Also read: ~/.config/frontmap/places.csv and the files in FRONTMAP_PLACES.
    #[arg(long = "places", value_name = "FILE")]
    pub places: Vec<PathBuf>,
    /// Prefer places in this country (ISO code, e.g. ML).
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
}

impl GazetteerArgs {
    /// Loads the embedded gazetteer with the user files.
    pub fn load(&self) -> Result<Gazetteer> {
        if let Some(cc) = &self.country
            && (cc.len() != 2 || !cc.chars().all(|c| c.is_ascii_alphabetic()))
        {
            return Err(Error::Usage(format!(
                "--country {cc:?}: give an ISO 3166 two-letter code such as ML"
            )));
        }
        Gazetteer::with_user_files(&self.places)
    }

    /// Resolve options with the country bias.
    pub fn options(&self) -> ResolveOptions {
        ResolveOptions::default().country(self.country.as_deref())
    }
}

/// Reads a dispatch for `what` ("check", "extract from"): notes a Windows-1252 decoding on
/// stderr and refuses an empty file with its position.
pub fn read_dispatch(path: &std::path::Path, what: &str) -> Result<String> {
    let d = frontmap::textio::read_text(path)?;
    if d.encoding == frontmap::textio::TextEncoding::Windows1252 {
        eprintln!(
            "note: {} is not UTF-8; decoded as Windows-1252",
            path.display()
        );
    }
    if d.text.trim().is_empty() {
        return Err(Error::input(
            path.display().to_string(),
            1,
            1,
            format!("the file is empty: there is no text to {what}"),
        ));
    }
    Ok(d.text)
}

/// Parses `LAT,LON`.
pub fn parse_lat_lon(s: &str) -> Result<(f64, f64)> {
    let bad = || {
        Error::Usage(format!(
            "{s:?} is not LAT,LON in decimal degrees (e.g. 14.49,-4.20)"
        ))
    };
    let (a, b) = s.split_once(',').ok_or_else(bad)?;
    let lat: f64 = a.trim().parse().map_err(|_| bad())?;
    let lon: f64 = b.trim().parse().map_err(|_| bad())?;
    if lat.abs() > 90.0 || lon.abs() > 180.0 || !lat.is_finite() || !lon.is_finite() {
        return Err(bad());
    }
    Ok((lat, lon))
}

/// Prints a JSON document to stdout.
pub fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)
        .map_err(|e| Error::write(std::path::Path::new("<stdout>"), e.into()))?;
    writeln!(out).map_err(|e| Error::write(std::path::Path::new("<stdout>"), e))?;
    Ok(())
}

/// Prints text to stdout.
pub fn print_text(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .map_err(|e| Error::write(std::path::Path::new("<stdout>"), e))
}

/// Whether stdout is a terminal (colour and alignment for people).
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Wraps `s` in an ANSI colour when `on`.
pub fn paint(s: &str, colour: Colour, on: bool) -> String {
    if !on {
        return s.to_string();
    }
    let code = match colour {
        Colour::Green => "32",
        Colour::Yellow => "33",
        Colour::Red => "31",
        Colour::Grey => "90",
        Colour::Bold => "1",
    };
    format!("\x1b[{code}m{s}\x1b[0m")
}

/// Terminal colours used in tables.
#[derive(Debug, Clone, Copy)]
pub enum Colour {
    /// Good.
    Green,
    /// Caution.
    Yellow,
    /// Bad.
    Red,
    /// Minor.
    Grey,
    /// Emphasis.
    Bold,
}

/// Formats rows as an aligned table (column widths by character count).
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let n = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate().take(n) {
            widths[i] = widths[i].max(visible_len(c));
        }
    }
    let mut s = String::new();
    let line = |cells: &mut dyn Iterator<Item = String>, s: &mut String| {
        let mut parts = Vec::new();
        for (i, c) in cells.enumerate() {
            let pad = widths[i].saturating_sub(visible_len(&c));
            if i + 1 == n {
                parts.push(c);
            } else {
                parts.push(format!("{c}{}", " ".repeat(pad)));
            }
        }
        s.push_str(parts.join("  ").trim_end());
        s.push('\n');
    };
    line(&mut header.iter().map(|h| h.to_string()), &mut s);
    line(&mut widths.iter().map(|w| "-".repeat(*w)), &mut s);
    for r in rows {
        line(&mut r.iter().cloned(), &mut s);
    }
    s
}

fn visible_len(s: &str) -> usize {
    // Skip ANSI escape sequences.
    let mut n = 0;
    let mut in_esc = false;
    for c in s.chars() {
        if in_esc {
            if c == 'm' {
                in_esc = false;
            }
        } else if c == '\x1b' {
            in_esc = true;
        } else {
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lat_lon_parsing() {
        assert_eq!(parse_lat_lon("14.5, -4.1").unwrap(), (14.5, -4.1));
        assert!(parse_lat_lon("95,1").is_err());
        assert!(parse_lat_lon("abc").is_err());
    }

    #[test]
    fn table_aligns_accented_text() {
        let t = table(
            &["a", "b"],
            &[
                vec!["Sévaré".into(), "1".into()],
                vec!["Gao".into(), "2".into()],
            ],
        );
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[2], "Sévaré  1");
        assert_eq!(lines[3], "Gao     2");
    }
}
