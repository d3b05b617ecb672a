//! Extracted events as frontmap's own events CSV ([`crate::events::csv`]), so that a
//! reviewed file goes straight into `frontmap import`, `control` and `render`.
//!
//! The columns are those of `data/mali2013/events.csv` (`id, date_start, date_end,
//! date_precision, place, event_type, actor1, assoc_actor_1, actor2, fatalities, source,
//! url, notes`), then `lat, lon, location_precision, assoc_actor_2, fatalities_low,
//! sentence, confidence`. `event_type` holds the ACLED sub-event type; `lat`/`lon` are the
//! gazetteer point of the resolved place, so the import attaches the row to the same place
//! even where the name has homonyms.

use crate::error::InputError;
use crate::events::ActorRole;

use super::{ExtractedEvent, Extraction, FatalityPrecision};

/// The header.
pub const HEADER: &[&str] = &[
    "id",
    "date_start",
    "date_end",
    "date_precision",
    "place",
    "event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "fatalities",
    "source",
    "url",
    "notes",
    "lat",
    "lon",
    "location_precision",
    "assoc_actor_2",
    "fatalities_low",
    "sentence",
    "confidence",
];

fn actors(e: &ExtractedEvent, role: ActorRole) -> String {
    e.actor_details
        .iter()
        .filter(|a| a.role == role)
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map_or(String::new(), |d| d.format("%Y-%m-%d").to_string())
}

/// Writes the events of `items` (each with the file it came from, which names the ids
/// `FILE#N`) as CSV. Events without a date or a place cannot be rows: they are returned as
/// problems at their line, and the other rows are written.
pub fn events_csv(items: &[(&str, &Extraction)]) -> (String, Vec<InputError>) {
    let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
    let mut skipped = Vec::new();
    // Writing into a Vec cannot fail; errors are still handled as skipped rows.
    let _ = w.write_record(HEADER);
    for (file, x) in items {
        for (i, e) in x.events.iter().enumerate() {
            let (Some(ds), Some(de), Some(p)) = (e.date, e.date_end, e.date_precision) else {
                skipped.push(InputError::new(
                    *file,
                    e.line,
                    1,
                    format!(
                        "{} \"{}\" has no date (no dateline and no --date): not written",
                        e.event_type, e.trigger
                    ),
                ));
                continue;
            };
            let (Some(place), Some(lat), Some(lon)) = (&e.place, e.lat, e.lon) else {
                skipped.push(InputError::new(
                    *file,
                    e.line,
                    1,
                    format!(
                        "{} \"{}\" has no place: not written",
                        e.event_type, e.trigger
                    ),
                ));
                continue;
            };
            let notes = format!(
                "extracted: \"{}\"{}{}",
                e.trigger,
                e.date_text
                    .as_ref()
                    .map_or(String::new(), |t| format!("; date \"{t}\"")),
                e.fatalities_text
                    .as_ref()
                    .map_or(String::new(), |t| format!("; toll \"{t}\"")),
            );
            let low = match (e.fatalities, e.fatalities_precision) {
                (Some(n), Some(FatalityPrecision::AtLeast)) => n.to_string(),
                _ => String::new(),
            };
            let rec = [
                format!("{file}#{}", i + 1),
                date(Some(ds)),
                date(Some(de)),
                p.label().to_string(),
                place.clone(),
                e.sub_event_type.label().to_string(),
                actors(e, ActorRole::Actor1),
                actors(e, ActorRole::Assoc1),
                actors(e, ActorRole::Actor2),
                e.fatalities.map_or(String::new(), |n| n.to_string()),
                if e.source.is_empty() {
                    (*file).to_string()
                } else {
                    e.source.clone()
                },
                String::new(),
                notes,
                format!("{lat:.6}"),
                format!("{lon:.6}"),
                e.location_precision.label().to_string(),
                actors(e, ActorRole::Assoc2),
                low,
                e.sentence.replace(['\n', '\r'], " "),
                format!("{:.3}", e.confidence),
            ];
            if let Err(err) = w.write_record(&rec) {
                skipped.push(InputError::new(*file, e.line, 1, err.to_string()));
            }
        }
    }
    let bytes = w.into_inner().unwrap_or_default();
    (String::from_utf8_lossy(&bytes).into_owned(), skipped)
}
