//! The share summary of one check-in (`accord report --team T --checkin DATE --format md`):
//! a page a lead pastes into the team's channel within the 48 hours the sources recommend —
//! the scores and their trend, the pulse per question as the pulse rules allow, the
//! decisions with owner and due date, what was done, the open actions, the wins, the trials
//! due and the next check-in.
//!
//! What it leaves out, on purpose: a withheld pulse says "withheld" and nothing more (not
//! even how many answered); no subgroup gaps and no comments (a channel is wider than the
//! room the pulse was taken in).

use chrono::{Duration, NaiveDate};

use super::report::{actions_at, dimensions, item, labelled, titled, trial_rows, win_rows};
use super::{Document, Role, Span};
use crate::adherence::{Category, CheckinScores, PulseResult, TeamAdherence, change, series};
use crate::report::text::{pct, points, shorten, sparkline};

/// The day of the next check-in after `c`: as many days on as the period it reviewed (the
/// team's own rhythm), but no later than the agreement's review date when that comes first.
pub fn next_checkin(c: &CheckinScores, review_by: Option<NaiveDate>) -> NaiveDate {
    let period = (c.to - c.from).num_days() + 1;
    let next = c.date + Duration::days(period.max(1));
    match review_by {
        Some(r) if r > c.date && r < next => r,
        _ => next,
    }
}

/// The summary of `t`'s check-in of `date`; `None` when the team has no check-in that day.
pub fn share_doc(t: &TeamAdherence, date: NaiveDate) -> Option<Document> {
    let at = t.checkins.iter().position(|c| c.date == date)?;
    let c = &t.checkins[at];
    let name = t.name.as_deref().unwrap_or(&t.team);
    let mut doc = Document::default();
    let intro = doc.section(None);
    intro.line(vec![Span::new(
        Role::Heading,
        format!("{name} — check-in of {date}"),
    )]);
    intro.line(vec![Span::plain(format!(
        "Period {} to {}, measured against agreement v{}.",
        c.from, c.to, c.agreement_version
    ))]);

    let s = doc.section(Some("Scores"));
    match &c.problem {
        Some(p) => s.entry(item(format!("not scored — {p}"), Vec::new())),
        None => {
            let k = &c.categories;
            s.entry(item(
                format!(
                    "presence {} · rituals {} · norms {} · overall {}",
                    pct(k.presence),
                    pct(k.rituals),
                    pct(k.norms),
                    pct(k.overall)
                ),
                Vec::new(),
            ));
        }
    }
    // The trend up to this check-in: later ones are not part of its story.
    let overall = series(&t.checkins[..=at], Category::Overall);
    let delta = change(&overall)
        .map(|d| format!("  {} since the previous check-in", points(d)))
        .unwrap_or_default();
    s.entry(labelled(
        "Trend (overall)",
        format!("{}{delta}", sparkline(overall.iter().map(|(_, v)| *v))),
    ));
    dimensions(s, Some(c));

    let s = doc.section(Some("Pulse"));
    match &c.pulse {
        PulseResult::NotTaken => s.entry(item("not taken", Vec::new())),
        PulseResult::Withheld(_) => s.entry(item("withheld", Vec::new())),
        PulseResult::Shown(f) => {
            for q in f.questions() {
                let text = t
                    .questions
                    .iter()
                    .find(|(id, _)| id == q.id())
                    .map(|(_, text)| format!(" — {}", shorten(text, 72)))
                    .unwrap_or_default();
                let n: u32 = q.distribution().iter().sum();
                let mean = q.mean().map_or_else(|| "—".into(), |m| format!("{m:.1}"));
                let mut e = item(format!("{mean} of 5 ({n} answers){text}"), Vec::new());
                e.spans.insert(0, Span::new(Role::Code, q.id()));
                e.spans.insert(1, Span::plain(": "));
                s.entry(e);
            }
        }
    }

    let decided: Vec<_> = t
        .follow
        .decisions
        .iter()
        .filter(|(d, _)| *d == date)
        .collect();
    if !decided.is_empty() {
        let s = doc.section(Some("Decisions"));
        for (_, a) in decided {
            let title = c
                .item(&a.item)
                .map_or(a.item.as_str(), |i| i.title.as_str());
            let mut rest = String::new();
            if let Some(o) = &a.owner {
                rest.push_str(&format!(" · owner {o}"));
            }
            if let Some(d) = a.due {
                rest.push_str(&format!(" · due {}", d.0));
            }
            let notes = a
                .note
                .iter()
                .filter(|n| !n.trim().is_empty())
                .map(|n| item(n.as_str(), Vec::new()))
                .collect();
            let mut e = titled(title, &a.item, rest, notes);
            e.spans.insert(0, Span::plain(format!("{} ", a.decision)));
            s.entry(e);
        }
    }

    let closed: Vec<_> = t.follow.closed_at(date).collect();
    let open = t.follow.open_at(date);
    if !closed.is_empty() || !open.is_empty() {
        let s = doc.section(Some("Actions"));
        for a in closed {
            let how = if matches!(a.fate, crate::follow::Fate::Done { .. }) {
                "done"
            } else {
                "dropped"
            };
            let title = a.title.as_deref().unwrap_or(&a.item);
            let mut e = titled(
                title,
                &a.item,
                format!(", decided {}", a.id.date),
                Vec::new(),
            );
            e.spans.insert(0, Span::plain(format!("{how}: ")));
            s.entry(e);
        }
        actions_at(s, &open, date);
    }

    let wins = win_rows(&t.follow.wins, date);
    if !wins.is_empty() {
        let s = doc.section(Some("Wins to celebrate"));
        for w in wins {
            s.entry(w);
        }
    }
    let due = t.trials_due(date);
    if !due.is_empty() {
        let s = doc.section(Some("Trials due — keep, adjust or drop?"));
        for t in trial_rows(&due) {
            s.entry(t);
        }
    }

    let review = t.review.as_ref().map(|r| r.date);
    let next = next_checkin(c, review);
    let why = if review == Some(next) {
        "the agreement's review date".to_string()
    } else {
        format!(
            "{} days on, as long as the period reviewed",
            (c.to - c.from).num_days() + 1
        )
    };
    doc.section(None)
        .line(vec![Span::plain(format!("Next check-in: {next}, {why}."))]);
    Some(doc)
}
