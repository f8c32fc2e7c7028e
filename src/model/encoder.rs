//! The transformer encoder: HF `tokenizers` for word pieces with offsets, rust-bert's
//! `BertModel` on libtorch for the forward pass, masked mean pooling like sentence-transformers.
use crate::error::{Error, Result};
use rust_bert::bert::{BertConfig, BertEmbeddings, BertModel};
use rust_bert::Config;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use tch::{nn, Device, Kind, Tensor};
use tokenizers::{Tokenizer, TruncationParams};

/// sentence-transformers truncates all-MiniLM-L6-v2 at 256 word pieces.
pub const MAX_TOKENS: usize = 256;
/// Sentences per forward pass; 32 keeps padding small once batches are sorted by length.
pub const DEFAULT_BATCH_SIZE: usize = 32;

/// Numeric precision of the forward pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    F32,
    Bf16,
}

impl Precision {
    /// bf16 where the CPU has native bf16 arithmetic (AVX512-BF16 or AMX), else f32:
    /// without it libtorch emulates bf16 and is slower than f32.
    pub fn auto() -> Self {
        if cpu_has_native_bf16() {
            Precision::Bf16
        } else {
            Precision::F32
        }
    }
}

impl FromStr for Precision {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "f32" | "fp32" | "float32" => Ok(Precision::F32),
            "bf16" | "bfloat16" => Ok(Precision::Bf16),
            "auto" => Ok(Precision::auto()),
            other => Err(Error::Config(format!(
                "unknown precision '{other}' (expected f32, bf16 or auto)"
            ))),
        }
    }
}

impl std::fmt::Display for Precision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Precision::F32 => "f32",
            Precision::Bf16 => "bf16",
        })
    }
}

/// True when /proc/cpuinfo lists a native bf16 instruction set.
pub fn cpu_has_native_bf16() -> bool {
    std::fs::read_to_string("/proc/cpuinfo")
        .map(|info| {
            info.lines()
                .filter(|line| line.starts_with("flags"))
                .any(|line| {
                    line.split_whitespace()
                        .any(|flag| flag == "avx512_bf16" || flag == "amx_bf16")
                })
        })
        .unwrap_or(false)
}

/// Cores available to this process.
pub fn available_cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Run-time settings of the encoder.
#[derive(Debug, Clone)]
pub struct EncoderSettings {
    pub precision: Precision,
    /// libtorch intra-op threads; the encoder is the only libtorch user, so this is the
    /// whole budget (never more than the cores).
    pub threads: usize,
    pub batch_size: usize,
}

impl Default for EncoderSettings {
    fn default() -> Self {
        EncoderSettings {
            precision: Precision::auto(),
            threads: available_cores(),
            batch_size: DEFAULT_BATCH_SIZE,
        }
    }
}

/// A sentence as word pieces, with the character span of each piece in the sentence.
#[derive(Debug, Clone)]
pub struct Tokenized {
    pub ids: Vec<i64>,
    /// Character offsets of each piece into the sentence ((0, 0) for special tokens).
    pub offsets: Vec<(usize, usize)>,
    /// True when the sentence was longer than [`MAX_TOKENS`] and cut.
    pub truncated: bool,
}

impl Tokenized {
    /// Characters of the sentence that the model saw (all of them unless truncated).
    pub fn covered_chars(&self) -> usize {
        self.offsets.iter().map(|&(_, end)| end).max().unwrap_or(0)
    }
}

/// Anything that turns sentences into fixed-size vectors.
pub trait Embedder {
    /// One L2-normalised vector per text, in input order.
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>>;
    fn dimension(&self) -> usize;
}

/// all-MiniLM-L6-v2-style BERT encoder (or a fine-tuned copy of it) on libtorch.
pub struct Encoder {
    var_store: nn::VarStore,
    bert: BertModel<BertEmbeddings>,
    tokenizer: Tokenizer,
    settings: EncoderSettings,
    hidden_size: usize,
    model_dir: PathBuf,
}

impl Encoder {
    /// Builds the architecture from `config.json` and `tokenizer.json` in `model_dir`,
    /// with fresh weights: call [`Encoder::load_weights`] next. Extra modules (a
    /// classification head) can be added under [`Encoder::root`] before loading.
    pub fn new(model_dir: &Path, settings: EncoderSettings) -> Result<Self> {
        if settings.threads == 0 || settings.batch_size == 0 {
            return Err(Error::Config(
                "threads and batch size must be at least 1".into(),
            ));
        }
        tch::set_num_threads(settings.threads.min(available_cores()) as i32);
        let config_path = model_dir.join("config.json");
        require_file(model_dir, &config_path)?;
        let config = BertConfig::from_file(&config_path);
        let var_store = nn::VarStore::new(Device::Cpu);
        let bert =
            BertModel::<BertEmbeddings>::new_with_optional_pooler(var_store.root(), &config, false);
        Ok(Encoder {
            var_store,
            bert,
            tokenizer: load_tokenizer(model_dir)?,
            settings,
            hidden_size: config.hidden_size as usize,
            model_dir: model_dir.to_path_buf(),
        })
    }

