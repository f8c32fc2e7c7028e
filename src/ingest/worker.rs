//! Reading documents in a separate process, with a time and a memory budget.
//!
//! A parser that loops forever (pdf-extract on a PDF whose page tree loops), crashes (a C++
//! PDF engine on a malformed file), overflows its stack or allocates without end must cost
//! one file, not the run. [`IsolatedReader`] keeps one long-lived child process, the
//! claimscan binary started as `claimscan extract-worker` (a hidden subcommand that runs
//! [`serve`]), and sends it one path at a time; the child reads the file with
//! [`Ingest::read`] and sends the [`Document`] back.
//!
//! * **Time:** the parent waits at most [`Limits::max_seconds`] for each file (blocked on a
//!   channel, no polling). Past that it kills the child (SIGKILL, then reaps it) and the
//!   file fails with "extraction took longer than N s; stopped". The next file starts a
//!   new child.
//! * **Crashes:** a child that dies (signal, abort, stack overflow) fails that file only,
//!   with "the reader crashed (signal 11, SIGSEGV)" and what it printed last, and is
//!   replaced for the next file. A child that died while idle is replaced before the next
//!   file is sent, so no file is blamed for it.
//! * **Memory:** the child caps its own address space (`RLIMIT_AS`) at its size after
//!   start-up plus [`Limits::max_memory`]: set after start-up, the cap does not disturb the
//!   mapping of the shared libraries (the binary links libtorch; once started, the worker
//!   has about 470 MiB of address space and 105 MiB resident, and takes about 0.8 s to
//!   start) and bounds what reading a file allocates (including a C or C++ library's
//!   own allocations). An allocation past the cap aborts the child, and the file fails
//!   with "the reader ran out of memory".
//! * **Panics** inside a reader are caught quietly in the child ([`quiet_panics`]) and come
//!   back as the file's error.
//! * On Linux the child is killed when the thread that started it exits
//!   (`PR_SET_PDEATHSIG`), so a hung child never outlives a killed run. Use the reader from
//!   one long-lived thread.
//!
//! The protocol (stdin/stdout of the child, both binary): frames of a kind byte, a
//! little-endian u64 length and the payload. The child first sends `H` (hello, with the
//! protocol version); then, for each `R` request (max_bytes u64, max_chars u64, the path's
//! bytes), it answers `D` (the document as JSON, its path left empty and filled in by the
//! parent) or `E` (the error as JSON). The child's own stdout is pointed at its stderr
//! before anything else runs, so a library that prints cannot corrupt the protocol; its
//! stderr is collected by the parent (the last 16 KiB) to explain a crash.

use std::ffi::OsString;
use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::io::FromRawFd;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::{bad_input, quiet_panics, Document, Ingest, DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS};
use crate::{Error, Result};

/// The hidden subcommand that runs [`serve`].
pub const WORKER_COMMAND: &str = "extract-worker";

/// The default for [`Limits::max_seconds`].
pub const DEFAULT_MAX_SECONDS: u64 = 120;

/// The default for [`Limits::max_memory`]: 4 GiB of address space beyond the worker's
/// start-up size (reading a 50 MB text file at the default limits needs about 300 MB).
pub const DEFAULT_MAX_MEMORY: u64 = 4 << 30;

/// Environment variable that passes the memory budget to the worker (bytes).
const MEMORY_ENV: &str = "CLAIMSCAN_WORKER_MEMORY";

/// Test hook: `action:file_name[,action:file_name]` makes the worker misbehave when it is
/// asked to read a file of that name: `sleep` (for an hour), `abort`, `segv` (raises
/// SIGSEGV), `overflow` (overflows its stack), `exit` (exits with status 3) or `alloc`
/// (allocates until its memory cap stops it). Used by the tests of the timeout and crash
/// handling; has no other use.
#[doc(hidden)]
pub const FAULT_ENV: &str = "CLAIMSCAN_WORKER_FAULT";

