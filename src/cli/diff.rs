use std::fmt::Write as _;

use accord::diag::Diagnostic;
use accord::diff::{AgreementDiff, diff_agreements};
use accord::git::{Repo, Side, TeamChange, changed_teams};
use accord::model::{Agreement, Slug};
use accord::parse::parse;
use accord::render::markdown::{code, escape};
use accord::source::Source;
use accord::text::sanitize_line as clean;
use serde_json::{Value, json};

use super::args::{DiffArgs, DiffFormat};
use super::{Env, Failure, Outcome, exit, print, repo};

/// Marks the pull-request comment, so a bot can find and update its own.
const MARKER: &str = "<!-- accord-diff -->";

/// The default size of the pull-request comment, in characters: under GitHub's 65,536 with
/// room for what a workflow adds around it.
const MAX_CHARS: usize = 60_000;

pub fn run(env: &Env, args: DiffArgs) -> Outcome {
    if (args.full || args.max_chars.is_some()) && !(args.all && args.format == DiffFormat::Md) {
        let flag = if args.full { "--full" } else { "--max-chars" };
        return Err(Diagnostic::error(
            "size-limit-without-comment",
            format!("{flag} only applies to `diff --all --format md` (the pull-request comment)"),
        )
        .with_hint("add --all --format md, or leave the flag out")
        .into());
    }
    if args.all {
        all(env, args)
    } else {
        one(env, args)
    }
}

/// One side of a comparison as shown to people.
struct Label {
    /// The revision as given, `None` for the working tree.
    rev: Option<String>,
    commit: Option<String>,
}

impl Label {
    fn of(repo: &Repo, side: &Side) -> Result<Label, Failure> {
        Ok(match side {
            Side::WorkTree => Label {
                rev: None,
                commit: None,
            },
            Side::Rev(rev) => Label {
                rev: Some(rev.clone()),
                commit: Some(repo.resolve(rev)?.to_string()),
            },
        })
    }

    fn short(&self) -> &str {
        self.commit.as_deref().map_or("", |c| &c[..c.len().min(7)])
    }

    /// `HEAD (1a2b3c4)` or `the working tree`.
    fn text(&self) -> String {
        match &self.rev {
            Some(r) => format!("{} ({})", clean(r), self.short()),
            None => "the working tree".into(),
        }
    }

    /// `` `HEAD` (1a2b3c4) `` or `the working tree`.
    fn md(&self) -> String {
        match &self.rev {
            Some(r) => format!("`{}` ({})", code(r), self.short()),
            None => "the working tree".into(),
        }
    }

    fn json(&self, version: Option<u32>) -> Value {
        json!({
            "rev": self.rev,
            "commit": self.commit,
            "label": self.text(),
            "version": version,
        })
    }
}

fn one(env: &Env, args: DiffArgs) -> Outcome {
    let mut it = args.args.into_iter();
    let Some(name) = it.next() else {
        return Err(Diagnostic::error("no-team", "name the team to compare")
            .with_hint(
                "accord diff TEAM [FROM] [TO], or accord diff --all [FROM] [TO] for every team",
            )
            .into());
    };
    let from = Side::Rev(it.next().unwrap_or_else(|| "HEAD".into()));
    let to = Side::from_arg(it.next().as_deref());
    // A team may exist only in history (removed since), so a valid slug is enough here.
    let team = match env.workspace.team(&name) {
        Ok(t) => t,
        Err(_) if Slug::problem(&name).is_none() && env.workspace.root.is_dir() => name,
        Err(e) => return Err(e.into()),
    };
    let repo = repo(env)?;
    let path = env.workspace.agreement_path(&team);
    let (from_l, to_l) = (Label::of(&repo, &from)?, Label::of(&repo, &to)?);
    let (from_label, to_label) = (from_l.text(), to_l.text());
    let old_src = repo.source_on(&from, &path)?;
    let new_src = repo.source_on(&to, &path)?;
    if old_src.is_none() && new_src.is_none() {
        return Err(Diagnostic::error(
            "unknown-team",
            format!("team \"{team}\" has no agreement in {from_label} or {to_label}"),
        )
        .with_hint("check the team's folder name (`accord` lists the teams)")
        .into());
    }
    let same_text = matches!((&old_src, &new_src), (Some(a), Some(b)) if a.text == b.text);
    // The located parser only when the plain one fails: it parses the text twice.
    let read = |s: &Source| toml::from_str::<Agreement>(&s.text).or_else(|_| parse::<Agreement>(s));
    let old = old_src.as_ref().map(read).transpose()?;
    let new = new_src.as_ref().map(read).transpose()?;
    let diff = match (&old, &new) {
        (Some(a), Some(b)) => diff_agreements(a, b),
        (None, Some(b)) => AgreementDiff::created(b),
        (Some(a), None) => AgreementDiff::removed(a),
        (None, None) => unreachable!("checked above"),
    };
    let name = new
        .as_ref()
        .or(old.as_ref())
        .map(|a| a.team.clone())
        .unwrap_or_default();
    let none_note = if same_text || diff.is_empty() && old_src.is_none() == new_src.is_none() {
        Some(if same_text {
            format!("No changes to {team} between {from_label} and {to_label}.")
        } else {
            format!(
                "No changes to {team}'s agreement between {from_label} and {to_label} (only formatting or comments differ)."
            )
        })
    } else {
        None
    };
    let out = match args.format {
        DiffFormat::Json => {
            let doc = json!({
                "format": accord::render::json::FORMAT,
                "team": team,
                "from": from_l.json(old.as_ref().map(|a| a.version)),
                "to": to_l.json(new.as_ref().map(|a| a.version)),
                "changed": none_note.is_none(),
                "diff": diff.to_json(),
            });
            accord::render::json::to_string_pretty(&doc) + "\n"
        }
        DiffFormat::Text => match &none_note {
            Some(n) => format!("{n}\n"),
            None => format!(
                "{team}: {from_label} → {to_label}\n{}\n\n{}",
                clean(&diff.summary()),
                diff.to_text()
            ),
        },
        DiffFormat::Md => {
            let mut o = format!("### {} — {}\n\n", escape(&team), escape(&name));
            match &none_note {
                Some(n) => o.push_str(&format!("{}\n", escape(n))),
                None => {
                    let _ = write!(
                        o,
                        "{} → {}\n\n{}",
                        from_l.md(),
                        to_l.md(),
                        diff.to_markdown()
                    );
                }
            }
            o
        }
    };
    print(&out);
    Ok(exit::OK)
}

