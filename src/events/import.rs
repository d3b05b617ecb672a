//! Reading event tables: format detection, streaming, parallel place resolution, and a
//! report in which every row is either an [`Event`] or an [`InputError`].
//!
//! Rows are read in chunks by a reader thread; each chunk is parsed in parallel (rayon), the
//! distinct place names, coordinates and actor strings not seen before are resolved in
//! parallel and cached, then the events are built in parallel, in input order.
//!
//! - A place **name without coordinates** resolves through the gazetteer
//!   ([`crate::gazetteer::Gazetteer::resolve`]); a misspelling is accepted (and counted as
//!   fuzzy) unless [`ImportOptions::fuzzy`] is off; an unknown name rejects the row with the
//!   gazetteer's nearest names.
//! - **Coordinates** attach to a gazetteer place within the location precision's distance
//!   ([`LocationPrecision::attach_km`]): a place bearing the written name if one is that
//!   close, else the nearest populated place, else the nearest place of any kind (region
//!   precision: the nearest first-order division). Nothing within reach: the event keeps its
//!   coordinates and the name as written, and is counted as unattached.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;
use std::sync::RwLock;

use chrono::NaiveDate;
use csv::{ByteRecord, StringRecord};
use rayon::prelude::*;

use super::acled::AcledFormat;
use super::csv::OwnFormat;
use super::model::{
    Actor, ActorRole, DatePrecision, Event, EventKind, EventOrigin, EventPlace, ExtraColumns,
    Fatalities, LocationPrecision, PlaceResolution, SourceCodes, SourceFormat, SubEventType,
};
use super::sides::{Side, SideMap};
use super::ucdp_ged::UcdpFormat;
use crate::error::{Error, InputError, Result};
use crate::gazetteer::{Gazetteer, MatchKind, PlaceIdx, ResolveOptions, Status};

/// An input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Recognise the format from the header.
    Auto,
    /// frontmap's own CSV.
    Frontmap,
    /// An ACLED export.
    Acled,
    /// UCDP GED.
    Ucdp,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Format, String> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Ok(Format::Auto),
            "frontmap" | "own" => Ok(Format::Frontmap),
            "acled" => Ok(Format::Acled),
            "ucdp" | "ged" | "ucdp-ged" => Ok(Format::Ucdp),
            _ => Err(format!(
                "unknown format {s:?} (auto, frontmap, acled or ucdp)"
            )),
        }
    }
}

impl Format {
    /// The lowercase label.
    pub fn label(self) -> &'static str {
        match self {
            Format::Auto => "auto",
            Format::Frontmap => "frontmap",
            Format::Acled => "acled",
            Format::Ucdp => "ucdp",
        }
    }

    /// Recognises a format from header names (lowercase): ACLED has `event_id_cnty` (or
    /// `event_date` and `sub_event_type`), UCDP GED `where_prec` (or `side_a` and
    /// `type_of_violence`), frontmap's own `event_type` and `date` or `date_start`.
    pub fn detect(names: &[String]) -> Option<Format> {
        let has = |n: &str| names.iter().any(|h| h == n);
        if has("event_id_cnty") || (has("event_date") && has("sub_event_type")) {
            Some(Format::Acled)
        } else if has("where_prec") || (has("side_a") && has("type_of_violence")) {
            Some(Format::Ucdp)
        } else if has("event_type") && (has("date") || has("date_start")) {
            Some(Format::Frontmap)
        } else {
            None
        }
    }
}

/// Options of [`load_events`].
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The input format (default: recognised from the header).
    pub format: Format,
    /// Gazetteer options for place names (country bias…).
    pub resolve: ResolveOptions,
    /// Accept misspelt place names (counted as fuzzy); otherwise they are rejected.
    pub fuzzy: bool,
    /// Actors → sides.
    pub sides: Arc<SideMap>,
    /// Rows per parallel chunk.
    pub chunk_rows: usize,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            format: Format::Auto,
            resolve: ResolveOptions::default(),
            fuzzy: true,
            sides: Arc::new(SideMap::mali2013().unwrap_or_default()),
            chunk_rows: 32 * 1024,
        }
    }
}

impl ImportOptions {
    /// Sets the format.
    pub fn format(mut self, f: Format) -> Self {
        self.format = f;
        self
    }

