//! The extractor's word lists: event triggers, actors with their sides, death words, nouns
//! for people, continuation and "foiled" phrases — read from a CSV that users can extend
//! (`data/extract/lexicon.csv` is compiled in; see its header for the columns).

use std::collections::HashMap;
use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::claims::lexicon::{Kind, Tokens};
use crate::error::{Error, InputError, Result};
use crate::events::csv::parse_event_type;
use crate::events::{EventKind, Side, SubEventType};

/// The default lexicon, compiled in.
pub const DEFAULT_LEXICON_CSV: &str = include_str!("../../data/extract/lexicon.csv");

/// What a lexicon row is.
#[derive(Debug, Clone, PartialEq)]
pub enum EntryKind {
    /// A phrase reporting an event of this type.
    Trigger {
        /// The event type word as written in the lexicon (`capture`, `airstrike`…).
        word: String,
        /// ACLED sub-event type.
        sub: SubEventType,
        /// frontmap kind.
        kind: EventKind,
        /// An explosive device rather than an explosion ("ceinture d'explosifs").
        device: bool,
    },
    /// A named actor (`value` is its name).
    Actor,
    /// A generic wording for an actor ("islamistes", "rebels").
    Group,
    /// The fighting named earlier in the sentence went on.
    Continue,
    /// The device was not set off (an explosion becomes "disrupted weapons use").
    Foil,
    /// A death word; where its figure stands.
    Death(DeathFigure),
    /// A noun for people.
    Person,
}

/// Where the figure of a death word stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeathFigure {
    /// Before it ("trois islamistes ont été tués").
    Before,
    /// After it ("a perdu deux hommes", "killing three soldiers").
    After,
    /// Either ("killed").
    Both,
}

/// One row of the lexicon.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// What it is.
    pub kind: EntryKind,
    /// `fr`, `en` or empty.
    pub lang: String,
    /// The phrase as written.
    pub phrase: String,
    /// Actor name (actors and groups).
    pub value: String,
    /// Side (actors and groups), `None` for "no side".
    pub side: Option<Side>,
    /// How surely a trigger reports its event, in `[0, 1]`.
    pub weight: f64,
    /// The last word may run on (`*`).
    pub prefix: bool,
    /// A place name must follow (`@place`).
    pub needs_place: bool,
    /// The folded phrase the automaton matches.
    pub(crate) folded: String,
    /// The folded part after a gap ("tombée … aux mains": up to three words between).
    pub(crate) tail: Option<String>,
}

impl Entry {
    /// The language and phrase as matched (folded, with its gap and tail), which identify it.
    fn key(&self) -> String {
        let mut k = format!("{}:{}", self.lang, self.folded);
        if let Some(t) = &self.tail {
            k.push_str(" ... ");
            k.push_str(t);
        }
        if self.prefix {
            k.push('*');
        }
        if self.needs_place {
            k.push_str(" @place");
        }
        k
    }
}

/// The extractor's lexicon (see the module docs).
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    entries: Vec<Entry>,
}

impl Lexicon {
    /// The compiled-in default lexicon.
    pub fn embedded() -> Result<Lexicon> {
        Lexicon::parse(DEFAULT_LEXICON_CSV, "data/extract/lexicon.csv")
            .map_err(|e| Error::Embedded(e.to_string()))
    }

    /// Reads a lexicon file (same columns as the default one).
    pub fn from_path(path: &Path) -> Result<Lexicon> {
        let text = crate::textio::read_text(path)?;
        Lexicon::parse(&text.text, &path.display().to_string())
    }

