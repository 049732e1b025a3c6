//! `accord report [--team T] [--format text|md|json]`.

use accord::git::GitHistory;
use accord::report::{self, text::Options};

use super::args::{ReportArgs, ReportFormat};
use super::{Env, Outcome, exit, print};

pub fn run(env: &Env, args: ReportArgs) -> Outcome {
    let ws = &env.workspace;
    ws.check_exists()?;
    let team = args.team.as_deref().map(|t| ws.team(t)).transpose()?;
    let r = report::build(ws, team.as_deref(), env.today, &GitHistory::new())?;
    for d in &r.problems {
        eprint!("{}", d.render_text());
    }
    let opts = Options { last: args.last };
    match args.format {
        ReportFormat::Text => print(&report::text::render(&r, opts)),
        ReportFormat::Md => print(&report::markdown::render(&r, opts)),
        ReportFormat::Json => {
            use std::io::Write;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = report::json::write(&r, &mut out);
            let _ = out.write_all(b"\n");
            let _ = out.flush();
        }
    }
    let code = if r.problems.is_empty() {
        exit::OK
    } else {
        exit::FOUND
    };
    // The process ends here: freeing every score one by one would only add to the wait.
    std::mem::forget(r);
    Ok(code)
}
