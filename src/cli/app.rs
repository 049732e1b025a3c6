//! Opening the interactive app from the command line.

use std::io::IsTerminal;

use accord::diag::Diagnostic;
use accord::store::drafts::Drafts;

use super::args::{EditArgs, ThemeArgs, ThemeName};
use super::{Env, Failure, Outcome, exit};
use crate::tui::theme::Palette;
use crate::tui::{Options, Start, Stop, wizard::load::WizardRequest};

/// The app needs a terminal on both ends: keys in, screen out.
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

pub fn run(env: &Env, start: Start, theme: ThemeArgs) -> Outcome {
    open(env, start, true, theme)
}

/// `--theme`'s names are the palettes' own ("dark", "light", "high-contrast").
fn palette(theme: ThemeArgs) -> Option<Palette> {
    use clap::ValueEnum;
    theme
        .theme
        .and_then(|t: ThemeName| Palette::from_name(t.to_possible_value()?.get_name()))
}

/// The app, committing what it saves unless `commit` is false (`--no-commit`).
pub fn open(env: &Env, start: Start, commit: bool, theme: ThemeArgs) -> Outcome {
    let opts = Options {
        workspace: env.workspace.clone(),
        today: env.today,
        now: chrono::Local::now().naive_local(),
        data_dir: Drafts::data_dir(std::env::var("ACCORD_DATA_DIR").ok().as_deref()),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        palette: palette(theme),
        commit,
        local_tz: super::week::tz_from_env(),
    };
    match crate::tui::open(opts, start) {
        Ok(()) => Ok(exit::OK),
        Err(Stop::Refused(d)) => Err(d.into()),
        Err(Stop::Terminal(e)) => Err(Diagnostic::error(
            "terminal",
            format!("the terminal could not be used: {e}"),
        )
        .with_hint("run Accord in an interactive terminal, or use a command with --format")
        .into()),
        // The panic hook has restored the terminal and said what happened.
        Err(Stop::Panicked) => Err(Failure {
            diagnostics: Vec::new(),
            code: exit::CANNOT,
        }),
        // Stopped from outside, as a shell reports it: 128 + the signal's number.
        Err(Stop::Signal(sig)) => Err(Failure {
            diagnostics: Vec::new(),
            code: u8::try_from(128 + sig).unwrap_or(exit::CANNOT),
        }),
    }
}

/// The wizard on a team's agreement (`accord edit TEAM`; the caller checked for a terminal).
pub fn edit(env: &Env, args: EditArgs) -> Outcome {
    open(
        env,
        Start::Wizard(WizardRequest {
            team: args.team,
            new: false,
            preset: None,
            name: None,
            workshop: args.workshop,
        }),
        !args.no_commit,
        args.theme,
    )
}
