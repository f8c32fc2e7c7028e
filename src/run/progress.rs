//! Progress for people: a progress bar on a terminal (a line every 10 seconds in logs),
//! every failed file and warning on standard error as it happens, and wall-clock seconds
//! per stage.
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::BTreeMap;
use std::io::IsTerminal;
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

/// Documents done out of the total, and what went wrong on the way.
pub(crate) struct Progress {
    bar: ProgressBar,
    quiet: bool,
    sentences: usize,
    started: Instant,
    last_line: Instant,
}

impl Progress {
    pub fn new(documents: usize, quiet: bool) -> Self {
        let bar = if quiet {
            ProgressBar::hidden()
        } else {
            let bar = ProgressBar::new(documents as u64);
            bar.set_style(
                ProgressStyle::with_template(
                    "{bar:30} {pos}/{len} documents, {msg} [{elapsed} < {eta}]",
                )
                .expect("valid template"),
            );
            bar
        };
        Progress {
            bar,
            quiet,
            sentences: 0,
            started: Instant::now(),
            last_line: Instant::now(),
        }
    }

    /// One document done, with the sentences classified for it (0 when reused or failed).
    pub fn document(&mut self, sentences: usize) {
        self.sentences += sentences;
        self.bar.inc(1);
        let message = format!(
            "{} sentences, {:.0}/s",
            self.sentences,
            self.sentences as f64 / self.started.elapsed().as_secs_f64().max(1e-9)
        );
        // indicatif draws nothing when stderr is not a terminal (batch logs): a line every
        // 10 seconds instead.
        if !self.quiet
            && !std::io::stderr().is_terminal()
            && self.last_line.elapsed().as_secs() >= 10
        {
            eprintln!(
                "[run] {}/{} documents, {message}",
                self.bar.position(),
                self.bar.length().unwrap_or(0)
            );
            self.last_line = Instant::now();
        }
        self.bar.set_message(message);
    }

    /// A problem with one file: always printed, also with `--quiet` (which silences
    /// progress, not problems).
    pub fn report(&self, line: &str) {
        self.bar.suspend(|| eprintln!("claimscan: {line}"));
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
