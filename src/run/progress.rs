//! Progress for people: a progress bar on a terminal, and wall-clock seconds per stage.
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::BTreeMap;
use std::time::Instant;

/// Wall-clock seconds per stage.
#[derive(Default)]
pub(crate) struct Stages(pub BTreeMap<String, f64>);

impl Stages {
    pub fn time<T>(&mut self, stage: &str, work: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let result = work();
        self.add(stage, started.elapsed().as_secs_f64());
        result
    }

    pub fn add(&mut self, stage: &str, seconds: f64) {
        *self.0.entry(stage.to_string()).or_default() += seconds;
    }
}

pub(crate) fn progress_bar(documents: u64, quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(documents);
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} documents, {msg} [{elapsed} < {eta}]")
            .expect("valid template"),
    );
    bar
}
