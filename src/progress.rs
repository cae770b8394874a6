//! A progress line on stderr for long runs: `appxlint: 1234/10000 inputs`.
//!
//! Shown only when stderr is a terminal and the report is for people (the human format):
//! never when stderr is piped or redirected, never with a machine format. It appears after
//! a short delay, so that quick runs print nothing, and it is erased before the report.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::render::Format;

/// Whether a run shows progress.
pub fn wanted(format: Format, stderr_is_terminal: bool) -> bool {
    stderr_is_terminal && !format.is_machine()
}

/// How long a run goes before the progress line appears, and how often it is redrawn.
#[derive(Clone, Copy, Debug)]
pub struct Timing {
    pub delay: Duration,
    pub every: Duration,
}

impl Timing {
    pub const DEFAULT: Timing = Timing { delay: Duration::from_millis(300), every: Duration::from_millis(100) };
}

struct Shared {
    done: AtomicUsize,
    stop: AtomicBool,
    out: Mutex<Box<dyn Write + Send>>,
}

/// A running progress line. [`Progress::tick`] after each input; [`Progress::finish`]
/// erases the line.
pub struct Progress {
    shared: Option<Arc<Shared>>,
    thread: Option<JoinHandle<bool>>,
}

impl Progress {
    /// No progress at all.
    pub fn off() -> Progress {
        Progress { shared: None, thread: None }
    }

    /// Progress over `total` inputs, drawn on `out`.
    pub fn start(total: usize, out: Box<dyn Write + Send>, timing: Timing) -> Progress {
        let shared = Arc::new(Shared { done: AtomicUsize::new(0), stop: AtomicBool::new(false), out: Mutex::new(out) });
        let s = shared.clone();
        let thread = std::thread::spawn(move || {
            let started = Instant::now();
            let mut drawn = false;
            while !s.stop.load(Ordering::Acquire) {
                std::thread::park_timeout(timing.every);
                if s.stop.load(Ordering::Acquire) {
                    break;
                }
                if started.elapsed() < timing.delay {
                    continue;
                }
                let n = s.done.load(Ordering::Relaxed);
                if let Ok(mut out) = s.out.lock() {
                    let _ = write!(out, "\r\x1b[2Kappxlint: {n}/{total} inputs");
                    let _ = out.flush();
                }
                drawn = true;
            }
            drawn
        });
        Progress { shared: Some(shared), thread: Some(thread) }
    }

    pub fn tick(&self) {
        if let Some(s) = &self.shared {
            s.done.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Stops the line and erases it, if it was drawn.
    pub fn finish(mut self) {
        let (Some(s), Some(t)) = (self.shared.take(), self.thread.take()) else { return };
        s.stop.store(true, Ordering::Release);
        t.thread().unpark();
        if t.join().unwrap_or(false)
            && let Ok(mut out) = s.out.lock()
        {
            let _ = write!(out, "\r\x1b[2K");
            let _ = out.flush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Default)]
    struct Buf(Arc<Mutex<Vec<u8>>>);

    impl Write for Buf {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn only_for_people_at_a_terminal() {
        assert!(wanted(Format::Human, true));
        assert!(!wanted(Format::Human, false));
        assert!(!wanted(Format::Json, true));
        assert!(!wanted(Format::Concise, true));
    }

    #[test]
    fn draws_counts_then_erases_the_line() {
        let buf = Buf::default();
        let timing = Timing { delay: Duration::ZERO, every: Duration::from_millis(5) };
        let p = Progress::start(3, Box::new(buf.clone()), timing);
        p.tick();
        p.tick();
        let deadline = Instant::now() + Duration::from_secs(5);
        while !String::from_utf8_lossy(&buf.0.lock().unwrap()).contains("2/3 inputs") {
            assert!(Instant::now() < deadline, "the progress line never showed 2/3");
            std::thread::sleep(Duration::from_millis(5));
        }
        p.finish();
        let text = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
        assert!(text.ends_with("\r\x1b[2K"), "{text:?}");
    }

    #[test]
    fn quick_runs_print_nothing() {
        let buf = Buf::default();
        let p = Progress::start(1, Box::new(buf.clone()), Timing::DEFAULT);
        p.tick();
        p.finish();
        assert!(buf.0.lock().unwrap().is_empty());
    }
}
