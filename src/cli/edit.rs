//! `accord edit TEAM --from FILE [--consent ITEM=A,C,O]… [--consent-all A,C,O] [--commit]`:
//! adopts a revision without the app, by the rules the app's Save applies (version, status,
//! consent that still holds, adoption and review dates). Without `--from`, the wizard opens.

use accord::diag::{Diagnostic, Severity};
use accord::diff::diff_agreements;
use accord::git::message;
use accord::model::{Agreement, CheckIn, FileKind, Status};
use accord::session::adopt::{Counts, Revision};
use accord::session::{
    Carried, Choice, ParkedWhen, ParkingLot, Settled, end_trial, settle_trials, try_new_items,
};
use accord::source::Source;
use accord::store::Workspace;
use accord::store::canonical::render;
use accord::store::write_if_unchanged;
use accord::text::sanitize_line;

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
    let mut draft: Agreement = accord::parse::parse(&revised)?;
    let carried = carried(ws, &team, &args.parked)?;
    print(&parked_text(&carried));
    let trials = loop_trials(
        ws,
        &team,
        &base.value,
        &mut draft,
        &args.permanent,
        env.today,
    )?;
    print(&trials);
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
        let lot = carried.lot(&ParkingLot::default());
        let msg = message::agreement_with(&team, &f.agreement, &diff, &lot, &carried.taken_up());
        print(&commit_written(&repo, &[path], &msg)?);
    }
    Ok(exit::OK)
}

/// The topics parked at the team's last adoption and check-in (from git; none outside a
/// repository), with the choices of `--parked TOPIC=take|keep|drop`.
fn carried(ws: &Workspace, team: &str, choices: &[String]) -> Result<Carried, Diagnostic> {
    let mut carried = Carried::for_team(&ws.root, team);
    for c in choices {
        let bad = |why: String| {
            Diagnostic::error(
                "parked-choice",
                format!("--parked \"{}\": {why}", sanitize_line(c)),
            )
            .with_hint("write --parked \"TOPIC=take\" (or keep, or drop), the topic as listed")
        };
        let Some((topic, choice)) = c.rsplit_once('=') else {
            return Err(bad("names no choice".into()));
        };
        let choice: Choice = choice.parse().map_err(bad)?;
        carried.choose(topic, choice)?;
    }
    Ok(carried)
}

fn parked_text(c: &Carried) -> String {
    if c.is_empty() {
        return String::new();
    }
    let mut out = String::from("Parked last time:\n");
    for t in c.topics() {
        let when = match t.when {
            ParkedWhen::Adoption => "adoption",
            ParkedWhen::CheckIn => "check-in",
        };
        out.push_str(&format!(
            "  - {} (at the last {when}): {}\n",
            sanitize_line(&t.topic),
            t.choice.label()
        ));
    }
    out
}

/// The session's trial rules on the revised file: new rituals and norms are tried for 30 days
/// (but those named by `--permanent`), trials decided at check-ins are settled. What it did,
/// as lines to print.
fn loop_trials(
    ws: &Workspace,
    team: &str,
    base: &Agreement,
    draft: &mut Agreement,
    permanent: &[String],
    today: chrono::NaiveDate,
) -> Result<String, Diagnostic> {
    let mut out = String::new();
    let tried = try_new_items(Some(base), draft, today);
    for id in permanent {
        if !end_trial(draft, id) && draft.item(id).is_none() {
            return Err(Diagnostic::error(
                "unknown-item",
                format!(
                    "--permanent \"{}\": the revised agreement has no such ritual or norm",
                    sanitize_line(id)
                ),
            )
            .with_hint("name a ritual or norm id of the revised file"));
        }
    }
    for id in tried.iter().filter(|id| !permanent.contains(id)) {
        if let Some(d) = draft.item(id).and_then(|i| i.trial_until()) {
            out.push_str(&format!(
                "New, on trial until {d}: {id} (--permanent {id} for no trial)\n"
            ));
        }
    }
    let checkins: Vec<CheckIn> = ws
        .checkin_paths(team)
        .iter()
        .filter_map(|p| accord::store::load::<CheckIn>(p).ok().map(|l| l.value))
        .collect();
    for s in settle_trials(draft, &checkins) {
        out.push_str(&match s {
            Settled::Permanent { item, decided } => {
                format!("Trial kept at the check-in of {decided}: {item} is permanent now\n")
            }
            Settled::StillOnTrial { item, decided } => {
                format!("Trial adjusted at the check-in of {decided}: {item} stays on trial\n")
            }
            Settled::ProposeRemoval { item, decided } => format!(
                "Trial dropped at the check-in of {decided}: remove {item} from the revised file, or keep it and say why\n"
            ),
        });
    }
    Ok(out)
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