const PROTOCOL: &[u8] = b"claimscan extract-worker protocol 1";
const HELLO: u8 = b'H';
const REQUEST: u8 = b'R';
const DOCUMENT: u8 = b'D';
const ERROR: u8 = b'E';

/// How long a new worker may take to start (load the binary and its libraries).
const STARTUP_SECONDS: u64 = 60;
/// Largest request the worker accepts (a path and two numbers).
const MAX_REQUEST_BYTES: u64 = 1 << 20;
/// Bytes of the worker's stderr kept to explain a crash.
const STDERR_TAIL_BYTES: usize = 16 * 1024;

/// What one read may use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Files larger than this are refused without being read ([`Ingest::max_bytes`]).
    pub max_bytes: u64,
    /// Texts longer than this are refused ([`Ingest::max_chars`]).
    pub max_chars: usize,
    /// Wall-clock seconds one file may take; 0 for no limit.
    pub max_seconds: u64,
    /// Address space (bytes) the worker may allocate beyond its size after start-up;
    /// `None` for no cap.
    pub max_memory: Option<u64>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: DEFAULT_MAX_BYTES,
            max_chars: DEFAULT_MAX_CHARS,
            max_seconds: DEFAULT_MAX_SECONDS,
            max_memory: Some(DEFAULT_MAX_MEMORY),
        }
    }
}

/// Reads documents in a worker process; see the [module docs](self).
///
/// ```no_run
/// use claimscan::ingest::worker::{IsolatedReader, Limits};
/// let mut reader = IsolatedReader::for_current_exe(Limits::default())?;
/// match reader.read(std::path::Path::new("reports/loop.pdf")) {
///     Ok(document) => println!("{} chars", document.text.len()),
///     Err(error) => eprintln!("{error}"), // "...: extraction took longer than 120 s; stopped"
/// }
/// # Ok::<(), claimscan::Error>(())
/// ```
pub struct IsolatedReader {
    exe: PathBuf,
    limits: Limits,
    env: Vec<(OsString, OsString)>,
    worker: Option<Worker>,
}

impl IsolatedReader {
    /// A reader that runs `<worker_exe> extract-worker` (the claimscan binary); the worker
    /// starts with the first read.
    pub fn new(worker_exe: PathBuf, limits: Limits) -> Self {
        IsolatedReader {
            exe: worker_exe,
            limits,
            env: Vec::new(),
            worker: None,
        }
    }

    /// A reader whose worker is the running executable (for use inside the claimscan
    /// binary).
    pub fn for_current_exe(limits: Limits) -> Result<Self> {
        let exe = std::env::current_exe()
            .map_err(|e| Error::Config(format!("cannot find the claimscan executable: {e}")))?;
        Ok(Self::new(exe, limits))
    }

    /// An extra environment variable for the worker process.
    pub fn worker_env(mut self, key: impl Into<OsString>, value: impl Into<OsString>) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The process id of the running worker, if one is running.
    pub fn worker_pid(&self) -> Option<u32> {
        self.worker.as_ref().map(|worker| worker.child.id())
    }