fn all(env: &Env, args: DiffArgs) -> Outcome {
    if args.args.len() > 2 {
        return Err(Diagnostic::error(
            "too-many-revisions",
            "--all compares two revisions, FROM and TO",
        )
        .with_hint("accord diff --all [FROM] [TO]; to compare one team, leave out --all")
        .into());
    }
    let from = Side::Rev(args.args.first().cloned().unwrap_or_else(|| "HEAD".into()));
    let to = Side::from_arg(args.args.get(1).map(String::as_str));
    let repo = repo(env)?;
    let (from_l, to_l) = (Label::of(&repo, &from)?, Label::of(&repo, &to)?);
    let (teams, settings) = changed_teams(&repo, &env.workspace.root, &from, &to)?;
    let out = match args.format {
        DiffFormat::Json => {
            let doc = json!({
                "format": accord::render::json::FORMAT,
                "from": from_l.json(None),
                "to": to_l.json(None),
                "settings_changed": settings,
                "teams": teams.iter().map(team_json).collect::<Vec<_>>(),
            });
            accord::render::json::to_string_pretty(&doc) + "\n"
        }
        DiffFormat::Md => {
            let limit = (!args.full).then_some(args.max_chars.unwrap_or(MAX_CHARS));
            markdown_all(&teams, settings, &from_l.md(), &to_l.md(), limit)
        }
        DiffFormat::Text => text_all(&teams, settings, &from_l.text(), &to_l.text()),
    };
    print(&out);
    Ok(exit::OK)
}

fn count(n: usize) -> String {
    format!("{n} team{}", if n == 1 { "" } else { "s" })
}

fn status(t: &TeamChange) -> &'static str {
    match (&t.old, &t.new, &t.renamed_from) {
        (_, _, Some(_)) => "renamed",
        (None, Some(_), _) => "added",
        (Some(_), None, _) => "removed",
        _ => "changed",
    }
}

fn parse_problem(t: &TeamChange) -> Option<String> {
    [("old", &t.old), ("new", &t.new)]
        .into_iter()
        .find_map(|(side, a)| match a {
            Some(Err(e)) => Some(format!(
                "the {side} agreement does not parse ({}); run `accord validate`",
                e.message
            )),
            _ => None,
        })
}

