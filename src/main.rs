//! `accord`: the command line and the app.

mod cli;
mod tui;

use std::process::ExitCode;

fn main() -> ExitCode {
    // A bug must never show a user a backtrace: one line that says what happened and what to do.
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown error".into());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "error: accord hit an internal error ({msg}{at})\n  = help: this is a bug in Accord; please report it with the command you ran"
        );
    }));
    cli::run()
}