    /// Opens the verified base model in `model_dir`, ready to embed.
    pub fn open_base(model_dir: &Path, settings: EncoderSettings) -> Result<Self> {
        crate::model::provision::verify(model_dir)?;
        let mut encoder = Encoder::new(model_dir, settings)?;
        encoder.load_weights(&model_dir.join("model.safetensors"), false)?;
        Ok(encoder)
    }

    /// Loads weights (safetensors), then converts to the configured precision.
    /// `partial` tolerates variables the file lacks (a new head) and returns their names.
    pub fn load_weights(&mut self, path: &Path, partial: bool) -> Result<Vec<String>> {
        require_file(&self.model_dir, path)?;
        let missing = if partial {
            self.var_store.load_partial(path)?
        } else {
            self.var_store.load(path)?;
            Vec::new()
        };
        self.apply_precision();
        Ok(missing)
    }

    fn apply_precision(&mut self) {
        match self.settings.precision {
            Precision::F32 => self.var_store.float(),
            Precision::Bf16 => self.var_store.bfloat16(),
        }
    }

    pub fn root(&self) -> nn::Path<'_> {
        self.var_store.root()
    }

    pub fn var_store(&self) -> &nn::VarStore {
        &self.var_store
    }

    pub fn var_store_mut(&mut self) -> &mut nn::VarStore {
        &mut self.var_store
    }

    pub fn settings(&self) -> &EncoderSettings {
        &self.settings
    }

    pub fn hidden_size(&self) -> usize {
        self.hidden_size
    }

    pub fn model_dir(&self) -> &Path {
        &self.model_dir
    }

    /// Word pieces with character offsets, truncated at [`MAX_TOKENS`].
    pub fn tokenize(&self, texts: &[&str]) -> Result<Vec<Tokenized>> {
        texts.iter().map(|text| self.tokenize_one(text)).collect()
    }

    fn tokenize_one(&self, text: &str) -> Result<Tokenized> {
        let encoding = self
            .tokenizer
            .encode_char_offsets(text, true)
            .map_err(|e| Error::Tokenizer(e.to_string()))?;
        Ok(Tokenized {
            ids: encoding.get_ids().iter().map(|&id| id as i64).collect(),
            offsets: encoding.get_offsets().to_vec(),
            truncated: !encoding.get_overflowing().is_empty(),
        })
    }

    /// Mean-pooled (not normalised) sentence vectors `[n, hidden]` in f32 for one padded
    /// batch. `train` enables dropout and keeps the autograd graph.
    pub fn pooled(&self, batch: &[&Tokenized], train: bool) -> Result<Tensor> {
        let (ids, mask) = pad_batch(batch);
        let output =
            self.bert
                .forward_t(Some(&ids), Some(&mask), None, None, None, None, None, train)?;
        Ok(mean_pool(&output.hidden_state, &mask))
    }

    /// L2-normalised sentence embeddings of already tokenized sentences, in input order.
    pub fn embed_tokenized(&self, tokenized: &[Tokenized]) -> Result<Vec<Vec<f32>>> {
        self.map_batched(tokenized, |batch| {
            Ok(l2_normalise(&self.pooled(batch, false)?))
        })
    }

    /// Runs `forward` over length-sorted batches (small padding) and returns its rows in
    /// input order. `forward` maps a batch to a `[batch, k]` f32 tensor.
    pub fn map_batched<F>(&self, tokenized: &[Tokenized], mut forward: F) -> Result<Vec<Vec<f32>>>
    where
        F: FnMut(&[&Tokenized]) -> Result<Tensor>,
    {
        let _no_grad = tch::no_grad_guard();
        let mut rows: Vec<Option<Vec<f32>>> = vec![None; tokenized.len()];
        let lengths: Vec<usize> = tokenized.iter().map(|t| t.ids.len()).collect();
        for indices in batches_by_length(&lengths, self.settings.batch_size) {
            let batch: Vec<&Tokenized> = indices.iter().map(|&i| &tokenized[i]).collect();
            let output = forward(&batch)?.to_kind(Kind::Float).contiguous();
            for (row, &index) in tensor_rows(&output)?.into_iter().zip(&indices) {
                rows[index] = Some(row);
            }
        }
        Ok(rows.into_iter().map(Option::unwrap_or_default).collect())
    }
}

impl Embedder for Encoder {
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        self.embed_tokenized(&self.tokenize(texts)?)
    }

    fn dimension(&self) -> usize {
        self.hidden_size
    }
}

