use accord::diag::Diagnostic;
use accord::export;
use accord::model::Slug;
use accord::store::write_atomic;

use super::args::{ExportArgs, ExportFormat, ShowArgs, ShowFormat};
use super::{Env, Failure, Outcome, exit, print};

pub fn show(env: &Env, args: ShowArgs) -> Outcome {
    if args.format.is_none() && args.rev.is_none() && super::app::interactive() {
        return super::app::run(
            env,
            crate::tui::Start::Viewer(args.team),
            super::args::ThemeArgs::default(),
        );
    }
    let (team, a) = match &args.rev {
        None => {
            let team = env.workspace.team(&args.team)?;
            let a = env.workspace.agreement(&team)?.value;
            (team, a)
        }
        // A team may exist only in history (removed since), so a valid slug is enough.
        Some(rev) => {
            let team = match env.workspace.team(&args.team) {
                Ok(t) => t,
                Err(_) if Slug::problem(&args.team).is_none() => args.team.clone(),
                Err(e) => return Err(e.into()),
            };
            let repo = super::repo(env)?;
            let a = repo.agreement_at(rev, &env.workspace.agreement_path(&team))?;
            (team, a)
        }
    };
    let out = match args.format.unwrap_or(ShowFormat::Text) {
        ShowFormat::Text => export::text::agreement(&a),
        ShowFormat::Md => export::markdown::agreement(&a),
        ShowFormat::Json => export::json::agreement(&team, &a) + "\n",
    };
    print(&out);
    Ok(exit::OK)
}

pub fn export(env: &Env, args: ExportArgs) -> Outcome {
    let team = env.workspace.team(&args.team)?;
    let a = env.workspace.agreement(&team)?.value;
    let out = match args.format {
        // DTSTAMP says when the calendar was made: the one place the clock is read.
        ExportFormat::Ics => export::ics::calendar(&team, &a, env.today, chrono::Utc::now()),
        ExportFormat::Text => export::text::agreement(&a),
        ExportFormat::Md => export::markdown::agreement(&a),
        ExportFormat::Html => export::html::agreement(&a),
        ExportFormat::Json => export::json::agreement(&team, &a) + "\n",
    };
    match args.output {
        None => print(&out),
        Some(path) => write_atomic(&path, out.as_bytes()).map_err(|e| {
            let hint = e.hint();
            Failure::from(Diagnostic::error("write", e.to_string()).with_hint(hint))
        })?,
    }
    Ok(exit::OK)
}
