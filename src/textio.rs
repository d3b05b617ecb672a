//! Reading text inputs as people hand them over: UTF-8 with or without BOM, or
//! Windows-1252 / Latin-1 (common for French text), with CRLF line ends.

use std::path::Path;

use crate::error::{Error, Result};

/// How an input's bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextEncoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (dropped).
    Utf8Bom,
    /// Not valid UTF-8: decoded as Windows-1252 (a superset of Latin-1's printable range).
    Windows1252,
}

impl TextEncoding {
    /// The name people know it by.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 with BOM",
            TextEncoding::Windows1252 => "Windows-1252",
        }
    }
}

/// A decoded text and how it was decoded.
#[derive(Debug, Clone)]
pub struct DecodedText {
    /// The text, with `\r\n` turned into `\n`.
    pub text: String,
    /// The encoding found.
    pub encoding: TextEncoding,
}

/// Decodes `bytes` (see the module docs). Binary data (NUL bytes) is refused with an error
/// naming `origin`.
pub fn decode(bytes: &[u8], origin: &str) -> Result<DecodedText> {
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let line = bytes[..pos].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        return Err(Error::input(
            origin,
            line,
            1,
            "this looks like a binary file (it contains NUL bytes), not text",
        ));
    }
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        match std::str::from_utf8(rest) {
            Ok(s) => (s.to_string(), TextEncoding::Utf8Bom),
            Err(_) => (windows_1252(rest), TextEncoding::Windows1252),
        }
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), TextEncoding::Utf8),
            Err(_) => (windows_1252(bytes), TextEncoding::Windows1252),
        }
    };
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Ok(DecodedText { text, encoding })
}

fn windows_1252(bytes: &[u8]) -> String {
    let (cow, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    cow.into_owned()
}

/// Reads and decodes a file; `-` reads standard input.
pub fn read_text(path: &Path) -> Result<DecodedText> {
    let origin = path.display().to_string();
    let bytes = read_bytes(path)?;
    decode(&bytes, &origin)
}

/// Reads a file's bytes; `-` reads standard input.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)
            .map_err(|e| Error::read(path, e))?;
        Ok(buf)
    } else {
        std::fs::read(path).map_err(|e| Error::read(path, e))
    }
}

/// The 1-based line and character column of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (u64, u64) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() as u64 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() as u64 + 1;
    (line, column)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_and_crlf() {
        let d = decode("\u{feff}Sévaré\r\nGao".as_bytes(), "x").unwrap();
        assert_eq!(d.text, "Sévaré\nGao");
        assert_eq!(d.encoding, TextEncoding::Utf8Bom);
    }

    #[test]
    fn windows_1252_is_detected() {
        let d = decode(b"S\xe9var\xe9 \x96 l\x92arm\xe9e", "x").unwrap();
        assert_eq!(d.text, "Sévaré – l’armée");
        assert_eq!(d.encoding, TextEncoding::Windows1252);
    }

    #[test]
    fn binary_is_refused() {
        let e = decode(b"PNG\n\x00\x01", "map.png").unwrap_err();
        assert!(e.to_string().starts_with("map.png:2:1:"));
    }

    #[test]
    fn line_and_column_count_characters() {
        let t = "ab\nçé x";
        assert_eq!(line_column(t, 0), (1, 1));
        assert_eq!(line_column(t, t.find('x').unwrap()), (2, 4));
    }
}
