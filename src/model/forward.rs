//! The inference forward of the BERT encoder on libtorch's own kernels.
//!
//! In: word-piece ids and attention masks `[batch, length]`. Out: the last hidden states
//! `[batch, length, hidden]` in f32. It reads the same weights as rust-bert's `BertModel`
//! (which stays in use for training) and adds what rust-bert's forward lacks:
//!
//! * one fused query-key-value projection per layer and fused attention
//!   (`scaled_dot_product_attention`);
//! * linear layers in f32, bf16, or **int8** through fbgemm
//!   (`fbgemm_linear_int8_weight_fp32_activation`), quantised and packed once at load.
//!
//! # int8 and batch independence
//!
//! fbgemm quantises its f32 input with one scale for the whole tensor, so a token's result
//! would depend on the other sentences of its batch. Instead every token row is scaled to
//! `[-1, 1]` before the call and its scale is multiplied back after it, and one sentinel
//! row `[-1, 3, 0, ..]` pins the tensor-wide range, so the input quantisation is the same
//! per-row scheme whatever the batch. Values land in 0..=128 (7 bits with the zero point
//! at 64), which also keeps AVX2's 16-bit pairwise sums (`vpmaddubsw`) from saturating.
//! Weights are quantised per output channel the same way: each row scaled to a largest
//! magnitude of 127, the scale multiplied back per column of the output. Integer
//! accumulation is exact, so a row's result depends only on that row.
//!
//! A few hidden channels carry "massive activations": in MiniLM's LayerNorm outputs some
//! tokens hold values hundreds of times their row's median in one or two channels, and
//! one scale per row would round the rest of such a row to zero. As in LLM.int8, those
//! channels go through a second product of their own (also int8, per row, so still
//! exact); the other layers have milder outliers of the same kind and get the same
//! treatment. They are the channels with the largest activations on a fixed set of calibration
//! sentences, found once at load by an f32 pass on one thread (so the choice never
//! depends on the run). On the labelled test set this lifts the lowest cosine to f32
//! from 0.984 to 0.996.
//!
//! The attention and reductions around the linear layers are batch independent when
//! every sentence of a batch is padded to the same fixed length bucket
//! ([`bucket_length`]), so the caller groups sentences by bucket.
use crate::error::{Error, Result};
use crate::model::Precision;
use std::collections::HashMap;
use tch::{Kind, Scalar, Tensor};

/// Padded lengths a sentence can take: each sentence is padded to the smallest bucket that
/// holds it, so its attention and reductions see the same shapes in any batch.
pub const BUCKETS: [usize; 19] = [
    8, 12, 16, 20, 24, 28, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256,
];

/// Input channels of each int8 layer computed apart (see the module docs).
const OUTLIER_CHANNELS: usize = 8;

/// Sentences whose activations choose the outlier channels: written for the project in
/// the genres the tool reads (headings, report prose, news, testimony, tables).
const CALIBRATION: [&str; 16] = [
    "Sources and acknowledgements",
    "Chapter 4: Returns from the border provinces",
    "Police detained eleven women near the crossing and held them for three weeks without charge.",
    "The ministry said the returns would continue under the readmission agreement signed in 2019.",
    "According to the organisation, at least 1,200 people were sent back between March and June.",
    "\"They took our phones and beat my brother,\" a 24-year-old man told researchers in Nairobi.",
    "The Committee urges the State party to end the detention of asylum-seeking children.",
    "Rainfall in the northern districts was a third below the ten-year average.",
    "Table 3. Deportations by month, 2023 (forced returns only)",
    "UNHCR has not been granted access to the detention facilities since 2021.",
    "The court held that the removal order breached Article 3 of the Convention.",
    "Most of the families we met had arrived within the last two years.",
    "Brokers sold several of the girls to farmers as brides, the report found.",
    "This report covers the period from 1 January to 31 December 2022.",
    "Annex II lists the questions asked in the household survey.",
    "Guards reportedly forced the men back across the river at gunpoint.",
];

