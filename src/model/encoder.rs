//! The transformer encoder: HF `tokenizers` for word pieces with offsets, masked mean
//! pooling like sentence-transformers, and two forward passes over the same weights:
//! rust-bert's `BertModel` (with autograd) for training, and [`BertForward`] (fused
//! attention, f32/bf16/int8 linear layers) for inference once [`Encoder::prepare_inference`]
//! has run. Inference pads every sentence to a fixed length bucket and batches sentences of
//! one bucket together, so a sentence's vector does not depend on its batch.
use crate::error::{Error, Result};
use crate::model::forward::{bucket_length, calibration_sentences, BertForward, Shape};
use rust_bert::bert::{BertConfig, BertEmbeddings, BertModel};
use rust_bert::Config;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use tch::{nn, Device, Kind, Tensor};
use tokenizers::{Tokenizer, TruncationParams};

/// sentence-transformers truncates all-MiniLM-L6-v2 at 256 word pieces.
pub const MAX_TOKENS: usize = 256;
/// Most sentences in one forward pass.
pub const DEFAULT_BATCH_SIZE: usize = 64;
/// Most padded word pieces in one inference forward pass: large enough for efficient
/// matrix products, small enough to keep activations at a few tens of megabytes.
pub const DEFAULT_BATCH_TOKENS: usize = 2048;

/// Numeric precision of the forward pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    F32,
    Bf16,
    /// Linear layers in int8 (fbgemm, per-channel weights, per-row activations); the rest
    /// in f32.
    Int8,
}

impl Precision {
    /// The fastest precision that keeps accuracy within the project's bound (int8: F1
    /// within 0.005 of f32, tested). On AVX2 without VNNI (AMD Zen 3) int8 measured no
    /// faster than this crate's f32 forward (`claimscan bench embed`: 208-218 against
    /// 202-218 sentences/s at 2 threads), so f32, which is exact and smaller, is chosen
    /// there; int8 only where VNNI multiplies bytes natively. bf16 is never chosen:
    /// without AMX libtorch emulates it, and where AMX exists VNNI does too.
    pub fn auto() -> Self {
        if cpu_has_flag(&["avx512_vnni", "avx_vnni"]) {
            Precision::Int8
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
            "int8" | "qint8" => Ok(Precision::Int8),
            "auto" => Ok(Precision::auto()),
            other => Err(Error::Config(format!(
                "unknown precision '{other}' (expected int8, f32, bf16 or auto)"
            ))),
        }
    }
}

impl std::fmt::Display for Precision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Precision::F32 => "f32",
            Precision::Bf16 => "bf16",
            Precision::Int8 => "int8",
        })
    }
}

/// True when /proc/cpuinfo lists a native bf16 instruction set.
pub fn cpu_has_native_bf16() -> bool {
    cpu_has_flag(&["avx512_bf16", "amx_bf16"])
}