    /// Reads one file in the worker: the same result as [`Ingest::read`] with the limits'
    /// `max_bytes` and `max_chars`, or an [`Error::BadInput`] for this file when the read
    /// took longer than `max_seconds` (the worker is killed), ran out of memory or crashed
    /// the worker. [`Error::Config`] when no worker can be started at all (the executable
    /// is missing or does not know the `extract-worker` command): that is not the file's
    /// fault, and no later file will fare better.
    pub fn read(&mut self, path: &Path) -> Result<Document> {
        let request = encode_request(path, &self.limits);
        // A worker that died while idle is replaced before anything is blamed on this file.
        if self
            .worker
            .as_mut()
            .is_some_and(|worker| !worker.is_alive())
        {
            self.stop_worker();
        }
        if self.worker.is_none() {
            self.worker = Some(self.spawn()?);
        }
        if self.worker_mut().send(&request).is_err() {
            // It died between the check and the request: once more with a new one.
            self.stop_worker();
            self.worker = Some(self.spawn()?);
            self.worker_mut()
                .send(&request)
                .map_err(|e| Error::Config(format!("the extraction worker stopped: {e}")))?;
        }
        let reply = match self.limits.max_seconds {
            0 => self
                .worker_mut()
                .replies
                .recv()
                .map_err(|_| RecvTimeoutError::Disconnected),
            seconds => self
                .worker_mut()
                .replies
                .recv_timeout(Duration::from_secs(seconds)),
        };
        match reply {
            Ok(Ok((DOCUMENT, payload))) => {
                let mut document: Document = serde_json::from_slice(&payload).map_err(|e| {
                    bad_input(path, format!("the reader sent an unreadable document: {e}"))
                })?;
                document.path = path.to_path_buf();
                Ok(document)
            }
            Ok(Ok((ERROR, payload))) => Err(match serde_json::from_slice::<WireError>(&payload) {
                Ok(error) => error.into_error(path),
                Err(e) => bad_input(path, format!("the reader sent an unreadable error: {e}")),
            }),
            Ok(Ok((kind, _))) => {
                self.stop_worker();
                Err(bad_input(
                    path,
                    format!(
                        "the reader answered out of protocol (frame '{}')",
                        kind as char
                    ),
                ))
            }
            Err(RecvTimeoutError::Timeout) => {
                self.stop_worker();
                Err(bad_input(
                    path,
                    format!(
                        "extraction took longer than {} s; stopped",
                        self.limits.max_seconds
                    ),
                ))
            }
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => {
                let reason = self.reap_crashed_worker();
                Err(bad_input(path, reason))
            }
        }
    }

    /// Stops the worker now (a new one starts with the next read). Also done on drop.
    pub fn shutdown(&mut self) {
        self.stop_worker();
    }

    fn worker_mut(&mut self) -> &mut Worker {
        self.worker.as_mut().expect("a worker was started")
    }

