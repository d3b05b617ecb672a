//! Events, dates, places and claims from French and English news dispatches.
//!
//! An [`Extractor`] is built once per gazetteer (it holds the claim parser, the place
//! spotter and Aho–Corasick automata over the folded phrases of the [`Lexicon`]); its
//! [`Extractor::extract`] reads one dispatch:
//!
//! 1. the head: dateline ("12 janvier, 2013 - 11:31 GMT", "Posted: Jan 17, 2012") and
//!    headline; the reference date is the dateline's, else [`ExtractOptions::date`];
//! 2. date expressions, resolved against it ([`dates`]: "jeudi", "hier", "dans la nuit de
//!    mercredi à jeudi", "en début de semaine", "depuis avril 2012", "pendant neuf mois");
//! 3. places ([`crate::claims::PlaceSpotter`], resolved with the document as context), the
//!    text's focus (its most named place), and distance claims with their verdicts
//!    ([`crate::analysis::distance_check`]);
//! 4. event triggers ("tombée aux mains de", "frappes aériennes", "clashes", "car bomb"),
//!    actors with their sides and death tolls ([`numbers`]) from the lexicon;
//! 5. one candidate per trigger with the nearest date expression and place of its sentence;
//!    a trigger whose date is a state ("depuis avril 2012") or a duration ("pendant neuf
//!    mois en 2012") reports background, not an event of the dispatch, and is dropped;
//! 6. candidates that report the same event are merged: same type and date, compatible
//!    places; a candidate with no date of its own joins the event of its type it shares most
//!    actors with (then the nearest), so "la contre-attaque … est partie de Sévaré" takes the
//!    date of "la contre-offensive a été lancée vendredi".
//!
//! Every event carries its sentence, byte offsets, line, the trigger, and a confidence:
//! the trigger's weight × (place in the sentence 1, the text's focus 0.7, none 0.4) ×
//! (0.6 + 0.4 × the place's resolution confidence) × (date in the text 1, the dateline
//! 0.75, none 0.5), plus 0.05 for each further sentence that reports it (at most 0.99).
//!
//! ```
//! use frontmap::extract::{ExtractOptions, Extractor};
//! use frontmap::gazetteer::{Gazetteer, ResolveOptions};
//! let gaz = Gazetteer::embedded()?;
//! let ex = Extractor::new(&gaz)?;
//! let text = "12 janvier 2013\n\nLa ville de Konna est tombée jeudi aux mains des islamistes.";
//! let opts = ExtractOptions::default().resolve(ResolveOptions::default().country(Some("ML")));
//! let out = ex.extract(text, &opts);
//! assert_eq!(out.dateline.unwrap().to_string(), "2013-01-12");
//! let e = &out.events[0];
//! assert_eq!(e.event_type, "capture");
//! assert_eq!(e.place.as_deref(), Some("Konna"));
//! assert_eq!(e.date.unwrap().to_string(), "2013-01-10");
//! # Ok::<(), frontmap::Error>(())
//! ```

pub mod csv;
pub mod dateline;
pub mod dates;
mod doc;
pub mod lexicon;
pub mod numbers;

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use crate::analysis::distance_check::{self, CheckParams, CheckedClaim};
use crate::claims::{ClaimParser, Lang, ParseOptions, PlaceMention, detect_lang};
use crate::error::Result;
use crate::events::csv::span_precision;
use crate::events::{
    Actor, ActorRole, DatePrecision, Event, EventKind, EventOrigin, EventPlace, ExtraColumns,
    Fatalities, LocationPrecision, PlaceResolution, Side, SideMap, SourceCodes, SourceFormat,
    SubEventType,
};
use crate::gazetteer::{Gazetteer, MatchKind, PlaceIdx, ResolveOptions};

pub use dateline::Dateline;
pub use dates::{DateMention, DateRole, MentionPrecision};
pub use lexicon::{DEFAULT_LEXICON_CSV, DeathFigure, Entry, EntryKind, Lexicon};
pub use numbers::FatalityPrecision;

use doc::{Doc, Hit};
use lexicon::Matcher;

pub(crate) fn ser_date<S: serde::Serializer>(
    d: &Option<NaiveDate>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.collect_str(&d.format("%Y-%m-%d")),
        None => s.serialize_none(),
    }
}

fn ser_sub<S: serde::Serializer>(t: &SubEventType, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(t.label())
}

/// Options of [`Extractor::extract`].
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// The reference date when the text has no dateline (`--date`).
    pub date: Option<NaiveDate>,
    /// The source's name (file name, outlet), copied into the events.
    pub source: String,
    /// How places are resolved (country bias…).
    pub resolve: ResolveOptions,
    /// The language, or `None` to detect it.
    pub lang: Option<Lang>,
    /// Parameters of the claim verdicts.
    pub check: CheckParams,
}

impl ExtractOptions {
    /// Sets the fallback reference date.
    pub fn date(mut self, d: Option<NaiveDate>) -> Self {
        self.date = d;
        self
    }

    /// Sets the source name.
    pub fn source(mut self, s: impl Into<String>) -> Self {
        self.source = s.into();
        self
    }

    /// Sets the resolve options.
    pub fn resolve(mut self, r: ResolveOptions) -> Self {
        self.resolve = r;
        self
    }

    /// Sets the language.
    pub fn lang(mut self, l: Option<Lang>) -> Self {
        self.lang = l;
        self
    }

    /// Sets the claim-check parameters.
    pub fn check(mut self, c: CheckParams) -> Self {
        self.check = c;
        self
    }
}

/// Where the reference date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// The text's dateline.
    Dateline,
    /// The caller's date (`--date`, or a JSONL line's `date`).
    Option,
    /// Neither: the latest full date the text states ("ce samedi 1er septembre 2012").
    Inferred,
    /// Neither: relative dates stay unresolved.
    None,
}

/// How an event's date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// A date expression of one of its sentences.
    Text,
    /// None in its sentences: the reference date (dateline or `--date`) is assumed.
    Reference,
    /// Unknown.
    None,
}

/// How an event's place was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceBasis {
    /// Named in one of its sentences.
    Sentence,
    /// None in its sentences: the text's focus (its most named place).
    Focus,
    /// Unknown.
    None,
}

/// An actor of an extracted event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExtractedActor {
    /// The lexicon's name ("Military Forces of Mali", "MUJAO").
    pub name: String,
    /// As written ("l'armée malienne").
    pub text: String,
    /// Its side (`government`, `jihadist`, `mnla`), `null` for none or unknown.
    pub side: Option<String>,
    /// Its role.
    pub role: ActorRole,
    /// Whether it is a generic wording ("islamistes") rather than a named actor.
    pub generic: bool,
}

/// One sentence that reports an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventMention {
    /// The sentence.
    pub sentence: String,
    /// 1-based line.
    pub line: u64,
    /// Byte offset of the sentence's start.
    pub start: usize,
    /// Byte offset of its end.
    pub end: usize,
    /// The trigger phrase as written.
    pub trigger: String,
    /// Byte offsets of the trigger.
    pub trigger_start: usize,
    /// End of the trigger.
    pub trigger_end: usize,
}

