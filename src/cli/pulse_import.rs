//! `accord pulse import TEAM FILE.csv [--column KEY=HEADER ...] [--ignore HEADER ...]`: an
//! anonymous form export's answers pooled into the team's check-in draft.

use accord::checkin::{PeriodChoice, Session};
use accord::diag::Diagnostic;
use accord::pulse::import::{self, ImportError, Mapping};
use accord::store::drafts::{DraftKind, Drafts};

use super::args::PulseImportArgs;
use super::{Env, Failure, Outcome, exit, print};

pub fn run(env: &Env, args: PulseImportArgs) -> Outcome {
    let ws = &env.workspace;
    ws.check_exists()?;
    let drafts = drafts(env)?;
    let mut session = Session::start(
        ws,
        &args.team,
        Some(&drafts),
        env.today,
        PeriodChoice::default(),
    )?;
    let bytes = import::read_file(&args.file)?;
    let groupings = session.agreement().groupings().to_vec();
    let mapping = Mapping {
        columns: args.columns.clone(),
        ignore: args.ignore.clone(),
    };
    let read = import::read(
        &args.file,
        &bytes,
        &session.questions(),
        &groupings,
        &mapping,
    );
    let imported = match read {
        Ok(i) => i,
        Err(ImportError::Cannot(d)) => return Err(d.into()),
        Err(ImportError::Csv(mut diagnostics)) => {
            diagnostics.push(nothing_imported(&args));
            return Err(Failure {
                diagnostics,
                code: exit::FOUND,
            });
        }
    };
    let rows = imported.answers.count();
    let cap = session.pulse_cap();
    let waiting = session.outside_answers();
    let room = cap.saturating_sub(waiting);
    if rows > room {
        let already = if waiting > 0 {
            format!(" and {waiting} answer(s) already wait in the check-in draft")
        } else {
            String::new()
        };
        return Err(Failure {
            diagnostics: vec![
                Diagnostic::error(
                    "too-many-answers",
                    format!(
                        "the file has {rows} answers, but {} has {cap} members{already}: at most {room} more can be taken",
                        session.team()
                    ),
                )
                .at_file(&args.file)
                .with_hint("export only this team's form; a round never takes more answers than the team has members (add members to the agreement if it has grown)"),
                nothing_imported(&args),
            ],
            code: exit::FOUND,
        });
    }
    session
        .add_outside(&imported.answers)
        .map_err(|e| Diagnostic::error("too-many-answers", e).at_file(&args.file))?;
    let recorded = session.checkin().pulse.is_some();
    session.save_draft(&drafts)?;
    for n in session.notes() {
        eprint!("{}", n.render_text());
    }
    if recorded {
        eprint!("{}", recorded_warning().render_text());
    }
    let questions = session.questions().len();
    let mut out = format!(
        "Imported {rows} answer(s) to {questions} question(s) for {} from {}.\n",
        session.team(),
        args.file.display()
    );
    if !imported.dropped.is_empty() {
        out.push_str(&format!(
            "  Time columns dropped: {}\n",
            imported.dropped.join(", ")
        ));
    }
    if !imported.ignored.is_empty() {
        out.push_str(&format!(
            "  Columns left out: {}\n",
            imported.ignored.join(", ")
        ));
    }
    out.push_str(&format!(
        "{} answer(s) now wait for the round, of {cap} members; `accord checkin {}` adds the room's answers and closes it.\n",
        session.outside_answers(),
        session.team()
    ));
    out.push_str(&format!(
        "Saved in the check-in draft ({}).\n",
        drafts.path(session.team(), DraftKind::CheckIn).display()
    ));
    out.push_str(&format!(
        "Delete {} now: it holds every answer with its time; Accord kept only the pooled counts.\n",
        args.file.display()
    ));
    print(&out);
    Ok(exit::OK)
}

fn nothing_imported(args: &PulseImportArgs) -> Diagnostic {
    Diagnostic::error(
        "nothing-imported",
        format!("{}: nothing was imported", args.file.display()),
    )
    .with_hint("fix the problems above and run the import again")
}

/// The drafts in the user's data directory (`ACCORD_DATA_DIR` when set).
pub fn drafts(env: &Env) -> Result<Drafts, Failure> {
    let data_dir =
        Drafts::data_dir(std::env::var("ACCORD_DATA_DIR").ok().as_deref()).ok_or_else(|| {
            Diagnostic::error("no-data-dir", "no data directory for the check-in draft")
                .with_hint("set ACCORD_DATA_DIR to a folder Accord may write to")
        })?;
    Ok(Drafts::new(&data_dir, &env.workspace.root))
}

/// Answers added to a draft whose round was already closed wait for a new round.
pub fn recorded_warning() -> Diagnostic {
    Diagnostic::warning(
        "pulse-recorded",
        "the check-in draft already holds a closed pulse round; these answers wait for a new round, whose result replaces it",
    )
    .with_hint("open the pulse again in `accord checkin` and let the room answer, or save the check-in as it is")
}
