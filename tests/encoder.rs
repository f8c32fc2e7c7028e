//! The encoder against sentence-transformers' reference values, and its invariances.
use crate::common;
use claimscan::model::encoder::{Embedder, Encoder, EncoderSettings, Precision};

fn encoder(precision: Precision, threads: usize, batch_size: usize) -> Encoder {
    let settings = EncoderSettings {
        precision,
        threads,
        batch_size,
        ..EncoderSettings::default()
    };
    Encoder::open_base(&common::base_model_dir(), settings).expect("base model (run `make setup`)")
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let norm = |v: &[f32]| v.iter().map(|x| x * x).sum::<f32>().sqrt();
    dot / (norm(a) * norm(b))
}

fn max_abs_difference(a: &[Vec<f32>], b: &[Vec<f32>]) -> f32 {
    a.iter()
        .flatten()
        .zip(b.iter().flatten())
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f32::max)
}

const SENTENCES: &[&str] = &[
    "Police in the border county detained eleven women who had crossed the river at night.",
    "The ministry said the migrants would be returned under the readmission agreement.",
    "Rainfall in the northern provinces was well below the ten-year average.",
    "Several interviewees said brokers had sold them to farmers as wives.",
    "The committee urged the government to stop deporting asylum seekers.",
    "Those returned were reportedly held for weeks in a provincial detention centre.",
    "Most of the families we met had arrived within the last two years.",
    "Guards beat him with a rubber hose until he signed a confession.",
    "The agency has not been allowed to visit the northeastern provinces since 2019.",
    "In March, the coast guard intercepted a boat carrying ninety people and towed it back.",
    "Aid convoys were delayed by floods on the main road.",
    "A court in the capital ruled that the deportation order was unlawful.",
    "We interviewed 64 people between January and June.",
    "She said she worked fourteen hours a day in a restaurant and was never paid.",
    "Officials promised to review the cases of all detained children.",
    "No one knows how many of them were executed after their return.",
    "Chapter 3",
    "Short.",
    "The report's annex lists the questions used in the household survey, the sampling frame, the consent procedure and the way answers were coded, anonymised, stored and checked for consistency by two researchers.",
    "Villagers told us that soldiers burned the market, shot at people running to the hills, and took the young men away in trucks whose destination nobody could tell us.",
    "Human rights groups called the new checkpoints a step towards mass expulsion.",
    "Fear of being sent home kept most of them from reporting abuse by employers.",
    "Donor governments pledged additional funding for the camps.",
    "The river freezes for about three months each winter.",
    "Authorities insisted that the returns were voluntary.",
    "According to the lawyer, his client was tortured in pre-trial detention.",
    "Thousands crossed the mountains on foot in the autumn.",
    "The parliament passed a law that makes helping undocumented migrants a crime.",
    "Border guards fired on people trying to cross, killing at least four.",
    "Statistics for 2021 were not available at the time of writing.",
];

#[test]
fn f32_embedding_matches_sentence_transformers_reference() {
    let embedding = &encoder(Precision::F32, 2, 32)
        .embed(&["This is an example sentence"])
        .unwrap()[0];
    let reference = [0.0677f32, 0.0635, 0.0487, 0.0793, 0.0374];
    assert_eq!(embedding.len(), 384);
    for (i, (got, want)) in embedding.iter().zip(reference).enumerate() {
        assert!((got - want).abs() < 1e-4, "dimension {i}: {got} vs {want}");
    }
    let norm: f32 = embedding.iter().map(|x| x * x).sum::<f32>().sqrt();
    assert!((norm - 1.0).abs() < 1e-5);
}

#[test]
fn bf16_embeddings_stay_close_to_f32() {
    let f32_rows = encoder(Precision::F32, 2, 32).embed(SENTENCES).unwrap();
    let bf16_rows = encoder(Precision::Bf16, 2, 32).embed(SENTENCES).unwrap();
    for ((a, b), text) in f32_rows.iter().zip(&bf16_rows).zip(SENTENCES) {
        let similarity = cosine(a, b);
        assert!(similarity >= 0.99, "cosine {similarity} for {text:?}");
    }
}