/// An event proposed by the extractor: the `extract --json` event object of the CLI
/// contract plus details for review.
///
/// # Units
/// `lat`, `lon` in decimal degrees (WGS84).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExtractedEvent {
    /// First day (`null` when no date could be found).
    #[serde(serialize_with = "ser_date")]
    pub date: Option<NaiveDate>,
    /// How precise the date is.
    pub date_precision: Option<DatePrecision>,
    /// The place: as written in the text ("Konna"), with the gazetteer's spelling when
    /// that differs only by accents or case ("KIDAL" → "Kidal").
    pub place: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Event type word (`capture`, `retake`, `clash`, `airstrike`, `explosion`,
    /// `suicide bomb`, `attack`, `abduction`, `withdrawal`, `shelling`…); frontmap's own
    /// CSV reads it back.
    pub event_type: String,
    /// Actor names, actor 1 first.
    pub actors: Vec<String>,
    /// Deaths reported (`null` when none is stated).
    pub fatalities: Option<u32>,
    /// The sentence it was found in (the one that dates or places it).
    pub sentence: String,
    /// Last day.
    #[serde(serialize_with = "ser_date")]
    pub date_end: Option<NaiveDate>,
    /// The date expression as written.
    pub date_text: Option<String>,
    /// How the date was found.
    pub date_basis: DateBasis,
    /// The gazetteer id of the place.
    pub place_id: Option<String>,
    /// The gazetteer's name of the place ("Kona" for "Konna").
    pub place_name: Option<String>,
    /// The place as written.
    pub place_as_written: Option<String>,
    /// How the place was found.
    pub place_basis: PlaceBasis,
    /// How precisely the place is known.
    pub location_precision: LocationPrecision,
    /// ACLED sub-event type.
    #[serde(serialize_with = "ser_sub")]
    pub sub_event_type: SubEventType,
    /// frontmap kind (what it means for control).
    pub kind: EventKind,
    /// Actors with their sides and roles.
    pub actor_details: Vec<ExtractedActor>,
    /// How exact the toll is.
    pub fatalities_precision: Option<FatalityPrecision>,
    /// The toll as written.
    pub fatalities_text: Option<String>,
    /// Confidence in `[0, 1]` (see the module docs).
    pub confidence: f64,
    /// The trigger phrase as written.
    pub trigger: String,
    /// Byte offset of the sentence's start.
    pub start: usize,
    /// Byte offset of the sentence's end.
    pub end: usize,
    /// Byte offsets of the trigger.
    pub trigger_start: usize,
    /// End of the trigger.
    pub trigger_end: usize,
    /// 1-based line of the sentence.
    pub line: u64,
    /// Every sentence that reports it.
    pub mentions: Vec<EventMention>,
    /// The source name given in the options.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub source: String,
    #[serde(skip)]
    place_idx: Option<PlaceIdx>,
    #[serde(skip)]
    place_match: Option<MatchKind>,
    #[serde(skip)]
    place_confidence: f64,
}

impl ExtractedEvent {
    /// The gazetteer place, if resolved.
    pub fn place_idx(&self) -> Option<PlaceIdx> {
        self.place_idx
    }

    /// The event as a frontmap [`Event`] (format [`SourceFormat::Extracted`], the
    /// extractor's confidence in `origin.confidence`), numbered `idx` (from 0) within
    /// `origin_file`; `None` when it has no date or no place, which a map needs.
    pub fn to_event(&self, idx: usize, origin_file: &str) -> Option<Event> {
        let (date, end, precision) = (self.date?, self.date_end?, self.date_precision?);
        let lat = self.lat?;
        let lon = self.lon?;
        let as_written = self.place.clone()?;
        let written = self.place_as_written.clone().unwrap_or(as_written);
        // The event model's `place` is the gazetteer's name (as for imported tables).
        let name = self.place_name.clone().unwrap_or_else(|| written.clone());
        let fatalities = match (self.fatalities, self.fatalities_precision) {
            (Some(n), Some(FatalityPrecision::AtLeast)) => Fatalities {
                best: Some(n),
                low: Some(n),
                high: None,
            },
            (Some(n), _) => Fatalities {
                best: Some(n),
                low: None,
                high: None,
            },
            (None, _) => Fatalities::default(),
        };
        let actors = self
            .actor_details
            .iter()
            .map(|a| Actor {
                name: Arc::from(a.name.as_str()),
                role: a.role,
                side: a.side.as_deref().map(Side::new),
            })
            .collect();
        let notes = format!(
            "extracted ({}, confidence {:.2}): \"{}\"{}",
            self.event_type,
            self.confidence,
            self.trigger,
            self.date_text
                .as_ref()
                .map_or(String::new(), |t| format!(", date from \"{t}\""))
        );
        Some(Event {
            id: Arc::from(format!("{origin_file}#{}", idx + 1).as_str()),
            date_start: date,
            date_end: end,
            date_precision: precision,
            place: EventPlace {
                idx: self.place_idx,
                place_id: self.place_id.as_deref().map(Arc::from),
                name: Arc::from(name.as_str()),
                name_as_written: Arc::from(written.as_str()),
                lat,
                lon,
                precision: self.location_precision,
                resolution: match self.place_match {
                    Some(MatchKind::Alternate) => PlaceResolution::Alternate,
                    Some(MatchKind::Fuzzy { .. }) => PlaceResolution::Fuzzy,
                    _ => PlaceResolution::Exact,
                },
                confidence: self.place_confidence,
                distance_km: None,
            },
            event_type: self.sub_event_type.event_type(),
            sub_event_type: self.sub_event_type,
            kind: self.kind,
            actors,
            fatalities,
            source: Arc::from(self.source.as_str()),
            notes: notes.into_boxed_str(),
            sentence: Some(self.sentence.clone().into_boxed_str()),
            origin: EventOrigin {
                file: Arc::from(origin_file),
                line: self.line,
                format: SourceFormat::Extracted,
                confidence: Some(self.confidence),
            },
            source_codes: SourceCodes::default(),
            extra: ExtraColumns::default(),
        })
    }
}

/// A place named in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpottedPlace {
    /// As written.
    pub text: String,
    /// The gazetteer's name.
    pub name: String,
    /// Gazetteer id.
    pub place_id: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Resolution confidence.
    pub confidence: f64,
    /// Byte offset in the text.
    pub start: usize,
    /// End byte offset.
    pub end: usize,
    /// Whether it is the agency's dateline place ("BAMAKO (AFP) -"), not an event place.
    pub dateline_place: bool,
}

/// The text's focus: its most named place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FocusPlace {
    /// As first written in the text.
    pub text: String,
    /// The gazetteer's name.
    pub name: String,
    /// Gazetteer id.
    pub place_id: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// How many times it is named (the headline counts twice).
    pub mentions: usize,
}

/// What the extractor found in one text (the `extract --json` document).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extraction {
    /// The reference date: the dateline's, else the caller's (`--date`), else the latest full
    /// date the text states (see `date_source`); `null` when there is none.
    #[serde(serialize_with = "ser_date")]
    pub dateline: Option<NaiveDate>,
    /// The proposed events, by date.
    pub events: Vec<ExtractedEvent>,
    /// The distance and direction claims, checked (the `check --json` objects).
    pub claims: Vec<CheckedClaim>,
    /// Where `dateline` came from.
    pub date_source: DateSource,
    /// The dateline line as written.
    pub dateline_text: Option<String>,
    /// The headline.
    pub headline: Option<String>,
    /// `fr` or `en`.
    pub language: &'static str,
    /// The most named place.
    pub focus: Option<FocusPlace>,
    /// Every date expression found, resolved.
    pub dates: Vec<DateMention>,
    /// Every place named.
    pub places: Vec<SpottedPlace>,
}

