//! `accord edit TEAM --from FILE [--consent ITEM=A,C,O]… [--consent-all A,C,O] [--commit]`:
//! adopts a revision without the app, by the rules the app's Save applies (version, status,
//! consent that still holds, adoption and review dates). Without `--from`, the wizard opens.

use accord::diag::{Diagnostic, Severity};
use accord::diff::diff_agreements;
use accord::git::message;
use accord::model::{Agreement, FileKind, Status};
use accord::session::adopt::{Counts, Revision};
use accord::source::Source;
use accord::store::canonical::render;
use accord::store::write_if_unchanged;

use super::args::EditArgs;
use super::{Env, Failure, Outcome, commit_written, exit, print, repo_for_commit};

pub fn run(env: &Env, args: EditArgs) -> Outcome {
    let Some(from) = &args.from else {
        if args.no_interactive || !super::app::interactive() {
            return Err(Diagnostic::error(
                "no-terminal",
                "`accord edit` without --from opens the wizard, which needs an interactive terminal",
            )
            .with_hint(format!(
                "write the revised agreement to a file and run `accord edit {} --from FILE` (add --consent ITEM=AGREE,CONCERNS,OBJECTIONS for the round), or edit the file by hand and run `accord validate`",
                accord::text::sanitize_line(&args.team)
            ))
            .into());
        };
        return super::app::edit(env, args);
    };
    let ws = &env.workspace;
    ws.check_exists()?;
    let team = ws.team(&args.team)?;
    let base = ws.agreement(&team)?;
    let revised = Source::read(from)?;
    let draft: Agreement = accord::parse::parse(&revised)?;
    let mut revision = Revision::new(base.value.clone(), draft);
    if base.value.adopted.is_none() && base.value.version > 1 {
        // A proposal has no adoption date: the review interval is the last adopted version's.
        let history = accord::git::GitHistory::new();
        let revisions = accord::checkin::Revisions::from_history(
            base.value.clone(),
            &base.source.path,
            &history,
        );
        if let Some(last) = revisions.last_adopted() {
            revision = revision.with_interval_of(last);
        }
    }
    if let Some(counts) = &args.consent_all {
        revision.record_consent_all(counts_of("--consent-all", counts)?)?;
    }
    for c in &args.consent {
        let Some((item, counts)) = c.split_once('=') else {
            return Err(bad_consent(c).into());
        };
        revision.record_consent(item.trim(), counts_of("--consent", counts)?)?;
    }
    let f = revision.finalise(env.today);
    let path = ws.agreement_path(&team);
    let text = render(&f.agreement, FileKind::Agreement, Some(&revised.text));
    let src = Source::new(&path, text);
    let findings = accord::validate::agreement_rules(&src, &f.agreement, env.today);
    if findings.iter().any(|d| d.severity == Severity::Error) {
        return Err(Failure {
            diagnostics: findings,
            code: exit::FOUND,
        });
    }
    let repo = repo_for_commit(env, args.commit)?;
    write_if_unchanged(&path, Some(&base.source.text), src.text.as_bytes()).map_err(|e| {
        Diagnostic::error("write", e.to_string())
            .at_file(&path)
            .with_hint(e.hint())
    })?;
    for d in findings {
        eprint!("{}", d.render_text());
    }
    let already = base.value.status == Status::Active && base.value.adopted == f.agreement.adopted;
    print(&summary(&team, &f, already));
    if let Some(repo) = repo {
        let diff = diff_agreements(&base.value, &f.agreement);
        let msg = message::agreement(&team, &f.agreement, &diff, &[]);
        print(&commit_written(&repo, &[path], &msg)?);
    }
    Ok(exit::OK)
}

fn counts_of(flag: &str, s: &str) -> Result<Counts, Diagnostic> {
    s.parse::<Counts>().map_err(|e| {
        Diagnostic::error("consent-count", format!("{flag}: {e}"))
            .with_hint("write the round's counts as AGREE,CONCERNS,OBJECTIONS, e.g. 5,1,0")
    })
}

fn bad_consent(c: &str) -> Diagnostic {
    Diagnostic::error(
        "consent-count",
        format!(
            "--consent \"{}\" names no item",
            accord::text::sanitize_line(c)
        ),
    )
    .with_hint("write --consent ITEM=AGREE,CONCERNS,OBJECTIONS, e.g. --consent presence=5,1,0")
}

/// What the save did, in one or two lines.
fn summary(team: &str, f: &accord::session::revision::Final, already_active: bool) -> String {
    let a = &f.agreement;
    let mut out = match (a.status, &f.not_active_because) {
        (Status::Active, _) if already_active => {
            format!("{team}: version {} unchanged, still active\n", a.version)
        }
        (Status::Active, _) => format!(
            "{team}: adopted version {} on {}\n",
            a.version,
            a.adopted.map_or_else(String::new, |d| d.to_string())
        ),
        (status, why) => format!(
            "{team}: saved version {} as {status}: {}\n",
            a.version,
            why.as_deref().unwrap_or("not every item has consent")
        ),
    };
    if let Some((before, after)) = f.review_moved {
        let was = before.map_or_else(String::new, |d| format!(" (was {d})"));
        out.push_str(&format!("Review by {after}{was}.\n"));
    }
    out
}
