//! Actors → sides, through a CSV of name patterns.
//!
//! The file has the columns `pattern,side,notes` (a header line, then one pattern per row;
//! `#` lines are comments). An actor string belongs to the side of the **longest** pattern
//! whose words all appear, consecutively and as whole words, in the actor string, compared
//! case-, accent- and punctuation-insensitively ([`crate::normalize::word_key`]). So
//! `Military Forces of Mali (2002-2021)` matches the pattern `Military Forces of Mali`,
//! `MUJAO: Movement for Unity and Jihad in West Africa` matches `MUJAO`, and `Niger` does not
//! match `Nigeria`. A side of `-` (or `none`) marks actors that belong to no side
//! (civilians, unidentified groups), so that a longer "no side" pattern can override a
//! shorter one (`Civilians (France)` is not France).
//!
//! The default for Mali 2012–2013 is `data/mali2013/sides.csv` ([`SideMap::mali2013`]).

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use crate::error::{Error, InputError, Result};
use crate::normalize::word_key;

/// A side of the conflict: a short lowercase id such as `government`, `jihadist`, `mnla`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Side(Arc<str>);

impl Side {
    /// The government coalition (Malian forces, France, MISMA/AFISMA, Chad, Niger…).
    pub const GOVERNMENT: &'static str = "government";
    /// Jihadist groups (Ansar Dine, MUJAO, AQIM…).
    pub const JIHADIST: &'static str = "jihadist";
    /// The MNLA and its allies (HCUA…).
    pub const MNLA: &'static str = "mnla";
    /// Nobody holds the place (after a withdrawal with no one taking over).
    pub const NONE: &'static str = "none";
    /// Fighting at a place of unknown control.
    pub const UNKNOWN: &'static str = "unknown";

    /// A side from its id (trimmed and lowercased).
    pub fn new(id: &str) -> Side {
        Side(Arc::from(id.trim().to_lowercase().as_str()))
    }

    /// The government side.
    pub fn government() -> Side {
        Side::new(Side::GOVERNMENT)
    }

    /// The jihadist side.
    pub fn jihadist() -> Side {
        Side::new(Side::JIHADIST)
    }

    /// The MNLA side.
    pub fn mnla() -> Side {
        Side::new(Side::MNLA)
    }

    /// "Nobody holds it".
    pub fn none() -> Side {
        Side::new(Side::NONE)
    }

    /// "Unknown".
    pub fn unknown() -> Side {
        Side::new(Side::UNKNOWN)
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Side({})", self.0)
    }
}

impl serde::Serialize for Side {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// The Mali 2012–2013 sides file, compiled in.
pub const MALI2013_SIDES_CSV: &str = include_str!("../../data/mali2013/sides.csv");

#[derive(Debug, Clone)]
struct Rule {
    /// Folded pattern with a space on each side.
    padded: String,
    side: Option<Side>,
}

/// The actor → side table.
#[derive(Debug, Clone, Default)]
pub struct SideMap {
    rules: Vec<Rule>,
    origin: String,
}

#[derive(Debug, serde::Deserialize)]
struct SideRow<'a> {
    pattern: &'a str,
    side: &'a str,
    #[serde(default)]
    #[allow(dead_code)]
    notes: Option<&'a str>,
}

impl SideMap {
    /// The embedded Mali 2012–2013 table (`data/mali2013/sides.csv`).
    pub fn mali2013() -> Result<SideMap> {
        SideMap::parse(MALI2013_SIDES_CSV, "data/mali2013/sides.csv")
            .map_err(|e| Error::Embedded(e.to_string()))
    }

    /// Reads a sides file.
    pub fn from_path(path: &std::path::Path) -> Result<SideMap> {
        let text = crate::textio::read_text(path)?;
        SideMap::parse(&text.text, &path.display().to_string())
    }