impl Extraction {
    /// The events that have a date and a place, as frontmap [`Event`]s (see
    /// [`ExtractedEvent::to_event`]).
    pub fn to_events(&self, origin_file: &str) -> Vec<Event> {
        self.events
            .iter()
            .enumerate()
            .filter_map(|(i, e)| e.to_event(i, origin_file))
            .collect()
    }
}

/// The extractor; build once per gazetteer and lexicon, then call
/// [`Extractor::extract`] for each text (it is `Sync`: share it across threads).
#[derive(Debug)]
pub struct Extractor<'g> {
    gaz: &'g Gazetteer,
    parser: ClaimParser<'g>,
    lexicon: Lexicon,
    /// One automaton over every phrase of the lexicon.
    matcher: Matcher,
    sides: SideMap,
}

/// The classes of lexicon entries matched apart (the longest phrase wins within a class).
fn entry_class(k: &EntryKind) -> usize {
    match k {
        EntryKind::Trigger { .. } => 0,
        EntryKind::Actor | EntryKind::Group => 1,
        EntryKind::Continue | EntryKind::Foil | EntryKind::Death(_) => 2,
        EntryKind::Person => 3,
    }
}

/// One trigger of a sentence, made a candidate event.
#[derive(Debug, Clone)]
struct Candidate {
    sentence: usize,
    /// The trigger's first word, cut to 6 letters ("contre-attaque" and
    /// "contre-offensive", "combat" and "combats" share it): a lexical tie between mentions.
    lemma: String,
    kind: EventKind,
    sub: SubEventType,
    word: String,
    weight: f64,
    trig: (usize, usize),
    /// Index into the date mentions.
    date: Option<usize>,
    /// Index into the usable place mentions.
    place: Option<usize>,
    /// Actor hits of the sentence.
    actors: Vec<usize>,
    tolls: Vec<TollRef>,
    /// Its own date expression, when it could not be resolved (no reference date).
    date_key: Option<String>,
    /// "l'attaque", "the attack": an event named before, if any.
    anaphoric: bool,
    /// The actor hit just before the trigger (its grammatical subject, most often).
    subject: Option<usize>,
}

/// A toll attached to a candidate, with the victims' side when named.
#[derive(Debug, Clone)]
struct TollRef {
    value: u32,
    precision: FatalityPrecision,
    tok: (usize, usize),
    side: Option<Side>,
}

#[derive(Debug)]
struct Cluster {
    members: Vec<usize>,
    kind: EventKind,
    span: Option<(NaiveDate, NaiveDate, MentionPrecision)>,
    date_key: Option<String>,
    place: Option<PlaceIdx>,
}

const AGENCIES: &[&str] = &[
    "afp", "reuters", "reuter", "ap", "apa", "ats", "xinhua", "pana", "aps", "ani", "upi", "dpa",
    "efe", "ansa", "aa", "mapinfo",
];

const LOCATIVE: &[&str] = &[
    "a", "au", "de", "d", "du", "vers", "pres", "dans", "en", "sur", "near", "in", "at", "outside",
    "around", "from", "of", "into", "toward", "towards",
];

