//! `claimscan merge`: the parts of several shard output folders assembled into the one
//! dataset a single run over the whole collection writes.
//!
//! Merging refuses (unless told to write what exists) when the shards do not make up one
//! whole run: a shard index missing or given twice, a shard that never finished (killed
//! or cancelled: no manifest), shards run with different N, on different inputs or with
//! another model or settings.
use crate::error::{Error, Result};
use crate::write::commit;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::assemble::Assembly;
use super::parts::{journal_path, Manifest, Parts};
use super::{RunOptions, RunSummary};

/// One shard folder as found.
struct ShardFolder {
    dir: PathBuf,
    parts: Parts,
    manifest: Option<Manifest>,
    /// (index, count) from the manifest, else from the shard's start record.
    shard: Option<(usize, usize)>,
    inputs_sha256: Option<String>,
}

impl ShardFolder {
    fn open(dir: &Path) -> Result<Self> {
        commit::recover(&journal_path(dir))?;
        let parts = Parts::existing(dir);
        let manifest = parts.manifest();
        let start = parts.shard_start();
        let shard = manifest
            .as_ref()
            .and_then(|m| m.shard)
            .or(start.as_ref().map(|s| s.shard))
            .map(|s| (s.index, s.count));
        let inputs_sha256 = manifest
            .as_ref()
            .map(|m| m.inputs_sha256.clone())
            .or(start.map(|s| s.inputs_sha256));
        Ok(ShardFolder {
            dir: dir.to_path_buf(),
            parts,
            manifest,
            shard,
            inputs_sha256,
        })
    }
}

/// Combines the shard folders into `options.out_dir` (see the module docs).
pub fn merge(shard_dirs: &[PathBuf], options: &RunOptions) -> Result<RunSummary> {
    let started = Instant::now();
    let folders = shard_dirs
        .iter()
        .map(|dir| ShardFolder::open(dir))
        .collect::<Result<Vec<_>>>()?;
    let (problems, missing) = check(&folders);
    if !problems.is_empty() && !options.allow_partial {
        return Err(Error::Config(format!(
            "the shards do not make up one whole run (nothing written; --allow-partial writes what exists):\n  {}",
            problems.join("\n  ")
        )));
    }
    let complete: Vec<&ShardFolder> = folders.iter().filter(|f| f.manifest.is_some()).collect();
    let Some(first) = complete.first().and_then(|f| f.manifest.as_ref()) else {
        return Err(Error::Config(format!(
            "no finished shard to merge:\n  {}",
            problems.join("\n  ")
        )));
    };
    let fingerprint = first.fingerprint.clone();
    std::fs::create_dir_all(&options.out_dir).map_err(|e| Error::io(&options.out_dir, e))?;
    commit::recover(&journal_path(&options.out_dir))?;
    let parts = Parts::prepare(&options.out_dir, &fingerprint, false)?;
    let mut documents: Vec<(usize, String)> = Vec::new();
    for folder in &complete {
        let manifest = folder
            .manifest
            .as_ref()
            .expect("complete shards have a manifest");
        for (doc_id, key) in &manifest.documents {
            for (from, to) in [
                (folder.parts.part_path(key), parts.part_path(key)),
                (folder.parts.text_path(key), parts.text_path(key)),
            ] {
                if from.exists() {
                    std::fs::copy(&from, &to).map_err(|e| Error::io(&from, e))?;
                }
            }
            documents.push((*doc_id, key.clone()));
        }
    }
    documents.sort_unstable();
    documents.dedup();
    parts.write_manifest(&Manifest {
        shard: None,
        documents: documents.clone(),
        ..first.clone()
    })?;
    let run = serde_json::json!({
        "tool": "claimscan",
        "version": env!("CARGO_PKG_VERSION"),
        "command_line": options.command_line,
        "merged_from": complete.iter().map(|f| f.dir.display().to_string()).collect::<Vec<_>>(),
        "missing": missing,
        "problems": problems,
        "inputs_sha256": first.inputs_sha256,
        "fingerprint": fingerprint,
        "formula_guard": options.formula_guard,
    });
    let assembly = Assembly {
        out_dir: &options.out_dir,
        parts: &parts,
        format: options.format,
        excel: options.excel,
        formula_guard: options.formula_guard,
        workbook: options.workbook,
        labels: fingerprint.labels.clone(),
        keep_text: options.keep_text,
    };
    let summary = assembly.write(&documents, |counts| {
        let mut run = run;
        run["counts"] = serde_json::json!({
            "documents": counts.documents,
            "failed": counts.failed,
            "sentences": counts.sentences,
            "non_english_sentences": counts.non_english_sentences,
            "cut_sentences": counts.cut_sentences,
            "claims": counts.claims,
        });
        run
    })?;
    Ok(RunSummary {
        seconds: started.elapsed().as_secs_f64(),
        missing_shards: problems,
        ..summary
    })
}

/// What keeps the folders from being one whole run, and the shard indexes missing or
/// unfinished.
fn check(folders: &[ShardFolder]) -> (Vec<String>, Vec<usize>) {
    let mut problems = Vec::new();
    for folder in folders {
        match (&folder.shard, &folder.manifest) {
            (None, _) => problems.push(format!(
                "{} is not the output of `run --shard I/N` (no shard record in .claimscan/)",
                folder.dir.display()
            )),
            (Some((index, count)), None) => problems.push(format!(
                "shard {index}/{count} in {} did not finish (no manifest: killed, cancelled or still running); run it again with --resume",
                folder.dir.display()
            )),
            _ => {}
        }
    }
    let counts: BTreeMap<usize, Vec<String>> = folders
        .iter()
        .filter_map(|f| {
            f.shard
                .map(|(_, count)| (count, f.dir.display().to_string()))
        })
        .fold(BTreeMap::new(), |mut map, (count, dir)| {
            map.entry(count).or_insert_with(Vec::new).push(dir);
            map
        });
    if counts.len() > 1 {
        problems.push(format!("shards were run with different N: {counts:?}"));
    }
    let inputs: BTreeMap<&str, Vec<String>> = folders
        .iter()
        .filter_map(|f| Some((f.inputs_sha256.as_deref()?, f.dir.display().to_string())))
        .fold(BTreeMap::new(), |mut map, (hash, dir)| {
            map.entry(hash).or_insert_with(Vec::new).push(dir);
            map
        });
    if inputs.len() > 1 {
        let groups: Vec<String> = inputs.values().map(|dirs| dirs.join(", ")).collect();
        problems.push(format!(
            "shards saw different input lists (each group saw the same): {}",
            groups.join(" | ")
        ));
    }
    let fingerprints: Vec<_> = folders
        .iter()
        .filter_map(|f| f.manifest.as_ref().map(|m| &m.fingerprint))
        .collect();
    if fingerprints.windows(2).any(|w| w[0] != w[1]) {
        problems.push("shards were made with another model or settings than each other".into());
    }
    let mut missing = Vec::new();
    if let Some(&count) = counts.keys().next_back() {
        for index in 1..=count {
            let finished: Vec<&ShardFolder> = folders
                .iter()
                .filter(|f| f.shard == Some((index, count)) && f.manifest.is_some())
                .collect();
            match finished.len() {
                0 => {
                    missing.push(index);
                    if !folders.iter().any(|f| f.shard == Some((index, count))) {
                        problems.push(format!("shard {index}/{count} is missing"));
                    }
                }
                1 => {}
                _ => problems.push(format!(
                    "shard {index}/{count} is given more than once: {}",
                    finished
                        .iter()
                        .map(|f| f.dir.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            }
        }
    }
    (problems, missing)
}
