//! The terminal's life: raw mode, alternate screen and mouse on entry; all of it undone on exit
//! and on panic, before the panic's message is printed. The loop reads events, feeds `update`,
//! hands effects to the worker thread and draws.

use std::io::{self, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use super::action::{Action, Effect};
use super::app::App;
use super::ui;
use super::update::update;
use super::worker::{Io, serve};

/// The terminal is in raw mode: a panic must restore it.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// How often the clock ticks (timers, autosave).
const TICK: Duration = Duration::from_millis(250);

fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = disable_raw_mode();
        let _ = execute!(io::stdout(), DisableMouseCapture, LeaveAlternateScreen);
    }
}

/// Chains the panic hook already installed (main's one-line message): restore first, then print.
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

fn setup() -> io::Result<Terminal<CrosstermBackend<Stdout>>> {
    install_panic_hook();
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// Runs the app until it quits. Effects already due (e.g. loading) can be passed in `first`.
pub fn run(mut app: App, io_ctx: Io, first: Vec<Effect>) -> io::Result<()> {
    let mut terminal = match setup() {
        Ok(t) => t,
        Err(e) => {
            restore();
            return Err(e);
        }
    };
    let result = (|| {
        let (effects_tx, effects_rx) = mpsc::channel::<Effect>();
        let (results_tx, results_rx) = mpsc::channel::<Action>();
        let worker = std::thread::spawn(move || serve(io_ctx, effects_rx, results_tx));
        let size = terminal.size()?;
        let mut pending = update(&mut app, Action::Resize(size.width, size.height));
        pending.extend(first);
        pending.extend(update(&mut app, Action::Tick(now())));
        let mut last_tick = Instant::now();
        loop {
            for e in pending.drain(..) {
                let _ = effects_tx.send(e);
            }
            if app.quit {
                break;
            }
            terminal.draw(|f| ui::render(&app, f))?;
            let wait = TICK.saturating_sub(last_tick.elapsed());
            if event::poll(wait)? {
                let action = match event::read()? {
                    Event::Key(k) => Some(Action::Key(k)),
                    Event::Mouse(m) => Some(Action::Mouse(m)),
                    Event::Resize(w, h) => Some(Action::Resize(w, h)),
                    _ => None,
                };
                if let Some(a) = action {
                    pending.extend(update(&mut app, a));
                }
            }
            while let Ok(a) = results_rx.try_recv() {
                pending.extend(update(&mut app, a));
            }
            if last_tick.elapsed() >= TICK {
                last_tick = Instant::now();
                pending.extend(update(&mut app, Action::Tick(now())));
            }
        }
        // The worker finishes what was asked (a draft to keep, a file to write) before we leave.
        drop(effects_tx);
        let _ = worker.join();
        Ok(())
    })();
    restore();
    result
}