    /// Parses a sides CSV (see the module docs); every bad row is reported.
    pub fn parse(text: &str, origin: &str) -> Result<SideMap> {
        let mut rdr = csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers = rdr
            .headers()
            .map_err(|e| Error::input(origin, 1, 1, format!("unreadable header: {e}")))?
            .clone();
        for need in ["pattern", "side"] {
            if !headers.iter().any(|h| h.eq_ignore_ascii_case(need)) {
                return Err(Error::input(
                    origin,
                    1,
                    1,
                    format!(
                        "missing column {need:?} (a sides file has the columns pattern,side,notes)"
                    ),
                ));
            }
        }
        let side_col = headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case("side"))
            .map_or(2, |i| i as u64 + 1);
        let mut rules = Vec::new();
        let mut errors = Vec::new();
        let mut record = csv::StringRecord::new();
        loop {
            match rdr.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    errors.push(InputError::new(origin, line, 1, e.to_string()));
                    break;
                }
            }
            let line = record.position().map_or(0, |p| p.line());
            let row: SideRow = match record.deserialize(Some(&headers)) {
                Ok(r) => r,
                Err(e) => {
                    errors.push(InputError::new(origin, line, 1, e.to_string()));
                    continue;
                }
            };
            let key = word_key(row.pattern);
            if key.is_empty() {
                errors.push(InputError::new(origin, line, 1, "empty pattern"));
                continue;
            }
            let side_text = row.side.trim();
            if side_text.is_empty() {
                errors.push(InputError::new(
                    origin,
                    line,
                    side_col,
                    "empty side (write - for actors that belong to no side)",
                ));
                continue;
            }
            let side = match side_text {
                "-" => None,
                s if s.eq_ignore_ascii_case("none") => None,
                s => Some(Side::new(s)),
            };
            rules.push(Rule {
                padded: format!(" {key} "),
                side,
            });
        }
        if !errors.is_empty() {
            return Err(Error::Inputs(errors));
        }
        // Longest pattern first: the first match is the most specific.
        rules.sort_by_key(|r| std::cmp::Reverse(r.padded.len()));
        Ok(SideMap {
            rules,
            origin: origin.to_string(),
        })
    }

    /// Where the table came from.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Number of patterns.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The side of an actor string, if a pattern matches and gives one.
    pub fn side_of(&self, actor: &str) -> Option<Side> {
        let key = word_key(actor);
        if key.is_empty() {
            return None;
        }
        let padded = format!(" {key} ");
        self.rules
            .iter()
            .find(|r| padded.contains(r.padded.as_str()))
            .and_then(|r| r.side.clone())
    }

    /// The sides of many actor strings, each distinct string matched once.
    pub fn sides_of<'a>(
        &self,
        actors: impl IntoIterator<Item = &'a str>,
    ) -> HashMap<&'a str, Option<Side>> {
        let mut out = HashMap::new();
        for a in actors {
            out.entry(a).or_insert_with(|| self.side_of(a));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acled_and_press_names_map_to_mali_sides() {
        let m = SideMap::mali2013().unwrap();
        let s = |a: &str| m.side_of(a).map(|s| s.as_str().to_string());
        assert_eq!(
            s("Military Forces of Mali (2002-2021)").as_deref(),
            Some("government")
        );
        assert_eq!(
            s("Military Forces of France").as_deref(),
            Some("government")
        );
        assert_eq!(s("Operation Serval").as_deref(), Some("government"));
        assert_eq!(
            s("MISMA: African-led International Support Mission to Mali").as_deref(),
            Some("government")
        );
        assert_eq!(
            s("Military Forces of Chad (1990-2021)").as_deref(),
            Some("government")
        );
        assert_eq!(s("soldats nigériens").as_deref(), Some("government"));
        assert_eq!(
            s("MUJAO: Movement for Unity and Jihad in West Africa").as_deref(),
            Some("jihadist")
        );
        assert_eq!(s("Ansar Dine").as_deref(), Some("jihadist"));
        assert_eq!(s("ANSAR EDDINE").as_deref(), Some("jihadist"));
        assert_eq!(
            s("AQIM: Al Qaeda in the Islamic Maghreb").as_deref(),
            Some("jihadist")
        );
        assert_eq!(s("les islamistes").as_deref(), Some("jihadist"));
        assert_eq!(
            s("Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad").as_deref(),
            Some("jihadist")
        );
        assert_eq!(
            s("MNLA: National Movement for the Liberation of Azawad").as_deref(),
            Some("mnla")
        );
        assert_eq!(
            s("HCUA: High Council for the Unity of Azawad").as_deref(),
            Some("mnla")
        );
        assert_eq!(s("Civilians (Mali)"), None);
        assert_eq!(s("Civilians (France)"), None);
        assert_eq!(s("Unidentified Armed Group (Mali)"), None);
        assert_eq!(
            s("Military Forces of Nigeria (2010-2015)").as_deref(),
            Some("government")
        );
    }

    #[test]
    fn whole_words_only_and_longest_wins() {
        let m = SideMap::parse(
            "pattern,side,notes\nNiger,government,\nAnsar,jihadist,\nAnsar Dine Civilians,-,test\n",
            "t.csv",
        )
        .unwrap();
        assert_eq!(m.side_of("Nigeria"), None);
        assert_eq!(m.side_of("Forces of Niger").unwrap().as_str(), "government");
        assert_eq!(m.side_of("ansar-dine civilians"), None);
    }

    #[test]
    fn bad_rows_are_reported_with_lines() {
        let e = SideMap::parse("pattern,side\nMNLA,\n,jihadist\n", "s.csv").unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("s.csv:2:2: empty side"), "{msg}");
        assert!(msg.contains("s.csv:3:1: empty pattern"), "{msg}");
        assert!(SideMap::parse("actor,team\n", "x.csv").is_err());
    }
}