    /// Parses a lexicon CSV; every bad row is reported with its line.
    pub fn parse(text: &str, origin: &str) -> Result<Lexicon> {
        let mut rdr = csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers = rdr
            .headers()
            .map_err(|e| Error::input(origin, 1, 1, format!("unreadable header: {e}")))?
            .clone();
        let col = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
        let (Some(c_kind), Some(c_phrase)) = (col("kind"), col("phrase")) else {
            return Err(Error::input(
                origin,
                1,
                1,
                "a lexicon needs the columns kind,lang,phrase,value,side,weight,notes",
            ));
        };
        let (c_lang, c_value, c_side, c_weight) =
            (col("lang"), col("value"), col("side"), col("weight"));
        let mut entries = Vec::new();
        let mut errors = Vec::new();
        let mut toks = Tokens::default();
        for rec in rdr.records() {
            let rec = match rec {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    errors.push(InputError::new(origin, line, 1, e.to_string()));
                    continue;
                }
            };
            let line = rec.position().map_or(0, |p| p.line());
            let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("").trim();
            match parse_row(
                get(Some(c_kind)),
                get(c_lang),
                get(Some(c_phrase)),
                get(c_value),
                get(c_side),
                get(c_weight),
                &mut toks,
            ) {
                Ok(e) => entries.push(e),
                Err((col, msg)) => {
                    let column = match col {
                        "kind" => c_kind,
                        "phrase" => c_phrase,
                        "value" => c_value.unwrap_or(0),
                        "side" => c_side.unwrap_or(0),
                        _ => c_weight.unwrap_or(0),
                    } + 1;
                    errors.push(InputError::new(origin, line, column as u64, msg));
                }
            }
        }
        if !errors.is_empty() {
            return Err(Error::Inputs(errors));
        }
        let mut lex = Lexicon::default();
        lex.extend(entries);
        Ok(lex)
    }

    /// Adds entries; an entry whose folded phrase and class (trigger, actor or group,
    /// other) are already known replaces the old one.
    pub fn extend(&mut self, entries: impl IntoIterator<Item = Entry>) {
        let mut at: HashMap<(u8, String), usize> = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| ((class(&e.kind), e.key()), i))
            .collect();
        for e in entries {
            let key = (class(&e.kind), e.key());
            match at.get(&key) {
                Some(&i) => self.entries[i] = e,
                None => {
                    at.insert(key, self.entries.len());
                    self.entries.push(e);
                }
            }
        }
    }

    /// Adds a user lexicon's rows to this one.
    pub fn merge(&mut self, other: Lexicon) {
        self.extend(other.entries);
    }

    /// The entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

fn class(k: &EntryKind) -> u8 {
    match k {
        EntryKind::Trigger { .. } => 0,
        EntryKind::Actor | EntryKind::Group => 1,
        EntryKind::Continue | EntryKind::Foil | EntryKind::Death(_) => 2,
        EntryKind::Person => 3,
    }
}

type RowError = (&'static str, String);

fn parse_row(
    kind: &str,
    lang: &str,
    phrase: &str,
    value: &str,
    side: &str,
    weight: &str,
    toks: &mut Tokens,
) -> std::result::Result<Entry, RowError> {
    let mut p = phrase.trim();
    let needs_place = p.ends_with("@place");
    if needs_place {
        p = p.trim_end_matches("@place").trim_end();
    }
    let prefix = p.ends_with('*');
    if prefix {
        p = p.trim_end_matches('*').trim_end();
    }
    let (head, tail) = match p.split_once("...").or_else(|| p.split_once('…')) {
        Some((h, t)) => (h.trim(), Some(t.trim())),
        None => (p, None),
    };
    let folded = fold_phrase(head, toks);
    let tail = tail.map(|t| fold_phrase(t, toks));
    if tail.as_ref().is_some_and(|t| t.is_empty()) || (tail.is_some() && (prefix || needs_place)) {
        return Err((
            "phrase",
            format!("{phrase:?}: a gap needs words after it, and no '*' or '@place'"),
        ));
    }
    if folded.is_empty() {
        return Err(("phrase", format!("empty phrase {phrase:?}")));
    }
    if p.contains('*') || p.contains('@') {
        return Err((
            "phrase",
            format!("{phrase:?}: '*' and '@place' may only end a phrase"),
        ));
    }
    let weight = if weight.is_empty() {
        0.8
    } else {
        match weight.parse::<f64>() {
            Ok(w) if (0.0..=1.0).contains(&w) => w,
            _ => {
                return Err((
                    "weight",
                    format!("weight {weight:?} is not a number between 0 and 1"),
                ));
            }
        }
    };
    let side_of = |s: &str| -> std::result::Result<Option<Side>, RowError> {
        match s.to_ascii_lowercase().as_str() {
            "" => Err((
                "side",
                "an actor needs a side (government, jihadist, mnla… or - for none)".into(),
            )),
            "-" | "none" => Ok(None),
            other => Ok(Some(Side::new(other))),
        }
    };
    let (kind, side) = match kind.to_ascii_lowercase().as_str() {
        "trigger" | "device" => {
            let (sub, k) = parse_event_type(value, None).map_err(|m| ("value", m))?;
            (
                EntryKind::Trigger {
                    word: value.to_string(),
                    sub,
                    kind: k,
                    device: kind.eq_ignore_ascii_case("device"),
                },
                None,
            )
        }
        "actor" | "group" => {
            if value.is_empty() {
                return Err(("value", "an actor needs a name in the value column".into()));
            }
            let side = side_of(side)?;
            let k = if kind.eq_ignore_ascii_case("actor") {
                EntryKind::Actor
            } else {
                EntryKind::Group
            };
            (k, side)
        }
        "continue" => (EntryKind::Continue, None),
        "foil" => (EntryKind::Foil, None),
        "death" => {
            let f = match value.to_ascii_lowercase().as_str() {
                "" | "before" => DeathFigure::Before,
                "after" => DeathFigure::After,
                "both" => DeathFigure::Both,
                other => {
                    return Err((
                        "value",
                        format!("death figure {other:?}: use before, after or both"),
                    ));
                }
            };
            (EntryKind::Death(f), None)
        }
        "person" => (EntryKind::Person, None),
        other => {
            return Err((
                "kind",
                format!(
                    "unknown kind {other:?}: use trigger, device, actor, group, continue, foil, death or person"
                ),
            ));
        }
    };
    Ok(Entry {
        kind,
        lang: lang.to_ascii_lowercase(),
        phrase: phrase.to_string(),
        value: value.to_string(),
        side,
        weight,
        prefix,
        needs_place,
        folded,
        tail,
    })
}

/// Folds a phrase the way documents are folded: tokens (words lowercased without accents,
/// digit runs, single punctuation marks with typographic forms unified) joined by spaces.
pub(crate) fn fold_phrase(p: &str, toks: &mut Tokens) -> String {
    toks.tokenize(p, 0);
    let mut out = String::new();
    for (i, t) in toks.toks.iter().enumerate() {
        if !out.is_empty() {
            out.push(' ');
        }
        match t.kind {
            Kind::Word | Kind::Num => out.push_str(toks.f(i)),
            Kind::Punct(c) => out.push(c),
        }
    }
    out
}

/// An automaton over some of the lexicon's entries.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    pub ac: Option<AhoCorasick>,
    /// Entry index of each pattern.
    pub entry: Vec<usize>,
}

