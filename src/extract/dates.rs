//! Date expressions in French and English text, resolved against a reference date (the
//! dispatch's dateline or `--date`).
//!
//! | written | resolves to | precision |
//! |---|---|---|
//! | "jeudi", "on Thursday" | the most recent Thursday up to the reference day (the day itself when it is a Thursday); "jeudi dernier", "last Thursday": strictly before | day |
//! | "hier", "yesterday", "avant-hier"; "aujourd'hui", "ce matin", "this morning" | reference − 1, − 2; the reference day | day |
//! | "cette nuit", "last night"; "dans la nuit de mercredi à jeudi", "night of 20 to 21 February" | the two dates the night spans | night |
//! | "le 24 janvier", "1er septembre 2012", "March 22", "Jan. 11", "12/01/2013", "2013-01-12" | that day (a missing year is the reference's, or the year before when that would put the day more than a week after the reference) | day |
//! | "en début de semaine", "early this week", "la semaine dernière", "last week" | Monday of the week up to Wednesday (or the reference day); the week before | week |
//! | "en janvier", "avril 2012", "fin janvier", "mid-January", "janvier dernier" | the month | month |
//! | "en 2012", "in 2009" | the year | year |
//! | "depuis avril 2012", "since March 22", "depuis 24 heures" | from that date to the reference (a *since* span: a state, not an event, when it starts over a week before the reference) | of the start |
//! | "pendant neuf mois en 2012", "for three months" | a *duration* (within the year when one is given) | duration |
//! | "il y a trois mois", "three months ago" | the reference minus that | of the unit |
//! | "le lendemain", "the next day", "la veille" | the day after / before the previous date of the text | day |
//!
//! Two expressions joined by "et"/"and" ("cette nuit et ce matin", "lundi et ce mardi")
//! become one span; "entre fin mars et début avril 2012" a range.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::doc::Doc;
use crate::events::csv::month_end;

/// How precisely a date expression places its event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionPrecision {
    /// A day.
    Day,
    /// A night over two dates.
    Night,
    /// A week (or a few days).
    Week,
    /// A month.
    Month,
    /// A year.
    Year,
    /// A length of time ("pendant neuf mois"), not a point in time.
    Duration,
}

impl MentionPrecision {
    /// The label (`day`, `night`, `week`, `month`, `year`, `duration`).
    pub fn label(self) -> &'static str {
        match self {
            MentionPrecision::Day => "day",
            MentionPrecision::Night => "night",
            MentionPrecision::Week => "week",
            MentionPrecision::Month => "month",
            MentionPrecision::Year => "year",
            MentionPrecision::Duration => "duration",
        }
    }
}

/// What a date expression says about time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateRole {
    /// When something happened.
    Point,
    /// From when a state has lasted ("depuis avril 2012").
    Since,
    /// How long something lasted ("pendant neuf mois").
    Duration,
    /// A time to come ("jeudi prochain", "tomorrow").
    Future,
}

/// A date expression found in a text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DateMention {
    /// The expression as written.
    pub text: String,
    /// Byte offset of its start in the text.
    pub start: usize,
    /// Byte offset of its end.
    pub end: usize,
    /// How precise it is.
    pub precision: MentionPrecision,
    /// What it says (point in time, since, duration, future).
    pub role: DateRole,
    /// First day it covers (`null` when it could not be resolved: a relative expression
    /// with no reference date, or a bare duration).
    #[serde(serialize_with = "super::ser_date")]
    pub date_start: Option<NaiveDate>,
    /// Last day it covers.
    #[serde(serialize_with = "super::ser_date")]
    pub date_end: Option<NaiveDate>,
    /// Whether it was resolved against the reference date ("jeudi", "hier").
    pub relative: bool,
    /// Whether it is background: a state or duration, or a span that ends more than a
    /// week before the reference date.
    pub background: bool,
    /// Whether it dates a statement ("told AFP on Sunday", "a déclaré jeudi") rather than
    /// the events reported.
    pub reported: bool,
    /// First and last token.
    #[serde(skip)]
    pub(crate) tok: (usize, usize),
}

impl DateMention {
    /// Whether the expression dates an event of its sentence (a resolved point in time).
    pub fn dates_event(&self) -> bool {
        self.role == DateRole::Point && self.date_start.is_some()
    }
}

/// A parsed expression before it becomes a mention.
#[derive(Debug, Clone, Copy)]
struct Parsed {
    /// One past the last token.
    next: usize,
    precision: MentionPrecision,
    role: DateRole,
    span: Option<(NaiveDate, NaiveDate)>,
    relative: bool,
}

impl Parsed {
    fn new(next: usize, precision: MentionPrecision, span: Option<(NaiveDate, NaiveDate)>) -> Self {
        Parsed {
            next,
            precision,
            role: DateRole::Point,
            span,
            relative: false,
        }
    }
    fn rel(mut self) -> Self {
        self.relative = true;
        self
    }
}