    /// Sets the sides table.
    pub fn sides(mut self, s: SideMap) -> Self {
        self.sides = Arc::new(s);
        self
    }

    /// Sets the gazetteer options.
    pub fn resolve(mut self, r: ResolveOptions) -> Self {
        self.resolve = r;
        self
    }

    /// Turns fuzzy place matching on or off.
    pub fn fuzzy(mut self, on: bool) -> Self {
        self.fuzzy = on;
        self
    }
}

/// Counts of an import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportSummary {
    /// Data rows read (the header not counted).
    pub read: u64,
    /// Rows imported as events.
    pub imported: u64,
    /// Rows rejected (each has an entry in [`ImportReport::rejected`]).
    pub rejected: u64,
    /// Events whose place name matched only as a misspelling.
    pub resolved_fuzzy: u64,
    /// Events whose place name was ambiguous (the best candidate was taken).
    pub ambiguous: u64,
    /// Events placed by their coordinates.
    pub by_coordinates: u64,
    /// Events with coordinates but no gazetteer place within their precision.
    pub unattached: u64,
}

/// The result of an import: events, rejected rows, counts.
#[derive(Debug, Clone)]
pub struct ImportReport {
    /// The format read.
    pub format: Format,
    /// Imported events, in input order.
    pub events: Vec<Event>,
    /// Rejected rows, with `file:line:column` and the reason.
    pub rejected: Vec<InputError>,
    /// Counts.
    pub summary: ImportSummary,
}

impl ImportReport {
    /// Appends another report (several files).
    pub fn merge(&mut self, other: ImportReport) {
        self.events.extend(other.events);
        self.rejected.extend(other.rejected);
        let (a, b) = (&mut self.summary, other.summary);
        a.read += b.read;
        a.imported += b.imported;
        a.rejected += b.rejected;
        a.resolved_fuzzy += b.resolved_fuzzy;
        a.ambiguous += b.ambiguous;
        a.by_coordinates += b.by_coordinates;
        a.unattached += b.unattached;
    }
}

/// A header: the names as written and lowercased.
#[derive(Debug, Clone)]
pub(crate) struct Header {
    written: StringRecord,
    lower: StringRecord,
    names: Vec<String>,
}

impl Header {
    pub(crate) fn new(rec: &StringRecord) -> Header {
        let names: Vec<String> = rec
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_lowercase())
            .collect();
        Header {
            written: rec
                .iter()
                .map(|h| h.trim_start_matches('\u{feff}').trim())
                .collect(),
            lower: names.iter().map(String::as_str).collect(),
            names,
        }
    }

    /// The lowercased header, for serde.
    pub(crate) fn record(&self) -> &StringRecord {
        &self.lower
    }

    pub(crate) fn has(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name)
    }

    /// 1-based column of `name` (1 when absent).
    pub(crate) fn col(&self, name: &str) -> u64 {
        self.names
            .iter()
            .position(|n| n == name)
            .map_or(1, |i| i as u64 + 1)
    }

    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }

    /// Names (as written) and indexes of the columns not in `known`.
    pub(crate) fn extras(&self, known: &[&str]) -> (Arc<[Arc<str>]>, Vec<usize>) {
        let idx: Vec<usize> = (0..self.names.len())
            .filter(|&i| !self.names[i].is_empty() && !known.contains(&self.names[i].as_str()))
            .collect();
        let names: Arc<[Arc<str>]> = idx
            .iter()
            .map(|&i| Arc::from(self.written.get(i).unwrap_or("")))
            .collect();
        (names, idx)
    }
}

/// A row problem: column (from 1) and message.
#[derive(Debug, Clone)]
pub(crate) struct RowError {
    pub column: u64,
    pub message: String,
}

impl RowError {
    pub(crate) fn new(column: u64, message: impl Into<String>) -> RowError {
        RowError {
            column,
            message: message.into(),
        }
    }
}

/// A parsed row before place resolution.
#[derive(Debug, Clone)]
pub(crate) struct RawEvent {
    pub id: Option<String>,
    pub line: u64,
    pub date_start: NaiveDate,
    pub date_end: NaiveDate,
    pub date_precision: DatePrecision,
    pub place_name: String,
    pub place_col: u64,
    pub coords: Option<(f64, f64)>,
    pub precision: LocationPrecision,
    pub sub_event_type: SubEventType,
    pub kind: EventKind,
    pub actors: Vec<(String, ActorRole)>,
    pub fatalities: Fatalities,
    pub source: String,
    pub notes: String,
    pub sentence: Option<String>,
    pub codes: SourceCodes,
    pub extra: ExtraColumns,
    pub format: SourceFormat,
}