    fn spawn(&self) -> Result<Worker> {
        let not_started = |cause: String| {
            Error::Config(format!(
                "could not start the extraction worker ({} {WORKER_COMMAND}): {cause}",
                self.exe.display()
            ))
        };
        let mut command = Command::new(&self.exe);
        command
            .arg(WORKER_COMMAND)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        match self.limits.max_memory {
            Some(bytes) => command.env(MEMORY_ENV, bytes.to_string()),
            None => command.env_remove(MEMORY_ENV),
        };
        for (key, value) in &self.env {
            command.env(key, value);
        }
        #[cfg(target_os = "linux")]
        // SAFETY: prctl is async-signal-safe; nothing else runs between fork and exec.
        unsafe {
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong);
                Ok(())
            });
        }
        let mut child = command.spawn().map_err(|e| not_started(e.to_string()))?;
        let stdin = child.stdin.take().expect("piped");
        let stdout = child.stdout.take().expect("piped");
        let mut stderr = child.stderr.take().expect("piped");

        let max_reply = max_reply_bytes(&self.limits);
        let (sender, replies) = mpsc::channel();
        let reader = std::thread::Builder::new()
            .name("claimscan-worker-replies".into())
            .spawn(move || {
                let mut stdout = BufReader::new(stdout);
                loop {
                    match read_frame(&mut stdout, max_reply) {
                        Ok(Some(frame)) => {
                            if sender.send(Ok(frame)).is_err() {
                                break;
                            }
                        }
                        Ok(None) => break,
                        Err(e) => {
                            let _ = sender.send(Err(e));
                            break;
                        }
                    }
                }
            })
            .map_err(|e| not_started(e.to_string()))?;
        let tail = Arc::new(Mutex::new(Vec::new()));
        let drain_tail = Arc::clone(&tail);
        let drain = std::thread::Builder::new()
            .name("claimscan-worker-stderr".into())
            .spawn(move || {
                let mut buffer = [0u8; 4096];
                while let Ok(n) = stderr.read(&mut buffer) {
                    if n == 0 {
                        break;
                    }
                    let mut tail = drain_tail.lock().unwrap_or_else(|e| e.into_inner());
                    tail.extend_from_slice(&buffer[..n]);
                    if tail.len() > STDERR_TAIL_BYTES {
                        let excess = tail.len() - STDERR_TAIL_BYTES;
                        tail.drain(..excess);
                    }
                }
            })
            .map_err(|e| not_started(e.to_string()))?;
        let mut worker = Worker {
            child,
            stdin: Some(stdin),
            replies,
            stderr_tail: tail,
            threads: vec![reader, drain],
        };
        match worker
            .replies
            .recv_timeout(Duration::from_secs(STARTUP_SECONDS))
        {
            Ok(Ok((HELLO, payload))) if payload == PROTOCOL => Ok(worker),
            Ok(Ok(_)) => {
                worker.stop();
                Err(not_started("it does not speak the worker protocol".into()))
            }
            Err(RecvTimeoutError::Timeout) => {
                worker.stop();
                Err(not_started(format!("no answer in {STARTUP_SECONDS} s")))
            }
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => {
                let status = worker.reap();
                let said = last_line(&worker.stderr_text());
                Err(not_started(format!(
                    "{}{}",
                    describe_exit(status),
                    said.map(|s| format!(": {s}")).unwrap_or_default()
                )))
            }
        }
    }

    fn stop_worker(&mut self) {
        if let Some(mut worker) = self.worker.take() {
            worker.stop();
        }
    }

    /// The worker closed its output: wait for it and say how it ended.
    fn reap_crashed_worker(&mut self) -> String {
        let Some(mut worker) = self.worker.take() else {
            return "the reader stopped".to_string();
        };
        let status = worker.reap();
        let stderr = worker.stderr_text();
        if stderr.contains("memory allocation of") {
            return match self.limits.max_memory {
                Some(bytes) => format!(
                    "the reader ran out of memory (limit: {} MiB beyond its start-up size); stopped",
                    bytes >> 20
                ),
                None => "the reader ran out of memory; stopped".to_string(),
            };
        }
        let detail = if stderr.contains("has overflowed its stack") {
            Some("stack overflow".to_string())
        } else {
            last_line(&stderr)
        };
        let how = match status.and_then(|s| s.signal()) {
            Some(signal) => format!("the reader crashed (signal {signal}{}", signal_name(signal)),
            None => format!("the reader stopped unexpectedly ({}", describe_exit(status)),
        };
        match detail {
            Some(detail) => format!("{how}: {detail})"),
            None => format!("{how})"),
        }
    }
}

impl Drop for IsolatedReader {
    fn drop(&mut self) {
        self.stop_worker();
    }
}

/// One running worker process and the threads that read its output.
struct Worker {
    child: Child,
    stdin: Option<ChildStdin>,
    replies: Receiver<io::Result<(u8, Vec<u8>)>>,
    stderr_tail: Arc<Mutex<Vec<u8>>>,
    threads: Vec<JoinHandle<()>>,
}

impl Worker {
    fn is_alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    fn send(&mut self, request: &[u8]) -> io::Result<()> {
        self.stderr_tail
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        let stdin = self
            .stdin
            .as_mut()
            .ok_or_else(|| io::Error::from(io::ErrorKind::BrokenPipe))?;
        write_frame(stdin, REQUEST, request)
    }

    /// Kills the process (SIGKILL), reaps it and joins the reading threads.
    fn stop(&mut self) {
        self.stdin = None;
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.join_threads();
    }

