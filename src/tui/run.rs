//! The terminal's life: raw mode, alternate screen, mouse and bracketed paste on entry; all of it
//! undone on exit, on panic (before the panic's message is printed) and on a signal (SIGTERM,
//! SIGHUP, SIGINT, SIGQUIT), after the unsaved draft is written. The loop reads events, feeds
//! `update`, hands effects to the worker thread and draws.

use std::io::{self, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use super::action::{Action, Effect};
use super::app::{App, Screen};
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
        let _ = execute!(
            io::stdout(),
            DisableBracketedPaste,
            DisableMouseCapture,
            LeaveAlternateScreen,
            Show
        );
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
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// How the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The user left.
    Quit,
    /// This signal asked the app to stop (the draft was kept first).
    Signal(i32),
}

/// The unsaved work of every open screen, as the draft writes that keep it. Written when the app
/// is stopped from outside (a signal, a broken terminal, a bug), so nothing typed is lost.
pub fn drafts_to_keep(app: &App) -> Vec<Effect> {
    app.stack
        .iter()
        .filter_map(|s| match s {
            Screen::Wizard(w) if w.unsaved => Some(super::wizard::update::autosave(w)),
            Screen::Checkin(c) if c.autosave.pending() && c.saved.is_none() => {
                Some(super::checkin::update::draft(c))
            }
            _ => None,
        })
        .collect()
}

/// Runs the app until it quits or a signal stops it. Effects already due (e.g. loading) can be
/// passed in `first`. A panic is passed on after the drafts are written.
pub fn run(mut app: App, io_ctx: Io, first: Vec<Effect>) -> io::Result<Ended> {
    let signals = super::signals::Signals::install()?;
    let mut terminal = match setup() {
        Ok(t) => t,
        Err(e) => {
            restore();
            return Err(e);
        }
    };
    let (effects_tx, effects_rx) = mpsc::channel::<Effect>();
    let (results_tx, results_rx) = mpsc::channel::<Action>();
    let worker = std::thread::spawn(move || serve(io_ctx, effects_rx, results_tx));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(
            &mut app,
            &mut terminal,
            &signals,
            &effects_tx,
            &results_rx,
            first,
        )
    }));
    // Anything but leaving on purpose keeps what was typed: the worker writes it before we go.
    if !matches!(result, Ok(Ok(Ended::Quit))) {
        for e in drafts_to_keep(&app) {
            let _ = effects_tx.send(e);
        }
    }
    // The worker finishes what was asked (a draft to keep, a file to write) before we leave.
    drop(effects_tx);
    let _ = worker.join();
    restore();
    drop(signals);
    match result {
        Ok(r) => r,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Whether an event is ready, waiting up to `wait`; `None` once the terminal has hung up.
/// The wait is ours, not crossterm's: its poll never returns once the terminal has hung up
/// (it reads end-of-file in a loop), and the app would spin at full CPU. Events crossterm has
/// already read are taken first, without waiting.
fn input_ready(wait: Duration) -> io::Result<Option<bool>> {
    use super::signals::{Input, wait_for_input};
    let crossterm_ready = || match event::poll(Duration::ZERO) {
        // A signal interrupted: the next turn of the loop sees it.
        Err(e) if e.kind() == io::ErrorKind::Interrupted => Ok(false),
        r => r,
    };
    if wait_for_input(Duration::ZERO) == Input::HungUp {
        return Ok(None);
    }
    if crossterm_ready()? {
        return Ok(Some(true));
    }
    if wait_for_input(wait) == Input::HungUp {
        return Ok(None);
    }
    crossterm_ready().map(Some)
}

fn event_loop(
    app: &mut App,
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    signals: &super::signals::Signals,
    effects_tx: &mpsc::Sender<Effect>,
    results_rx: &mpsc::Receiver<Action>,
    first: Vec<Effect>,
) -> io::Result<Ended> {
    let size = terminal.size()?;
    let mut pending = update(app, Action::Resize(size.width, size.height));
    pending.extend(first);
    pending.extend(update(app, Action::Tick(now())));
    let mut last_tick = Instant::now();
    loop {
        for e in pending.drain(..) {
            let _ = effects_tx.send(e);
        }
        // Before drawing: after SIGHUP the terminal may be gone, and drawing would fail.
        if let Some(sig) = signals.received() {
            return Ok(Ended::Signal(sig));
        }
        if app.quit {
            return Ok(Ended::Quit);
        }
        let mut hits = None;
        terminal.draw(|f| hits = Some(ui::render(app, f)))?;
        app.hits = hits.unwrap_or_default();
        let wait = TICK.saturating_sub(last_tick.elapsed());
        let Some(ready) = input_ready(wait)? else {
            return Ok(Ended::Signal(super::signals::SIGHUP));
        };
        if ready {
            let action = match event::read() {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => None,
                r => match r? {
                    Event::Key(k) => Some(Action::Key(k)),
                    Event::Mouse(m) => Some(Action::Mouse(m)),
                    Event::Resize(w, h) => Some(Action::Resize(w, h)),
                    Event::Paste(text) => Some(Action::Paste(text)),
                    _ => None,
                },
            };
            if let Some(a) = action {
                pending.extend(update(app, a));
            }
        }
        while let Ok(a) = results_rx.try_recv() {
            pending.extend(update(app, a));
        }
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            pending.extend(update(app, Action::Tick(now())));
        }
    }
}
