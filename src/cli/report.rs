//! `accord report [--team T] [--format text|md|json]`.

use accord::git::GitHistory;
use accord::report::{self, text::Options};

use super::args::{ReportArgs, ReportFormat};
use super::{Env, Outcome, exit, print};

pub fn run(env: &Env, args: ReportArgs) -> Outcome {
    let ws = &env.workspace;
    ws.check_exists()?;
    let team = args.team.as_deref().map(|t| ws.team(t)).transpose()?;
    let history = GitHistory::new();
    let plan = report::Plan::new(ws, team.as_deref(), &history)?;
    let problems = |r: &report::Report| {
        for d in &r.problems {
            eprint!("{}", d.render_text());
        }
    };
    if let Some(date) = args.checkin {
        let only = team
            .as_deref()
            .expect("clap requires --team with --checkin");
        return share(env, plan, only, date, args.format);
    }
    let opts = Options { last: args.last };
    let r = match args.format {
        ReportFormat::Json => {
            use std::io::Write;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            // Each team is written as it is scored (the document can be tens of megabytes);
            // a closed pipe (`| head`) is not an error worth reporting.
            let (r, _) = report::json::stream(plan, env.today, &mut out);
            let _ = out.write_all(b"\n");
            let _ = out.flush();
            problems(&r);
            r
        }
        format => {
            let mut teams = Vec::new();
            let mut r = plan.run(env.today, &mut |t| teams.push(t));
            r.teams = teams;
            problems(&r);
            match format {
                ReportFormat::Md => print(&report::markdown::render(&r, opts)),
                _ => print(&report::text::render(&r, opts)),
            }
            r
        }
    };
    let code = if r.problems.is_empty() {
        exit::OK
    } else {
        exit::FOUND
    };
    // The process ends here: freeing every score one by one would only add to the wait.
    std::mem::forget(r);
    Ok(code)
}

/// `report --team T --checkin DATE`: the share summary of one check-in.
fn share(
    env: &Env,
    plan: report::Plan<'_>,
    team: &str,
    date: chrono::NaiveDate,
    format: ReportFormat,
) -> Outcome {
    if format == ReportFormat::Json {
        return Err(accord::diag::Diagnostic::error(
            "share-format",
            "the share summary of a check-in is Markdown or text, not JSON",
        )
        .with_hint(
            "use --format md (or text); `accord report --team TEAM --format json` has every check-in",
        )
        .into());
    }
    let shared = report::share::summary(plan, team, date, env.today);
    for d in &shared.problems {
        eprint!("{}", d.render_text());
    }
    let doc = &shared.doc?;
    match format {
        // The bytes the app's share key writes (report::share::markdown).
        ReportFormat::Md => print(&report::share::markdown(doc)),
        _ => print(&accord::render::text::render(doc)),
    }
    Ok(if shared.problems.is_empty() {
        exit::OK
    } else {
        exit::FOUND
    })
}