    /// Waits for a process that closed its output (a few seconds at most, then kills it),
    /// and joins the reading threads so that all it printed is in.
    fn reap(&mut self) -> Option<ExitStatus> {
        self.stdin = None;
        let deadline = Instant::now() + Duration::from_secs(5);
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(status)) => break Some(status),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10))
                }
                Ok(None) => {
                    let _ = self.child.kill();
                    break self.child.wait().ok();
                }
                Err(_) => break None,
            }
        };
        self.join_threads();
        status
    }

    fn join_threads(&mut self) {
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }

    fn stderr_text(&self) -> String {
        let tail = self.stderr_tail.lock().unwrap_or_else(|e| e.into_inner());
        String::from_utf8_lossy(&tail).into_owned()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        if !self.threads.is_empty() {
            self.stop();
        }
    }
}

fn describe_exit(status: Option<ExitStatus>) -> String {
    match status {
        Some(status) => match (status.code(), status.signal()) {
            (Some(code), _) => format!("exit status {code}"),
            (None, Some(signal)) => format!("signal {signal}{}", signal_name(signal)),
            _ => status.to_string(),
        },
        None => "exit status unknown".to_string(),
    }
}

fn signal_name(signal: i32) -> &'static str {
    match signal {
        libc::SIGSEGV => ", SIGSEGV",
        libc::SIGABRT => ", SIGABRT",
        libc::SIGBUS => ", SIGBUS",
        libc::SIGILL => ", SIGILL",
        libc::SIGFPE => ", SIGFPE",
        libc::SIGKILL => ", SIGKILL",
        libc::SIGTERM => ", SIGTERM",
        libc::SIGXCPU => ", SIGXCPU",
        _ => "",
    }
}

/// The last line a process printed, shortened.
fn last_line(text: &str) -> Option<String> {
    let line = text.lines().rev().map(str::trim).find(|l| !l.is_empty())?;
    let mut line: String = line.chars().take(200).collect();
    if line.len() < text.trim_end().len() && line.chars().count() == 200 {
        line.push('…');
    }
    Some(line)
}

/// The largest reply the parent accepts: the text and the source text at up to 6 bytes a
/// char in JSON, the alignment, and room for the rest.
fn max_reply_bytes(limits: &Limits) -> u64 {
    (limits.max_chars as u64)
        .saturating_mul(64)
        .saturating_add(256 << 20)
}

fn encode_request(path: &Path, limits: &Limits) -> Vec<u8> {
    let path = path.as_os_str().as_bytes();
    let mut request = Vec::with_capacity(16 + path.len());
    request.extend_from_slice(&limits.max_bytes.to_le_bytes());
    request.extend_from_slice(&(limits.max_chars as u64).to_le_bytes());
    request.extend_from_slice(path);
    request
}

fn decode_request(payload: &[u8]) -> io::Result<(Ingest, PathBuf)> {
    if payload.len() < 16 {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "short request"));
    }
    let number = |at: usize| u64::from_le_bytes(payload[at..at + 8].try_into().expect("8 bytes"));
    let ingest = Ingest {
        max_bytes: number(0),
        max_chars: usize::try_from(number(8)).unwrap_or(usize::MAX),
    };
    let path = PathBuf::from(std::ffi::OsStr::from_bytes(&payload[16..]));
    Ok((ingest, path))
}

fn write_frame(out: &mut impl Write, kind: u8, payload: &[u8]) -> io::Result<()> {
    out.write_all(&[kind])?;
    out.write_all(&(payload.len() as u64).to_le_bytes())?;
    out.write_all(payload)?;
    out.flush()
}