/// The padded length for a sentence of `pieces` word pieces.
pub fn bucket_length(pieces: usize) -> usize {
    BUCKETS
        .iter()
        .copied()
        .find(|&b| b >= pieces)
        .unwrap_or(pieces)
}

/// The calibration sentences (tokenized by the caller for [`BertForward::new`]).
pub fn calibration_sentences() -> &'static [&'static str] {
    &CALIBRATION
}

/// The architecture numbers the forward needs (from `config.json`).
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub layers: usize,
    pub heads: i64,
    pub hidden: i64,
    pub layer_norm_eps: f64,
}

/// The BERT encoder's weights, prepared for one precision.
pub struct BertForward {
    word_embeddings: Tensor,
    position_embeddings: Tensor,
    token_type_embedding: Tensor,
    embeddings_norm: Norm,
    layers: Vec<Layer>,
    heads: i64,
    hidden: i64,
    /// The kind the hidden states are computed in between layers.
    kind: Kind,
}

struct Norm {
    weight: Tensor,
    bias: Tensor,
    eps: f64,
}

impl Norm {
    fn forward(&self, x: &Tensor) -> Tensor {
        x.layer_norm(
            [*x.size().last().expect("a hidden dimension")],
            Some(&self.weight),
            Some(&self.bias),
            self.eps,
            false,
        )
    }
}

/// The four linear layers of a transformer layer, by the input they take.
#[derive(Clone, Copy)]
enum Site {
    QueryKeyValue,
    AttentionOutput,
    Intermediate,
    Output,
}

const SITES: [Site; 4] = [
    Site::QueryKeyValue,
    Site::AttentionOutput,
    Site::Intermediate,
    Site::Output,
];

struct Layer {
    query_key_value: Linear,
    attention_output: Linear,
    attention_norm: Norm,
    intermediate: Linear,
    output: Linear,
    output_norm: Norm,
}

impl Layer {
    fn linear(&self, site: Site) -> &Linear {
        match site {
            Site::QueryKeyValue => &self.query_key_value,
            Site::AttentionOutput => &self.attention_output,
            Site::Intermediate => &self.intermediate,
            Site::Output => &self.output,
        }
    }
}

/// A linear layer `y = x Wᵀ + b` on `[rows, in]` inputs.
enum Linear {
    /// f32 or bf16 weights `[out, in]`.
    Float {
        weight: Tensor,
        bias: Tensor,
    },
    Int8(QuantizedLinear),
}

impl Linear {
    fn float(weight: Tensor, bias: Tensor, kind: Kind) -> Self {
        Linear::Float {
            weight: weight.to_kind(kind),
            bias: bias.to_kind(kind),
        }
    }

    fn forward(&self, x: &Tensor) -> Tensor {
        match self {
            Linear::Float { weight, bias } => x.linear(weight, Some(bias)),
            Linear::Int8(q) => q.forward(x),
        }
    }
}

/// An int8 layer: the product over the ordinary input channels plus, where the layer has
/// outlier channels, the product over those apart, each with its own scale per row. Both
/// share the weights' scale per output channel, applied once at the end.
struct QuantizedLinear {
    ordinary: Int8Product,
    outliers: Option<(Tensor, Int8Product)>,
    /// `[1, out]`: the float value of one int8 step of each output channel's weights.
    channel_scale: Tensor,
    bias: Tensor,
}

impl QuantizedLinear {
    fn new(weight: &Tensor, bias: &Tensor, outlier_channels: Vec<i64>) -> Self {
        silence_deprecation_warnings();
        let channels = Tensor::from_slice(&outlier_channels);
        let weight = weight.to_kind(Kind::Float);
        let row_max = weight.abs().amax([1i64].as_slice(), true).clamp_min(1e-12);
        let quantized = (&weight / &row_max * 127.0)
            .round()
            .clamp(-127.0, 127.0)
            .to_kind(Kind::Int8);
        let (ordinary, outliers) = if outlier_channels.is_empty() {
            (quantized, None)
        } else {
            let outliers = Int8Product::new(quantized.index_select(1, &channels));
            (
                quantized.index_fill(1, &channels, 0i64),
                Some((channels, outliers)),
            )
        };
        QuantizedLinear {
            ordinary: Int8Product::new(ordinary),
            outliers,
            channel_scale: (row_max / 127.0).view([1, -1]),
            bias: bias.to_kind(Kind::Float).view([1, -1]),
        }
    }