impl<'g> Extractor<'g> {
    /// An extractor with the default lexicon.
    pub fn new(gaz: &'g Gazetteer) -> Result<Extractor<'g>> {
        Extractor::with_lexicon(gaz, Lexicon::embedded()?)
    }

    /// An extractor with this lexicon (e.g. the default one merged with a user's).
    pub fn with_lexicon(gaz: &'g Gazetteer, lexicon: Lexicon) -> Result<Extractor<'g>> {
        let matcher = Matcher::build(&lexicon, |_| true)?;
        Ok(Extractor {
            gaz,
            parser: ClaimParser::new(gaz),
            lexicon,
            matcher,
            sides: SideMap::mali2013()?,
        })
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Extracts the events, dates, places and claims of one text.
    pub fn extract(&self, text: &str, opts: &ExtractOptions) -> Extraction {
        let gaz = self.gaz;
        let doc = Doc::new(text);
        let lex = &self.lexicon;

        // 1. Head.
        let dl = dateline::find_dateline(text, &doc);
        let (reference, date_source) = match (&dl, opts.date) {
            (Some(d), _) => (Some(d.date), DateSource::Dateline),
            (None, Some(d)) => (Some(d), DateSource::Option),
            (None, None) => {
                // The latest full date the text states ("ce samedi 1er septembre 2012"):
                // a dispatch is written on or after it.
                match dates::absolute_days(&doc, (0, doc.len()))
                    .iter()
                    .map(|d| d.2)
                    .max()
                {
                    Some(d) => (Some(d), DateSource::Inferred),
                    None => (None, DateSource::None),
                }
            }
        };
        let headline = dateline::find_headline(text, dl.as_ref());
        let lang = opts.lang.unwrap_or_else(|| detect_lang(text));

        // 2. Claims and places.
        let popts = ParseOptions::default()
            .resolve(opts.resolve.clone())
            .lang(Some(lang));
        let found = self.parser.find_claims(text, &popts);
        let claims: Vec<CheckedClaim> = found
            .iter()
            .map(|f| distance_check::check_found(f, gaz, &opts.check))
            .collect();
        let claim_refs: Vec<(usize, usize)> = found
            .iter()
            .filter_map(|f| f.claim.from.span.filter(|_| !f.claim.from.from_context))
            .collect();
        let mentions = self.spot(text, &doc, &opts.resolve);
        // Triggers and cues of the other language are left out ("combat" is French).
        let lang_code = match lang {
            Lang::Fr => "fr",
            Lang::En => "en",
        };
        let mut classes = doc.find_classes(&self.matcher, lex, 4, entry_class, |e| {
            // Actors and people are names in any language; triggers and cues are not.
            e.lang.is_empty()
                || e.lang == lang_code
                || matches!(
                    e.kind,
                    EntryKind::Actor | EntryKind::Group | EntryKind::Person
                )
        });
        let person_hits = classes.pop().unwrap_or_default();
        let cue_hits = classes.pop().unwrap_or_default();
        let actor_hits = classes.pop().unwrap_or_default();
        let trig_hits = classes.pop().unwrap_or_default();
        let mut places = Vec::with_capacity(mentions.len());
        // Usable event places: (mention, token, is claim reference).
        let mut usable: Vec<(&PlaceMention, usize)> = Vec::new();
        // Places that count for the focus (claim references too).
        let mut focus_pool: Vec<(&PlaceMention, usize)> = Vec::new();
        for m in &mentions {
            let p = gaz.place(m.place);
            let tok = doc.token_at(m.start);
            let dateline_place = is_dateline_place(&doc, tok);
            places.push(SpottedPlace {
                text: m.text.clone(),
                name: p.name.to_string(),
                place_id: p.id.to_string(),
                lat: p.lat,
                lon: p.lon,
                confidence: round3(m.confidence),
                start: m.start,
                end: m.end,
                dateline_place,
            });
            let country = p.feature_code.starts_with("PCL");
            let water = p.feature_class == 'H';
            let is_ref = claim_refs.contains(&(m.start, m.end));
            // "Mouvement national de libération de l'Azawad" names an actor, not a place.
            let in_actor = actor_hits
                .iter()
                .any(|h| h.first <= tok && tok <= h.last && h.last > h.first);
            // With a country bias, places abroad are not event places ("near the border
            // with Algeria", "Baku-APA").
            let abroad = opts
                .resolve
                .country
                .as_deref()
                .is_some_and(|cc| p.country != cc);
            if !dateline_place && !country && !water && !in_actor && !abroad {
                focus_pool.push((m, tok));
                if !is_ref {
                    usable.push((m, tok));
                }
            }
        }
        let focus = self.focus(&focus_pool, &headline, &doc);

        // 3. People nouns and dates.
        let mut person = vec![false; doc.len()];
        for h in &person_hits {
            person[h.first] = true;
        }
        let mut dates: Vec<DateMention> = Vec::new();
        let mut prev = dates::Carry::default();
        for s in 0..doc.sentences.len() {
            dates::scan_range(
                &doc,
                text,
                doc.sentence_tokens(s),
                reference,
                &mut prev,
                &mut dates,
            );
        }

        // 4. Candidates, sentence by sentence.
        let mut cands: Vec<Candidate> = Vec::new();
        let (mut ti, mut ai, mut ci, mut di) = (0usize, 0usize, 0usize, 0usize);
        let mut prev_actors: Vec<usize> = Vec::new();
        for s in 0..doc.sentences.len() {
            let (a, b) = doc.sentence_tokens(s);
            let in_s = |h: &Hit| h.first >= a && h.first < b;
            let take = |hits: &[Hit], i: &mut usize| -> Vec<Hit> {
                while *i < hits.len() && hits[*i].first < a {
                    *i += 1;
                }
                let st = *i;
                while *i < hits.len() && hits[*i].first < b {
                    *i += 1;
                }
                hits[st..*i].iter().copied().filter(in_s).collect()
            };
            let trigs = take(&trig_hits, &mut ti);
            let acts = take(&actor_hits, &mut ai);
            let cues = take(&cue_hits, &mut ci);
            while di < dates.len() && dates[di].tok.0 < a {
                di += 1;
            }
            let d0 = di;
            while di < dates.len() && dates[di].tok.0 < b {
                di += 1;
            }
            let sdates = d0..di;
            let actor_idx: Vec<usize> = actor_hits
                .iter()
                .enumerate()
                .filter(|(_, h)| acts.contains(h))
                .map(|(i, _)| i)
                .collect();
            let first_new = cands.len();
            // A sentence that names no actor ("la ville est tombée sous leur contrôle")
            // speaks of the previous sentence's.
            let actor_idx = if actor_idx.is_empty() && s > 0 && !doc.newline_before(a) {
                prev_actors.clone()
            } else {
                actor_idx
            };
            self.sentence_candidates(
                &doc,
                s,
                &trigs,
                &cues,
                &usable,
                &dates,
                sdates.clone(),
                &actor_idx,
                &actor_hits,
                &mut cands,
            );
            prev_actors = actor_idx;
            // Tolls.
            let deaths: Vec<(usize, usize, DeathFigure)> = cues
                .iter()
                .filter_map(|h| match lex.entries()[h.entry].kind {
                    EntryKind::Death(f) => Some((h.first, h.last, f)),
                    _ => None,
                })
                .collect();
            if deaths.is_empty() {
                continue;
            }
            // The sentence's own date, if it gives one.
            let own_date = sdates
                .clone()
                .find(|&i| dates[i].dates_event() && !dates[i].reported)
                .and_then(|i| dates[i].date_start);
            for t in numbers::tolls(&doc, (a, b), &deaths, &person) {
                let target = if cands.len() > first_new {
                    (first_new..cands.len()).min_by_key(|&c| cands[c].trig.0.abs_diff(t.death))
                } else {
                    // A toll sentence with no trigger: the latest event, when the text
                    // has not moved to another date since ("20 extremists were killed on
                    // Tuesday" after "a clash on Tuesday").
                    cands.len().checked_sub(1).filter(|&c| {
                        let cd = cands[c].date.and_then(|d| dates[d].date_start);
                        let moved = dates.iter().any(|m| {
                            m.tok.0 >= doc.sentence_tokens(cands[c].sentence).1
                                && m.tok.0 < b
                                && m.date_start.is_some()
                                && m.date_start != cd
                        });
                        match own_date {
                            Some(d) => cd == Some(d) && cands[c].sentence + 5 >= s,
                            None => !moved && cands[c].sentence + 2 >= s,
                        }
                    })
                };
                if let Some(c) = target {
                    // The victims' side: an actor named with the figure ("un soldat
                    // français", "three Chad soldiers").
                    let side = actor_hits
                        .iter()
                        .find(|h| h.first >= t.tok.0 && h.first <= t.tok.1 + 4)
                        .map(|h| lex.entries()[h.entry].side.clone());
                    cands[c].tolls.push(TollRef {
                        value: t.value,
                        precision: t.precision,
                        tok: t.tok,
                        side: side.flatten(),
                    });
                }
            }
        }

        // 5. Merge candidates into events.
        let actor_info: Vec<(String, bool)> = actor_hits
            .iter()
            .map(|h| {
                let e = &lex.entries()[h.entry];
                (e.value.clone(), matches!(e.kind, EntryKind::Group))
            })
            .collect();
        let clusters = cluster(&cands, &dates, &usable, &actor_info, reference);

        // 6. Build the events.
        let mut events: Vec<ExtractedEvent> = clusters
            .iter()
            .map(|c| {
                self.build_event(
                    c,
                    &cands,
                    &doc,
                    text,
                    &dates,
                    &usable,
                    &actor_hits,
                    focus.as_ref(),
                    reference,
                    opts,
                )
            })
            .collect();
        events.sort_by(|a, b| {
            a.date
                .cmp(&b.date)
                .then(a.start.cmp(&b.start))
                .then(a.trigger_start.cmp(&b.trigger_start))
        });

        Extraction {
            dateline: reference,
            events,
            claims,
            date_source,
            dateline_text: dl.map(|d| d.text),
            headline: headline.map(|h| h.0),
            language: match lang {
                Lang::Fr => "fr",
                Lang::En => "en",
            },
            focus: focus.map(|(idx, n, written)| {
                let p = gaz.place(idx);
                FocusPlace {
                    text: written,
                    name: p.name.to_string(),
                    place_id: p.id.to_string(),
                    lat: p.lat,
                    lon: p.lon,
                    mentions: n,
                }
            }),
            dates,
            places,
        }
    }

    /// The places named in the text, as [`crate::claims::PlaceSpotter::spot`] finds them,
    /// on the document's tokens (tokenized once).
    fn spot(&self, text: &str, doc: &Doc, opts: &ResolveOptions) -> Vec<PlaceMention> {
        use crate::claims::places::ResolveCache;
        let gaz = self.gaz;
        let mut spans = Vec::new();
        let mut key = String::new();
        self.parser
            .spotter()
            .name_spans(text, &doc.toks, 0, &mut spans, &mut key);
        let mut cache = ResolveCache::default();
        for s in spans.iter().filter(|s| s.known) {
            cache.first_pass(gaz, &text[s.start..s.end], opts);
        }
        cache.settle(gaz, opts);
        spans
            .iter()
            .filter(|s| s.known)
            .filter_map(|s| {
                let name = &text[s.start..s.end];
                let r = cache.get(gaz, name, opts);
                r.place.map(|place| PlaceMention {
                    start: s.start,
                    end: s.end,
                    text: name.to_string(),
                    place,
                    confidence: r.confidence,
                    ambiguous: r.ambiguous,
                    kind: r.kind,
                })
            })
            .collect()
    }

    /// The most named place (the headline counts twice; earlier first on ties), with the
    /// name it is first written with.
    fn focus(
        &self,
        usable: &[(&PlaceMention, usize)],
        headline: &Option<(String, u64)>,
        doc: &Doc,
    ) -> Option<(PlaceIdx, usize, String)> {
        let head_end = headline.as_ref().map(|(h, _)| h.len()).unwrap_or(0);
        let mut counts: Vec<(PlaceIdx, usize, usize, &str)> = Vec::new();
        for (m, _) in usable {
            let p = self.gaz.place(m.place);
            if p.feature_class == 'A' {
                continue;
            }
            let w = if m.start < head_end && doc.sentences.first().is_some_and(|s| m.start < s.end)
            {
                2
            } else {
                1
            };
            match counts.iter_mut().find(|c| c.0 == m.place) {
                Some(c) => c.1 += w,
                None => counts.push((m.place, w, m.start, &m.text)),
            }
        }
        counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
            .map(|(p, n, _, t)| (p, n, t.to_string()))
    }

    #[allow(clippy::too_many_arguments)]
    fn sentence_candidates(
        &self,
        doc: &Doc,
        s: usize,
        trigs: &[Hit],
        cues: &[Hit],
        usable: &[(&PlaceMention, usize)],
        dates: &[DateMention],
        sdates: std::ops::Range<usize>,
        actors: &[usize],
        actor_hits: &[Hit],
        out: &mut Vec<Candidate>,
    ) {
        let lex = &self.lexicon;
        let (a, b) = doc.sentence_tokens(s);
        let place_starting_at = |t: usize| usable.iter().position(|(_, pt)| *pt == t);
        let foiled = cues
            .iter()
            .any(|h| matches!(lex.entries()[h.entry].kind, EntryKind::Foil));
        let has_blast = trigs.iter().any(|h| {
            matches!(
                lex.entries()[h.entry].kind,
                EntryKind::Trigger {
                    kind: EventKind::Explosion,
                    device: false,
                    ..
                }
            )
        });
        // Raw triggers: (hit, kind, sub, word, weight, forced place, lemma token).
        #[allow(clippy::type_complexity)]
        let mut raw: Vec<(
            Hit,
            EventKind,
            SubEventType,
            String,
            f64,
            Option<usize>,
            usize,
        )> = Vec::new();
        for h in trigs {
            let e = &lex.entries()[h.entry];
            let EntryKind::Trigger {
                word,
                sub,
                kind,
                device,
            } = &e.kind
            else {
                continue;
            };
            if *device && has_blast {
                // The explosion is named by another phrase of the sentence.
                continue;
            }
            let mut forced = None;
            if e.needs_place {
                // "a repris Konna": a place (or "la ville de X") right after.
                let mut t = h.last + 1;
                if doc.is_any(t, &["la", "le", "l", "the"])
                    && doc.is_any(t + 1, &["ville", "localite", "town", "city"])
                    && doc.is_any(t + 2, &["de", "d", "of"])
                {
                    t += 3;
                }
                if doc.is_p(t, '\'') {
                    t += 1;
                }
                match place_starting_at(t) {
                    Some(p) => forced = Some(p),
                    None => continue,
                }
            }
            let (mut kind, mut sub, mut word) = (*kind, *sub, word.clone());
            if foiled && *device {
                sub = SubEventType::DisruptedWeaponsUse;
                kind = sub.kind();
                word = "disrupted weapons use".into();
            }
            raw.push((*h, kind, sub, word, e.weight, forced, h.first));
        }
        if raw.is_empty() {
            return;
        }
        // A capture or retake in the sentence absorbs the fighting that led to it.
        if raw.iter().any(|r| r.1.changes_control()) {
            raw.retain(|r| r.1.changes_control() || r.1 != EventKind::Clash);
        }
        // Continuations: the fighting went on (another date or place).
        for h in cues {
            if !matches!(lex.entries()[h.entry].kind, EntryKind::Continue) {
                continue;
            }
            if let Some(base) = raw
                .iter()
                .rev()
                .find(|r| r.0.last < h.first && r.1.is_fighting())
                .cloned()
            {
                raw.push((
                    *h,
                    base.1,
                    base.2,
                    base.3.clone(),
                    base.4 * 0.9,
                    None,
                    base.6,
                ));
            }
        }
        raw.sort_by_key(|r| r.0.first);
        // An actor belongs to the nearest trigger on its left; actors before the first
        // trigger (the subject) to every trigger.
        let trig_starts: Vec<usize> = raw.iter().map(|r| r.0.first).collect();
        let actors_of = |k: usize| -> Vec<usize> {
            actors
                .iter()
                .copied()
                .filter(|&ai| {
                    let t = actor_hits[ai].first;
                    // Right before a later trigger (within three tokens), an actor is that
                    // trigger's subject ("… after the army abandoned its positions").
                    let al = actor_hits[ai].last;
                    let subject_of = trig_starts.iter().position(|&st| {
                        st > al && st <= al + 3 && (al + 1..st).all(|j| doc.is_word(j))
                    });
                    match (subject_of, trig_starts.iter().rposition(|&st| st <= t)) {
                        (_, None) => true,
                        (Some(owner), Some(_)) => trig_starts[owner] == trig_starts[k],
                        (None, Some(owner)) => trig_starts[owner] == trig_starts[k] || owner == k,
                    }
                })
                .collect()
        };
        let first_new = out.len();
        for (k, (h, mut kind, mut sub, mut word, weight, forced, lemma_tok)) in
            raw.into_iter().enumerate()
        {
            // The nearest date expression of the sentence (after it on ties), leaving out
            // the dates of statements ("told AFP on Sunday").
            let date = sdates
                .clone()
                .filter(|&i| !dates[i].reported)
                .min_by_key(|&i| {
                    let m = &dates[i];
                    let d = if m.tok.0 > h.last {
                        m.tok.0 - h.last
                    } else {
                        h.first.saturating_sub(m.tok.1)
                    };
                    (d * 2 + usize::from(m.tok.1 < h.first), i)
                });
            if let Some(di) = date {
                match dates[di].role {
                    // A state or a duration: background, not an event of the dispatch.
                    DateRole::Since if dates[di].background => continue,
                    DateRole::Duration | DateRole::Future => continue,
                    _ => {}
                }
            }
            let place = forced.or_else(|| {
                usable
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, t))| *t >= a && *t < b)
                    .min_by_key(|(_, (_, t))| {
                        let d = if *t > h.last {
                            *t - h.last
                        } else {
                            h.first.saturating_sub(*t)
                        };
                        let loc = *t > 0
                            && (doc.is_any(*t - 1, LOCATIVE)
                                || doc.is_p(*t - 1, '\'')
                                    && doc.is_any(t.saturating_sub(2), &["d", "l"]));
                        if loc { d * 10 / 2 } else { d * 10 }
                    })
                    .map(|(i, _)| i)
            });
            // A change of control needs a named place ("ont occupé la mairie … avant d'être
            // délogés" is fighting in the town, not its capture).
            if kind.changes_control() && place.is_none() {
                sub = SubEventType::ArmedClash;
                kind = EventKind::Clash;
                word = "clash".into();
            }
            let own_date =
                date.filter(|&i| dates[i].dates_event() || dates[i].role == DateRole::Since);
            let date_key = date
                .filter(|&i| dates[i].role == DateRole::Point && dates[i].date_start.is_none())
                .map(|i| crate::normalize::name_key(&dates[i].text));
            // "l'attaque", "the attack", "cet attentat": an event already reported.
            let anaphoric = h.first > 0
                && (doc.is_any(h.first - 1, &["the", "this", "cet", "cette"])
                    || doc.is_p(h.first - 1, '\'')
                        && doc.is_any(h.first.saturating_sub(2), &["l"]));
            let c = Candidate {
                sentence: s,
                lemma: doc.f(lemma_tok).chars().take(6).collect(),
                kind,
                sub,
                word,
                weight,
                trig: (h.first, h.last),
                date: own_date,
                place,
                actors: actors_of(k),
                tolls: Vec::new(),
                date_key,
                anaphoric,
                subject: actors
                    .iter()
                    .copied()
                    .filter(|&ai| {
                        let a = actor_hits[ai];
                        a.first <= h.last
                            && a.last + 6 >= h.first
                            && a.first >= first_tok_of(doc, s)
                    })
                    .max_by_key(|&ai| actor_hits[ai].first),
            };
            // One event per type, date and place in a sentence.
            if let Some(o) = out[first_new..].iter_mut().find(|o| {
                o.kind == c.kind
                    && o.place == c.place
                    && o.date == c.date
                    && o.date_key == c.date_key
            }) {
                if c.weight > o.weight {
                    o.weight = c.weight;
                }
                for a in c.actors {
                    if !o.actors.contains(&a) {
                        o.actors.push(a);
                    }
                }
                continue;
            }
            out.push(c);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn build_event(
        &self,
        c: &Cluster,
        cands: &[Candidate],
        doc: &Doc,
        text: &str,
        dates: &[DateMention],
        usable: &[(&PlaceMention, usize)],
        actor_hits: &[Hit],
        focus: Option<&(PlaceIdx, usize, String)>,
        reference: Option<NaiveDate>,
        opts: &ExtractOptions,
    ) -> ExtractedEvent {
        let gaz = self.gaz;
        let lex = &self.lexicon;
        let members: Vec<&Candidate> = c.members.iter().map(|&i| &cands[i]).collect();
        let anchor = members
            .iter()
            .find(|m| m.date.is_some() && m.place.is_some())
            .or_else(|| members.iter().find(|m| m.date.is_some()))
            .or_else(|| members.iter().find(|m| m.place.is_some()))
            .copied()
            .unwrap_or(members[0]);
        // Date.
        let (date, date_end, precision, date_text, basis) =
            match members.iter().find_map(|m| m.date) {
                Some(di) => {
                    let m = &dates[di];
                    let (s, e) = (m.date_start, m.date_end);
                    let p = match (m.precision, s, e) {
                        (MentionPrecision::Day, Some(s), Some(e)) if s != e => span_precision(s, e),
                        (MentionPrecision::Day, ..) => DatePrecision::Day,
                        (MentionPrecision::Night, ..) => DatePrecision::Night,
                        (MentionPrecision::Week, ..) => DatePrecision::Week,
                        (MentionPrecision::Month, ..) => DatePrecision::Month,
                        (MentionPrecision::Year | MentionPrecision::Duration, ..) => {
                            DatePrecision::Year
                        }
                    };
                    (s, e, Some(p), Some(m.text.clone()), DateBasis::Text)
                }
                None => match reference {
                    Some(r) => (
                        Some(r),
                        Some(r),
                        Some(DatePrecision::Day),
                        None,
                        DateBasis::Reference,
                    ),
                    None => (None, None, None, None, DateBasis::None),
                },
            };
        // Place.
        let placed = members.iter().find_map(|m| m.place);
        let (pidx, written, pconf, pmatch, pbasis, loc) = match placed {
            Some(pi) => {
                let (m, t) = usable[pi];
                (
                    Some(m.place),
                    Some(m.text.clone()),
                    m.confidence,
                    Some(m.kind),
                    PlaceBasis::Sentence,
                    location_precision(doc, t),
                )
            }
            None => match focus {
                Some((p, _, written)) => (
                    Some(*p),
                    Some(written.clone()),
                    0.8,
                    Some(MatchKind::Name),
                    PlaceBasis::Focus,
                    LocationPrecision::Near,
                ),
                None => (
                    None,
                    None,
                    0.0,
                    None,
                    PlaceBasis::None,
                    LocationPrecision::Exact,
                ),
            },
        };
        let place = pidx.map(|i| gaz.place(i));
        // Actors.
        let mut seen: Vec<usize> = Vec::new();
        for m in &members {
            for &a in &m.actors {
                if !seen.contains(&a) {
                    seen.push(a);
                }
            }
        }
        let mut acts: Vec<(String, String, Option<Side>, bool)> = Vec::new();
        for &a in &seen {
            let h = actor_hits[a];
            let e = &lex.entries()[h.entry];
            if acts.iter().any(|x| x.0 == e.value) {
                continue;
            }
            let (st, en) = doc.span(h.first, h.last);
            let side = e.side.clone().or_else(|| self.sides.side_of(&e.value));
            acts.push((
                e.value.clone(),
                text[st..en].to_string(),
                side,
                matches!(e.kind, EntryKind::Group),
            ));
        }
        let subject = anchor.subject.map(|ai| {
            let e = &lex.entries()[actor_hits[ai].entry];
            e.side.clone().or_else(|| self.sides.side_of(&e.value))
        });
        let actor_details = assign_roles(c.kind, acts, subject);
        // Toll: the largest figure per victims' side, added up over the sides ("un soldat
        // français" and "une centaine d'islamistes" are two tolls; "trois soldats tchadiens"
        // and "three dead among the Chad soldiers" one).
        let mut buckets: Vec<(Option<Side>, &TollRef)> = Vec::new();
        for t in members.iter().flat_map(|m| m.tolls.iter()) {
            match buckets.iter_mut().find(|b| b.0 == t.side) {
                Some(b) if b.1.value >= t.value => {}
                Some(b) => b.1 = t,
                None => buckets.push((t.side.clone(), t)),
            }
        }
        let fatalities =
            (!buckets.is_empty()).then(|| buckets.iter().map(|b| b.1.value).sum::<u32>());
        let fatalities_precision = buckets.iter().map(|b| b.1.precision).max();
        let fatalities_text = (!buckets.is_empty()).then(|| {
            buckets
                .iter()
                .map(|b| {
                    let (s, e) = doc.span(b.1.tok.0, b.1.tok.1);
                    text[s..e].to_string()
                })
                .collect::<Vec<_>>()
                .join(" + ")
        });
        // Confidence.
        let weight = members.iter().map(|m| m.weight).fold(0.0, f64::max);
        let place_factor = match pbasis {
            PlaceBasis::Sentence => 1.0,
            PlaceBasis::Focus => 0.7,
            PlaceBasis::None => 0.4,
        };
        let date_factor = match basis {
            DateBasis::Text => 1.0,
            DateBasis::Reference => 0.75,
            DateBasis::None => 0.5,
        };
        let sentences = {
            let mut v: Vec<usize> = members.iter().map(|m| m.sentence).collect();
            v.dedup();
            v.len()
        };
        let conf = (weight * place_factor * (0.6 + 0.4 * pconf.clamp(0.0, 1.0)) * date_factor
            + 0.05 * (sentences.saturating_sub(1)) as f64)
            .clamp(0.01, 0.99);
        let mention = |m: &Candidate| {
            let sent = doc.sentences[m.sentence];
            let (ts, te) = doc.span(m.trig.0, m.trig.1);
            EventMention {
                sentence: text[sent.start..sent.end].to_string(),
                line: crate::textio::line_column(text, sent.start).0,
                start: sent.start,
                end: sent.end,
                trigger: text[ts..te].to_string(),
                trigger_start: ts,
                trigger_end: te,
            }
        };
        let main = mention(anchor);
        // A place taken by the government side is, in ACLED's typology, territory regained
        // ("Gao airport fell to French and Malian troops").
        let by_government = actor_details
            .iter()
            .any(|a| a.role == ActorRole::Actor1 && a.side.as_deref() == Some(Side::GOVERNMENT));
        let (event_type, sub_event_type, kind) =
            if anchor.kind == EventKind::Capture && by_government {
                (
                    "retake".to_string(),
                    SubEventType::GovernmentRegainsTerritory,
                    EventKind::Retake,
                )
            } else {
                (anchor.word.clone(), anchor.sub, anchor.kind)
            };
        ExtractedEvent {
            date,
            date_precision: precision,
            place: place.map(|p| display_name(&p.name, written.as_deref())),
            place_name: place.map(|p| p.name.to_string()),
            lat: place.map(|p| p.lat),
            lon: place.map(|p| p.lon),
            event_type,
            actors: actor_details.iter().map(|a| a.name.clone()).collect(),
            fatalities,
            sentence: main.sentence.clone(),
            date_end,
            date_text,
            date_basis: basis,
            place_id: place.map(|p| p.id.to_string()),
            place_as_written: written,
            place_basis: pbasis,
            location_precision: loc,
            sub_event_type,
            kind,
            actor_details,
            fatalities_precision,
            fatalities_text,
            confidence: round3(conf),
            trigger: main.trigger.clone(),
            start: main.start,
            end: main.end,
            trigger_start: main.trigger_start,
            trigger_end: main.trigger_end,
            line: main.line,
            mentions: members.iter().map(|m| mention(m)).collect(),
            source: opts.source.clone(),
            place_idx: pidx,
            place_match: pmatch,
            place_confidence: pconf,
        }
    }
}

/// The gazetteer's spelling when the text's differs only by accents, case or punctuation,
/// else the text's.
fn display_name(gazetteer: &str, written: Option<&str>) -> String {
    match written {
        Some(w) if crate::normalize::name_key(w) != crate::normalize::name_key(gazetteer) => {
            w.trim().to_string()
        }
        _ => gazetteer.to_string(),
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// First token of sentence `s`.
fn first_tok_of(doc: &Doc, s: usize) -> usize {
    doc.sentence_tokens(s).0
}

/// Whether the place at token `t` is an agency dateline ("BAMAKO, Mar 30 –",
/// "Bamako (AFP) –", "KIDAL, Mali (Reuters)-", "Baku-APA.").
fn is_dateline_place(doc: &Doc, t: usize) -> bool {
    if !doc.newline_before(t) {
        return false;
    }
    let mut j = t + 1;
    while j < doc.len() && j <= t + 8 && !doc.newline_before(j) {
        if doc.is_p(j, '(') && doc.is_any(j + 1, AGENCIES) {
            return true;
        }
        if doc.is_p(j, '-') {
            return doc.is_any(j + 1, AGENCIES)
                || doc.toks.toks[j].space != crate::claims::lexicon::Space::None;
        }
        let capital_or_date =
            doc.toks.toks[j].cap || doc.is_num(j) || doc.is_p(j, ',') || doc.is_p(j, '.');
        if !capital_or_date {
            return false;
        }
        j += 1;
    }
    false
}

/// "près de Gao", "dans la région de Kidal", "à la périphérie de" → how precise the place is.
fn location_precision(doc: &Doc, t: usize) -> LocationPrecision {
    let back = |k: usize| if t >= k { doc.f(t - k) } else { "" };
    let window: Vec<&str> = (1..=4).map(back).collect();
    if window
        .iter()
        .any(|w| matches!(*w, "region" | "province" | "cercle" | "secteur"))
    {
        if window.contains(&"secteur") {
            return LocationPrecision::Near;
        }
        return LocationPrecision::Region;
    }
    if doc.f(t + 1) == "region" {
        return LocationPrecision::Region;
    }
    if window.iter().any(|w| {
        matches!(
            *w,
            "pres"
                | "near"
                | "proximite"
                | "environs"
                | "outskirts"
                | "peripherie"
                | "around"
                | "outside"
        )
    }) {
        return LocationPrecision::Near;
    }
    LocationPrecision::Exact
}

/// Roles: the acting side is the taker for a capture (with its non-government allies), the
/// government for a retake or an air strike, else the subject's or the first named; its first actor is actor 1, its others assoc 1; the
/// first actor of another side is actor 2, the rest assoc 2. A generic wording is dropped
/// when a named actor of the same side is present.
fn assign_roles(
    kind: EventKind,
    acts: Vec<(String, String, Option<Side>, bool)>,
    subject: Option<Option<Side>>,
) -> Vec<ExtractedActor> {
    let named_sides: Vec<Option<Side>> =
        acts.iter().filter(|a| !a.3).map(|a| a.2.clone()).collect();
    let acts: Vec<_> = acts
        .into_iter()
        .filter(|a| !a.3 || !named_sides.contains(&a.2))
        .collect();
    if acts.is_empty() {
        return Vec::new();
    }
    let gov = |a: &&(String, String, Option<Side>, bool)| {
        a.2.as_ref().is_some_and(|s| s.as_str() == Side::GOVERNMENT)
    };
    let acting: Option<Side> = match kind {
        EventKind::Capture => acts
            .iter()
            .find(|a| !gov(a) && a.2.is_some())
            .or(acts.first())
            .and_then(|a| a.2.clone()),
        EventKind::Retake | EventKind::Strike | EventKind::Shelling => acts
            .iter()
            .find(gov)
            .or(acts.first())
            .and_then(|a| a.2.clone()),
        // Fighting, attacks, explosions: the subject's side (the actor right before the
        // trigger), else the first named.
        _ => match subject {
            Some(s) if acts.iter().any(|a| a.2 == s) => s,
            _ => acts.first().and_then(|a| a.2.clone()),
        },
    };
    // Allies of a non-government taker: other non-government sides ("Tuareg rebels backed
    // by Islamist fighters").
    let allied = |a: &(String, String, Option<Side>, bool)| {
        a.2 == acting
            || (kind == EventKind::Capture
                && acting
                    .as_ref()
                    .is_some_and(|s| s.as_str() != Side::GOVERNMENT)
                && a.2.as_ref().is_some_and(|s| s.as_str() != Side::GOVERNMENT))
    };
    let mut out = Vec::with_capacity(acts.len());
    let (mut have1, mut have2) = (false, false);
    // Acting side first, in order of appearance.
    for a in acts.iter().filter(|a| allied(a)) {
        let role = if have1 {
            ActorRole::Assoc1
        } else {
            ActorRole::Actor1
        };
        have1 = true;
        out.push(ExtractedActor {
            name: a.0.clone(),
            text: a.1.clone(),
            side: a.2.as_ref().map(|s| s.to_string()),
            role,
            generic: a.3,
        });
    }
    for a in acts.iter().filter(|a| !allied(a)) {
        let role = if have2 {
            ActorRole::Assoc2
        } else {
            ActorRole::Actor2
        };
        have2 = true;
        out.push(ExtractedActor {
            name: a.0.clone(),
            text: a.1.clone(),
            side: a.2.as_ref().map(|s| s.to_string()),
            role,
            generic: a.3,
        });
    }
    out
}

/// Merges candidates into events (see the module docs).
fn cluster(
    cands: &[Candidate],
    dates: &[DateMention],
    usable: &[(&PlaceMention, usize)],
    actor_info: &[(String, bool)],
    reference: Option<NaiveDate>,
) -> Vec<Cluster> {
    let place_of = |c: &Candidate| c.place.map(|p| usable[p].0.place);
    let span_of = |c: &Candidate| {
        c.date.and_then(|d| {
            let m = &dates[d];
            Some((m.date_start?, m.date_end?, m.precision))
        })
    };
    let mut clusters: Vec<Cluster> = Vec::new();
    let compatible_place = |cl: &Cluster, p: Option<PlaceIdx>| match (cl.place, p) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    };
    // Dated candidates: same type, same date (or a day within the same night at the same
    // place), compatible place; unresolved dates ("jeudi" with no reference) by their text.
    let same_time = |cl: &Cluster,
                     span: Option<(NaiveDate, NaiveDate, MentionPrecision)>,
                     key: &Option<String>,
                     p: Option<PlaceIdx>| {
        if cl.date_key != *key {
            return false;
        }
        match (cl.span, span) {
            (Some(a), Some(b)) if a == b => true,
            // "samedi 30 mars" and "dans la nuit de samedi à dimanche": the evening of the
            // night (not its morning, which "the fighting went on Thursday" may be).
            (Some(a), Some(b)) => {
                let night_and_its_evening =
                    (a.2 == MentionPrecision::Night && b.2 == MentionPrecision::Day && b.0 == a.0)
                        || (b.2 == MentionPrecision::Night
                            && a.2 == MentionPrecision::Day
                            && a.0 == b.0);
                night_and_its_evening && p.is_some() && cl.place == p
            }
            (None, None) => key.is_some(),
            _ => false,
        }
    };
    // Named events first, then "the attack", "l'attentat" (which may join another type).
    let order = (0..cands.len())
        .filter(|&i| !cands[i].anaphoric)
        .chain((0..cands.len()).filter(|&i| cands[i].anaphoric));
    for i in order {
        let c = &cands[i];
        let span = span_of(c);
        if span.is_none() && c.date_key.is_none() {
            continue;
        }
        let p = place_of(c);
        match clusters.iter_mut().find(|cl| {
            // Same type; or "the fighting" joining an event of another type told before it
            // (news often names "l'attentat" first and tells it after: that is the same
            // type, so it may join a later one).
            (cl.kind == c.kind
                || (c.anaphoric && cl.members.iter().any(|&m| cands[m].sentence <= c.sentence)))
                && same_time(cl, span, &c.date_key, p)
                && compatible_place(cl, p)
        }) {
            Some(cl) => {
                cl.members.push(i);
                cl.place = cl.place.or(p);
            }
            None => clusters.push(Cluster {
                members: vec![i],
                kind: c.kind,
                span,
                date_key: c.date_key.clone(),
                place: p,
            }),
        }
    }
    // Undated candidates join the event of their type they share most with.
    for (i, c) in cands.iter().enumerate() {
        if span_of(c).is_some() || c.date_key.is_some() {
            continue;
        }
        let p = place_of(c);
        let score = |cl: &Cluster| -> (i64, i64) {
            // In quarter points: the same trigger word 3, the same place 3, a shared named
            // actor 2, a shared generic wording 1, a day-precise event 1; minus half a
            // point per sentence away (one before counts as nearer than one after).
            let mut score = 0i64;
            let mut counted: Vec<&str> = Vec::new();
            for &m in &cl.members {
                for &a in &cands[m].actors {
                    let (name, generic) = (&actor_info[a].0, actor_info[a].1);
                    if counted.contains(&name.as_str()) {
                        continue;
                    }
                    if c.actors.iter().any(|&b| actor_info[b].0 == *name) {
                        counted.push(name);
                        score += if generic { 4 } else { 8 };
                    }
                }
            }
            if cl.members.iter().any(|&m| cands[m].lemma == c.lemma) {
                score += 12;
            }
            if p.is_some() && cl.place == p {
                score += 12;
            }
            if cl
                .span
                .is_some_and(|(_, _, pr)| pr == MentionPrecision::Day)
            {
                score += 4;
            }
            let dist = cl
                .members
                .iter()
                .map(|&m| {
                    let d = cands[m].sentence as i64 - c.sentence as i64;
                    if d <= 0 { -d * 2 } else { d * 2 + 1 }
                })
                .min()
                .unwrap_or(i64::MAX / 4);
            (score - dist, -dist)
        };
        let best = clusters
            .iter()
            .enumerate()
            .filter(|(_, cl)| (cl.kind == c.kind || c.anaphoric) && compatible_place(cl, p))
            // Not into background: an undated mention speaks of the story's days.
            .filter(|(_, cl)| match (cl.span, reference) {
                (Some((_, end, _)), Some(r)) => end >= r - chrono::Duration::days(7),
                _ => true,
            })
            .filter(|(_, cl)| {
                !c.anaphoric || cl.members.iter().any(|&m| cands[m].sentence <= c.sentence)
            })
            .max_by_key(|(_, cl)| score(cl))
            .map(|(k, _)| k);
        match best {
            Some(k) => {
                clusters[k].members.push(i);
                clusters[k].place = clusters[k].place.or(p);
            }
            None => clusters.push(Cluster {
                members: vec![i],
                kind: c.kind,
                span: None,
                date_key: None,
                place: p,
            }),
        }
    }
    clusters
}