/// True when /proc/cpuinfo lists any of `flags`.
fn cpu_has_flag(flags: &[&str]) -> bool {
    std::fs::read_to_string("/proc/cpuinfo")
        .map(|info| {
            info.lines()
                .filter(|line| line.starts_with("flags"))
                .any(|line| line.split_whitespace().any(|flag| flags.contains(&flag)))
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
    /// Most sentences per forward pass.
    pub batch_size: usize,
    /// Most padded word pieces per inference forward pass.
    pub batch_tokens: usize,
}

impl Default for EncoderSettings {
    fn default() -> Self {
        EncoderSettings {
            precision: Precision::auto(),
            threads: available_cores(),
            batch_size: DEFAULT_BATCH_SIZE,
            batch_tokens: DEFAULT_BATCH_TOKENS,
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
    /// Cuts the sentence to `max` pieces, keeping its closing special token.
    pub fn truncate(&mut self, max: usize) {
        if self.ids.len() > max && max >= 2 {
            let (last_id, last_offset) = (
                self.ids[self.ids.len() - 1],
                self.offsets[self.offsets.len() - 1],
            );
            self.ids.truncate(max - 1);
            self.offsets.truncate(max - 1);
            self.ids.push(last_id);
            self.offsets.push(last_offset);
            self.truncated = true;
        }
    }

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
    /// The inference forward, once [`Encoder::prepare_inference`] has built it.
    inference: Option<SharedForward>,
    shape: Shape,
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
        let config_path = model_dir.join("config.json");
        require_file(model_dir, &config_path)?;
        let config = BertConfig::from_file(&config_path);
        let var_store = nn::VarStore::new(Device::Cpu);
        let bert =
            BertModel::<BertEmbeddings>::new_with_optional_pooler(var_store.root(), &config, false);
        let shape = Shape {
            layers: config.num_hidden_layers as usize,
            heads: config.num_attention_heads,
            hidden: config.hidden_size,
            // rust-bert's BERT uses 1e-12 too; MiniLM's config says the same.
            layer_norm_eps: 1e-12,
        };
        Ok(Encoder {
            var_store,
            bert,
            inference: None,
            shape,
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
        encoder.prepare_inference()?;
        Ok(encoder)
    }

    /// Loads weights (safetensors) in f32. `partial` tolerates variables the file lacks
    /// (a new head) and returns their names.
    pub fn load_weights(&mut self, path: &Path, partial: bool) -> Result<Vec<String>> {
        require_file(&self.model_dir, path)?;
        let missing = if partial {
            self.var_store.load_partial(path)?
        } else {
            self.var_store.load(path)?;
            Vec::new()
        };
        self.inference = None;
        Ok(missing)
    }

    /// Builds the inference forward from the current weights in the configured precision
    /// (int8: quantised and packed now, once). Until then, and after further training,
    /// inference runs rust-bert's f32 forward.
    pub fn prepare_inference(&mut self) -> Result<()> {
        let weights = self.var_store.variables();
        let calibration = self.tokenize(calibration_sentences())?;
        let longest = calibration.iter().map(|t| t.ids.len()).max().unwrap_or(0);
        let (ids, mask) = pad_batch(&calibration.iter().collect::<Vec<_>>(), longest);
        self.inference = Some(SharedForward(BertForward::new(
            &weights,
            self.shape,
            self.settings.precision,
            Some((&ids, &mask)),
        )?));
        // Inference runs each operation on one thread and batches on the encoder's own
        // threads (see `pooled_batches`).
        tch::set_num_threads(1);
        Ok(())
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

    /// Mean-pooled (not normalised) sentence vectors `[n, hidden]` in f32 for one batch.
    /// `train` runs rust-bert's forward with dropout and the autograd graph; otherwise the
    /// inference forward runs when prepared, on the batch padded to its bucket.
    pub fn pooled(&self, batch: &[&Tokenized], train: bool) -> Result<Tensor> {
        if let (Some(inference), false) = (&self.inference, train) {
            return Ok(inference.pooled(batch));
        }
        let longest = batch.iter().map(|t| t.ids.len()).max().unwrap_or(0);
        let (ids, mask) = pad_batch(batch, longest);
        let output =
            self.bert
                .forward_t(Some(&ids), Some(&mask), None, None, None, None, None, train)?;
        Ok(mean_pool(&output.hidden_state, &mask))
    }

    /// L2-normalised sentence embeddings of already tokenized sentences, in input order.
    pub fn embed_tokenized(&self, tokenized: &[Tokenized]) -> Result<Vec<Vec<f32>>> {
        self.map_pooled(tokenized, |pooled| Ok(l2_normalise(&pooled)))
    }

    /// Mean-pools every sentence (in batches of one length bucket) and maps each batch's
    /// `[batch, hidden]` vectors through `finish` to a `[batch, k]` f32 tensor; returns the
    /// rows in input order.
    pub fn map_pooled<F>(&self, tokenized: &[Tokenized], mut finish: F) -> Result<Vec<Vec<f32>>>
    where
        F: FnMut(Tensor) -> Result<Tensor>,
    {
        let _no_grad = tch::no_grad_guard();
        let mut rows: Vec<Option<Vec<f32>>> = vec![None; tokenized.len()];
        let lengths: Vec<usize> = tokenized.iter().map(|t| t.ids.len()).collect();
        let batches = batches_by_bucket(
            &lengths,
            self.settings.batch_size,
            self.settings.batch_tokens,
        );
        let pooled = self.pooled_batches(tokenized, &batches)?;
        for (indices, pooled) in batches.iter().zip(pooled) {
            let output = finish(pooled)?.to_kind(Kind::Float).contiguous();
            for (row, &index) in tensor_rows(&output)?.into_iter().zip(indices) {
                rows[index] = Some(row);
            }
        }
        Ok(rows.into_iter().map(Option::unwrap_or_default).collect())
    }

    /// The pooled vectors of each batch. With the inference forward, batches run side by
    /// side on the encoder's threads, each operation on one thread: no OpenMP team spins
    /// between operations while other work waits for the core, and a batch's result does
    /// not depend on the thread count.
    fn pooled_batches(
        &self,
        tokenized: &[Tokenized],
        batches: &[Vec<usize>],
    ) -> Result<Vec<Tensor>> {
        let items = |indices: &Vec<usize>| -> Vec<&Tokenized> {
            indices.iter().map(|&i| &tokenized[i]).collect()
        };
        let threads = self.settings.threads.min(batches.len());
        let Some(inference) = self.inference.as_ref().filter(|_| threads > 1) else {
            return batches
                .iter()
                .map(|b| self.pooled(&items(b), false))
                .collect();
        };
        let next = std::sync::atomic::AtomicUsize::new(0);
        let results: Vec<std::sync::Mutex<Option<Tensor>>> =
            batches.iter().map(|_| Default::default()).collect();
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(indices) = batches.get(i) else { break };
                    let pooled = inference.pooled(&items(indices));
                    *results[i].lock().expect("a batch slot") = Some(pooled);
                });
            }
        });
        Ok(results
            .into_iter()
            .map(|slot| {
                slot.into_inner()
                    .expect("a batch slot")
                    .expect("every batch ran")
            })
            .collect())
    }
}

/// The inference forward, shared by the encoder's threads.
struct SharedForward(BertForward);

impl SharedForward {
    /// Mean-pooled vectors of one batch, padded to its length bucket.
    fn pooled(&self, batch: &[&Tokenized]) -> Tensor {
        let longest = batch.iter().map(|t| t.ids.len()).max().unwrap_or(0);
        let (ids, mask) = pad_batch(batch, bucket_length(longest));
        mean_pool(&self.0.hidden_states(&ids, &mask), &mask)
    }
}

// SAFETY: once built, a `BertForward`'s tensors are only read: every operation takes them
// as inputs and writes new tensors. libtorch supports reading tensors from several
// threads at once (PyTorch's multi-threaded inference relies on it); tch marks `Tensor`
// `Send` but not `Sync` only because some of its methods mutate in place.
unsafe impl Sync for SharedForward {}

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

/// Groups indices into batches of one length bucket (longest bucket first), each with at
/// most `max_sentences` sentences and `max_tokens` padded pieces (at least one sentence).
/// Every index appears exactly once.
pub fn batches_by_bucket(
    lengths: &[usize],
    max_sentences: usize,
    max_tokens: usize,
) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..lengths.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(bucket_length(lengths[i])), i));
    let mut batches: Vec<Vec<usize>> = Vec::new();
    for group in order.chunk_by(|&a, &b| bucket_length(lengths[a]) == bucket_length(lengths[b])) {
        let bucket = bucket_length(lengths[group[0]]).max(1);
        let size = (max_tokens / bucket).clamp(1, max_sentences.max(1));
        batches.extend(group.chunks(size).map(<[usize]>::to_vec));
    }
    batches
}