enum Parser {
    Own(OwnFormat),
    Acled(AcledFormat),
    Ucdp(UcdpFormat),
}

impl Parser {
    fn parse(&self, rec: &StringRecord, line: u64) -> std::result::Result<RawEvent, RowError> {
        match self {
            Parser::Own(p) => p.parse(rec, line),
            Parser::Acled(p) => p.parse(rec, line),
            Parser::Ucdp(p) => p.parse(rec, line),
        }
    }
}

/// Reads an events file (own CSV, ACLED or UCDP GED; `-` is stdin).
///
/// Fails only when the file cannot be read or its header is not a known format; every bad
/// row is in [`ImportReport::rejected`].
pub fn load_events(path: &Path, gaz: &Gazetteer, opts: &ImportOptions) -> Result<ImportReport> {
    let origin = path.display().to_string();
    if path.as_os_str() == "-" {
        return load_events_from_reader(std::io::stdin(), &origin, gaz, opts);
    }
    let file = std::fs::File::open(path).map_err(|e| Error::read(path, e))?;
    let size = file.metadata().ok().map(|m| m.len());
    read_events(file, size, &origin, gaz, opts)
}

/// Reads events from CSV text in memory; `origin` names it in errors.
pub fn load_events_from_str(
    text: &str,
    origin: &str,
    gaz: &Gazetteer,
    opts: &ImportOptions,
) -> Result<ImportReport> {
    load_events_from_reader(text.as_bytes(), origin, gaz, opts)
}

/// Reads events from any reader (see [`load_events`]).
pub fn load_events_from_reader<R: Read + Send>(
    reader: R,
    origin: &str,
    gaz: &Gazetteer,
    opts: &ImportOptions,
) -> Result<ImportReport> {
    read_events(reader, None, origin, gaz, opts)
}

/// `size`, when known, lets the event list be allocated once (no doubling on big files).
fn read_events<R: Read + Send>(
    reader: R,
    size: Option<u64>,
    origin: &str,
    gaz: &Gazetteer,
    opts: &ImportOptions,
) -> Result<ImportReport> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .buffer_capacity(1 << 20)
        .from_reader(reader);
    let header_bytes = rdr
        .byte_headers()
        .map_err(|e| csv_error(origin, e))?
        .clone();
    let header = Header::new(&decode_record(&header_bytes));
    if header.len() == 0 || header.names.iter().all(String::is_empty) {
        return Err(Error::input(
            origin,
            1,
            1,
            "empty file: expected a header line",
        ));
    }
    let format = match opts.format {
        Format::Auto => Format::detect(&header.names).ok_or_else(|| {
            Error::input(
                origin,
                1,
                1,
                format!(
                    "cannot tell the format from the header ({}): frontmap's own CSV has date \
                     (or date_start), place (or lat, lon) and event_type; an ACLED export has \
                     event_id_cnty and event_date; UCDP GED has where_prec and date_prec \
                     (or use --format)",
                    header.names.join(",")
                ),
            )
        })?,
        f => f,
    };
    let parser = match format {
        Format::Frontmap | Format::Auto => OwnFormat::new(header.clone()).map(Parser::Own),
        Format::Acled => AcledFormat::new(header.clone()).map(Parser::Acled),
        Format::Ucdp => UcdpFormat::new(header.clone()).map(Parser::Ucdp),
    }
    .map_err(|m| Error::input(origin, 1, 1, m))?;

    let state = State {
        gaz,
        opts,
        origin: Arc::from(origin),
        file_stem: Path::new(origin)
            .file_stem()
            .map_or_else(|| origin.to_string(), |s| s.to_string_lossy().into_owned()),
        names: RwLock::new(HashMap::new()),
        coords: RwLock::new(HashMap::new()),
        actors: RwLock::new(HashMap::new()),
        places: RwLock::new(HashMap::new()),
        sources: RwLock::new(HashMap::new()),
    };
    let mut report = ImportReport {
        format,
        events: Vec::new(),
        rejected: Vec::new(),
        summary: ImportSummary::default(),
    };
    let chunk_rows = opts.chunk_rows.max(1);
    let width = header.len();
    std::thread::scope(|scope| -> Result<()> {
        let (tx, rx) =
            std::sync::mpsc::sync_channel::<std::result::Result<Vec<ByteRecord>, csv::Error>>(2);
        scope.spawn(move || {
            loop {
                let mut chunk = Vec::with_capacity(chunk_rows.min(4096));
                let mut rec = ByteRecord::new();
                let mut failed = None;
                while chunk.len() < chunk_rows {
                    match rdr.read_byte_record(&mut rec) {
                        Ok(true) => chunk.push(std::mem::take(&mut rec)),
                        Ok(false) => break,
                        Err(e) => {
                            failed = Some(e);
                            break;
                        }
                    }
                }
                let done = chunk.len() < chunk_rows || failed.is_some();
                if !chunk.is_empty() && tx.send(Ok(chunk)).is_err() {
                    return;
                }
                if let Some(e) = failed {
                    let _ = tx.send(Err(e));
                    return;
                }
                if done {
                    return;
                }
            }
        });
        let mut first = true;
        for chunk in rx {
            let chunk = chunk.map_err(|e| csv_error(origin, e))?;
            if first {
                first = false;
                let read_bytes = chunk
                    .last()
                    .and_then(|r| r.position())
                    .map_or(0, |p| p.byte());
                if let Some(total) = size.filter(|_| read_bytes > 0) {
                    let estimate =
                        (total as f64 / read_bytes as f64 * chunk.len() as f64 * 1.02) as usize;
                    report.events.reserve(estimate.min(200_000_000));
                }
            }
            state.process(&parser, width, chunk, &mut report);
        }
        Ok(())
    })?;
    report.summary.imported = report.events.len() as u64;
    report.summary.rejected = report.rejected.len() as u64;
    Ok(report)
}