    // Plain multiplications and additions only: a fused multiply-add may round
    // differently in vectorised and scalar code, which would tie a row to its batch.
    fn forward(&self, x: &Tensor) -> Tensor {
        let mut y = match &self.outliers {
            None => {
                let (mut y, row_max) = self.ordinary.forward(x);
                y *= &row_max;
                y
            }
            Some((channels, outliers)) => {
                let (mut y, row_max) = self.ordinary.forward(&x.index_fill(1, channels, 0.0));
                let (mut z, outlier_max) = outliers.forward(&x.index_select(1, channels));
                y *= &row_max;
                z *= &outlier_max;
                y += z;
                y
            }
        };
        y *= &self.channel_scale;
        y += &self.bias;
        y
    }
}

/// `x Wᵀ` with int8 weights and x quantised per row (see the module docs); returns the
/// product in units of (row scale × weight step) and the row scales.
struct Int8Product {
    /// int8 weights `[out, in]`; fbgemm's packed copy refers to them.
    weight: Tensor,
    packed: Tensor,
    /// Σ of each output row's int8 weights (fbgemm's zero-point correction).
    column_offsets: Tensor,
    zero_bias: Tensor,
    /// `[1, in]`: -1 and 3, then zeros; appended to every input (see the module docs).
    sentinel: Tensor,
}

impl Int8Product {
    fn new(quantized: Tensor) -> Self {
        let quantized = quantized.contiguous();
        let (outputs, inputs) = quantized.size2().expect("a weight matrix");
        let column_offsets = quantized
            .to_kind(Kind::Int)
            .sum_dim_intlist([1i64].as_slice(), false, Kind::Int)
            .contiguous();
        Int8Product {
            packed: quantized.fbgemm_pack_quantized_matrix(),
            weight: quantized,
            column_offsets,
            zero_bias: Tensor::zeros([outputs], (Kind::Float, tch::Device::Cpu)),
            sentinel: sentinel_row(inputs),
        }
    }

    fn forward(&self, x: &Tensor) -> (Tensor, Tensor) {
        let (rows, columns) = x.size2().expect("a matrix of rows");
        let row_max = x
            .norm_scalaropt_dim(f64::INFINITY, [1i64].as_slice(), true)
            .clamp_min(1e-12);
        let input = Tensor::empty([rows + 1, columns], (Kind::Float, x.device()));
        let _ = x.div_out(&input.narrow(0, 0, rows), &row_max);
        input.narrow(0, rows, 1).copy_(&self.sentinel);
        let y = input
            .fbgemm_linear_int8_weight_fp32_activation(
                &self.weight,
                &self.packed,
                &self.column_offsets,
                Scalar::float(1.0),
                Scalar::int(0),
                &self.zero_bias,
            )
            .narrow(0, 0, rows);
        (y, row_max)
    }
}

/// `[1, width]`: -1 and 3 in the first two columns (pinning fbgemm's input range to
/// [-1, 3], see the module docs), zeros after.
fn sentinel_row(width: i64) -> Tensor {
    let mut values = vec![0f32; width.max(2) as usize];
    values[0] = -1.0;
    values[1] = 3.0;
    Tensor::from_slice(&values[..width as usize]).view([1, width])
}

