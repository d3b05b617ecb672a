//! Death tolls: a figure (in digits or words: "trois", "une centaine", "a dozen",
//! "dozens") that qualifies a noun for people, next to a death word ("tués", "killed",
//! "a perdu deux hommes"), with its precision.

use super::doc::Doc;
use super::lexicon::DeathFigure;
use crate::claims::lexicon::NUMBER_WORDS;

/// How exact a reported toll is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FatalityPrecision {
    /// As stated ("trois islamistes").
    Exact,
    /// A round or approximate figure ("une centaine", "about 20", "a dozen").
    About,
    /// A floor ("au moins trois", "more than 20", "dozens").
    AtLeast,
}

impl FatalityPrecision {
    /// `exact`, `about` or `at_least`.
    pub fn label(self) -> &'static str {
        match self {
            FatalityPrecision::Exact => "exact",
            FatalityPrecision::About => "about",
            FatalityPrecision::AtLeast => "at_least",
        }
    }
}

/// A toll found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Toll {
    pub value: u32,
    pub precision: FatalityPrecision,
    /// Tokens of the figure and its qualifier.
    pub tok: (usize, usize),
    /// Token of the death word.
    pub death: usize,
}

/// Small numbers in words (FR/EN).
pub(crate) fn small_number(w: &str) -> Option<u32> {
    Some(match w {
        "un" | "une" | "one" => 1,
        "deux" | "two" => 2,
        "trois" | "three" => 3,
        "quatre" | "four" => 4,
        "cinq" | "five" => 5,
        "six" => 6,
        "sept" | "seven" => 7,
        "huit" | "eight" => 8,
        "neuf" | "nine" => 9,
        "dix" | "ten" => 10,
        "onze" | "eleven" => 11,
        "douze" | "twelve" => 12,
        "treize" | "thirteen" => 13,
        "quatorze" | "fourteen" => 14,
        "quinze" | "fifteen" => 15,
        "seize" | "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    })
}

/// A figure starting at token `i` (before `end`): (value, precision implied by the
/// wording, next token).
fn figure(doc: &Doc, i: usize, end: usize) -> Option<(u32, FatalityPrecision, usize)> {
    if i >= end {
        return None;
    }
    let w = doc.f(i);
    let next = doc.f(i + 1);
    // "une centaine", "a dozen", "a hundred"
    if matches!(w, "un" | "une" | "a" | "an" | "one")
        && i + 1 < end
        && let Some(&(_, v, approx)) = NUMBER_WORDS.iter().find(|(n, _, _)| *n == next)
    {
        let p = if approx || matches!(next, "hundred") {
            FatalityPrecision::About
        } else {
            FatalityPrecision::Exact
        };
        return Some((v as u32, p, i + 2));
    }
    // "des dizaines", "plusieurs centaines", "dozens", "hundreds"
    let plural = |x: &str| -> Option<u32> {
        Some(match x {
            "dizaines" => 20,
            "centaines" | "hundreds" => 200,
            "milliers" | "thousands" => 2000,
            "dozens" => 24,
            _ => return None,
        })
    };
    if matches!(w, "des" | "plusieurs")
        && i + 1 < end
        && let Some(v) = plural(next)
    {
        return Some((v, FatalityPrecision::AtLeast, i + 2));
    }
    if let Some(v) = plural(w) {
        return Some((v, FatalityPrecision::AtLeast, i + 1));
    }
    if doc.is_num(i) {
        let v: u32 = w.parse().ok().filter(|v| *v < 100_000)?;
        // Not a time, a date or a decimal ("11:31", "12/01", "2,5").
        if doc.is_p(i + 1, ':') || doc.is_p(i + 1, '/') || doc.is_p(i + 1, ',') && doc.is_num(i + 2)
        {
            return None;
        }
        return Some((v, FatalityPrecision::Exact, i + 1));
    }
    if !doc.is_word(i) {
        return None;
    }
    if matches!(w, "a" | "an") {
        return Some((1, FatalityPrecision::Exact, i + 1));
    }
    if let Some(v) = small_number(w) {
        return Some((v, FatalityPrecision::Exact, i + 1));
    }
    if let Some(&(_, v, approx)) = NUMBER_WORDS.iter().find(|(n, _, _)| *n == w) {
        let p = if approx {
            FatalityPrecision::About
        } else {
            FatalityPrecision::Exact
        };
        return Some((v as u32, p, i + 1));
    }
    None
}

/// The qualifier ending just before token `i`: (precision, first token).
fn qualifier(doc: &Doc, i: usize, start: usize) -> Option<(FatalityPrecision, usize)> {
    let two = |a: &str, b: &str| i >= start + 2 && doc.f(i - 2) == a && doc.f(i - 1) == b;
    let one = |a: &[&str]| i > start && doc.is_any(i - 1, a);
    if two("au", "moins")
        || two("at", "least")
        || two("plus", "de")
        || two("more", "than")
        || two("plus", "d")
    {
        return Some((FatalityPrecision::AtLeast, i - 2));
    }
    if two("pres", "de") || two("pres", "d") || two("up", "to") {
        return Some((FatalityPrecision::About, i - 2));
    }
    if one(&["over", "upwards"]) {
        return Some((FatalityPrecision::AtLeast, i - 1));
    }
    if one(&[
        "environ",
        "about",
        "around",
        "some",
        "nearly",
        "almost",
        "approximately",
        "roughly",
        "quelque",
        "quelques",
    ]) {
        return Some((FatalityPrecision::About, i - 1));
    }
    None
}

/// A toll figure at `k`: the figure must be followed within four tokens by a noun for
/// people (`person[j]`), before `limit`.
fn toll_at(
    doc: &Doc,
    k: usize,
    start: usize,
    limit: usize,
    person: &[bool],
) -> Option<(u32, FatalityPrecision, (usize, usize))> {
    let (v, mut p, next) = figure(doc, k, limit)?;
    let is_article = matches!(doc.f(k), "a" | "an" | "un" | "une") && next == k + 1;
    let reach = if is_article { 3 } else { 5 };
    let hit =
        (next..(next + reach).min(limit)).find(|&j| person.get(j).copied().unwrap_or(false))?;
    // A running tally is not the toll of an event ("brings to two the number of French
    // troops killed", "porte à sept le nombre de soldats tués").
    if (k.saturating_sub(2)..hit).any(|j| {
        doc.is_any(
            j,
            &["number", "nombre", "brings", "bringing", "porte", "portant"],
        )
    }) {
        return None;
    }
    let mut first = k;
    if let Some((q, f)) = qualifier(doc, k, start) {
        p = p.max(q);
        first = f;
    }
    // The toll as written runs to its noun ("un soldat français" → "Un soldat").
    Some((v, p, (first, hit)))
}

/// The tolls of one sentence (tokens `range`), from its death words (`deaths`: first and
/// last token and where the figure stands) and the people nouns `person`.
pub(crate) fn tolls(
    doc: &Doc,
    range: (usize, usize),
    deaths: &[(usize, usize, DeathFigure)],
    person: &[bool],
) -> Vec<Toll> {
    let (start, end) = range;
    let mut out: Vec<Toll> = Vec::new();
    for &(first, last, where_) in deaths {
        let forward = || -> Option<Toll> {
            let mut k = last + 1;
            while k < end && k <= last + 6 {
                if let Some((v, p, tok)) = toll_at(doc, k, last + 1, end, person) {
                    return Some(Toll {
                        value: v,
                        precision: p,
                        tok,
                        death: first,
                    });
                }
                k += 1;
            }
            None
        };
        let backward = || -> Option<Toll> {
            let lo = first.saturating_sub(20).max(start);
            let mut k = first;
            let mut found: Option<Toll> = None;
            while k > lo {
                k -= 1;
                // A comma ends the clause unless the sentence goes on with its verb or a
                // "dont" ("sept personnes, dont un soldat, ont été tuées").
                if doc.is_p(k, ',') || doc.is_p(k, ';') || doc.is_p(k, ':') {
                    let goes_on = doc.is_p(k, ',')
                        && doc.is_any(
                            k + 1,
                            &[
                                "dont",
                                "including",
                                "among",
                                "parmi",
                                "ont",
                                "a",
                                "sont",
                                "est",
                                "have",
                                "has",
                                "were",
                                "was",
                                "are",
                                "is",
                                "et",
                                "and",
                                "ont",
                            ],
                        );
                    if !goes_on {
                        break;
                    }
                }
                if doc.is_any(k, &["dont", "including", "among", "parmi"]) && found.is_some() {
                    // "sept personnes, dont un soldat…": the total comes before "dont".
                    found = None;
                    let mut j = k;
                    while j > lo {
                        j -= 1;
                        if let Some((v, p, tok)) = toll_at(doc, j, start, k, person) {
                            return Some(Toll {
                                value: v,
                                precision: p,
                                tok,
                                death: first,
                            });
                        }
                    }
                    break;
                }
                if found.is_some() {
                    continue;
                }
                if let Some((v, p, tok)) = toll_at(doc, k, start, first + 1, person) {
                    found = Some(Toll {
                        value: v,
                        precision: p,
                        tok,
                        death: first,
                    });
                    // A "dont" within the next few tokens to the left overrides it.
                    if !(k.saturating_sub(6).max(lo)..k)
                        .any(|j| doc.is_any(j, &["dont", "including", "among", "parmi"]))
                    {
                        return found;
                    }
                }
            }
            found
        };
        let t = match where_ {
            DeathFigure::Before => backward(),
            DeathFigure::After => forward(),
            DeathFigure::Both => {
                let direct = figure(doc, last + 1, end).is_some()
                    || qualifier(doc, last + 3, last + 1).is_some();
                if direct {
                    forward().or_else(backward)
                } else {
                    backward().or_else(forward)
                }
            }
        };
        let Some(t) = t else { continue };
        let mut chain = vec![t];
        // "15 Islamist fighters and two Malian soldiers were killed": figures joined by
        // "and"/"et" before the one found are tolls of the same death word.
        while let Some(&last_t) = chain.last() {
            let f0 = last_t.tok.0;
            if f0 < start + 2 || f0 > first || !doc.is_any(f0 - 1, &["and", "et"]) {
                break;
            }
            let and = f0 - 1;
            let lo = and.saturating_sub(8).max(start);
            let next = (lo..and)
                .rev()
                .find_map(|j| toll_at(doc, j, start, and, person).filter(|x| x.2.1 < and));
            match next {
                Some((v, p, tok)) => chain.push(Toll {
                    value: v,
                    precision: p,
                    tok,
                    death: first,
                }),
                None => break,
            }
        }
        for t in chain {
            if !out.iter().any(|o| o.tok.0 <= t.tok.1 && t.tok.0 <= o.tok.1) {
                out.push(t);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::{EntryKind, Lexicon, Matcher};
    use super::*;

    fn run(text: &str) -> Vec<(u32, FatalityPrecision)> {
        let lex = Lexicon::embedded().unwrap();
        let deaths_m = Matcher::build(&lex, |k| matches!(k, EntryKind::Death(_))).unwrap();
        let person_m = Matcher::build(&lex, |k| matches!(k, EntryKind::Person)).unwrap();
        let doc = Doc::new(text);
        let mut person = vec![false; doc.len()];
        for h in doc.find(&person_m, &lex) {
            person[h.first] = true;
        }
        let deaths: Vec<_> = doc
            .find(&deaths_m, &lex)
            .into_iter()
            .map(|h| match lex.entries()[h.entry].kind {
                EntryKind::Death(f) => (h.first, h.last, f),
                _ => unreachable!(),
            })
            .collect();
        tolls(&doc, (0, doc.len()), &deaths, &person)
            .into_iter()
            .map(|t| (t.value, t.precision))
            .collect()
    }

    use FatalityPrecision::*;

    #[test]
    fn figures_in_words_and_digits() {
        assert_eq!(
            run("une centaine d'islamistes ont été tués dans les combats"),
            [(100, About)]
        );
        assert_eq!(
            run("Trois islamistes ont été tués lors des combats"),
            [(3, Exact)]
        );
        assert_eq!(
            run("Cinq islamistes armés ont été tués, selon lui."),
            [(5, Exact)]
        );
        assert_eq!(
            run("Un soldat français a été mortellement blessé lors d'un raid."),
            [(1, Exact)]
        );
        assert_eq!(
            run("At least one Malian soldier and several assailants were killed"),
            [(1, AtLeast)]
        );
        assert_eq!(
            run("The bombing has killed at least three Chad soldiers"),
            [(3, AtLeast)]
        );
        assert_eq!(run("a dozen fighters were killed"), [(12, About)]);
        assert_eq!(run("dozens of people were killed"), [(24, AtLeast)]);
        assert_eq!(run("20 jihadists were killed"), [(20, Exact)]);
        assert_eq!(run("la patrouille a perdu deux hommes"), [(2, Exact)]);
        assert_eq!(
            run("At least 15 Islamist fighters and two Malian soldiers were killed"),
            [(2, Exact), (15, AtLeast)]
        );
    }

    #[test]
    fn totals_before_dont_and_no_toll_without_a_death_word() {
        assert_eq!(
            run("Au total sept personnes, dont un soldat malien et un civil, ont été tuées"),
            [(7, Exact)]
        );
        assert!(run("une quarantaine d'islamistes venus des villages proches").is_empty());
        assert!(
            run("The death brings to two the number of French troops who have been killed")
                .is_empty()
        );
        assert!(run("un bataillon de 500 hommes").is_empty());
        // A figure that counts no people is not a toll.
        assert!(run("Six vehicles were destroyed and the driver killed").is_empty());
        assert!(
            run("Six of the assailants vehicles were destroyed, several of them were killed")
                .is_empty()
        );
    }
}
