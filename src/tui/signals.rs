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

#[cfg(unix)]
impl Drop for Signals {
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}