fn weekday(w: &str) -> Option<Weekday> {
    Some(match w {
        "lundi" | "monday" => Weekday::Mon,
        "mardi" | "tuesday" => Weekday::Tue,
        "mercredi" | "wednesday" => Weekday::Wed,
        "jeudi" | "thursday" => Weekday::Thu,
        "vendredi" | "friday" => Weekday::Fri,
        "samedi" | "saturday" => Weekday::Sat,
        "dimanche" | "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// Month number of a full month name (FR/EN).
fn month_full(w: &str) -> Option<u32> {
    Some(match w {
        "janvier" | "january" => 1,
        "fevrier" | "february" => 2,
        "mars" | "march" => 3,
        "avril" | "april" => 4,
        "mai" | "may" => 5,
        "juin" | "june" => 6,
        "juillet" | "july" => 7,
        "aout" | "august" => 8,
        "septembre" | "september" => 9,
        "octobre" | "october" => 10,
        "novembre" | "november" => 11,
        "decembre" | "december" => 12,
        _ => return None,
    })
}

/// Month number of an abbreviation ("Jan", "Sept", "janv").
fn month_abbrev(w: &str) -> Option<u32> {
    Some(match w {
        "jan" | "janv" => 1,
        "feb" | "fev" | "fevr" => 2,
        "mar" => 3,
        "apr" | "avr" => 4,
        "jun" => 6,
        "jul" | "juil" => 7,
        "aug" => 8,
        "sep" | "sept" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

/// Words ("mars", "may", "march") that are also ordinary words need a date context.
fn month_needs_context(w: &str) -> bool {
    matches!(w, "may" | "march" | "mar")
}

/// Units of time: (word, days per unit, precision of "N units ago").
fn unit(w: &str) -> Option<(f64, MentionPrecision)> {
    Some(match w {
        "heure" | "heures" | "hour" | "hours" | "h" => (1.0 / 24.0, MentionPrecision::Day),
        "jour" | "jours" | "day" | "days" => (1.0, MentionPrecision::Day),
        "semaine" | "semaines" | "week" | "weeks" => (7.0, MentionPrecision::Week),
        "mois" | "month" | "months" => (30.4, MentionPrecision::Month),
        "an" | "ans" | "annee" | "annees" | "year" | "years" => (365.25, MentionPrecision::Year),
        _ => return None,
    })
}

/// A small count in words or digits ("neuf", "three", "24").
fn count(doc: &Doc, i: usize) -> Option<u32> {
    if doc.is_num(i) {
        return doc.f(i).parse().ok().filter(|n| *n < 10_000);
    }
    super::numbers::small_number(doc.f(i))
}

fn day_of_month(doc: &Doc, i: usize) -> Option<(u32, usize)> {
    if !doc.is_num(i) || doc.f(i).len() > 2 {
        return None;
    }
    let d: u32 = doc.f(i).parse().ok()?;
    if !(1..=31).contains(&d) {
        return None;
    }
    // "1er", "2nd", "21st", "3rd", "4th" (glued suffix).
    let glued = doc
        .toks
        .toks
        .get(i + 1)
        .is_some_and(|t| t.space == crate::claims::lexicon::Space::None);
    if glued && doc.is_any(i + 1, &["er", "st", "nd", "rd", "th", "eme"]) {
        return Some((d, i + 2));
    }
    Some((d, i + 1))
}

fn year_at(doc: &Doc, i: usize) -> Option<i32> {
    if !doc.is_num(i) || doc.f(i).len() != 4 {
        return None;
    }
    let y: i32 = doc.f(i).parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

/// The month at token `i` ("janvier", "Jan.", "Sept"): (month, next token).
fn month_at(doc: &Doc, i: usize) -> Option<(u32, usize)> {
    if !doc.is_word(i) {
        return None;
    }
    let w = doc.f(i);
    if let Some(m) = month_full(w) {
        return Some((m, i + 1));
    }
    let m = month_abbrev(w)?;
    // An abbreviation needs its dot or a figure after it.
    if doc.is_p(i + 1, '.') {
        return Some((m, i + 2));
    }
    if doc.is_num(i + 1) {
        return Some((m, i + 1));
    }
    None
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The year of a day written without one: the reference's, or the year before when that
/// would put the day more than a week after the reference.
fn infer_year(m: u32, d: u32, r: NaiveDate) -> Option<NaiveDate> {
    let this = ymd(r.year(), m, d)?;
    if this > r + Duration::days(7) {
        ymd(r.year() - 1, m, d)
    } else {
        Some(this)
    }
}

/// The month written without a year: this year's unless it lies after the reference.
fn infer_month(m: u32, r: NaiveDate, strictly_past: bool) -> Option<NaiveDate> {
    let y = if m > r.month() || (strictly_past && m == r.month()) {
        r.year() - 1
    } else {
        r.year()
    };
    ymd(y, m, 1)
}

/// The most recent `wd` up to `r` (`r` itself when it is that weekday, unless `strict`).
pub(crate) fn weekday_before(r: NaiveDate, wd: Weekday, strict: bool) -> NaiveDate {
    let back = (r.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
    let back = if back == 0 && strict { 7 } else { back };
    r - Duration::days(i64::from(back))
}

fn monday_of(r: NaiveDate) -> NaiveDate {
    r - Duration::days(i64::from(r.weekday().num_days_from_monday()))
}

fn month_span(start: NaiveDate) -> (NaiveDate, NaiveDate) {
    (start, month_end(start))
}

fn year_span(y: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((ymd(y, 1, 1)?, ymd(y, 12, 31)?))
}

fn day(d: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    Some((d, d))
}

/// Scanner state over one sentence.
struct Scan<'a> {
    doc: &'a Doc,
    end: usize,
    r: Option<NaiveDate>,
    /// The last day resolved in the text ("le lendemain").
    prev: Option<NaiveDate>,
    /// The start of the last point in time of the text, whatever its precision ("in
    /// February" … "earlier that month").
    prev_any: Option<NaiveDate>,
}

impl Scan<'_> {
    fn f(&self, i: usize) -> &str {
        if i < self.end { self.doc.f(i) } else { "" }
    }

    fn is(&self, i: usize, w: &str) -> bool {
        i < self.end && self.doc.is_word(i) && self.doc.f(i) == w
    }

    fn any(&self, i: usize, l: &[&str]) -> bool {
        i < self.end && self.doc.is_any(i, l)
    }

    /// Skips a hyphen ("avant-hier", "après-midi", "mi-janvier").
    fn dash(&self, i: usize) -> usize {
        if i < self.end && self.doc.is_p(i, '-') {
            i + 1
        } else {
            i
        }
    }

    /// Times of day that may follow a day ("soir", "matin", "après-midi", "morning").
    fn time_of_day(&self, mut i: usize) -> (usize, bool) {
        if self.any(
            i,
            &[
                "soir",
                "matin",
                "midi",
                "morning",
                "evening",
                "afternoon",
                "soiree",
                "matinee",
            ],
        ) {
            return (i + 1, false);
        }
        if self.is(i, "apres") && self.f(self.dash(i + 1)) == "midi" {
            return (self.dash(i + 1) + 1, false);
        }
        if self.any(i, &["night", "nuit"]) {
            i += 1;
            return (i, true);
        }
        (i, false)
    }

    /// A day with its month ("24 janvier [2013]", "March 22[, 2012]", "Jan. 11",
    /// "12/01/2013", "2013-01-12") at `i`.
    fn absolute_day(&self, i: usize) -> Option<(usize, NaiveDate)> {
        let d = self.doc;
        if i >= self.end {
            return None;
        }
        // ISO 2013-01-12.
        if let Some(y) = year_at(d, i)
            && d.is_p(i + 1, '-')
            && d.is_num(i + 2)
            && d.is_p(i + 3, '-')
            && d.is_num(i + 4)
            && i + 4 < self.end
        {
            let m: u32 = d.f(i + 2).parse().ok()?;
            let dd: u32 = d.f(i + 4).parse().ok()?;
            return ymd(y, m, dd).map(|x| (i + 5, x));
        }
        // 12/01/2013, 31/03/13.
        if d.is_num(i)
            && d.is_p(i + 1, '/')
            && d.is_num(i + 2)
            && d.is_p(i + 3, '/')
            && d.is_num(i + 4)
            && i + 4 < self.end
        {
            let dd: u32 = d.f(i).parse().ok()?;
            let m: u32 = d.f(i + 2).parse().ok()?;
            let ys = d.f(i + 4);
            let y: i32 = ys.parse().ok()?;
            let y = match ys.len() {
                2 => 2000 + y,
                4 => y,
                _ => return None,
            };
            return ymd(y, m, dd).map(|x| (i + 5, x));
        }
        // 24 janvier [2013]
        if let Some((dd, j)) = day_of_month(d, i)
            && j < self.end
            && let Some((m, k)) = month_at(d, j)
        {
            let mut k = k;
            if d.is_p(k, ',') && year_at(d, k + 1).is_some() {
                k += 1;
            }
            if let Some(y) = year_at(d, k).filter(|_| k < self.end) {
                return ymd(y, m, dd).map(|x| (k + 1, x));
            }
            return infer_year(m, dd, self.r?).map(|x| (k, x));
        }
        // March 22[, 2012]
        if let Some((m, j)) = month_at(d, i)
            && let Some((dd, k)) = day_of_month(d, j).filter(|_| j < self.end)
        {
            let mut k = k;
            if d.is_p(k, ',') && year_at(d, k + 1).is_some() {
                k += 1;
            }
            if let Some(y) = year_at(d, k).filter(|_| k < self.end) {
                return ymd(y, m, dd).map(|x| (k + 1, x));
            }
            return infer_year(m, dd, self.r?).map(|x| (k, x));
        }
        None
    }

    /// A weekday expression at `i`.
    fn weekday_expr(&self, i: usize) -> Option<Parsed> {
        let mut j = i;
        let mut strict = false;
        let mut future = false;
        if self.any(j, &["last", "past"]) {
            strict = true;
            j += 1;
        } else if self.is(j, "next") {
            future = true;
            j += 1;
        }
        let wd = weekday(self.f(j))?;
        if !self.doc.is_word(j) {
            return None;
        }
        j += 1;
        // "samedi 2 novembre [2013]", "Saturday, March 31".
        let k = if self.doc.is_p(j, ',') { j + 1 } else { j };
        if let Some((next, date)) = self.absolute_day(k) {
            let (next, night) = self.time_of_day(next);
            return Some(if night {
                Parsed::new(
                    next,
                    MentionPrecision::Night,
                    Some((date, date + Duration::days(1))),
                )
            } else {
                Parsed::new(next, MentionPrecision::Day, day(date))
            });
        }
        if self.any(j, &["dernier", "passe"]) {
            strict = true;
            j += 1;
        } else if self.any(j, &["prochain"]) {
            future = true;
            j += 1;
        }
        let (j, night) = self.time_of_day(j);
        let date = self.r.map(|r| {
            if future {
                weekday_before(r, wd, true) + Duration::days(7)
            } else {
                weekday_before(r, wd, strict)
            }
        });
        let mut p = if night {
            Parsed::new(
                j,
                MentionPrecision::Night,
                date.map(|d| (d, d + Duration::days(1))),
            )
        } else {
            Parsed::new(j, MentionPrecision::Day, date.and_then(day))
        }
        .rel();
        if future {
            p.role = DateRole::Future;
        }
        Some(p)
    }

    /// A night: "nuit de mercredi à jeudi", "nuit du 20 au 21 février", "cette nuit",
    /// "la nuit dernière", "night of Saturday to Sunday", "last night", "overnight".
    fn night(&self, i: usize) -> Option<Parsed> {
        let r = self.r;
        let prev_night = |next: usize| {
            Parsed::new(
                next,
                MentionPrecision::Night,
                r.map(|r| (r - Duration::days(1), r)),
            )
            .rel()
        };
        if self.any(i, &["cette"]) && self.is(i + 1, "nuit") {
            return Some(prev_night(i + 2));
        }
        if self.is(i, "last") && self.is(i + 1, "night") {
            return Some(prev_night(i + 2));
        }
        if self.is(i, "overnight") {
            return Some(prev_night(i + 1));
        }
        if self.is(i, "tonight") {
            return Some(
                Parsed::new(
                    i + 1,
                    MentionPrecision::Night,
                    r.map(|r| (r, r + Duration::days(1))),
                )
                .rel(),
            );
        }
        // [dans|durant|pendant] la nuit ..., [during|on] the night ...
        let mut j = i;
        if self.any(j, &["dans", "durant", "during", "on"]) {
            j += 1;
        }
        if !self.any(j, &["la", "the"]) || !self.any(j + 1, &["nuit", "night"]) {
            return None;
        }
        j += 2;
        if self.any(j, &["derniere"]) {
            return Some(prev_night(j + 1));
        }
        if !self.any(j, &["de", "du", "of", "from"]) {
            // "dans la nuit", "during the night", with no day named: the last night before
            // the reference date, as "overnight" (a day named in the sentence still wins
            // when it is nearer the trigger).
            if j > i + 2 {
                return Some(prev_night(j));
            }
            return None;
        }
        j += 1;
        // First half: a weekday or a day number ("du 20 au 21 février").
        let first_wd = weekday(self.f(j));
        let first_day = if first_wd.is_none() {
            day_of_month(self.doc, j)
        } else {
            None
        };
        let after_first = match (first_wd, first_day) {
            (Some(_), _) => j + 1,
            (None, Some((_, k))) => k,
            _ => return None,
        };
        let mut k = after_first;
        // An absolute first date ("nuit du 30 mars au 1er avril").
        let first_abs = self.absolute_day(j).filter(|(n, _)| *n > after_first);
        if let Some((n, _)) = first_abs {
            k = n;
        }
        if self.any(k, &["a", "au", "to", "into"]) {
            let k2 = k + 1;
            let second = if let Some(wd) = weekday(self.f(k2)) {
                Some((k2 + 1, r.map(|r| weekday_before(r, wd, false)), true))
            } else if let Some((n, date)) = self.absolute_day(k2) {
                Some((n, Some(date), false))
            } else if let (Some((dd, n)), Some((fd, _))) = (day_of_month(self.doc, k2), first_day) {
                // "du 20 au 21" with the month after the first number missing: take the
                // month from the text after, or the reference.
                let _ = fd;
                let date = r.and_then(|r| infer_year(r.month(), dd, r));
                Some((n, date, true))
            } else {
                None
            };
            let (next, end_date, relative) = second?;
            let span = end_date.map(|e| (e - Duration::days(1), e));
            let mut p = Parsed::new(next, MentionPrecision::Night, span);
            p.relative = relative;
            return Some(p);
        }
        // "la nuit de samedi": the night from that day to the next.
        if let Some(wd) = first_wd {
            let start = r.map(|r| weekday_before(r, wd, false));
            let mut p = Parsed::new(
                after_first,
                MentionPrecision::Night,
                start.map(|s| (s, s + Duration::days(1))),
            );
            p.relative = true;
            // A night starting on the reference day has not happened yet: the week before.
            if let (Some(r), Some((s, _))) = (r, p.span)
                && s >= r
            {
                let s = s - Duration::days(7);
                p.span = Some((s, s + Duration::days(1)));
            }
            return Some(p);
        }
        if let Some((_, date)) = first_abs {
            return Some(Parsed::new(
                k,
                MentionPrecision::Night,
                Some((date, date + Duration::days(1))),
            ));
        }
        None
    }

    /// "hier", "avant-hier", "aujourd'hui", "ce matin", "yesterday", "today"…
    fn deictic(&self, i: usize) -> Option<Parsed> {
        let r = self.r;
        let at = |next: usize, back: i64| {
            Parsed::new(
                next,
                MentionPrecision::Day,
                r.map(|r| r - Duration::days(back)).and_then(day),
            )
            .rel()
        };
        let w = self.f(i);
        if self.is(i, "avant") && self.f(self.dash(i + 1)) == "hier" {
            let (n, _) = self.time_of_day(self.dash(i + 1) + 1);
            return Some(at(n, 2));
        }
        if w == "hier" {
            let (n, _) = self.time_of_day(i + 1);
            return Some(at(n, 1));
        }
        if self.is(i, "the")
            && self.is(i + 1, "day")
            && self.is(i + 2, "before")
            && self.is(i + 3, "yesterday")
        {
            return Some(at(i + 4, 2));
        }
        if w == "yesterday" {
            let (n, _) = self.time_of_day(i + 1);
            return Some(at(n, 1));
        }
        if w == "aujourd" && self.doc.is_p(i + 1, '\'') && self.f(i + 2) == "hui" {
            return Some(at(i + 3, 0));
        }
        if w == "today" {
            return Some(at(i + 1, 0));
        }
        if matches!(w, "ce" | "cet" | "this")
            && self.any(i + 1, &["matin", "soir", "morning", "evening", "afternoon"])
        {
            return Some(at(i + 2, 0));
        }
        if w == "cet" && self.is(i + 1, "apres") && self.f(self.dash(i + 2)) == "midi" {
            return Some(at(self.dash(i + 2) + 1, 0));
        }
        if matches!(w, "demain" | "tomorrow") {
            let mut p = at(i + 1, -1);
            p.role = DateRole::Future;
            return Some(p);
        }
        None
    }

    /// "le lendemain", "the next day", "la veille", "the day before" (against the last date
    /// of the text).
    fn sequel(&self, i: usize) -> Option<Parsed> {
        let prev = self.prev;
        let shift = |next: usize, by: i64| {
            let mut p = Parsed::new(
                next,
                MentionPrecision::Day,
                prev.map(|p| p + Duration::days(by)).and_then(day),
            );
            p.relative = true;
            p
        };
        if self.is(i, "lendemain") {
            return Some(shift(i + 1, 1));
        }
        // "earlier that month", "later that week", "ce mois-là".
        let mut j = i;
        if self.any(j, &["earlier", "later", "early", "late"]) {
            j += 1;
        }
        if self.is(j, "that") && self.any(j + 1, &["month", "week"]) {
            let week = self.is(j + 1, "week");
            let (p, span) = match (week, self.prev_any) {
                (true, Some(d)) => (
                    MentionPrecision::Week,
                    Some(span_of(d, MentionPrecision::Week)),
                ),
                (false, Some(d)) => (
                    MentionPrecision::Month,
                    Some(span_of(d, MentionPrecision::Month)),
                ),
                (true, None) => (MentionPrecision::Week, None),
                (false, None) => (MentionPrecision::Month, None),
            };
            let mut out = Parsed::new(j + 2, p, span);
            out.relative = true;
            return Some(out);
        }
        if self.is(i, "veille") {
            return Some(shift(i + 1, -1));
        }
        if self.is(i, "the") && self.any(i + 1, &["next", "following"]) && self.is(i + 2, "day") {
            return Some(shift(i + 3, 1));
        }
        if self.is(i, "the")
            && self.is(i + 1, "day")
            && self.is(i + 2, "before")
            && !self.is(i + 3, "yesterday")
        {
            return Some(shift(i + 3, -1));
        }
        None
    }

    /// Weeks: "en début de semaine", "cette semaine", "la semaine dernière", "early this
    /// week", "last week", "en fin de semaine".
    fn week(&self, i: usize) -> Option<Parsed> {
        let r = self.r;
        let mk = |next: usize, f: &dyn Fn(NaiveDate) -> (NaiveDate, NaiveDate)| {
            Parsed::new(next, MentionPrecision::Week, r.map(f)).rel()
        };
        let early = |r: NaiveDate| {
            let m = monday_of(r);
            (m, (m + Duration::days(2)).min(r).max(m))
        };
        let this = |r: NaiveDate| (monday_of(r), r);
        let last = |r: NaiveDate| {
            let m = monday_of(r) - Duration::days(7);
            (m, m + Duration::days(6))
        };
        let late = |r: NaiveDate| {
            let m = monday_of(r);
            let s = m + Duration::days(3);
            if s > r {
                (s - Duration::days(7), m - Duration::days(1))
            } else {
                (s, r)
            }
        };
        let mut j = i;
        if self.any(j, &["en", "au", "a"]) {
            j += 1;
        }
        if self.any(j, &["debut", "fin"]) && self.any(j + 1, &["de", "d"]) {
            let k = if self.is(j + 2, "la") || self.is(j + 2, "cette") {
                j + 3
            } else {
                j + 2
            };
            if self.is(k, "semaine") {
                let early_week = self.is(j, "debut");
                return Some(if early_week {
                    mk(k + 1, &early)
                } else {
                    mk(k + 1, &late)
                });
            }
        }
        if self.is(i, "cette") && self.is(i + 1, "semaine") {
            return Some(mk(i + 2, &this));
        }
        if self.is(i, "la") && self.is(i + 1, "semaine") && self.any(i + 2, &["derniere", "passee"])
        {
            return Some(mk(i + 3, &last));
        }
        if self.any(i, &["early", "earlier"]) && self.any(i + 1, &["this", "in"]) {
            let k = if self.is(i + 2, "the") { i + 3 } else { i + 2 };
            if self.is(k, "week") {
                return Some(mk(k + 1, &early));
            }
        }
        if self.is(i, "this") && self.is(i + 1, "week") {
            return Some(mk(i + 2, &this));
        }
        if self.is(i, "last") && self.is(i + 1, "week") {
            return Some(mk(i + 2, &last));
        }
        if self.any(i, &["late", "later"]) && self.is(i + 1, "this") && self.is(i + 2, "week") {
            return Some(mk(i + 3, &late));
        }
        None
    }

    /// A month or a year: "en janvier", "avril 2012", "fin janvier", "mi-janvier",
    /// "mid-January", "janvier dernier", "in 2009", "en 2012".
    fn month_or_year(&self, i: usize) -> Option<Parsed> {
        let d = self.doc;
        let mut j = i;
        let mut ctx = false;
        if self.any(j, &["debut", "fin", "mi", "early", "late", "mid", "end"]) {
            j = self.dash(j + 1);
            if self.any(j, &["of", "de", "d"]) {
                j += 1;
            }
            ctx = true;
        }
        if i > 0
            && d.is_any(
                i - 1,
                &[
                    "en",
                    "in",
                    "depuis",
                    "since",
                    "de",
                    "d",
                    "of",
                    "from",
                    "au",
                    "until",
                    "jusqu",
                    "by",
                    "entre",
                    "between",
                    "et",
                    "and",
                    "au",
                    "printemps",
                    "spring",
                    "ete",
                    "summer",
                    "automne",
                    "autumn",
                    "hiver",
                    "winter",
                ],
            )
        {
            ctx = true;
        }
        if let Some(m) = month_full(self.f(j)).filter(|_| d.is_word(j) && j < self.end) {
            let w = self.f(j);
            let mut k = j + 1;
            if let Some(y) = year_at(d, k).filter(|_| k < self.end) {
                let s = ymd(y, m, 1)?;
                return Some(Parsed::new(
                    k + 1,
                    MentionPrecision::Month,
                    Some(month_span(s)),
                ));
            }
            let strictly_past = self.any(k, &["dernier"]) || (i > 0 && d.is_any(i - 1, &["last"]));
            if self.any(k, &["dernier"]) {
                k += 1;
                ctx = true;
            }
            if month_needs_context(w) && !ctx {
                return None;
            }
            // A bare month name with no date context is not a date ("mars" is safe, but
            // "Mai" may be a name): require a context word or a French month name.
            if !ctx
                && !matches!(
                    w,
                    "janvier"
                        | "fevrier"
                        | "avril"
                        | "juin"
                        | "juillet"
                        | "aout"
                        | "septembre"
                        | "octobre"
                        | "novembre"
                        | "decembre"
                        | "january"
                        | "february"
                        | "april"
                        | "june"
                        | "july"
                        | "august"
                        | "september"
                        | "october"
                        | "november"
                        | "december"
                )
            {
                return None;
            }
            let s = self.r.and_then(|r| infer_month(m, r, strictly_past));
            return Some(Parsed::new(k, MentionPrecision::Month, s.map(month_span)).rel());
        }
        if j == i
            && let Some(y) = year_at(d, i)
            && ctx
        {
            // "entre 1990 et 1995" and "en 2012" alike.
            return Some(Parsed::new(i + 1, MentionPrecision::Year, year_span(y)));
        }
        None
    }

    /// "il y a trois mois", "three months ago".
    fn ago(&self, i: usize) -> Option<Parsed> {
        let r = self.r;
        let back =
            |n: u32, days: f64| r.map(|r| r - Duration::days((f64::from(n) * days).round() as i64));
        if self.is(i, "il") && self.is(i + 1, "y") && self.is(i + 2, "a") {
            let n = count(self.doc, i + 3)?;
            let (days, p) = unit(self.f(i + 4))?;
            let d = back(n, days)?;
            return Some(Parsed::new(i + 5, p, Some(span_of(d, p))).rel());
        }
        let n = count(self.doc, i)?;
        let (days, p) = unit(self.f(i + 1))?;
        if self.is(i + 2, "ago") {
            let d = back(n, days);
            return Some(Parsed::new(i + 3, p, d.map(|d| span_of(d, p))).rel());
        }
        None
    }

    /// "pendant neuf mois [en 2012]", "for three months", "depuis 24 heures".
    fn duration(&self, i: usize) -> Option<Parsed> {
        let since = self.any(i, &["depuis"]);
        if !self.any(i, &["pendant", "durant", "for", "during", "depuis"]) {
            return None;
        }
        let mut j = i + 1;
        if self.any(
            j,
            &["plus", "pres", "environ", "about", "nearly", "over", "some"],
        ) {
            j += if self.any(j + 1, &["de", "d", "than"]) {
                2
            } else {
                1
            };
        }
        let n =
            count(self.doc, j).or_else(|| self.any(j, &["un", "une", "a", "one"]).then_some(1))?;
        let (days, _) = unit(self.f(j + 1))?;
        let mut k = j + 2;
        // "deux mois et demi"
        if self.is(k, "et") && self.any(k + 1, &["demi", "demie"]) {
            k += 2;
        }
        if since {
            let r = self.r;
            let span = r.map(|r| (r - Duration::days((f64::from(n) * days).ceil() as i64), r));
            let mut p = Parsed::new(k, MentionPrecision::Day, span).rel();
            p.role = DateRole::Since;
            if days * f64::from(n) > 7.0 {
                p.precision = MentionPrecision::Duration;
            }
            return Some(p);
        }
        let mut p = Parsed::new(k, MentionPrecision::Duration, None);
        p.role = DateRole::Duration;
        if self.any(k, &["en", "in"])
            && let Some(y) = year_at(self.doc, k + 1).filter(|_| k + 1 < self.end)
        {
            p.span = year_span(y);
            p.next = k + 2;
        }
        Some(p)
    }

    /// One expression at `i`, if any.
    fn at(&self, i: usize) -> Option<Parsed> {
        if !self.may_start(i) {
            return None;
        }
        if let Some(p) = self.duration(i) {
            return Some(p);
        }
        if self.any(i, &["depuis", "since"]) {
            let mut j = i + 1;
            if self.any(j, &["le", "la", "l", "the"]) {
                j += 1;
            }
            if self.doc.is_p(j, '\'') {
                j += 1;
            }
            let inner = self.single(j)?;
            let mut p = inner;
            p.role = DateRole::Since;
            p.span = match (inner.span, self.r) {
                (Some((s, _)), Some(r)) if s <= r => Some((s, r)),
                (s, _) => s,
            };
            return Some(p);
        }
        self.single(i)
    }

    /// Whether token `i` can start an expression (a cheap filter before the parsers).
    fn may_start(&self, i: usize) -> bool {
        let d = self.doc;
        if d.is_num(i) {
            return true;
        }
        if !d.is_word(i) {
            return false;
        }
        let w = d.f(i);
        weekday(w).is_some()
            || month_full(w).is_some()
            || month_abbrev(w).is_some()
            || super::numbers::small_number(w).is_some()
            || matches!(
                w,
                "depuis"
                    | "since"
                    | "pendant"
                    | "durant"
                    | "for"
                    | "during"
                    | "cette"
                    | "cet"
                    | "ce"
                    | "this"
                    | "last"
                    | "past"
                    | "next"
                    | "overnight"
                    | "tonight"
                    | "dans"
                    | "on"
                    | "la"
                    | "the"
                    | "avant"
                    | "hier"
                    | "yesterday"
                    | "aujourd"
                    | "today"
                    | "demain"
                    | "tomorrow"
                    | "lendemain"
                    | "veille"
                    | "en"
                    | "au"
                    | "a"
                    | "debut"
                    | "fin"
                    | "early"
                    | "earlier"
                    | "late"
                    | "later"
                    | "mi"
                    | "mid"
                    | "end"
                    | "il"
                    | "entre"
                    | "between"
            )
    }

    fn single(&self, i: usize) -> Option<Parsed> {
        if i >= self.end {
            return None;
        }
        if let Some(p) = self.night(i) {
            return Some(p);
        }
        if let Some(p) = self.deictic(i) {
            return Some(p);
        }
        if let Some(p) = self.week(i) {
            return Some(p);
        }
        if let Some(p) = self.sequel(i) {
            return Some(p);
        }
        if let Some(p) = self.weekday_expr(i) {
            return Some(p);
        }
        // "le 24 janvier", "ce 4 mai", "on Jan. 11"
        if let Some((next, date)) = self.absolute_day(i) {
            let (next, night) = self.time_of_day(next);
            return Some(if night {
                Parsed::new(
                    next,
                    MentionPrecision::Night,
                    Some((date, date + Duration::days(1))),
                )
            } else {
                Parsed::new(next, MentionPrecision::Day, day(date))
            });
        }
        if let Some(p) = self.ago(i) {
            return Some(p);
        }
        self.month_or_year(i)
    }
}

fn span_of(d: NaiveDate, p: MentionPrecision) -> (NaiveDate, NaiveDate) {
    match p {
        MentionPrecision::Week => (monday_of(d), monday_of(d) + Duration::days(6)),
        MentionPrecision::Month => month_span(d.with_day(1).unwrap_or(d)),
        MentionPrecision::Year => year_span(d.year()).unwrap_or((d, d)),
        _ => (d, d),
    }
}

/// What one sentence's scan hands to the next: the last day and the last point in time.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Carry {
    day: Option<NaiveDate>,
    any: Option<NaiveDate>,
}

/// Every date expression of sentence token range `range`, resolved against `reference`;
/// `prev` is the last day resolved earlier in the text (updated).
pub(crate) fn scan_range(
    doc: &Doc,
    text: &str,
    range: (usize, usize),
    reference: Option<NaiveDate>,
    prev: &mut Carry,
    out: &mut Vec<DateMention>,
) {
    let mut s = Scan {
        doc,
        end: range.1,
        r: reference,
        prev: prev.day,
        prev_any: prev.any,
    };
    let first_new = out.len();
    let mut i = range.0;
    while i < range.1 {
        match s.at(i) {
            Some(p) if p.next > i => {
                let last = p.next - 1;
                let (a, b) = doc.span(i, last);
                let background = match (p.role, p.span, reference) {
                    (DateRole::Since | DateRole::Duration, _, _) => {
                        p.role == DateRole::Duration
                            || p.span.is_none_or(|(st, _)| {
                                reference.is_none_or(|r| st < r - Duration::days(7))
                            })
                    }
                    (_, Some((_, e)), Some(r)) => e < r - Duration::days(7),
                    _ => false,
                };
                if p.role == DateRole::Point
                    && let Some((st, _)) = p.span
                {
                    s.prev_any = Some(st);
                }
                if p.role == DateRole::Point
                    && let Some((st, en)) = p.span
                    && p.precision <= MentionPrecision::Night
                {
                    s.prev = Some(if p.precision == MentionPrecision::Night {
                        en
                    } else {
                        st
                    });
                }
                out.push(DateMention {
                    text: text[a..b].to_string(),
                    start: a,
                    end: b,
                    precision: p.precision,
                    role: p.role,
                    date_start: p.span.map(|x| x.0),
                    date_end: p.span.map(|x| x.1),
                    relative: p.relative,
                    background,
                    reported: is_reported(doc, i, range.0),
                    tok: (i, last),
                });
                i = p.next;
            }
            _ => i += 1,
        }
    }
    join_pairs(doc, text, out, first_new);
    prev.day = s.prev;
    prev.any = s.prev_any;
}

/// Reporting verbs: a date right after one dates the statement.
const REPORTING: &[&str] = &[
    "said",
    "says",
    "told",
    "announced",
    "reported",
    "added",
    "declared",
    "stated",
    "confirmed",
    "declare",
    "indique",
    "affirme",
    "precise",
    "annonce",
    "rapporte",
    "ajoute",
    "explique",
    "dit",
    "confirme",
    "assure",
];

/// Whether the expression starting at token `i` follows a reporting verb within three
/// tokens ("said on Friday", "told AFP on Sunday", "a déclaré jeudi").
fn is_reported(doc: &Doc, i: usize, sentence_start: usize) -> bool {
    (i.saturating_sub(3).max(sentence_start)..i).any(|k| doc.is_any(k, REPORTING))
}

/// Joins "A et B" into one span and "entre A et B" into a range.
fn join_pairs(doc: &Doc, text: &str, out: &mut Vec<DateMention>, from: usize) {
    let mut k = from;
    while k + 1 < out.len() {
        let (a, b) = (&out[k], &out[k + 1]);
        let gap = (a.tok.1 + 1, b.tok.0);
        let joined_by_and = gap.1 >= gap.0
            && gap.1 - gap.0 <= 3
            && (gap.0..gap.1).any(|t| doc.is_any(t, &["et", "and"]))
            && (gap.0..gap.1).all(|t| {
                doc.is_any(
                    t,
                    &[
                        "et", "and", "dans", "la", "ce", "cette", "on", "the", "entre", "between",
                    ],
                ) || doc.is_p(t, ',')
            });
        let both_points = a.role == b.role && a.role == DateRole::Point;
        if !(joined_by_and && both_points) {
            k += 1;
            continue;
        }
        let range = a.tok.0 > 0 && doc.is_any(a.tok.0 - 1, &["entre", "between"]);
        let (s, e) = match (a.date_start, b.date_end) {
            (Some(s), Some(e)) if s <= e => (Some(s), Some(e)),
            _ => (a.date_start.or(b.date_start), b.date_end.or(a.date_end)),
        };
        let days = match (s, e) {
            (Some(s), Some(e)) => (e - s).num_days(),
            _ => 0,
        };
        let coarse = a.precision.max(b.precision);
        let precision = if range {
            // "entre fin mars et début avril 2012": a range keeps its parts' precision.
            coarse
        } else if coarse <= MentionPrecision::Night && days <= 1 {
            if days == 1
                && (a.precision == MentionPrecision::Night
                    || b.precision == MentionPrecision::Night)
            {
                MentionPrecision::Night
            } else if days == 0 {
                MentionPrecision::Day
            } else {
                MentionPrecision::Week
            }
        } else if coarse <= MentionPrecision::Week && days <= 6 {
            MentionPrecision::Week
        } else if days <= 31 {
            coarse.max(MentionPrecision::Month)
        } else {
            coarse.max(MentionPrecision::Year)
        };
        let start_tok = if range { a.tok.0 - 1 } else { a.tok.0 };
        let (st, en) = doc.span(start_tok, b.tok.1);
        let merged = DateMention {
            text: text[st..en].to_string(),
            start: st,
            end: en,
            precision,
            role: DateRole::Point,
            date_start: s,
            date_end: e,
            relative: a.relative || b.relative,
            background: a.background && b.background,
            reported: a.reported,
            tok: (start_tok, b.tok.1),
        };
        out[k] = merged;
        out.remove(k + 1);
    }
}

/// The full dates (day, month and year) of tokens `range`, with their token spans: what a
/// dateline line holds.
pub(crate) fn absolute_days(doc: &Doc, range: (usize, usize)) -> Vec<(usize, usize, NaiveDate)> {
    let s = Scan {
        doc,
        end: range.1,
        r: None,
        prev: None,
        prev_any: None,
    };
    let mut out = Vec::new();
    let mut i = range.0;
    while i < range.1 {
        // "12 janvier, 2013" (a comma between month and year).
        if let Some((dd, j)) = day_of_month(doc, i)
            && let Some((m, k)) = month_at(doc, j)
            && doc.is_p(k, ',')
            && let Some(y) = year_at(doc, k + 1)
            && k + 1 < range.1
            && let Some(d) = ymd(y, m, dd)
        {
            out.push((i, k + 1, d));
            i = k + 2;
            continue;
        }
        match s.absolute_day(i) {
            Some((next, d)) => {
                out.push((i, next - 1, d));
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn scan(text: &str, r: Option<NaiveDate>) -> Vec<DateMention> {
        let doc = Doc::new(text);
        let mut out = Vec::new();
        let mut prev = Carry::default();
        scan_range(&doc, text, (0, doc.len()), r, &mut prev, &mut out);
        out
    }

    fn one(text: &str, r: NaiveDate) -> DateMention {
        let m = scan(text, Some(r));
        assert_eq!(m.len(), 1, "{text}: {m:#?}");
        m.into_iter().next().unwrap()
    }

    const SAT: (i32, u32, u32) = (2013, 1, 12);

    fn sat() -> NaiveDate {
        d(SAT.0, SAT.1, SAT.2)
    }

    #[test]
    fn weekdays_resolve_to_the_most_recent_day() {
        let m = one("Konna est tombée jeudi aux mains des islamistes.", sat());
        assert_eq!(m.text, "jeudi");
        assert_eq!(m.date_start, Some(d(2013, 1, 10)));
        assert_eq!(m.precision, MentionPrecision::Day);
        assert!(m.relative);
        // The reference day itself.
        let thu = d(2013, 2, 21);
        assert_eq!(
            one("Jeudi à Gao, les combats continuaient.", thu).date_start,
            Some(thu)
        );
        assert_eq!(
            one("the town was taken last Saturday", sat()).date_start,
            Some(d(2013, 1, 5))
        );
        assert_eq!(one("on Friday", sat()).date_start, Some(d(2013, 1, 11)));
        assert_eq!(one("dimanche soir", d(2013, 3, 31)).text, "dimanche soir");
    }

    #[test]
    fn nights_span_two_dates() {
        let thu = d(2013, 2, 21);
        let m = one("des combats entamés dans la nuit de mercredi à jeudi", thu);
        assert_eq!(m.text, "dans la nuit de mercredi à jeudi");
        assert_eq!(
            (m.date_start, m.date_end),
            (Some(d(2013, 2, 20)), Some(thu))
        );
        assert_eq!(m.precision, MentionPrecision::Night);
        let m = one("des frappes \"cette nuit et ce matin\"", sat());
        assert_eq!(m.text, "cette nuit et ce matin");
        assert_eq!(
            (m.date_start, m.date_end),
            (Some(d(2013, 1, 11)), Some(sat()))
        );
        assert_eq!(m.precision, MentionPrecision::Night);
        let m = one("dans la nuit du 30 au 31 mars", d(2013, 4, 2));
        assert_eq!(
            (m.date_start, m.date_end),
            (Some(d(2013, 3, 30)), Some(d(2013, 3, 31)))
        );
        let m = one("on the night of Saturday to Sunday", d(2013, 3, 31));
        assert_eq!(m.date_start, Some(d(2013, 3, 30)));
    }

    #[test]
    fn deictic_words() {
        assert_eq!(one("hier", sat()).date_start, Some(d(2013, 1, 11)));
        assert_eq!(one("avant-hier", sat()).date_start, Some(d(2013, 1, 10)));
        assert_eq!(
            one("Yesterday they attacked", sat()).date_start,
            Some(d(2013, 1, 11))
        );
        assert_eq!(one("aujourd'hui", sat()).date_start, Some(sat()));
        assert_eq!(one("this morning", sat()).date_start, Some(sat()));
        let m = one("demain", sat());
        assert_eq!(m.role, DateRole::Future);
    }

    #[test]
    fn weeks_months_years() {
        let m = one("Les combats avaient repris en début de semaine.", sat());
        assert_eq!(m.text, "en début de semaine");
        assert_eq!(
            (m.date_start, m.date_end),
            (Some(d(2013, 1, 7)), Some(d(2013, 1, 9)))
        );
        assert_eq!(m.precision, MentionPrecision::Week);
        let m = one("last week", sat());
        assert_eq!(
            (m.date_start, m.date_end),
            (Some(d(2012, 12, 31)), Some(d(2013, 1, 6)))
        );
        let m = one("arrivés en janvier dernier", d(2013, 5, 4));
        assert_eq!(m.date_start, Some(d(2013, 1, 1)));
        assert_eq!(m.precision, MentionPrecision::Month);
        let m = one("en février", d(2013, 5, 4));
        assert_eq!(m.date_end, Some(d(2013, 2, 28)));
        let m = one("in mid-January", d(2012, 3, 30));
        assert_eq!(m.date_start, Some(d(2012, 1, 1)));
        let m = one("Their last rebellion ended in 2009.", d(2012, 1, 17));
        assert_eq!(m.precision, MentionPrecision::Year);
        assert!(m.background);
        // A modal "may" is not May.
        assert!(scan("The army may attack.", Some(sat())).is_empty());
    }

    #[test]
    fn since_and_durations_are_background() {
        let m = one("Depuis avril 2012, le nord est occupé.", sat());
        assert_eq!(m.role, DateRole::Since);
        assert_eq!(m.precision, MentionPrecision::Month);
        assert_eq!(
            (m.date_start, m.date_end),
            (Some(d(2012, 4, 1)), Some(sat()))
        );
        assert!(m.background);
        assert!(!m.dates_event());
        let m = one("qui a occupé Gao pendant neuf mois en 2012", d(2013, 2, 21));
        assert_eq!(m.text, "pendant neuf mois en 2012");
        assert_eq!(m.role, DateRole::Duration);
        assert_eq!(m.precision, MentionPrecision::Duration);
        assert_eq!(m.date_start, Some(d(2012, 1, 1)));
        assert!(m.background);
        let m = one("sept morts depuis 24 heures", d(2013, 3, 31));
        assert_eq!(m.role, DateRole::Since);
        assert_eq!(m.date_start, Some(d(2013, 3, 30)));
        assert!(!m.background);
    }

    #[test]
    fn absolute_days_and_years() {
        let m = one("le 24 janvier", d(2012, 1, 25));
        assert_eq!(m.date_start, Some(d(2012, 1, 24)));
        assert!(!m.relative);
        assert_eq!(
            one("ce samedi 1er septembre 2012", d(2012, 9, 1)).date_start,
            Some(d(2012, 9, 1))
        );
        assert_eq!(
            one("on Jan. 11", d(2013, 2, 19)).date_start,
            Some(d(2013, 1, 11))
        );
        assert_eq!(
            one("since March 22", d(2012, 4, 1)).date_start,
            Some(d(2012, 3, 22))
        );
        // December in a January dispatch is last year's.
        assert_eq!(
            one("le 28 décembre", sat()).date_start,
            Some(d(2012, 12, 28))
        );
        assert_eq!(one("31/03/13", sat()).date_start, Some(d(2013, 3, 31)));
        let m = one("three months ago", d(2012, 6, 28));
        assert_eq!(m.precision, MentionPrecision::Month);
        assert_eq!(m.date_start, Some(d(2012, 3, 1)));
        let m = one("entre fin mars et début avril 2012", d(2013, 1, 8));
        assert_eq!(m.date_start, Some(d(2012, 3, 1)));
        assert_eq!(m.precision, MentionPrecision::Month);
        assert_eq!(m.date_end, Some(d(2012, 4, 30)));
    }

    #[test]
    fn statement_dates_are_flagged() {
        let m = one(
            "the rebels seized Gao, witnesses told AFP on Sunday",
            d(2012, 4, 1),
        );
        assert!(m.reported);
        let m = one(
            "the rebels seized Gao on Saturday, witnesses said",
            d(2012, 4, 1),
        );
        assert!(!m.reported);
    }

    #[test]
    fn sequels_follow_the_previous_date() {
        let m = scan(
            "le 19 janvier, le lendemain d'une attaque",
            Some(d(2012, 1, 25)),
        );
        assert_eq!(m.len(), 2);
        assert_eq!(m[1].date_start, Some(d(2012, 1, 20)));
        let m = scan(
            "In February, a bomb exploded. Earlier that month, a car bomb killed one.",
            Some(d(2013, 4, 12)),
        );
        assert_eq!(m[1].text, "Earlier that month");
        assert_eq!(
            (m[1].date_start, m[1].date_end),
            (Some(d(2013, 2, 1)), Some(d(2013, 2, 28)))
        );
        assert!(m[1].background);
    }

    #[test]
    fn without_a_reference_relative_dates_stay_unresolved() {
        let m = scan("jeudi, puis le 12 janvier 2013", None);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].date_start, None);
        assert_eq!(m[1].date_start, Some(d(2013, 1, 12)));
    }
}