fn require_file(model_dir: &Path, path: &Path) -> Result<()> {
    if path.is_file() {
        Ok(())
    } else {
        Err(Error::Model {
            path: model_dir.to_path_buf(),
            reason: format!(
                "{} is missing (run `claimscan setup`)",
                path.file_name().unwrap_or_default().to_string_lossy()
            ),
        })
    }
}

fn load_tokenizer(model_dir: &Path) -> Result<Tokenizer> {
    let path = model_dir.join("tokenizer.json");
    require_file(model_dir, &path)?;
    let mut tokenizer = Tokenizer::from_file(&path).map_err(|e| Error::Model {
        path: path.clone(),
        reason: e.to_string(),
    })?;
    // The shipped tokenizer pads every sentence to 128 tokens; batches are padded to their
    // longest member instead, and truncation follows sentence-transformers (256).
    tokenizer.with_padding(None);
    tokenizer
        .with_truncation(Some(TruncationParams {
            max_length: MAX_TOKENS,
            ..Default::default()
        }))
        .map_err(|e| Error::Tokenizer(e.to_string()))?;
    Ok(tokenizer)
}

/// Groups indices into batches of similar token length (longest first), so each batch
/// pads little. Every index appears exactly once.
pub fn batches_by_length(lengths: &[usize], batch_size: usize) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..lengths.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(lengths[i]));
    order
        .chunks(batch_size.max(1))
        .map(<[usize]>::to_vec)
        .collect()
}

/// Input ids and attention mask `[batch, longest]`, padded with id 0 and mask 0.
fn pad_batch(batch: &[&Tokenized]) -> (Tensor, Tensor) {
    let longest = batch.iter().map(|t| t.ids.len()).max().unwrap_or(0);
    let mut ids = Vec::with_capacity(batch.len() * longest);
    let mut mask = Vec::with_capacity(batch.len() * longest);
    for item in batch {
        let padding = longest - item.ids.len();
        ids.extend_from_slice(&item.ids);
        ids.extend(std::iter::repeat_n(0, padding));
        mask.extend(std::iter::repeat_n(1i64, item.ids.len()));
        mask.extend(std::iter::repeat_n(0, padding));
    }
    let shape = [batch.len() as i64, longest as i64];
    (
        Tensor::from_slice(&ids).view(shape),
        Tensor::from_slice(&mask).view(shape),
    )
}

/// Average of the token vectors the mask keeps, computed in f32.
fn mean_pool(hidden: &Tensor, mask: &Tensor) -> Tensor {
    let mask = mask.to_kind(Kind::Float).unsqueeze(-1);
    let summed = (hidden.to_kind(Kind::Float) * &mask).sum_dim_intlist(1, false, Kind::Float);
    let counts = mask.sum_dim_intlist(1, false, Kind::Float).clamp_min(1e-9);
    summed / counts
}

/// Rows scaled to unit length.
pub fn l2_normalise(x: &Tensor) -> Tensor {
    let norms = x
        .norm_scalaropt_dim(2, [-1i64].as_slice(), true)
        .clamp_min(1e-12);
    x / norms
}

fn tensor_rows(x: &Tensor) -> Result<Vec<Vec<f32>>> {
    let size = x.size();
    let (rows, cols) = match size.as_slice() {
        [rows, cols] => (*rows as usize, *cols as usize),
        _ => {
            return Err(Error::Config(format!(
                "expected a 2-D tensor, got {size:?}"
            )))
        }
    };
    let flat = Vec::<f32>::try_from(x.flatten(0, -1))?;
    Ok((0..rows)
        .map(|r| flat[r * cols..(r + 1) * cols].to_vec())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_batches_cover_every_index_once_longest_first() {
        let lengths = [3, 9, 1, 7, 7, 2, 5];
        let batches = batches_by_length(&lengths, 3);
        let mut seen: Vec<usize> = batches.concat();
        assert_eq!(batches[0], vec![1, 3, 4]);
        seen.sort();
        assert_eq!(seen, (0..lengths.len()).collect::<Vec<_>>());
        assert!(batches.iter().all(|b| b.len() <= 3));
    }

    #[test]
    fn precision_parses_and_rejects_unknown() {
        assert_eq!("BF16".parse::<Precision>().unwrap(), Precision::Bf16);
        assert_eq!("f32".parse::<Precision>().unwrap(), Precision::F32);
        assert!("int4".parse::<Precision>().is_err());
    }

    #[test]
    fn mean_pool_ignores_padding() {
        let hidden = Tensor::from_slice(&[1.0f32, 1.0, 3.0, 3.0, 100.0, 100.0]).view([1, 3, 2]);
        let mask = Tensor::from_slice(&[1i64, 1, 0]).view([1, 3]);
        let pooled = Vec::<f32>::try_from(mean_pool(&hidden, &mask).flatten(0, -1)).unwrap();
        assert_eq!(pooled, vec![2.0, 2.0]);
    }
}