/// libtorch prints a deprecation warning (once per process) the first time each fbgemm
/// function runs. They are the only route to fbgemm's int8 kernels from tch, so run each
/// once with standard error pointed at /dev/null, at load, before anything else runs.
fn silence_deprecation_warnings() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _quiet = QuietStderr::new();
        let weight = Tensor::ones([4, 4], (Kind::Int8, tch::Device::Cpu));
        let packed = weight.fbgemm_pack_quantized_matrix();
        let offsets = Tensor::zeros([4], (Kind::Int, tch::Device::Cpu));
        let bias = Tensor::zeros([4], (Kind::Float, tch::Device::Cpu));
        let _ = Tensor::ones([1, 4], (Kind::Float, tch::Device::Cpu))
            .fbgemm_linear_int8_weight_fp32_activation(
                &weight,
                &packed,
                &offsets,
                Scalar::float(1.0),
                Scalar::int(0),
                &bias,
            );
    });
}

/// Standard error redirected to /dev/null until dropped.
struct QuietStderr {
    saved: Option<std::os::fd::OwnedFd>,
}

impl QuietStderr {
    fn new() -> Self {
        use std::os::fd::{AsFd, AsRawFd};
        let saved = std::io::stderr().as_fd().try_clone_to_owned().ok();
        if let (Some(_), Ok(null)) = (&saved, std::fs::File::open("/dev/null")) {
            // SAFETY: dup2 on two open descriptors; fd 2 is restored in Drop.
            unsafe { libc::dup2(null.as_raw_fd(), 2) };
        }
        QuietStderr { saved }
    }
}

impl Drop for QuietStderr {
    fn drop(&mut self) {
        use std::os::fd::AsRawFd;
        if let Some(saved) = &self.saved {
            // SAFETY: restores the descriptor saved in `new`.
            unsafe { libc::dup2(saved.as_raw_fd(), 2) };
        }
    }
}

/// Per layer and site, the largest magnitude each input channel reached.
type ChannelMaxima = Vec<[Option<Tensor>; 4]>;

impl BertForward {
    /// Prepares the weights named as in rust-bert's `BertModel` (and in
    /// sentence-transformers' safetensors) for `precision`. int8 needs `calibration`
    /// (ids and mask of [`calibration_sentences`]) to choose its outlier channels.
    pub fn new(
        weights: &HashMap<String, Tensor>,
        shape: Shape,
        precision: Precision,
        calibration: Option<(&Tensor, &Tensor)>,
    ) -> Result<Self> {
        let kind = match precision {
            Precision::Bf16 => Kind::BFloat16,
            Precision::F32 | Precision::Int8 => Kind::Float,
        };
        let float = Self::build(weights, shape, kind)?;
        if precision != Precision::Int8 {
            return Ok(float);
        }
        let (ids, mask) = calibration.ok_or_else(|| {
            Error::Config("int8 needs calibration sentences to choose outlier channels".into())
        })?;
        let maxima = float.channel_maxima(ids, mask);
        let mut quantized = float;
        for (layer, maxima) in quantized.layers.iter_mut().zip(maxima) {
            for (site, max) in SITES.into_iter().zip(maxima) {
                let channels = largest(&max.expect("every site observed"), OUTLIER_CHANNELS);
                let slot = match site {
                    Site::QueryKeyValue => &mut layer.query_key_value,
                    Site::AttentionOutput => &mut layer.attention_output,
                    Site::Intermediate => &mut layer.intermediate,
                    Site::Output => &mut layer.output,
                };
                if let Linear::Float { weight, bias } = slot {
                    *slot = Linear::Int8(QuantizedLinear::new(weight, bias, channels));
                }
            }
        }
        Ok(quantized)
    }

