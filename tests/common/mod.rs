//! Shared helpers of the integration tests: where the project's models are.

use std::path::PathBuf;

/// The project's models folder (the test command provisions it before running the tests).
pub fn models_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models")
}

pub fn base_model_dir() -> PathBuf {
    models_dir().join(claimscan::model::provision::BASE_MODEL_NAME)
}

/// The built command-line binary.
pub fn claimscan() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_claimscan"));
    command.arg("--models").arg(models_dir());
    command
}

/// Runs the binary with `args`, feeding `stdin`, and returns what it printed.
pub fn run_with_stdin(args: &[&str], stdin: &[u8]) -> std::process::Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = claimscan()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}