/// The next frame; `None` at the end of the stream (between frames).
fn read_frame(input: &mut impl Read, max_len: u64) -> io::Result<Option<(u8, Vec<u8>)>> {
    let mut kind = [0u8; 1];
    loop {
        match input.read(&mut kind) {
            Ok(0) => return Ok(None),
            Ok(_) => break,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    let mut length = [0u8; 8];
    input.read_exact(&mut length)?;
    let length = u64::from_le_bytes(length);
    if length > max_len {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("frame of {length} bytes, over {max_len}"),
        ));
    }
    let mut payload = Vec::new();
    input.take(length).read_to_end(&mut payload)?;
    if payload.len() as u64 != length {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(Some((kind[0], payload)))
}

/// An error as it travels from the worker.
#[derive(Debug, Serialize, Deserialize)]
struct WireError {
    /// "io" or "bad_input".
    kind: String,
    reason: String,
    os_error: Option<i32>,
}

impl WireError {
    fn from_error(error: &Error) -> Self {
        match error {
            Error::Io { source, .. } => WireError {
                kind: "io".into(),
                reason: source.to_string(),
                os_error: source.raw_os_error(),
            },
            Error::BadInput { reason, .. } => WireError {
                kind: "bad_input".into(),
                reason: reason.clone(),
                os_error: None,
            },
            other => WireError {
                kind: "bad_input".into(),
                reason: other.to_string(),
                os_error: None,
            },
        }
    }

    fn into_error(self, path: &Path) -> Error {
        match (self.kind.as_str(), self.os_error) {
            ("io", Some(code)) => Error::io(path, io::Error::from_raw_os_error(code)),
            ("io", None) => Error::io(path, io::Error::other(self.reason)),
            _ => bad_input(path, self.reason),
        }
    }
}

/// The worker's side: answers requests on stdin until stdin closes. Run by the hidden
/// `claimscan extract-worker` command; not meant to be called otherwise (it redirects the
/// process's stdout to its stderr and may cap its address space).
pub fn serve() -> Result<()> {
    let protocol_error = |e: io::Error| Error::io("<extract-worker protocol>", e);
    let mut output = protocol_output().map_err(protocol_error)?;
    apply_memory_limit();
    let faults = Faults::from_env();
    write_frame(&mut output, HELLO, PROTOCOL).map_err(protocol_error)?;
    let stdin = io::stdin();
    let mut input = stdin.lock();
    while let Some((kind, payload)) =
        read_frame(&mut input, MAX_REQUEST_BYTES).map_err(protocol_error)?
    {
        if kind != REQUEST {
            return Err(protocol_error(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("unexpected frame '{}'", kind as char),
            )));
        }
        let (ingest, path) = decode_request(&payload).map_err(protocol_error)?;
        faults.apply(&path);
        let (kind, reply) = match quiet_panics(|| ingest.read(&path)) {
            Ok(Ok(mut document)) => {
                document.path = PathBuf::new();
                match serde_json::to_vec(&document) {
                    Ok(json) => (DOCUMENT, json),
                    Err(e) => (
                        ERROR,
                        error_json(&bad_input(&path, format!("cannot send the document: {e}"))),
                    ),
                }
            }
            Ok(Err(error)) => (ERROR, error_json(&error)),
            Err(panic) => (
                ERROR,
                error_json(&bad_input(&path, format!("the reader failed ({panic})"))),
            ),
        };
        write_frame(&mut output, kind, &reply).map_err(protocol_error)?;
    }
    Ok(())
}

fn error_json(error: &Error) -> Vec<u8> {
    serde_json::to_vec(&WireError::from_error(error)).expect("an error serialises")
}

/// A duplicate of stdout for the protocol; stdout itself then points at stderr.
fn protocol_output() -> io::Result<File> {
    io::stdout().flush()?;
    // SAFETY: plain descriptor calls; the new descriptor is owned by the returned File.
    unsafe {
        let fd = libc::fcntl(1, libc::F_DUPFD_CLOEXEC, 3);
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        if libc::dup2(2, 1) < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(File::from_raw_fd(fd))
    }
}

