//! `accord checkin TEAM [--from D] [--to D] [--workshop] [--tally ID=N1,…,N5 ...]`: the
//! check-in flow in the app; a tally of answers given outside the room goes into the draft
//! first (and, without a terminal, is all that happens).

use accord::checkin::{PeriodChoice, Session};
use accord::diag::Diagnostic;
use accord::store::drafts::DraftKind;

use super::args::CheckinArgs;
use super::{Env, Outcome, app, exit, print};
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
    let tallied = !args.tally.is_empty();
    if tallied {
        add_tally(env, &args, choice)?;
    }
    if !app::interactive() {
        if tallied {
            return Ok(exit::OK);
        }
        return Err(Diagnostic::error(
            "no-terminal",
            "`accord checkin` is a flow of screens (and an anonymous pulse round) and needs an interactive terminal",
        )
        .with_hint(format!(
            "run it in a terminal; without one, use `accord import-presence {0} FILE.csv` for presence counts, `accord pulse import {0} FILE.csv` or `--tally` for pulse answers given outside the room, or write {1} by hand (see docs/checkins.md) and run `accord validate`",
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
        args.theme,
    )
}

/// Adds `--tally` to the check-in draft's answers from outside the room, within the cap.
fn add_tally(env: &Env, args: &CheckinArgs, choice: PeriodChoice) -> Result<(), super::Failure> {
    let drafts = super::pulse_import::drafts(env)?;
    let mut session = Session::start(&env.workspace, &args.team, Some(&drafts), env.today, choice)?;
    let bad = |e: String| {
        Diagnostic::error("tally", format!("--tally: {e}")).with_hint(
            "write one --tally ID=N1,N2,N3,N4,N5 per question: how many gave 1, 2, 3, 4 and 5",
        )
    };
    let answers =
        accord::pulse::parse_tally(&session.questions(), args.tally.iter().map(String::as_str))
            .map_err(bad)?;
    session.add_outside(&answers).map_err(|e| {
        Diagnostic::error("tally", format!("--tally: {e}"))
            .with_hint(format!(
                "{} answer(s) already wait in the check-in draft; a round never takes more answers than the team has members",
                session.outside_answers()
            ))
    })?;
    session.save_draft(&drafts)?;
    for n in session.notes() {
        eprint!("{}", n.render_text());
    }
    if session.checkin().pulse.is_some() {
        eprint!("{}", super::pulse_import::recorded_warning().render_text());
    }
    print(&format!(
        "Tallied {} answer(s) to {} question(s) for {}.\n{} answer(s) now wait for the round, of {} members; `accord checkin {}` in a terminal adds the room's answers and closes it.\nSaved in the check-in draft ({}).\n",
        answers.count(),
        session.questions().len(),
        session.team(),
        session.outside_answers(),
        session.pulse_cap(),
        session.team(),
        drafts.path(session.team(), DraftKind::CheckIn).display()
    ));
    Ok(())
}
