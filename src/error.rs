//! The one error type of the library.
use std::path::PathBuf;

/// Everything that can go wrong in claimscan, with the file it concerns where there is one.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A data file (abbreviations, actor aliases, labels, CSV) is malformed.
    #[error("{path}, line {line}: {reason}")]
    Data {
        path: PathBuf,
        line: usize,
        reason: String,
    },
    /// An input document cannot be used (binary, bad encoding, empty, too large ...).
    #[error("{path}: {reason}")]
    BadInput { path: PathBuf, reason: String },
    /// A model folder is missing, incomplete, corrupted or inconsistent.
    #[error("model {path}: {reason}")]
    Model { path: PathBuf, reason: String },
    /// Fetching the base model failed on every route.
    #[error("could not fetch the base model: {0}")]
    Fetch(String),
    /// libtorch reported an error.
    #[error("libtorch: {0}")]
    Torch(#[from] tch::TchError),
    /// The transformer implementation reported an error.
    #[error("transformer: {0}")]
    Transformer(#[from] rust_bert::RustBertError),
    /// The tokenizer reported an error.
    #[error("tokenizer: {0}")]
    Tokenizer(String),
    /// A setting is out of range or inconsistent.
    #[error("{0}")]
    Config(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// The message without the path (for a table that has the path in its own column).
    pub fn reason(&self) -> String {
        match self {
            Error::Io { source, .. } => source.to_string(),
            Error::Data { line, reason, .. } => format!("line {line}: {reason}"),
            Error::BadInput { reason, .. } | Error::Model { reason, .. } => reason.clone(),
            other => other.to_string(),
        }
    }
}