/// Caps the address space at its current size plus the budget in `CLAIMSCAN_WORKER_MEMORY`.
fn apply_memory_limit() {
    let Some(budget) = std::env::var(MEMORY_ENV)
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    else {
        return;
    };
    let Some(current) = address_space_bytes() else {
        return;
    };
    let limit = current.saturating_add(budget) as libc::rlim_t;
    let rlimit = libc::rlimit {
        rlim_cur: limit,
        rlim_max: limit,
    };
    // SAFETY: setrlimit reads the struct it is given.
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &rlimit);
    }
}

/// The process's address space (VmSize), in bytes.
fn address_space_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmSize:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// The test hook of [`FAULT_ENV`].
struct Faults(Vec<(String, String)>);

impl Faults {
    fn from_env() -> Self {
        let spec = std::env::var(FAULT_ENV).unwrap_or_default();
        Faults(
            spec.split(',')
                .filter_map(|item| item.split_once(':'))
                .map(|(action, name)| (action.to_string(), name.to_string()))
                .collect(),
        )
    }

    fn apply(&self, path: &Path) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let Some((action, _)) = self.0.iter().find(|(_, n)| Some(n) == name.as_ref()) else {
            return;
        };
        match action.as_str() {
            "sleep" => std::thread::sleep(Duration::from_secs(3600)),
            "abort" => std::process::abort(),
            // SAFETY: raising a signal in the own process. Rust's own SIGSEGV handler (for
            // stack overflows) returns from a raised signal, so the default action first.
            "segv" => unsafe {
                libc::signal(libc::SIGSEGV, libc::SIG_DFL);
                libc::raise(libc::SIGSEGV);
            },
            "exit" => std::process::exit(3),
            "overflow" => {
                overflow(0);
            }
            "alloc" => {
                let mut hoard: Vec<Vec<u8>> = Vec::new();
                loop {
                    hoard.push(vec![1u8; 64 << 20]);
                    std::hint::black_box(&hoard);
                }
            }
            _ => {}
        }
    }
}

fn overflow(depth: u64) -> u64 {
    let frame = std::hint::black_box([depth; 512]);
    if std::hint::black_box(depth) == u64::MAX {
        return 0;
    }
    overflow(depth + 1) + frame[(depth % 512) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_are_bounded() {
        let mut bytes = Vec::new();
        write_frame(&mut bytes, REQUEST, b"abc").unwrap();
        write_frame(&mut bytes, ERROR, b"").unwrap();
        let mut input = bytes.as_slice();
        assert_eq!(
            read_frame(&mut input, 10).unwrap(),
            Some((REQUEST, b"abc".to_vec()))
        );
        assert_eq!(
            read_frame(&mut input, 10).unwrap(),
            Some((ERROR, Vec::new()))
        );
        assert_eq!(read_frame(&mut input, 10).unwrap(), None);
        let mut input = bytes.as_slice();
        assert!(read_frame(&mut input, 2).is_err());
        let truncated = &bytes[..6];
        assert!(read_frame(&mut &truncated[..], 10).is_err());
    }

    #[test]
    fn requests_carry_limits_and_any_path() {
        let path = Path::new(std::ffi::OsStr::from_bytes(b"dir/\xff\xfe.txt"));
        let limits = Limits {
            max_bytes: 7,
            max_chars: 9,
            ..Limits::default()
        };
        let (ingest, decoded) = decode_request(&encode_request(path, &limits)).unwrap();
        assert_eq!((ingest.max_bytes, ingest.max_chars), (7, 9));
        assert_eq!(decoded, path);
    }

    #[test]
    fn errors_keep_their_kind() {
        let path = Path::new("a.txt");
        let io = Error::io(path, io::Error::from_raw_os_error(libc::ENOENT));
        match WireError::from_error(&io).into_error(path) {
            Error::Io { source, .. } => assert_eq!(source.kind(), io::ErrorKind::NotFound),
            other => panic!("{other:?}"),
        }
        let bad = bad_input(path, "binary file, not text");
        assert_eq!(
            WireError::from_error(&bad).into_error(path).to_string(),
            "a.txt: binary file, not text"
        );
    }
}