/// The 1-based column of a csv deserialization error (1 when unknown).
pub(crate) fn csv_error_column(e: &csv::Error) -> u64 {
    match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => err.field().map_or(1, |f| f + 1),
        _ => 1,
    }
}

fn csv_error(origin: &str, e: csv::Error) -> Error {
    let line = e.position().map_or(1, |p| p.line());
    match e.kind() {
        csv::ErrorKind::Io(_) => match e.into_kind() {
            csv::ErrorKind::Io(io) => Error::read(Path::new(origin), io),
            _ => Error::input(origin, line, 1, "read error"),
        },
        _ => Error::input(origin, line, 1, e.to_string()),
    }
}

/// Like [`decode_record`], taking the record (no copy for UTF-8).
fn decode_owned(rec: ByteRecord) -> StringRecord {
    match StringRecord::from_byte_record(rec) {
        Ok(s) => s,
        Err(e) => decode_record(&e.into_byte_record()),
    }
}

/// UTF-8, or Windows-1252 field by field.
fn decode_record(rec: &ByteRecord) -> StringRecord {
    match StringRecord::from_byte_record(rec.clone()) {
        Ok(s) => s,
        Err(_) => rec
            .iter()
            .map(|f| match std::str::from_utf8(f) {
                Ok(s) => s.to_string(),
                Err(_) => encoding_rs::WINDOWS_1252.decode(f).0.into_owned(),
            })
            .collect(),
    }
}

#[derive(Debug, Clone)]
enum NameHit {
    Found {
        idx: PlaceIdx,
        resolution: PlaceResolution,
        confidence: f64,
        ambiguous: bool,
    },
    Unknown(Vec<String>),
}

type CoordKey = (u64, u64, LocationPrecision, u64);
/// An actor's interned name and side.
type ActorEntry = (Arc<str>, Option<Side>);
/// A place's interned id and name.
type PlaceNames = (Arc<str>, Arc<str>);

/// Caches shared by the worker threads: read-locked on hits, write-locked to add a miss.
struct State<'a> {
    gaz: &'a Gazetteer,
    opts: &'a ImportOptions,
    origin: Arc<str>,
    file_stem: String,
    names: RwLock<HashMap<String, NameHit>>,
    coords: RwLock<HashMap<CoordKey, Option<(PlaceIdx, f64)>>>,
    actors: RwLock<HashMap<String, ActorEntry>>,
    places: RwLock<HashMap<PlaceIdx, PlaceNames>>,
    sources: RwLock<HashMap<String, Arc<str>>>,
}

