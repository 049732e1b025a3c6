use std::path::Path;

use accord::adherence::{MinResponses, Versions, score};
use accord::git::GitHistory;
use accord::model::{Agreement, CheckIn};
use accord::text::sanitize_line as clean;
use accord::validate::HistoryLookup;

use super::{Env, Outcome, exit, print};

/// `accord` without a command: the teams of the folder, one line each.
pub fn run(env: &Env) -> Outcome {
    let ws = &env.workspace;
    let teams = ws.teams()?;
    let mut rows = vec![
        [
            "TEAM",
            "NAME",
            "STATUS",
            "VERSION",
            "REVIEW BY",
            "LAST CHECK-IN (OVERALL)",
        ]
        .map(String::from),
    ];
    let min = MinResponses::of(&ws.settings()?);
    // Scored as the report and the dashboard score: against the agreement version the
    // check-in names, read from git history when it is not the current one.
    let history = GitHistory::new();
    for slug in &teams {
        let last_path = ws.checkin_paths(slug).last().cloned();
        let mut last = last_path
            .as_ref()
            .and_then(|p| {
                p.file_stem()
                    .map(|s| clean(&s.to_string_lossy()).into_owned())
            })
            .unwrap_or_else(|| "—".into());
        let row = match ws.agreement(slug) {
            Ok(l) => {
                let a = l.value;
                if let Some(score) = last_path
                    .and_then(|p| latest_overall(&a, &ws.agreement_path(slug), &p, min, &history))
                {
                    last.push_str(&format!(" ({})", accord::describe::percent(score)));
                }
                let review = match a.review_by {
                    Some(d) if d.0 < env.today => format!("{d} (overdue)"),
                    Some(d) => d.to_string(),
                    None => "—".into(),
                };
                [
                    slug.clone(),
                    clean(&a.team).into_owned(),
                    a.status.to_string(),
                    format!("v{}", a.version),
                    review,
                    last,
                ]
            }
            Err(_) => [
                slug.clone(),
                "(does not validate)".into(),
                "—".into(),
                "—".into(),
                "—".into(),
                last,
            ],
        };
        rows.push(row);
    }
    let widths: Vec<usize> = (0..6)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for r in &rows {
        let line: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(c, cell)| format!("{cell:<w$}", w = widths[c]))
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    }
    if teams.is_empty() {
        out.push_str("No teams yet: start one with `accord new TEAM --preset hybrid`.\n");
    }
    print(&out);
    Ok(exit::OK)
}

/// The overall score of a check-in against the agreement version it names (the current one,
/// or an older one from git history), as the report computes it.
fn latest_overall(
    a: &Agreement,
    agreement_path: &Path,
    checkin: &Path,
    min: MinResponses,
    history: &dyn HistoryLookup,
) -> Option<f64> {
    let c = accord::store::load::<CheckIn>(checkin).ok()?.value;
    let mut versions = Versions::new(agreement_path, Some(a.clone()), history);
    let a = versions.get(c.agreement_version).ok()?;
    score(&c, a, min).categories.overall
}
