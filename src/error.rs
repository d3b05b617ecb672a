//! Errors of every stage, typed here and rendered for people by the binary.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in an input something was found: `path:line:column`, lines and columns from 1.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    /// The input's path as the user gave it (`-` for stdin, `<text>` for `--text`).
    pub file: String,
    /// Line, from 1.
    pub line: u64,
    /// Column, from 1: a CSV field number for tables, a character column for text.
    pub column: u64,
}

impl Location {
    /// A location in `file`.
    pub fn new(file: impl Into<String>, line: u64, column: u64) -> Self {
        Location {
            file: file.into(),
            line,
            column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// One problem in an input, with its position: reads like `events.csv:14:3: unknown place "X"`.
#[derive(Debug, Clone, PartialEq, thiserror::Error, serde::Serialize)]
#[error("{location}: {message}")]
pub struct InputError {
    /// Where it is.
    #[serde(flatten)]
    pub location: Location,
    /// What is wrong, for a person.
    #[serde(rename = "reason")]
    pub message: String,
}

impl InputError {
    /// An error at `file:line:column`.
    pub fn new(
        file: impl Into<String>,
        line: u64,
        column: u64,
        message: impl Into<String>,
    ) -> Self {
        InputError {
            location: Location::new(file, line, column),
            message: message.into(),
        }
    }
}

/// Every error frontmap's library returns.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One bad input value at a known position.
    #[error(transparent)]
    Input(Box<InputError>),
    /// Several bad rows of one input; nothing of it was used.
    #[error("{}", list_errors(.0))]
    Inputs(Vec<InputError>),
    /// A file could not be read.
    #[error("cannot read {}: {source}", .path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file could not be written (the previous version, if any, is intact).
    #[error("cannot write {}: {source}", .path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A command-line value that makes no sense (a bad date, a bad coordinate pair…).
    #[error("{0}")]
    Usage(String),
    /// Data compiled into the binary is unreadable: a bug, not the user's input.
    #[error("embedded data is corrupt: {0}")]
    Embedded(String),
    /// Drawing or encoding a map failed.
    #[error("rendering failed: {0}")]
    Render(String),
}

fn list_errors(errors: &[InputError]) -> String {
    let mut s = String::new();
    for (i, e) in errors.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        s.push_str(&e.to_string());
    }
    s
}

impl Error {
    /// A single input error at `file:line:column`.
    pub fn input(
        file: impl Into<String>,
        line: u64,
        column: u64,
        message: impl Into<String>,
    ) -> Self {
        Error::Input(Box::new(InputError::new(file, line, column, message)))
    }

    /// A read error for `path`.
    pub fn read(path: &Path, source: std::io::Error) -> Self {
        Error::Read {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A write error for `path`.
    pub fn write(path: &Path, source: std::io::Error) -> Self {
        Error::Write {
            path: path.to_path_buf(),
            source,
        }
    }

    /// Whether the user's input caused it (exit code 2) rather than the system (exit code 1).
    pub fn is_bad_input(&self) -> bool {
        match self {
            Error::Input(_) | Error::Inputs(_) | Error::Usage(_) => true,
            Error::Read { source, .. } => matches!(
                source.kind(),
                std::io::ErrorKind::NotFound
                    | std::io::ErrorKind::InvalidData
                    | std::io::ErrorKind::IsADirectory
                    | std::io::ErrorKind::PermissionDenied
            ),
            _ => false,
        }
    }
}

impl From<InputError> for Error {
    fn from(e: InputError) -> Self {
        Error::Input(Box::new(e))
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_errors_read_like_compiler_messages() {
        let e = Error::input("events.csv", 14, 3, "unknown place \"Bakhmout\"");
        assert_eq!(e.to_string(), "events.csv:14:3: unknown place \"Bakhmout\"");
        assert!(e.is_bad_input());
    }

    #[test]
    fn several_errors_are_listed_one_per_line() {
        let e = Error::Inputs(vec![
            InputError::new("a.csv", 2, 1, "bad date"),
            InputError::new("a.csv", 3, 4, "bad number"),
        ]);
        assert_eq!(e.to_string(), "a.csv:2:1: bad date\na.csv:3:4: bad number");
    }
}
