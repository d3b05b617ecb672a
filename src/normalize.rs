//! Text folding shared by the gazetteer index (built in `build.rs`) and every lookup.
//!
//! A *key* is what two spellings of one name have in common: accents, case, punctuation,
//! apostrophes (’ and '), hyphens and spaces are dropped, so that `Aguel'hoc`, `Aguelhoc` and
//! `AGUEL-HOC` all give `aguelhoc`, and `Sévaré` gives `sevare`.
//!
//! This file is also compiled into `build.rs` with `#[path]`, so it may only use `std` and
//! `unicode-normalization`.

use unicode_normalization::char::is_combining_mark;

/// Folds `name` into its lookup key (see the module docs).
///
/// ```
/// use frontmap::normalize::name_key;
/// assert_eq!(name_key("Aguel’hoc"), "aguelhoc");
/// assert_eq!(name_key("Tin-Zaouatene"), name_key("tin zaouatene"));
/// assert_eq!(name_key("Sévaré"), "sevare");
/// ```
pub fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    push_key(name, &mut key);
    key
}

/// Appends the key of `name` to `out` (no allocation when `out` has room).
pub fn push_key(name: &str, out: &mut String) {
    for c in name.chars() {
        // ASCII needs no decomposition (most of the text: a fast path).
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
            continue;
        }
        // Per character is enough: the marks a full NFD would reorder are all dropped.
        unicode_normalization::char::decompose_canonical(c, |d| push_folded(d, out));
    }
}

fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
        return;
    }
    if is_combining_mark(c) {
        return;
    }
    match c {
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' => out.push_str("ss"),
        'ø' | 'Ø' => out.push('o'),
        'đ' | 'Đ' => out.push('d'),
        'ł' | 'Ł' => out.push('l'),
        'ı' => out.push('i'),
        'ɔ' | 'Ɔ' => out.push('o'),
        'ɛ' | 'Ɛ' => out.push('e'),
        'ŋ' | 'Ŋ' => out.push('n'),
        'ɲ' | 'Ɲ' => out.push('n'),
        _ if c.is_alphanumeric() => out.extend(c.to_lowercase()),
        _ => {}
    }
}

/// Folds `text` for matching inside running text: like [`name_key`] per character, but every
/// run of non-alphanumeric characters becomes one space, so word boundaries survive.
///
/// Returns the folded text and, for each byte of it, the byte offset in `text` of the
/// character it came from (so a match in the folded text maps back to the original).
pub fn fold_text(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut last_space = true;
    let mut buf = String::new();
    for (offset, ch) in text.char_indices() {
        buf.clear();
        let mut tmp = [0u8; 4];
        push_key(ch.encode_utf8(&mut tmp), &mut buf);
        if buf.is_empty() {
            // Combining marks alone (already decomposed input) vanish; everything else that
            // folds to nothing separates words ("d'Aguelhok" gives "d aguelhok").
            if is_combining_mark(ch) {
                continue;
            }
            if !last_space {
                out.push(' ');
                map.push(offset);
                last_space = true;
            }
            continue;
        }
        map.extend(std::iter::repeat_n(offset, buf.len()));
        out.push_str(&buf);
        last_space = false;
    }
    map.push(text.len());
    (out, map)
}

/// Folds a name the way [`fold_text`] folds running text: words kept apart by one space.
///
/// ```
/// use frontmap::normalize::word_key;
/// assert_eq!(word_key("Aguel’hoc"), "aguel hoc");
/// assert_eq!(word_key("Tin-Zaouatene"), "tin zaouatene");
/// ```
pub fn word_key(name: &str) -> String {
    fold_text(name).0.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_accents_case_and_punctuation() {
        assert_eq!(name_key("Aguel'hoc"), "aguelhoc");
        assert_eq!(name_key("Aguel’hoc"), "aguelhoc");
        assert_eq!(name_key("AGUEL-HOC"), "aguelhoc");
        assert_eq!(name_key("Tin-Zaouatene"), "tinzaouatene");
        assert_eq!(name_key("Tin Zaouatene"), "tinzaouatene");
        assert_eq!(name_key("Sévaré"), name_key("SEVARE"));
        assert_eq!(name_key("Ménaka"), "menaka");
        assert_eq!(name_key("Adrar des Ifôghas"), "adrardesifoghas");
        assert_eq!(name_key("Kɔnna"), "konna");
        assert_eq!(name_key("Œuvre"), "oeuvre");
        assert_eq!(name_key("  "), "");
    }

    #[test]
    fn keys_of_decomposed_input_match_composed() {
        let decomposed = "Se\u{301}vare\u{301}";
        assert_eq!(name_key(decomposed), "sevare");
    }

    #[test]
    fn fold_text_maps_back_to_original_bytes() {
        let text = "à Sévaré, près de Gao";
        let (folded, map) = fold_text(text);
        assert_eq!(folded, "a sevare pres de gao");
        let start = folded.find("sevare").unwrap();
        let end = start + "sevare".len();
        assert_eq!(&text[map[start]..map[end]], "Sévaré");
        let g = folded.find("gao").unwrap();
        assert_eq!(&text[map[g]..map[g + 3]], "Gao");
    }

    #[test]
    fn fold_text_splits_elisions_and_hyphens() {
        let (folded, _) = fold_text("d’Aguel’hoc et Tin-Zaouatene");
        assert_eq!(folded, "d aguel hoc et tin zaouatene");
        assert_eq!(word_key("Tin-Zaouatene"), "tin zaouatene");
    }
}
