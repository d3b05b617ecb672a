//! The dispatch's head: headline and dateline.
//!
//! A dateline is a short line among the first lines of the text that is a full date plus
//! at most a time, a time zone and a few words such as "Posted", "Publié le", "Mise à jour"
//! ("12 janvier, 2013 - 11:31 GMT", "Saturday 12 January 2013", "12/01/2013",
//! "2013-01-12", "Posted: Jan 17, 2012 6:28 PM", "Mise à Jour 31/03/13, 16h00"). The
//! headline is the first non-empty line when it is neither the dateline nor a sentence of
//! the body (no final full stop, at most 200 characters).

use chrono::NaiveDate;

use super::dates::absolute_days;
use super::doc::Doc;

/// The dateline found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Dateline {
    /// The date.
    pub date: NaiveDate,
    /// The line as written (trimmed).
    pub text: String,
    /// 1-based line number.
    pub line: u64,
}

/// Words a dateline line may hold besides its date.
const DATELINE_WORDS: &[&str] = &[
    "posted",
    "published",
    "updated",
    "update",
    "publie",
    "mis",
    "mise",
    "a",
    "jour",
    "le",
    "on",
    "gmt",
    "utc",
    "cet",
    "cest",
    "pm",
    "am",
    "h",
    "heure",
    "heures",
    "par",
    "by",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "modifie",
    "cree",
    "date",
    "at",
    "edt",
    "est",
    "bst",
    "utc",
    "t",
    "z",
    "er",
    "st",
    "nd",
    "rd",
    "th",
];

/// How many lines from the top are searched.
const HEAD_LINES: usize = 8;

/// Finds the dateline among the first lines of `text` (tokenized as `doc`).
pub(crate) fn find_dateline(text: &str, doc: &Doc) -> Option<Dateline> {
    let mut offset = 0usize;
    for (n, line) in text.split_inclusive('\n').enumerate().take(HEAD_LINES) {
        let start = offset;
        offset += line.len();
        let t = line.trim();
        if t.is_empty() || t.chars().count() > 90 {
            continue;
        }
        let a = doc.token_at(start);
        let b = doc.token_at(start + line.trim_end().len());
        if a >= b {
            continue;
        }
        let found = absolute_days(doc, (a, b));
        let Some(&(f, l, date)) = found.first() else {
            continue;
        };
        let others = (a..b)
            .filter(|&i| i < f || i > l)
            .filter(|&i| doc.is_word(i) && !DATELINE_WORDS.contains(&doc.f(i)))
            .count();
        if others <= 2 {
            return Some(Dateline {
                date,
                text: t.to_string(),
                line: n as u64 + 1,
            });
        }
    }
    None
}

/// The headline: the first non-empty line, unless it is the dateline or reads as a body
/// sentence.
pub(crate) fn find_headline(text: &str, dateline: Option<&Dateline>) -> Option<(String, u64)> {
    let (n, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| !l.trim().is_empty())?;
    let t = line.trim();
    if dateline.is_some_and(|d| d.line == n as u64 + 1) {
        return None;
    }
    let next_blank = text.lines().nth(n + 1).is_none_or(|l| l.trim().is_empty());
    if t.chars().count() > 200 || (t.ends_with('.') && !next_blank) {
        return None;
    }
    Some((t.to_string(), n as u64 + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dl(text: &str) -> Option<NaiveDate> {
        let doc = Doc::new(text);
        find_dateline(text, &doc).map(|d| d.date)
    }

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn dateline_formats() {
        assert_eq!(
            dl("12 janvier, 2013 - 11:31 GMT\n\nLe texte."),
            d(2013, 1, 12)
        );
        assert_eq!(
            dl("Titre\n\nSaturday 12 January 2013\n\nBody."),
            d(2013, 1, 12)
        );
        assert_eq!(dl("12/01/2013\nBody."), d(2013, 1, 12));
        assert_eq!(dl("2013-01-12T10:00Z\nBody."), d(2013, 1, 12));
        assert_eq!(
            dl("Headline\n\nPosted: Jan 17, 2012 6:28 PM\n\nBody"),
            d(2012, 1, 17)
        );
        assert_eq!(
            dl("Titre\n\nMise à Jour 31/03/13, 16h00\n\nCorps"),
            d(2013, 3, 31)
        );
        assert_eq!(
            dl("Titre\n\nPublié le Samedi 02 Novembre 2013\n"),
            d(2013, 11, 2)
        );
        assert_eq!(
            dl("T\n\n19 February 2013 21:55 (UTC +04:00)\n"),
            d(2013, 2, 19)
        );
        assert_eq!(dl("T\n\nMarch 30, 2012 2:09 pm\n"), d(2012, 3, 30));
        assert_eq!(dl("By AFP\nAPR 1, 2012\n"), d(2012, 4, 1));
    }

    #[test]
    fn a_sentence_with_a_date_is_not_a_dateline() {
        assert_eq!(
            dl("Les islamistes ont pris la ville de Douentza le 1er septembre 2012.\n"),
            None
        );
        assert_eq!(dl("Titre\n\nPas de date ici.\n"), None);
    }

    #[test]
    fn headline() {
        let t = "VIDEO - Mali : combats à Gao\n\nJeudi à Gao, les combats continuaient.";
        assert_eq!(
            find_headline(t, None).unwrap().0,
            "VIDEO - Mali : combats à Gao"
        );
        let t = "12 janvier, 2013 - 11:31 GMT\n\nLa contre-attaque a été menée.\nSuite.";
        let doc = Doc::new(t);
        let d = find_dateline(t, &doc);
        assert_eq!(find_headline(t, d.as_ref()), None);
    }
}
