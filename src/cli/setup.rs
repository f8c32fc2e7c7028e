//! `claimscan setup`: fetch and verify the base model.
use super::{log, Outcome};
use claimscan::model::{available_cores, provision, Precision};
use std::path::Path;

pub fn run(models: &Path) -> anyhow::Result<Outcome> {
    provision::ensure(models, &log)?;
    log(&format!(
        "models in {} (set CLAIMSCAN_MODELS or --models to use another folder)",
        display_absolute(models)
    ));
    let precision = Precision::auto();
    log(&format!(
        "{} cores; default precision {precision} ({})",
        available_cores(),
        if precision == Precision::Int8 {
            "VNNI found: int8 through fbgemm"
        } else {
            "no VNNI: int8 is no faster than f32 here"
        }
    ));
    Ok(Outcome::Complete)
}

fn display_absolute(path: &Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}
