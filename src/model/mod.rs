//! The model stage: the transformer and what is learnt on top of it.
//!
//! In: sentence texts. Out: one probability per label per sentence ([`Classifier`]), or one
//! sentence vector per text ([`Embedder`]).
//!
//! - [`provision`] fetches and verifies the base model (all-MiniLM-L6-v2);
//! - [`encoder`] turns text into word pieces with offsets (HF `tokenizers`) and runs the
//!   BERT forward on libtorch: rust-bert's for training, [`forward`]'s own (fused
//!   attention, int8) for inference;
//! - [`classifier`] is the fine-tuned encoder plus a multi-label head, with thresholds;
//! - [`labels`] reads label sets (configuration) and [`dataset`] labelled CSV files;
//! - [`train`] fine-tunes.
pub mod classifier;
pub mod dataset;
pub mod encoder;
pub mod forward;
pub mod labels;
pub mod provision;
pub mod train;

pub use classifier::{decide, ClaimClassifier, Classifier, ModelInfo, DEFAULT_CLASSIFIER};
pub use encoder::{available_cores, Embedder, Encoder, EncoderSettings, Precision, Tokenized};
pub use labels::{Label, LabelSet};
pub use provision::sha256_file;
