//! Loading a team's figures: `accord::report` for one team, reading each check-in's agreement
//! version from git history when the file has moved on. Reads files, so it runs on the worker.

use accord::diag::Diagnostic;
use accord::git::GitHistory;
use accord::store::Workspace;
use chrono::NaiveDate;

use super::state::Dashboard;

pub fn load(ws: &Workspace, team: &str, today: NaiveDate) -> Result<Dashboard, Diagnostic> {
    let slug = ws.team(team)?;
    let report = accord::report::build(ws, Some(&slug), today, &GitHistory::new())?;
    let problems: Vec<String> = report
        .problems
        .iter()
        .map(|d| {
            let file = d
                .location
                .as_ref()
                .map(|l| format!("{}: ", l.path.display()))
                .unwrap_or_default();
            format!("{file}{}", d.message)
        })
        .collect();
    match report.teams.into_iter().next() {
        Some(adherence) => Ok(Dashboard {
            adherence,
            min: report.min,
            problems,
            today,
        }),
        None => {
            let why = report
                .attention
                .no_agreement
                .first()
                .map(|(_, why)| why.clone())
                .unwrap_or_else(|| "no readable agreement".into());
            let mut d =
                Diagnostic::error("no-agreement", format!("{slug} has no dashboard: {why}"))
                    .with_hint("run `accord validate` to see what is wrong with the file");
            if let Some(p) = problems.first() {
                d.message = format!("{} ({p})", d.message);
            }
            Err(d)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ws() -> Workspace {
        Workspace::new(concat!(env!("CARGO_MANIFEST_DIR"), "/agreements"))
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    #[test]
    fn loads_every_checkin_in_date_order() {
        let d = load(&ws(), "payments", today()).unwrap();
        let dates: Vec<_> = d.adherence.checkins.iter().map(|c| c.date).collect();
        assert_eq!(dates.len(), 4);
        assert!(dates.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(d.min.get(), 5);
        assert!(d.problems.is_empty());
    }

    #[test]
    fn an_unknown_team_says_which_exist() {
        let e = load(&ws(), "paymnts", today()).unwrap_err();
        assert!(e.hint.unwrap_or_default().contains("payments"));
    }

    #[test]
    fn a_team_without_checkins_loads_empty() {
        let d = load(&ws(), "data-platform", today()).unwrap();
        assert!(d.adherence.checkins.is_empty());
    }
}
