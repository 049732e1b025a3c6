//! The interactive app: teams, the agreement viewer and the drafting wizard.
//!
//! State lives in `app::App`; `update::update` is the only place it changes and returns
//! `action::Effect`s (IO) that `run` hands to a worker thread; `ui::render` draws from a shared
//! reference. "Today" and "now" are values in the state, so tests fix them.

pub mod action;
pub mod app;
pub mod checkin;
pub mod config;
pub mod dashboard;
pub mod doc_view;
pub mod history;
pub mod hits;
pub mod keymap;
pub mod report;
pub mod run;
pub mod share;
pub mod signals;
pub mod teams;
pub mod theme;
pub mod ui;
pub mod update;
pub mod viewer;
pub mod week;
pub mod widgets;
pub mod wizard;
pub mod worker;

#[cfg(test)]
mod tests;

use std::path::PathBuf;

use accord::diag::Diagnostic;
use accord::store::Workspace;
use accord::store::drafts::Drafts;
use chrono::{NaiveDate, NaiveDateTime};

use app::{App, Ctx, Dialog, Screen};
use teams::TeamsState;
use viewer::ViewerState;
use wizard::Wizard;
use wizard::load::{WizardRequest, prepare};

/// What the command line gives the app.
#[derive(Debug, Clone)]
pub struct Options {
    pub workspace: Workspace,
    pub today: NaiveDate,
    pub now: NaiveDateTime,
    /// The user's data directory (drafts); none when the platform has none.
    pub data_dir: Option<PathBuf>,
    pub no_color: bool,
    /// The look `--theme` (or `ACCORD_THEME`) asks for; without one, the config file's, else dark.
    pub palette: Option<theme::Palette>,
    /// Commit what the app saves (the default), when in a git repository.
    pub commit: bool,
    /// This computer's time zone, for the member's week.
    pub local_tz: Option<chrono_tz::Tz>,
}

/// Where the app opens.
#[derive(Debug, Clone)]
pub enum Start {
    Teams,
    Viewer(String),
    Wizard(WizardRequest),
    Checkin(checkin::io::CheckinRequest),
}

/// Why the app stopped early.
pub enum Stop {
    /// Nothing was shown: the message says why (unknown team, existing team…).
    Refused(Diagnostic),
    /// The terminal could not be used.
    Terminal(std::io::Error),
    /// A bug; the panic hook has restored the terminal and printed the message.
    Panicked,
    /// A signal stopped the app (after the draft was kept and the terminal restored).
    Signal(i32),
}

impl Options {
    fn ctx(&self) -> Ctx {
        Ctx {
            workspace: self.workspace.clone(),
            drafts: self
                .data_dir
                .as_ref()
                .map(|d| Drafts::new(d, &self.workspace.root)),
            today: self.today,
            now: self.now,
            no_color: self.no_color,
            palette: self.palette.unwrap_or(theme::Palette::Dark),
            commit: self.commit,
            local_tz: self.local_tz,
        }
    }
}

/// Builds the app's first state: reads the folder (before the first frame, never during one).
pub fn build(opts: &Options, start: &Start) -> Result<App, Diagnostic> {
    let ctx = opts.ctx();
    match start {
        Start::Teams => {
            let rows = teams::load(&ctx.workspace, ctx.drafts.as_ref(), ctx.today)?;
            Ok(App::new(ctx, Screen::Teams(TeamsState::new(rows))))
        }
        Start::Viewer(team) => {
            let slug = ctx.workspace.team(team)?;
            let agreement = ctx.workspace.agreement(&slug)?.value;
            let rows = teams::load(&ctx.workspace, ctx.drafts.as_ref(), ctx.today)?;
            let mut t = TeamsState::new(rows);
            t.selected = t.find(&slug).unwrap_or(0);
            let mut app = App::new(ctx, Screen::Teams(t));
            app.stack
                .push(Screen::Viewer(Box::new(ViewerState::new(slug, agreement))));
            Ok(app)
        }
        Start::Wizard(req) => {
            let init = prepare(&ctx.workspace, ctx.drafts.as_ref(), req, ctx.today)?;
            let offer = init.offer.clone();
            let notice = init.notice.clone();
            let suggested = wizard::load::opening_notice(&init);
            let mut w = Wizard::new(init, ctx.today);
            w.commit = ctx.commit;
            let name = w.title();
            let mut app = App::new(ctx, Screen::Wizard(Box::new(w)));
            if let Some(s) = suggested {
                app.info(s);
            }
            if let Some(n) = notice {
                app.error(n);
            }
            if let Some(o) = offer {
                app.dialog = Some(Dialog::Recover {
                    team: name,
                    saved_at: o.saved_at,
                    text: o.text,
                });
            }
            Ok(app)
        }
        Start::Checkin(req) => {
            let init = checkin::io::open(&ctx.workspace, ctx.drafts.as_ref(), req, ctx.today)?;
            let state = checkin::CheckinState::new(init.session, init.workshop, init.notices);
            Ok(App::new(ctx, Screen::Checkin(Box::new(state))))
        }
    }
}

/// The user's config file (`config.rs`) applied to the app: its keys and theme name, and a bad
/// file's message on the status line (and on stderr, which shows once the app has left).
pub fn with_config(app: &mut App, env: Option<std::ffi::OsString>) {
    let Some(path) = config::path(env) else {
        return;
    };
    let (cfg, problem) = config::load(&path);
    app.keymap = std::sync::Arc::new(cfg.keymap);
    app.theme_name = cfg.theme;
    if let Some(d) = problem {
        eprintln!("{}", d.render_text());
        let at = d
            .location
            .as_ref()
            .map_or_else(|| path.display().to_string(), |l| l.display_position());
        app.error(format!("{at}: {}; defaults in use", d.message));
    }
}

/// The config file's theme, unless `--theme` (or `ACCORD_THEME`) chose one: the command line wins.
pub fn config_theme(app: &mut App, cli: Option<theme::Palette>) {
    if let Some(p) = cli.or(app.theme_name.map(config::ThemeName::palette)) {
        app.ctx.palette = p;
    }
}

/// Opens the app on a terminal and runs it until the user leaves.
pub fn open(opts: Options, start: Start) -> Result<(), Stop> {
    let mut app = build(&opts, &start).map_err(Stop::Refused)?;
    with_config(&mut app, std::env::var_os("ACCORD_CONFIG"));
    config_theme(&mut app, opts.palette);
    let io = worker::Io::of(&app.ctx);
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run::run(app, io, Vec::new())
    })) {
        Ok(Ok(run::Ended::Quit)) => Ok(()),
        Ok(Ok(run::Ended::Signal(sig))) => Err(Stop::Signal(sig)),
        Ok(Err(e)) => Err(Stop::Terminal(e)),
        Err(_) => Err(Stop::Panicked),
    }
}
