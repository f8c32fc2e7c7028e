//! The integration tests, as one test binary: each file links the whole library, libtorch
//! included, so one binary links once instead of once per file. Each module says whether
//! it needs the models the test command provisions (`models/`).
mod common;

/// The trained default classifier and the classify, train and eval commands (needs models/).
mod classifier;
/// `claimscan embed` end to end (needs the base model).
mod cli_embed;
/// `claimscan split` end to end: formula guard, closed output pipe (no model).
mod cli_split;
/// The encoder against reference values (needs the base model).
mod encoder;
/// Attribute rules: hedged, actors, quantities (no model).
mod extract;
/// Hostile inputs: hangs, crashes, bombs, vanishing files, broken encodings (no model; runs
/// the built binary as the extraction worker).
mod hostile;
/// Offsets into the files' own text, kept text, languages, through `run` (needs the
/// trained classifier).
mod faithful;
/// Document readers on generated files (no model).
mod ingest;
/// The PDF reader on generated PDFs with real layout features (no model; needs PDFium,
/// which `make` provisions).
mod ingest_pdf;
/// `claimscan run` and `merge` end to end (needs the trained classifier).
mod pipeline;
/// A damaged base model is detected (needs the base model).
mod provisioning;
/// The HTML report: structure and escaping, sample corpus and a hostile collection
/// (needs the trained classifier).
mod report;
/// Hostile collections, kills during the switch, resume, merge refusals, through `run`
/// (needs the trained classifier).
mod resilience;
/// The researcher's loop: xlsx workbook, review sheets, retraining on corrections (needs
/// the trained classifier; trains a small model).
mod review;
/// Segmenter regression tests (no model).
mod segment;
/// Segmenter property tests (no model).
mod segment_props;
