use accord::diff::diff_agreements;
use accord::git::{Change, Revision};
use accord::model::Agreement;
use accord::text::sanitize_line as clean;
use serde_json::{Value, json};

use super::args::{HistoryArgs, HistoryFormat};
use super::{Env, Outcome, exit, print, repo};

pub fn run(env: &Env, args: HistoryArgs) -> Outcome {
    let team = env.workspace.team(&args.team)?;
    let path = env.workspace.agreement_path(&team);
    let repo = repo(env)?;
    let revisions = repo.history(&path)?;
    // What the working tree changed since the last commit, when it changed the meaning.
    let current = env.workspace.agreement(&team).map(|l| l.value);
    let uncommitted = match (&current, revisions.first().map(|r| &r.agreement)) {
        (Ok(now), Some(Ok(then))) if now != then => Some(Ok(diff_agreements(then, now))),
        (Ok(now), None) => Some(Ok(accord::diff::AgreementDiff::created(now))),
        // A committed file that does not parse is no uncommitted change.
        (Err(e), _) if !repo.same_as_head(&path) => Some(Err(e.clone())),
        _ => None,
    };
    let out = match args.format {
        HistoryFormat::Json => {
            let doc = json!({
                "format": accord::render::json::FORMAT,
                "team": team,
                "path": repo.relative(&path)?,
                "uncommitted": uncommitted.as_ref().map(|u| match u {
                    Ok(d) => json!({
                        "version": current.as_ref().ok().map(|a| a.version),
                        "status": current.as_ref().ok().map(|a| a.status.to_string()),
                        "summary": d.summary(),
                        "diff": d.to_json(),
                    }),
                    Err(e) => json!({"error": e.message}),
                }),
                "revisions": revisions.iter().map(revision_json).collect::<Vec<_>>(),
            });
            accord::render::json::to_string_pretty(&doc) + "\n"
        }
        HistoryFormat::Text => {
            let mut rows = vec![
                ["COMMIT", "DATE", "AUTHOR", "VERSION", "STATUS", "SUMMARY"].map(String::from),
            ];
            match &uncommitted {
                Some(Ok(d)) => {
                    let a = current.as_ref().ok();
                    rows.push([
                        "uncommitted".into(),
                        String::new(),
                        String::new(),
                        a.map(|a| format!("v{}", a.version)).unwrap_or_default(),
                        a.map(|a| a.status.to_string()).unwrap_or_default(),
                        clean(&d.summary()).into_owned(),
                    ]);
                }
                Some(Err(e)) => rows.push([
                    "uncommitted".into(),
                    String::new(),
                    String::new(),
                    "—".into(),
                    "—".into(),
                    format!("does not parse: {}", clean(&e.message)),
                ]),
                None => {}
            }
            for r in &revisions {
                let a = r.agreement.as_ref().ok();
                rows.push([
                    r.short_id.clone(),
                    r.time.format("%Y-%m-%d").to_string(),
                    clean(&r.author).into_owned(),
                    a.map_or("—".into(), |a| format!("v{}", a.version)),
                    a.map_or("—".into(), |a| a.status.to_string()),
                    clean(&r.summary).into_owned(),
                ]);
            }
            if revisions.is_empty() {
                let mut s = table(&rows);
                s.push_str(&format!(
                    "{team} has no committed revisions yet: commit it (`accord fmt --commit`, or git) to start its history.\n"
                ));
                s
            } else {
                table(&rows)
            }
        }
    };
    print(&out);
    // The process ends next, and the operating system takes its memory back at once: freeing
    // every revision's agreement one by one first took longer than printing them.
    std::mem::forget(revisions);
    Ok(exit::OK)
}

fn table(rows: &[[String; 6]]) -> String {
    let widths: Vec<usize> = (0..5)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (c, w) in widths.iter().enumerate() {
            line.push_str(&format!("{:<w$}  ", r[c]));
        }
        line.push_str(&r[5]);
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn revision_json(r: &Revision) -> Value {
    let a: Option<&Agreement> = r.agreement.as_ref().ok();
    let (change, renamed_from) = match &r.change {
        Change::Added => ("added", None),
        Change::Modified => ("modified", None),
        Change::Renamed { from } => ("renamed", Some(from.clone())),
        Change::Deleted => ("deleted", None),
        Change::Boundary => ("boundary", None),
    };
    json!({
        "commit": r.id,
        "short": r.short_id,
        "date": r.time.to_rfc3339(),
        "author": r.author,
        "email": r.email,
        "subject": r.subject,
        "path": r.path.to_string_lossy(),
        "change": change,
        "renamed_from": renamed_from,
        "version": a.map(|a| a.version),
        "status": a.map(|a| a.status.to_string()),
        "summary": r.summary,
        "error": r.agreement.as_ref().err().map(|e| e.message.clone()),
        "diff": r.diff.as_ref().map(|d| d.to_json()),
    })
}