impl Matcher {
    /// Builds the automaton over the entries `keep` selects.
    pub fn build(lex: &Lexicon, keep: impl Fn(&EntryKind) -> bool) -> Result<Matcher> {
        let mut pats = Vec::new();
        let mut entry = Vec::new();
        for (i, e) in lex.entries.iter().enumerate() {
            if keep(&e.kind) {
                pats.push(e.folded.as_str());
                entry.push(i);
            }
        }
        if pats.is_empty() {
            return Ok(Matcher { ac: None, entry });
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&pats)
            .map_err(|e| Error::Embedded(format!("lexicon automaton: {e}")))?;
        Ok(Matcher {
            ac: Some(ac),
            entry,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_lexicon_loads_and_folds() {
        let lex = Lexicon::embedded().unwrap();
        assert!(lex.len() > 300);
        let e = lex
            .entries()
            .iter()
            .find(|e| e.phrase == "tombée ... aux mains")
            .unwrap();
        assert_eq!(e.folded, "tombee");
        assert_eq!(e.tail.as_deref(), Some("aux mains"));
        let e = lex
            .entries()
            .iter()
            .find(|e| e.phrase == "affrontement*")
            .unwrap();
        assert!(e.prefix);
        let e = lex
            .entries()
            .iter()
            .find(|e| e.phrase == "explosion*")
            .unwrap();
        assert!(matches!(
            e.kind,
            EntryKind::Trigger {
                kind: EventKind::Explosion,
                ..
            }
        ));
        let e = lex
            .entries()
            .iter()
            .find(|e| e.phrase == "ceinture d'explosifs")
            .unwrap();
        assert_eq!(e.folded, "ceinture d ' explosifs");
        let e = lex
            .entries()
            .iter()
            .find(|e| e.phrase == "repris @place")
            .unwrap();
        assert!(e.needs_place);
        assert_eq!(e.folded, "repris");
    }

    #[test]
    fn bad_rows_are_reported_with_their_line() {
        let text = "kind,lang,phrase,value,side,weight,notes\n\
                    trigger,fr,prise,conquest,,,\n\
                    actor,fr,les bleus,Blue army,,,\n\
                    trigger,fr,assaut,clash,,1.5,\n\
                    weird,fr,x,,,,\n";
        let err = Lexicon::parse(text, "lex.csv").unwrap_err().to_string();
        assert!(err.contains("lex.csv:2:4: unknown event_type"), "{err}");
        assert!(err.contains("lex.csv:3:5: an actor needs a side"), "{err}");
        assert!(err.contains("lex.csv:4:6: weight"), "{err}");
        assert!(err.contains("lex.csv:5:1: unknown kind"), "{err}");
    }

    #[test]
    fn user_rows_replace_defaults() {
        let mut lex = Lexicon::embedded().unwrap();
        let n = lex.len();
        let user = Lexicon::parse(
            "kind,lang,phrase,value,side\n\
             actor,fr,Ansar Dine,Ansar Eddine,jihadist\n\
             trigger,fr,razzia,attack,,\n",
            "u.csv",
        )
        .unwrap();
        lex.merge(user);
        assert_eq!(lex.len(), n + 1);
        let e = lex
            .entries()
            .iter()
            .find(|e| e.folded == "ansar dine")
            .unwrap();
        assert_eq!(e.value, "Ansar Eddine");
    }
}