fn coord_key(raw: &RawEvent, lat: f64, lon: f64) -> CoordKey {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    raw.place_name.hash(&mut h);
    (lat.to_bits(), lon.to_bits(), raw.precision, h.finish())
}

/// Looks `key` up in a shared cache, computing and adding it on a miss.
fn cached<K, Q, V>(
    cache: &RwLock<HashMap<K, V>>,
    key: &Q,
    make_key: impl FnOnce() -> K,
    compute: impl FnOnce() -> V,
) -> V
where
    K: std::borrow::Borrow<Q> + std::hash::Hash + Eq,
    Q: std::hash::Hash + Eq + ?Sized,
    V: Clone,
{
    if let Some(v) = cache.read().ok().and_then(|map| map.get(key).cloned()) {
        return v;
    }
    let v = compute();
    if let Ok(mut map) = cache.write() {
        map.entry(make_key()).or_insert_with(|| v.clone());
    }
    v
}

impl State<'_> {
    fn process(
        &self,
        parser: &Parser,
        width: usize,
        chunk: Vec<ByteRecord>,
        report: &mut ImportReport,
    ) {
        report.summary.read += chunk.len() as u64;
        let origin = self.origin.clone();
        let built: Vec<std::result::Result<(Event, Counted), InputError>> = chunk
            .into_par_iter()
            .map(|br| {
                let line = br.position().map_or(0, |p| p.line());
                if br.len() != width {
                    let col = if br.len() < width { br.len() + 1 } else { width + 1 };
                    return Err(InputError::new(
                        origin.as_ref(),
                        line,
                        col as u64,
                        format!(
                            "wrong column count: expected {width} fields (as in the header), found {}",
                            br.len()
                        ),
                    ));
                }
                let rec = decode_owned(br);
                let raw = parser
                    .parse(&rec, line)
                    .map_err(|e| InputError::new(origin.as_ref(), line, e.column, e.message))?;
                drop(rec);
                self.build(raw)
            })
            .collect();
        for b in built {
            match b {
                Ok((ev, counted)) => {
                    let s = &mut report.summary;
                    match counted {
                        Counted::Fuzzy => s.resolved_fuzzy += 1,
                        Counted::Ambiguous => s.ambiguous += 1,
                        Counted::Coordinates => s.by_coordinates += 1,
                        Counted::Unattached => {
                            s.by_coordinates += 1;
                            s.unattached += 1;
                        }
                        Counted::Plain => {}
                    }
                    report.events.push(ev);
                }
                Err(e) => report.rejected.push(e),
            }
        }
    }

    fn place_names(&self, idx: PlaceIdx) -> (Arc<str>, Arc<str>) {
        cached(
            &self.places,
            &idx,
            || idx,
            || {
                let p = self.gaz.place(idx);
                (Arc::from(p.id.as_ref()), Arc::from(p.name.as_ref()))
            },
        )
    }

    fn build(&self, raw: RawEvent) -> std::result::Result<(Event, Counted), InputError> {
        let written: Arc<str> = Arc::from(raw.place_name.as_str());
        let (place, counted) = match raw.coords {
            Some((lat, lon)) => {
                let key = coord_key(&raw, lat, lon);
                let hit = cached(
                    &self.coords,
                    &key,
                    || key,
                    || attach(self.gaz, lat, lon, raw.precision, &raw.place_name),
                );
                match hit {
                    Some((idx, d)) => {
                        let (id, name) = self.place_names(idx);
                        let limit = raw.precision.attach_km().unwrap_or(1.0);
                        (
                            EventPlace {
                                idx: Some(idx),
                                place_id: Some(id),
                                name,
                                name_as_written: written,
                                lat,
                                lon,
                                precision: raw.precision,
                                resolution: PlaceResolution::Coordinates,
                                confidence: (1.0 - 0.5 * (d / limit)).clamp(0.5, 1.0),
                                distance_km: Some(d),
                            },
                            Counted::Coordinates,
                        )
                    }
                    None => (
                        EventPlace {
                            idx: None,
                            place_id: None,
                            name: if written.is_empty() {
                                Arc::from(format!("{lat:.4},{lon:.4}").as_str())
                            } else {
                                written.clone()
                            },
                            name_as_written: written,
                            lat,
                            lon,
                            precision: raw.precision,
                            resolution: PlaceResolution::Coordinates,
                            confidence: 0.3,
                            distance_km: None,
                        },
                        Counted::Unattached,
                    ),
                }
            }
            None => match cached(
                &self.names,
                raw.place_name.as_str(),
                || raw.place_name.clone(),
                || resolve_name(self.gaz, self.opts, &raw.place_name),
            ) {
                NameHit::Found {
                    idx,
                    resolution,
                    confidence,
                    ambiguous,
                } => {
                    let p = self.gaz.place(idx);
                    let (id, name) = self.place_names(idx);
                    let counted = if resolution == PlaceResolution::Fuzzy {
                        Counted::Fuzzy
                    } else if ambiguous {
                        Counted::Ambiguous
                    } else {
                        Counted::Plain
                    };
                    (
                        EventPlace {
                            idx: Some(idx),
                            place_id: Some(id),
                            name,
                            name_as_written: written,
                            lat: p.lat,
                            lon: p.lon,
                            precision: raw.precision,
                            resolution,
                            confidence,
                            distance_km: None,
                        },
                        counted,
                    )
                }
                NameHit::Unknown(suggestions) => {
                    let hint = if suggestions.is_empty() {
                        "no similar name in the gazetteer; add it with --places".to_string()
                    } else {
                        format!("nearest names: {}", suggestions.join(", "))
                    };
                    return Err(InputError::new(
                        self.origin.as_ref(),
                        raw.line,
                        raw.place_col,
                        format!("unknown place {:?} ({hint})", raw.place_name),
                    ));
                }
            },
        };
        let actors = raw
            .actors
            .iter()
            .map(|(a, role)| {
                let (name, side) = cached(
                    &self.actors,
                    a.as_str(),
                    || a.clone(),
                    || (Arc::from(a.as_str()), self.opts.sides.side_of(a)),
                );
                Actor {
                    name,
                    role: *role,
                    side,
                }
            })
            .collect();
        let id: Arc<str> = match raw.id {
            Some(id) => Arc::from(id.as_str()),
            None => Arc::from(format!("{}:{}", self.file_stem, raw.line).as_str()),
        };
        let source = cached(
            &self.sources,
            raw.source.as_str(),
            || raw.source.clone(),
            || Arc::from(raw.source.as_str()),
        );
        Ok((
            Event {
                id,
                date_start: raw.date_start,
                date_end: raw.date_end,
                date_precision: raw.date_precision,
                place,
                event_type: raw.sub_event_type.event_type(),
                sub_event_type: raw.sub_event_type,
                kind: raw.kind,
                actors,
                fatalities: raw.fatalities,
                source,
                notes: raw.notes.into_boxed_str(),
                sentence: raw.sentence.map(String::into_boxed_str),
                origin: EventOrigin {
                    file: self.origin.clone(),
                    line: raw.line,
                    format: raw.format,
                    confidence: None,
                },
                source_codes: raw.codes,
                extra: raw.extra,
            },
            counted,
        ))
    }
}

