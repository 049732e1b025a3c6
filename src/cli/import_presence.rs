//! `accord import-presence TEAM FILE.csv [--from D --to D] [--skip-bad]`: presence counts
//! from a desk-booking or badge export into the team's check-in draft.

use std::fmt::Write as _;

use accord::adherence::day_met;
use accord::checkin::{PeriodChoice, Session};
use accord::describe;
use accord::diag::Diagnostic;
use accord::import::presence::{self, Counts};
use accord::model::Weekday;
use accord::store::drafts::Drafts;
use accord::text::sanitize_line as clean;

use super::args::ImportPresenceArgs;
use super::{Env, Failure, Outcome, exit, print};

/// Exports larger than this are not a team's presence data.
const MAX_CSV_BYTES: u64 = 256 * 1024 * 1024;
/// A company-wide export names many people; listing them all would bury the counts.
const MAX_STRANGERS: usize = 20;

pub fn run(env: &Env, args: ImportPresenceArgs) -> Outcome {
    let ws = &env.workspace;
    let team = ws.team(&args.team)?;
    let bytes = read_csv(&args.file)?;
    let csv = presence::read(&args.file, &bytes)?;
    if !csv.bad.is_empty() && !args.skip_bad {
        let mut diagnostics: Vec<Diagnostic> = csv
            .bad
            .iter()
            .map(|b| b.diagnostic(&args.file, false))
            .collect();
        diagnostics.push(
            Diagnostic::error(
                "bad-rows",
                format!(
                    "{} bad row(s) in {}: nothing was imported",
                    csv.bad.len(),
                    args.file.display()
                ),
            )
            .with_hint("fix the rows listed above, or pass --skip-bad to import the others"),
        );
        return Err(Failure {
            diagnostics,
            code: exit::FOUND,
        });
    }
    let data_dir =
        Drafts::data_dir(std::env::var("ACCORD_DATA_DIR").ok().as_deref()).ok_or_else(|| {
            Diagnostic::error("no-data-dir", "no data directory for the check-in draft")
                .with_hint("set ACCORD_DATA_DIR to a folder Accord may write to")
        })?;
    let drafts = Drafts::new(&data_dir, &ws.root);
    let choice = PeriodChoice {
        from: args.from,
        to: args.to,
    };
    let mut session = Session::start(ws, &team, Some(&drafts), env.today, choice)?;
    let counts = presence::count(&csv, session.agreement(), session.period());
    for d in &counts.days {
        session.set_presence(d.date, d.present, d.expected)?;
    }
    session.save_draft(&drafts)?;
    for b in &csv.bad {
        eprint!("{}", b.diagnostic(&args.file, true).render_text());
    }
    for n in session.notes() {
        eprint!("{}", n.render_text());
    }
    print(&summary(&session, &counts, &args, &drafts));
    Ok(exit::OK)
}

fn read_csv(path: &std::path::Path) -> Result<Vec<u8>, Diagnostic> {
    let fail = |e: std::io::Error| {
        Diagnostic::error("unreadable", format!("cannot read: {e}"))
            .at_file(path)
            .with_hint("check the path and permissions")
    };
    let meta = std::fs::metadata(path).map_err(fail)?;
    if meta.len() > MAX_CSV_BYTES {
        return Err(Diagnostic::error(
            "too-large",
            format!(
                "the file is {} bytes; Accord reads exports up to {MAX_CSV_BYTES}",
                meta.len()
            ),
        )
        .at_file(path)
        .with_hint("export only the team's people or a shorter period"));
    }
    std::fs::read(path).map_err(fail)
}

/// A summary stays readable over a huge period: at most this many day lines, and at most
/// [`MAX_LISTED`] days in one list (a ten-year period once printed a 6 MB line).
const MAX_DAY_LINES: usize = 60;
const MAX_LISTED: usize = 10;

/// "2026-01-05, 2026-01-07" — or, past [`MAX_LISTED`], the first few, the last and the count.
fn some_days<T: std::fmt::Display>(days: &[T]) -> String {
    if days.len() <= MAX_LISTED {
        return days
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ");
    }
    let first: Vec<String> = days
        .iter()
        .take(MAX_LISTED / 2)
        .map(ToString::to_string)
        .collect();
    format!(
        "{} days: {}, … {}",
        days.len(),
        first.join(", "),
        days.last().map(ToString::to_string).unwrap_or_default()
    )
}

fn summary(s: &Session, c: &Counts, args: &ImportPresenceArgs, drafts: &Drafts) -> String {
    let mut o = String::new();
    let p = s.period();
    let min = s
        .agreement()
        .presence
        .as_ref()
        .map_or(1.0, |x| x.min_attendance());
    let _ = writeln!(
        o,
        "Presence for {} from {}, {} to {}:",
        s.team(),
        clean(&args.file.display().to_string()),
        p.from,
        p.to
    );
    if c.days.is_empty() {
        let _ = writeln!(o, "  no presence day of the period has rows in the file");
    }
    for d in c.days.iter().take(MAX_DAY_LINES) {
        let share = f64::from(d.present) / f64::from(d.expected);
        let verdict = if day_met(d.present, d.expected, min) {
            "met".to_string()
        } else {
            format!("below {}", describe::percent(min))
        };
        let _ = writeln!(
            o,
            "  {} {}  {} of {} present  {:>4}  {verdict}",
            Weekday::of(d.date).short_name(),
            d.date,
            d.present,
            d.expected,
            describe::percent(share)
        );
    }
    if c.days.len() > MAX_DAY_LINES {
        let _ = writeln!(
            o,
            "  and {} more days (all in the draft)",
            c.days.len() - MAX_DAY_LINES
        );
    }
    if !c.uncovered.is_empty() {
        let _ = writeln!(
            o,
            "  No rows at all for {}: left blank for the check-in",
            some_days(&c.uncovered)
        );
    }
    let mut skipped = Vec::new();
    if c.outside_period > 0 {
        skipped.push(format!("{} outside the period", c.outside_period));
    }
    if c.not_presence_day > 0 {
        skipped.push(format!("{} on other days", c.not_presence_day));
    }
    if c.remote_rows > 0 {
        skipped.push(format!(
            "{} of remote members (not expected)",
            c.remote_rows
        ));
    }
    if !skipped.is_empty() {
        let _ = writeln!(o, "  Rows not counted: {}", skipped.join(", "));
    }
    if !c.strangers.is_empty() {
        let rows: usize = c.strangers.iter().map(|x| x.lines.len()).sum();
        let _ = writeln!(
            o,
            "  Not in the team, not counted ({} row(s)); if one is a member, fix the name in the file or the agreement:",
            rows
        );
        for x in c.strangers.iter().take(MAX_STRANGERS) {
            let lines: Vec<String> = x.lines.iter().take(5).map(ToString::to_string).collect();
            let more = if x.lines.len() > 5 { ", …" } else { "" };
            let _ = writeln!(
                o,
                "    \"{}\" (line {}{more})",
                clean(&x.name),
                lines.join(", ")
            );
        }
        if c.strangers.len() > MAX_STRANGERS {
            let _ = writeln!(o, "    and {} more", c.strangers.len() - MAX_STRANGERS);
        }
    }
    let _ = writeln!(
        o,
        "Saved in the check-in draft ({}); `accord checkin {}` starts from it.",
        clean(
            &drafts
                .path(s.team(), accord::store::drafts::DraftKind::CheckIn)
                .display()
                .to_string()
        ),
        s.team()
    );
    o
}
