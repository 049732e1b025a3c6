//! Signals that ask the app to stop (SIGTERM from `kill`, SIGHUP when the terminal window
//! closes, SIGINT, SIGQUIT): the handler only notes which arrived; the run loop sees it within a
//! tick, keeps the draft, restores the terminal and exits with 128 + the signal. A second signal
//! while that happens ends the process at once (something hangs).

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

#[cfg(unix)]
const STOPPING: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];
// Elsewhere the console's own handling stays: no signals are caught.
#[cfg(not(unix))]
const STOPPING: [i32; 0] = [];

/// The handlers, installed while the app runs; dropping them puts the defaults back.
pub struct Signals {
    received: Arc<AtomicUsize>,
    #[cfg(unix)]
    ids: Vec<signal_hook::SigId>,
}

impl Signals {
    #[cfg(unix)]
    pub fn install() -> io::Result<Signals> {
        use signal_hook::flag;
        let received = Arc::new(AtomicUsize::new(0));
        let stopping = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let mut ids = Vec::new();
        for sig in STOPPING {
            // Registered first, so it runs before the flag is set: only a second signal exits.
            ids.push(flag::register_conditional_shutdown(
                sig,
                128 + sig,
                Arc::clone(&stopping),
            )?);
            ids.push(flag::register(sig, Arc::clone(&stopping))?);
            ids.push(flag::register_usize(
                sig,
                Arc::clone(&received),
                sig as usize,
            )?);
        }
        Ok(Signals { received, ids })
    }

    #[cfg(not(unix))]
    pub fn install() -> io::Result<Signals> {
        Ok(Signals {
            received: Arc::new(AtomicUsize::new(STOPPING.len())),
        })
    }

    /// The signal that arrived, if one did.
    pub fn received(&self) -> Option<i32> {
        match self.received.load(Ordering::SeqCst) {
            0 => None,
            sig => Some(sig as i32),
        }
    }
}

/// What waiting on the terminal found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Something to read (or a signal or the timeout ended the wait: crossterm, asked without
    /// waiting, tells which).
    Maybe,
    /// The terminal hung up (its window closed, tmux killed): nothing will ever come.
    HungUp,
}

#[cfg(unix)]
pub const SIGHUP: i32 = signal_hook::consts::SIGHUP;
#[cfg(not(unix))]
pub const SIGHUP: i32 = 1;

/// Waits up to `timeout` for input on the terminal (stdin), or for it to hang up.
#[cfg(unix)]
pub fn wait_for_input(timeout: std::time::Duration) -> Input {
    // SAFETY: isatty only inspects the descriptor.
    if unsafe { libc::isatty(libc::STDIN_FILENO) } != 1 {
        // crossterm reads /dev/tty then; it waits for itself.
        return Input::Maybe;
    }
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = i32::try_from(timeout.as_millis()).unwrap_or(i32::MAX);
    // SAFETY: one valid pollfd; poll only writes its `revents`. A signal ends the wait early
    // (EINTR), which is what the loop wants.
    let n = unsafe { libc::poll(&mut fd, 1, ms) };
    if n > 0 && fd.revents & (libc::POLLHUP | libc::POLLNVAL | libc::POLLERR) != 0 {
        Input::HungUp
    } else {
        Input::Maybe
    }
}

#[cfg(not(unix))]
pub fn wait_for_input(timeout: std::time::Duration) -> Input {
    // No hang-up to watch for: let crossterm wait.
    let _ = ratatui::crossterm::event::poll(timeout);
    Input::Maybe
}

#[cfg(unix)]
impl Drop for Signals {
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}