fn labelled_test_sentences() -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/labeled/test.csv");
    let mut reader = csv::Reader::from_path(path).unwrap();
    reader
        .deserialize::<std::collections::HashMap<String, String>>()
        .map(|row| row.unwrap()["text"].clone())
        .collect()
}

// issue 8: int8 within cos 0.99 of f32 on the labelled test set.
#[test]
fn int8_embeddings_stay_close_to_f32_on_the_test_set() {
    let sentences = labelled_test_sentences();
    let texts: Vec<&str> = sentences.iter().map(String::as_str).collect();
    let f32_rows = encoder(Precision::F32, 2, 64).embed(&texts).unwrap();
    let int8_rows = encoder(Precision::Int8, 2, 64).embed(&texts).unwrap();
    let (worst, text) = f32_rows
        .iter()
        .zip(&int8_rows)
        .zip(&texts)
        .map(|((a, b), text)| (cosine(a, b), text))
        .fold((1.0f32, &""), |m, c| if c.0 < m.0 { c } else { m });
    assert!(worst >= 0.99, "lowest cosine {worst} for {text:?}");
}

// issue 8: a sentence's vector is the same alone, in a short batch, in a long one, and
// with 1 or 2 threads (bit for bit), in both precisions `auto` may choose.
#[test]
fn results_do_not_depend_on_the_batch_or_threads() {
    for precision in [Precision::F32, Precision::Int8] {
        let single = encoder(precision, 1, 1);
        let alone: Vec<Vec<f32>> = SENTENCES
            .iter()
            .map(|s| single.embed(&[s]).unwrap().remove(0))
            .collect();
        let mut long: Vec<String> = labelled_test_sentences().into_iter().take(200).collect();
        long.extend(SENTENCES.iter().map(|s| s.to_string()));
        let long: Vec<&str> = long.iter().map(String::as_str).collect();
        for (threads, batch_size) in [(2, 3), (2, 64), (1, 64)] {
            let encoder = encoder(precision, threads, batch_size);
            let short = encoder.embed(SENTENCES).unwrap();
            let within_long = encoder.embed(&long).unwrap();
            let within_long = &within_long[long.len() - SENTENCES.len()..];
            for (i, sentence) in SENTENCES.iter().enumerate() {
                let case =
                    format!("{precision}, threads {threads}, batch {batch_size}: {sentence:?}");
                assert_eq!(alone[i], short[i], "short batch, {case}");
                assert_eq!(alone[i], within_long[i], "long batch, {case}");
            }
        }
    }
}

#[test]
fn length_sorted_batches_keep_input_order() {
    let encoder = encoder(Precision::F32, 2, 4);
    let batched = encoder.embed(SENTENCES).unwrap();
    for (i, sentence) in SENTENCES.iter().enumerate() {
        let alone = encoder.embed(&[sentence]).unwrap();
        let difference = max_abs_difference(&alone, &batched[i..=i]);
        assert!(difference < 1e-5, "row {i} differs by {difference}");
    }
}

#[test]
fn batch_size_and_threads_do_not_change_f32_results() {
    let reference = encoder(Precision::F32, 2, 32).embed(SENTENCES).unwrap();
    for (threads, batch_size) in [(1, 1), (1, 7), (2, 3), (2, 64)] {
        let rows = encoder(Precision::F32, threads, batch_size)
            .embed(SENTENCES)
            .unwrap();
        let difference = max_abs_difference(&reference, &rows);
        assert!(
            difference < 1e-5,
            "threads {threads}, batch {batch_size}: {difference}"
        );
    }
}

#[test]
fn very_long_text_is_truncated_with_offsets_kept() {
    let encoder = encoder(Precision::F32, 1, 32);
    let long = "The detainees were moved again. ".repeat(400);
    let tokenized = encoder.tokenize(&[long.as_str()]).unwrap();
    assert!(tokenized[0].truncated);
    assert_eq!(
        tokenized[0].ids.len(),
        claimscan::model::encoder::MAX_TOKENS
    );
    let covered = tokenized[0].covered_chars();
    assert!(covered > 500 && covered < long.len(), "covered {covered}");
    let short = encoder.tokenize(&["Police detained them."]).unwrap();
    assert!(!short[0].truncated);
    assert_eq!(
        short[0].offsets[1],
        (0, 6),
        "offsets of the first word piece"
    );
}