/// Input ids and attention mask `[batch, length]`, padded with id 0 and mask 0.
fn pad_batch(batch: &[&Tokenized], length: usize) -> (Tensor, Tensor) {
    let longest = length.max(batch.iter().map(|t| t.ids.len()).max().unwrap_or(0));
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
    fn bucket_batches_cover_every_index_once_and_hold_one_bucket() {
        let lengths = [3, 9, 1, 7, 7, 2, 5, 30, 14];
        let batches = batches_by_bucket(&lengths, 3, 1000);
        let mut seen: Vec<usize> = batches.concat();
        assert_eq!(batches[0], vec![7]);
        seen.sort();
        assert_eq!(seen, (0..lengths.len()).collect::<Vec<_>>());
        assert!(batches.iter().all(|b| b.len() <= 3));
        for batch in &batches {
            let bucket = bucket_length(lengths[batch[0]]);
            assert!(batch.iter().all(|&i| bucket_length(lengths[i]) == bucket));
        }
        // The token budget caps a batch: 16 pieces of bucket 8 → 2 sentences.
        assert!(batches_by_bucket(&[5, 5, 5], 64, 16)
            .iter()
            .all(|b| b.len() <= 2));
    }

    #[test]
    fn precision_parses_and_rejects_unknown() {
        assert_eq!("BF16".parse::<Precision>().unwrap(), Precision::Bf16);
        assert_eq!("f32".parse::<Precision>().unwrap(), Precision::F32);
        assert_eq!("int8".parse::<Precision>().unwrap(), Precision::Int8);
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