/// The check-ins that changed, each file name shown by `show` (escaped for the format).
fn checkin_line(t: &TeamChange, show: impl Fn(&str) -> String) -> Option<String> {
    let mut parts = Vec::new();
    for (what, list) in [
        ("added", &t.checkins_added),
        ("changed", &t.checkins_changed),
        ("removed", &t.checkins_removed),
    ] {
        if !list.is_empty() {
            let names: Vec<String> = list.iter().map(|n| show(n)).collect();
            parts.push(format!("{what} {}", names.join(", ")));
        }
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// How much of each team `diff --all --format md` shows.
#[derive(Clone, Copy, PartialEq)]
enum Detail {
    Full,
    /// The heading and the one-line summary: what fits a comment when the full diff does not.
    Summary,
}

/// The pull-request comment. Past `limit` characters (`None`: no limit) each team keeps its
/// heading and one-line summary, and the comment says where the full diff is.
fn markdown_all(
    teams: &[TeamChange],
    settings: bool,
    from: &str,
    to: &str,
    limit: Option<usize>,
) -> String {
    let mut head = format!("{MARKER}\n## Team agreement changes\n\n");
    if teams.is_empty() && !settings {
        let _ = writeln!(head, "No agreement changes between {from} and {to}.");
        return head;
    }
    let _ = writeln!(head, "{from} → {to}: {} changed.\n", count(teams.len()));
    if settings {
        head.push_str("The folder settings (`accord.toml`) changed.\n\n");
    }
    let full: String = teams.iter().map(|t| team_md(t, Detail::Full)).collect();
    let full = finish(head.clone() + &full);
    let Some(max) = limit.filter(|&max| full.chars().count() > max) else {
        return full;
    };
    let _ = writeln!(
        head,
        "> **Shortened:** the full diff is {} characters, more than a comment holds, so each \
         team shows its one-line summary. The full diff is in the CI job's summary or \
         artifact (`accord diff --all --format md --full`).\n",
        full.chars().count()
    );
    let mut o = head;
    let mut used = o.chars().count();
    for (i, t) in teams.iter().enumerate() {
        let block = team_md(t, Detail::Summary);
        let rest = teams.len() - i;
        // Room for this team and, after it, the line that counts the teams left out.
        let tail = if rest > 1 { more(rest - 1).len() } else { 0 };
        let len = block.chars().count();
        if used + len + tail > max {
            o.push_str(&more(rest));
            break;
        }
        o.push_str(&block);
        used += len;
    }
    finish(o)
}

/// The line that ends a comment too short for every team's summary.
fn more(n: usize) -> String {
    format!("*… and {} more: see the job summary.*\n", count(n))
}

/// One block per line group, then no trailing blank line.
fn finish(mut o: String) -> String {
    while o.ends_with("\n\n") {
        o.pop();
    }
    o
}

fn team_md(t: &TeamChange, detail: Detail) -> String {
    let mut o = String::new();
    let name = t.name().map(escape).unwrap_or_default();
    let _ = writeln!(o, "### {} — {name}\n", escape(&t.team));
    if let Some(from) = &t.renamed_from {
        let _ = writeln!(o, "*Renamed from `{}`.*\n", code(from));
    }
    if let Some(p) = parse_problem(t) {
        let _ = writeln!(o, "⚠️ {}\n", escape(&p));
    } else if let Some(d) = &t.diff {
        if d.is_empty() {
            o.push_str(
                "The agreement file changed, but not its content (formatting or comments).\n\n",
            );
        } else if detail == Detail::Summary {
            let _ = writeln!(o, "{}\n", escape(&d.summary()));
        } else {
            o.push_str(&d.to_markdown());
            o.push('\n');
        }
    }
    if let Some(c) = checkin_line(t, escape) {
        let _ = writeln!(o, "**Check-ins:** {c}\n");
    }
    o
}

fn text_all(teams: &[TeamChange], settings: bool, from: &str, to: &str) -> String {
    if teams.is_empty() && !settings {
        return format!("No agreement changes between {from} and {to}.\n");
    }
    let mut o = format!("{from} → {to}: {} changed.\n", count(teams.len()));
    if settings {
        o.push_str("The folder settings (accord.toml) changed.\n");
    }
    for t in teams {
        let name = t.name().map(|n| clean(n).into_owned()).unwrap_or_default();
        let _ = writeln!(o, "\n== {} — {name} ({})", clean(&t.team), status(t));
        if let Some(from) = &t.renamed_from {
            let _ = writeln!(o, "Renamed from {}.", clean(from));
        }
        if let Some(p) = parse_problem(t) {
            let _ = writeln!(o, "{}", clean(&p));
        } else if let Some(d) = &t.diff {
            if d.is_empty() {
                o.push_str(
                    "The agreement file changed, but not its content (formatting or comments).\n",
                );
            } else {
                o.push_str(&d.to_text());
            }
        }
        if let Some(c) = checkin_line(t, |n| clean(n).into_owned()) {
            let _ = writeln!(o, "Check-ins: {c}");
        }
    }
    o
}

fn team_json(t: &TeamChange) -> Value {
    let version = |a: &Option<Result<Agreement, Diagnostic>>| {
        a.as_ref().and_then(|r| r.as_ref().ok()).map(|a| a.version)
    };
    json!({
        "team": t.team,
        "name": t.name(),
        "status": status(t),
        "renamed_from": t.renamed_from,
        "old_version": version(&t.old),
        "new_version": version(&t.new),
        "agreement_changed": t.agreement_changed,
        "error": parse_problem(t),
        "diff": t.diff.as_ref().map(|d| d.to_json()),
        "checkins": {
            "added": t.checkins_added,
            "changed": t.checkins_changed,
            "removed": t.checkins_removed,
        },
    })
}
