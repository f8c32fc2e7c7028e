//! `claimscan merge`: the parts of several shard output folders assembled into the one
//! dataset a single run over the whole collection writes.
use crate::error::{Error, Result};
use crate::write::{write_atomically, Dataset};
use std::path::PathBuf;
use std::time::Instant;

use super::parts::{part_path, work_dir, Fingerprint};
use super::{assemble, RunOptions, RunSummary};

/// Combines the parts of shard output folders into `out_dir` and assembles one dataset,
/// identical to what a single run over the whole collection writes.
pub fn merge(shard_dirs: &[PathBuf], options: &RunOptions) -> Result<RunSummary> {
    let started = Instant::now();
    let work = work_dir(&options.out_dir);
    let parts = work.join("parts");
    std::fs::create_dir_all(&parts).map_err(|e| Error::io(&parts, e))?;
    let mut fingerprint: Option<String> = None;
    let mut doc_ids = Vec::new();
    for shard in shard_dirs {
        let shard_work = work_dir(shard);
        let shard_fingerprint = std::fs::read_to_string(shard_work.join("fingerprint.json"))
            .map_err(|e| Error::io(shard_work.join("fingerprint.json"), e))?;
        if fingerprint
            .as_ref()
            .is_some_and(|f| f != &shard_fingerprint)
        {
            return Err(Error::Config(format!(
                "{} was made with another model or settings than the shards before it",
                shard.display()
            )));
        }
        std::fs::write(work.join("fingerprint.json"), &shard_fingerprint)
            .map_err(|e| Error::io(&work, e))?;
        fingerprint = Some(shard_fingerprint);
        for entry in std::fs::read_dir(shard_work.join("parts")).map_err(|e| Error::io(shard, e))? {
            let entry = entry.map_err(|e| Error::io(shard, e))?;
            let name = entry.file_name().to_string_lossy().to_string();
            let Some(doc_id) = name
                .strip_suffix(".json")
                .and_then(|n| n.parse::<usize>().ok())
            else {
                continue;
            };
            let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
            write_atomically(&part_path(&work, doc_id), &bytes)?;
            doc_ids.push(doc_id);
        }
    }
    doc_ids.sort_unstable();
    doc_ids.dedup();
    let labels: Vec<String> =
        serde_json::from_str::<Fingerprint>(fingerprint.as_deref().unwrap_or("{}"))
            .map(|f| f.labels)
            .map_err(|e| Error::Config(format!("unreadable shard fingerprint: {e}")))?;
    let mut dataset = Dataset::create(
        &options.out_dir,
        options.format,
        options.excel,
        options.formula_guard,
        &labels.iter().map(String::as_str).collect::<Vec<_>>(),
    )?;
    let mut summary = assemble(&work, &doc_ids, &mut dataset)?;
    dataset.finish()?;
    summary.seconds = started.elapsed().as_secs_f64();
    let run = serde_json::json!({
        "tool": "claimscan",
        "version": env!("CARGO_PKG_VERSION"),
        "command_line": options.command_line,
        "merged_from": shard_dirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>(),
        "fingerprint": serde_json::from_str::<serde_json::Value>(fingerprint.as_deref().unwrap_or("null")).ok(),
        "counts": {
            "documents": summary.documents,
            "failed": summary.failed,
            "sentences": summary.sentences,
            "claims": summary.claims,
        },
        "seconds": summary.seconds,
    });
    let text = serde_json::to_string_pretty(&run).expect("run record serialises");
    write_atomically(&options.out_dir.join("run.json"), text.as_bytes())?;
    Ok(summary)
}