    fn build(weights: &HashMap<String, Tensor>, shape: Shape, kind: Kind) -> Result<Self> {
        let get = |name: &str| -> Result<Tensor> {
            weights
                .get(name)
                .map(|t| t.detach().to_kind(Kind::Float).contiguous())
                .ok_or_else(|| Error::Config(format!("the encoder weights lack {name}")))
        };
        let norm = |prefix: &str| -> Result<Norm> {
            Ok(Norm {
                weight: get(&format!("{prefix}.weight"))?.to_kind(kind),
                bias: get(&format!("{prefix}.bias"))?.to_kind(kind),
                eps: shape.layer_norm_eps,
            })
        };
        let linear = |prefix: &str| -> Result<Linear> {
            Ok(Linear::float(
                get(&format!("{prefix}.weight"))?,
                get(&format!("{prefix}.bias"))?,
                kind,
            ))
        };
        // Query, key and value projections fused into one product.
        let fused = |p: &str, what: &str| -> Result<Tensor> {
            let parts = ["query", "key", "value"]
                .iter()
                .map(|part| get(&format!("{p}.attention.self.{part}.{what}")))
                .collect::<Result<Vec<_>>>()?;
            Ok(Tensor::cat(&parts, 0))
        };
        let layers = (0..shape.layers)
            .map(|i| {
                let p = format!("encoder.layer.{i}");
                Ok(Layer {
                    query_key_value: Linear::float(fused(&p, "weight")?, fused(&p, "bias")?, kind),
                    attention_output: linear(&format!("{p}.attention.output.dense"))?,
                    attention_norm: norm(&format!("{p}.attention.output.LayerNorm"))?,
                    intermediate: linear(&format!("{p}.intermediate.dense"))?,
                    output: linear(&format!("{p}.output.dense"))?,
                    output_norm: norm(&format!("{p}.output.LayerNorm"))?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(BertForward {
            word_embeddings: get("embeddings.word_embeddings.weight")?,
            position_embeddings: get("embeddings.position_embeddings.weight")?,
            token_type_embedding: get("embeddings.token_type_embeddings.weight")?.get(0),
            embeddings_norm: Norm {
                weight: get("embeddings.LayerNorm.weight")?,
                bias: get("embeddings.LayerNorm.bias")?,
                eps: shape.layer_norm_eps,
            },
            layers,
            heads: shape.heads,
            hidden: shape.hidden,
            kind,
        })
    }

    /// Last hidden states `[batch, length, hidden]` (f32) of `ids` under `mask` (both
    /// `[batch, length]`, int64; mask 1 for real pieces, 0 for padding).
    pub fn hidden_states(&self, ids: &Tensor, mask: &Tensor) -> Tensor {
        self.run(ids, mask, None)
    }

    /// The largest input magnitude per channel at every linear layer, over the real
    /// (unmasked) pieces of `ids`, computed on one thread so it is the same in every run.
    fn channel_maxima(&self, ids: &Tensor, mask: &Tensor) -> ChannelMaxima {
        let threads = tch::get_num_threads();
        tch::set_num_threads(1);
        let mut maxima: ChannelMaxima =
            (0..self.layers.len()).map(|_| Default::default()).collect();
        let _ = self.run(ids, mask, Some(&mut maxima));
        tch::set_num_threads(threads);
        maxima
    }

    fn run(&self, ids: &Tensor, mask: &Tensor, mut observe: Option<&mut ChannelMaxima>) -> Tensor {
        let _no_grad = tch::no_grad_guard();
        let (batch, length) = ids.size2().expect("ids are [batch, length]");
        let positions = self.position_embeddings.narrow(0, 0, length);
        let embedded = self
            .word_embeddings
            .index_select(0, &ids.flatten(0, -1))
            .view([batch, length, self.hidden])
            + positions.unsqueeze(0)
            + &self.token_type_embedding;
        let mut x = self
            .embeddings_norm
            .forward(&embedded)
            .view([batch * length, self.hidden])
            .to_kind(self.kind);
        // Keys that are padding take no part in attention: [batch, 1, 1, length].
        let attend = mask.to_kind(Kind::Bool).view([batch, 1, 1, length]);
        let real_rows = mask.flatten(0, -1).nonzero().squeeze_dim(1);
        for (i, layer) in self.layers.iter().enumerate() {
            let mut linear = |site: Site, input: &Tensor| {
                if let Some(maxima) = observe.as_deref_mut() {
                    let max = input
                        .index_select(0, &real_rows)
                        .abs()
                        .amax([0i64].as_slice(), false);
                    maxima[i][site as usize] = Some(max);
                }
                layer.linear(site).forward(input)
            };
            x = self.layer(layer, &x, &attend, batch, length, &mut linear);
        }
        x.view([batch, length, self.hidden]).to_kind(Kind::Float)
    }

    fn layer(
        &self,
        layer: &Layer,
        x: &Tensor,
        attend: &Tensor,
        batch: i64,
        length: i64,
        linear: &mut dyn FnMut(Site, &Tensor) -> Tensor,
    ) -> Tensor {
        let head_size = self.hidden / self.heads;
        let qkv = linear(Site::QueryKeyValue, x)
            .view([batch, length, 3, self.heads, head_size])
            .permute([2, 0, 3, 1, 4]);
        let context = Tensor::scaled_dot_product_attention(
            &qkv.get(0),
            &qkv.get(1),
            &qkv.get(2),
            Some(attend),
            0.0,
            false,
            None,
        )
        .permute([0, 2, 1, 3])
        .contiguous()
        .view([batch * length, self.hidden]);
        let attended = layer
            .attention_norm
            .forward(&(linear(Site::AttentionOutput, &context) + x));
        let intermediate = linear(Site::Intermediate, &attended)
            .gelu("none")
            .contiguous();
        layer
            .output_norm
            .forward(&(linear(Site::Output, &intermediate) + &attended))
    }
}

/// Indices of the `count` largest values of a 1-D tensor, ascending.
fn largest(values: &Tensor, count: usize) -> Vec<i64> {
    let count = count.min(values.size()[0] as usize) as i64;
    let (_, indices) = values.topk(count, 0, true, true);
    let mut indices = Vec::<i64>::try_from(indices).expect("int64 indices");
    indices.sort_unstable();
    indices
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_hold_every_length_and_grow() {
        assert_eq!(bucket_length(1), 8);
        assert_eq!(bucket_length(8), 8);
        assert_eq!(bucket_length(9), 12);
        assert_eq!(bucket_length(33), 40);
        assert_eq!(bucket_length(256), 256);
        assert!(BUCKETS.windows(2).all(|w| w[0] < w[1]));
    }

    /// A quantised layer is close to the float one, outlier channels included, and a
    /// row's output does not depend on the other rows of the input.
    #[test]
    fn int8_linear_is_close_and_row_independent() {
        tch::manual_seed(7);
        let options = (Kind::Float, tch::Device::Cpu);
        let weight = Tensor::randn([64, 48], options) * 0.1;
        let bias = Tensor::randn([64], options);
        let exact = Linear::float(weight.copy(), bias.copy(), Kind::Float);
        let int8 = QuantizedLinear::new(&weight, &bias, vec![5, 17]);
        let plain = QuantizedLinear::new(&weight, &bias, Vec::new());
        let x = Tensor::randn([10, 48], options);
        // Massive activations in two channels of some rows.
        let _ = x.get(2).get(5).fill_(300.0);
        let _ = x.get(4).get(17).fill_(-150.0);
        let want = exact.forward(&x);
        let got = int8.forward(&x);
        // The worst row's error relative to the row's size.
        let relative = |y: &Tensor| {
            let dims = [1i64].as_slice();
            ((y - &want).norm_scalaropt_dim(2, dims, false)
                / want.norm_scalaropt_dim(2, dims, false))
            .max()
            .double_value(&[])
        };
        assert!(relative(&got) < 0.03, "int8 error {}", relative(&got));
        // Without the outlier split, rows 2 and 4 lose their ordinary channels.
        assert!(relative(&plain.forward(&x)) > 2.0 * relative(&got));
        let alone = int8.forward(&x.narrow(0, 2, 1));
        let neighbours = Tensor::cat(&[&x * 100.0, x.narrow(0, 2, 1), &x * 0.01], 0);
        let among = int8.forward(&neighbours).narrow(0, 10, 1);
        assert!(alone.equal(&got.narrow(0, 2, 1)));
        assert!(alone.equal(&among));
    }

    #[test]
    fn largest_picks_the_biggest_channels_in_order() {
        let values = Tensor::from_slice(&[1.0f32, 9.0, 3.0, 7.0, 0.5]);
        assert_eq!(largest(&values, 2), vec![1, 3]);
    }
}