#[derive(Debug, Clone, Copy)]
enum Counted {
    Plain,
    Fuzzy,
    Ambiguous,
    Coordinates,
    Unattached,
}

fn resolve_name(gaz: &Gazetteer, opts: &ImportOptions, name: &str) -> NameHit {
    let r = gaz.resolve(name, &opts.resolve.clone().fuzzy(opts.fuzzy));
    match r.best {
        Some(c) if r.status != Status::Unknown => NameHit::Found {
            idx: c.place,
            resolution: match c.kind {
                MatchKind::Name => PlaceResolution::Exact,
                MatchKind::Alternate => PlaceResolution::Alternate,
                MatchKind::Fuzzy { .. } => PlaceResolution::Fuzzy,
            },
            confidence: c.confidence,
            ambiguous: r.status == Status::Ambiguous,
        },
        _ => {
            let mut s = r.suggestions;
            if s.is_empty() {
                // With fuzzy matching off a close misspelling comes back as a suggestion only;
                // when fuzzy is on and still nothing matched, say so.
                s = Vec::new();
            }
            NameHit::Unknown(s)
        }
    }
}

/// The gazetteer place an event at (`lat`, `lon`) attaches to (see the module docs), with
/// its distance in km.
pub fn attach(
    gaz: &Gazetteer,
    lat: f64,
    lon: f64,
    precision: LocationPrecision,
    name: &str,
) -> Option<(PlaceIdx, f64)> {
    let max_km = precision.attach_km()?;
    if precision == LocationPrecision::Region {
        return gaz.nearest(lat, lon, max_km, |p| {
            p.feature_class == 'A' && p.feature_code == "ADM1"
        });
    }
    if !name.trim().is_empty() {
        let best = gaz
            .lookup_exact(name)
            .into_iter()
            .map(|(idx, _)| {
                let p = gaz.place(idx);
                (idx, crate::geodesy::haversine_km(lat, lon, p.lat, p.lon))
            })
            .filter(|(_, d)| *d <= max_km)
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if best.is_some() {
            return best;
        }
    }
    gaz.nearest(lat, lon, max_km, |p| p.is_populated())
        .or_else(|| gaz.nearest(lat, lon, max_km, |_| true))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> Gazetteer {
        Gazetteer::embedded().unwrap()
    }

    #[test]
    fn detects_formats_from_headers() {
        let h = |s: &str| s.split(',').map(str::to_string).collect::<Vec<_>>();
        assert_eq!(
            Format::detect(&h("event_id_cnty,event_date,location")),
            Some(Format::Acled)
        );
        assert_eq!(
            Format::detect(&h("id,side_a,type_of_violence,date_start")),
            Some(Format::Ucdp)
        );
        assert_eq!(
            Format::detect(&h("date,place,event_type")),
            Some(Format::Frontmap)
        );
        assert_eq!(Format::detect(&h("when,where")), None);
    }

    #[test]
    fn own_rows_resolve_and_bad_rows_are_reported() {
        let text = "date,place,event_type,actor1,fatalities,url\n\
                    2013-01-10,Konna,capture,Ansar Dine,,https://example.org/a\n\
                    2013-01-32,Konna,clash,,,\n\
                    2013-01-11,Konnaa,clash,,,\n\
                    2013-01-11,Sévaré,base\n\
                    2013-01-11,Mopti,clash,,many,\n";
        let r = load_events_from_str(
            text,
            "e.csv",
            &gaz(),
            &ImportOptions::default().fuzzy(false),
        )
        .unwrap();
        assert_eq!(r.format, Format::Frontmap);
        assert_eq!(r.summary.read, 5);
        assert_eq!(r.events.len(), 1);
        let e = &r.events[0];
        assert_eq!(e.kind, EventKind::Capture);
        assert_eq!(e.actor1_side().unwrap().as_str(), "jihadist");
        assert_eq!(e.extra.get("url"), Some("https://example.org/a"));
        let msgs: Vec<String> = r.rejected.iter().map(|e| e.to_string()).collect();
        assert!(msgs[0].starts_with("e.csv:3:1: bad date"), "{msgs:?}");
        assert!(
            msgs[1].starts_with("e.csv:4:2: unknown place \"Konnaa\""),
            "{msgs:?}"
        );
        assert!(msgs[1].contains("Kon"), "{msgs:?}");
        assert!(
            msgs[2].starts_with("e.csv:5:4: wrong column count"),
            "{msgs:?}"
        );
        assert!(msgs[3].starts_with("e.csv:6:5: bad number"), "{msgs:?}");
    }

    #[test]
    fn coordinates_attach_within_precision() {
        let g = gaz();
        let (idx, d) = attach(&g, 14.94, -3.89, LocationPrecision::Exact, "Konna").unwrap();
        assert!(d < 2.0);
        assert!(
            g.place(idx)
                .all_names()
                .any(|n| n == "Konna" || n == "Kona")
        );
        assert!(attach(&g, 0.0, -30.0, LocationPrecision::Exact, "").is_none());
        assert!(attach(&g, 14.94, -3.89, LocationPrecision::Country, "").is_none());
    }

    #[test]
    fn unknown_header_is_an_error_at_line_one() {
        let e = load_events_from_str(
            "when,where\nx,y\n",
            "w.csv",
            &gaz(),
            &ImportOptions::default(),
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("w.csv:1:1: cannot tell the format"),
            "{e}"
        );
    }
}
