//! `accord checkin TEAM [--from D] [--to D] [--workshop]`: the check-in flow in the app.

use accord::checkin::{PeriodChoice, Session};
use accord::diag::Diagnostic;

use super::args::CheckinArgs;
use super::{Env, Outcome, app};
use crate::tui::Start;
use crate::tui::checkin::io::CheckinRequest;

pub fn run(env: &Env, args: CheckinArgs) -> Outcome {
    let ws = &env.workspace;
    ws.check_exists()?;
    let choice = PeriodChoice {
        from: args.from,
        to: args.to,
    };
    // The team, its agreement and the period are checked before the terminal, so a script
    // gets the real problem first.
    let session = Session::start(ws, &args.team, None, env.today, choice)?;
    if !app::interactive() {
        return Err(Diagnostic::error(
            "no-terminal",
            "`accord checkin` is a flow of screens (and an anonymous pulse round) and needs an interactive terminal",
        )
        .with_hint(format!(
            "run it in a terminal; without one, use `accord import-presence {0} FILE.csv` for presence counts, or write {1} by hand (see docs/checkins.md) and run `accord validate`",
            session.team(),
            ws.checkin_path(session.team(), env.today).display()
        ))
        .into());
    }
    app::open(
        env,
        Start::Checkin(CheckinRequest {
            team: session.team().to_string(),
            from: args.from,
            to: args.to,
            workshop: args.workshop,
        }),
        !args.no_commit,
    )
}
