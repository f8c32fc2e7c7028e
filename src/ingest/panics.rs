//! Catching the panics of third-party parsers quietly.
//!
//! `catch_unwind` stops a panic, but the panic hook has already printed its message (and,
//! with `RUST_BACKTRACE`, a backtrace) on stderr by then: a malformed PDF content stream
//! printed a panic report in the middle of a run that went on fine. [`quiet_panics`]
//! installs, once per process, a hook that stays silent while the current thread is inside
//! a `quiet_panics` call and hands every other panic to the hook that was there before.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// How many `quiet_panics` calls the current thread is inside.
    static QUIET_DEPTH: Cell<usize> = const { Cell::new(0) };
    /// Where the last quiet panic of this thread happened.
    static LAST_LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

static INSTALL_HOOK: Once = Once::new();

/// A panic caught by [`quiet_panics`]: its message and where it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panic {
    pub message: String,
    /// `file:line` of the panic, when known.
    pub location: Option<String>,
}

impl fmt::Display for Panic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(location) => write!(f, "{} (at {location})", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Runs `f`; a panic inside it is caught and returned as [`Panic`] without anything
/// being printed, so the caller can report the cause once, with the file it concerns.
///
/// Panics on other threads, and on this thread outside `f`, are reported as before (by
/// the hook that was installed when `quiet_panics` was first called). A hook installed
/// with `std::panic::set_hook` after that first call replaces this one.
///
/// `f` is treated as unwind safe: use it around code whose state is dropped after a panic
/// (a parser working on one file), as with `catch_unwind(AssertUnwindSafe(..))`.
///
/// ```
/// let caught = claimscan::ingest::quiet_panics(|| -> u32 { panic!("bad xref table") });
/// assert_eq!(caught.unwrap_err().message, "bad xref table");
/// assert_eq!(claimscan::ingest::quiet_panics(|| 7).unwrap(), 7);
/// ```
pub fn quiet_panics<T>(f: impl FnOnce() -> T) -> Result<T, Panic> {
    INSTALL_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if QUIET_DEPTH.with(Cell::get) > 0 {
                let location = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()));
                LAST_LOCATION.with(|last| *last.borrow_mut() = location);
            } else {
                previous(info);
            }
        }));
    });
    QUIET_DEPTH.with(|depth| depth.set(depth.get() + 1));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET_DEPTH.with(|depth| depth.set(depth.get() - 1));
    result.map_err(|payload| Panic {
        message: payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown error".to_string()),
        location: LAST_LOCATION.with(|last| last.borrow_mut().take()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_value_with_its_location() {
        let caught = quiet_panics(|| {
            let v: Vec<u8> = Vec::new();
            v[3]
        })
        .unwrap_err();
        assert!(caught.message.contains("index out of bounds"), "{caught}");
        assert!(caught.location.unwrap().contains("panics.rs"));
        assert_eq!(quiet_panics(|| "fine").unwrap(), "fine");
        // Nested calls keep the outer one quiet.
        let nested = quiet_panics(|| quiet_panics(|| panic!("inner")).is_err());
        assert_eq!(nested, Ok(true));
    }
}
