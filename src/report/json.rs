//! `accord report --format json`: the documented, stable shape (docs/checkins.md).
//! Scores are unrounded fractions (0..1), `null` where there is no data.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Across, Report, TeamActions};
use crate::adherence::{
    Aggregate, Categories, CheckinScores, DimensionScore, Drift, ItemScore, PulseResult, Review,
    Suggestion, TeamAdherence, VersionProblem,
};
use crate::diag::Diagnostic;
use crate::follow::{Action, LoopPoint, Trial, WinAt};
use crate::git::Parked;
use crate::model::Status;

#[derive(Serialize)]
struct Doc<'a> {
    format: u32,
    generated: NaiveDate,
    min_responses: u32,
    teams: Vec<Team<'a>>,
    across: Option<AcrossDoc<'a>>,
    attention: AttentionDoc<'a>,
    problems: &'a [Diagnostic],
}

#[derive(Serialize)]
struct Team<'a> {
    team: &'a str,
    name: Option<&'a str>,
    status: Option<Status>,
    version: Option<u32>,
    adopted: Option<NaiveDate>,
    review: Option<&'a Review>,
    last_checkin: Option<NaiveDate>,
    checkins: Vec<Checkin<'a>>,
    /// Last − previous check-in per category (pulse: means shown), `null` without two values.
    change: Change,
    latest: Option<Latest<'a>>,
    drifting: &'a [Drift],
    suggestions: &'a [Suggestion],
    /// Per question id: its means in date order (`null` where withheld or not asked) and the
    /// last change.
    questions: Vec<QuestionTrend>,
    /// Topics parked at the last adoption and check-in (from the commit messages).
    parked: &'a Parked,
    /// Every action to follow, in the order decided, with its fate.
    actions: &'a [Action],
    actions_open: usize,
    actions_overdue: usize,
    done_on_time: Option<f64>,
    /// Per check-in: actions open, overdue, done on time as of its day.
    actions_trend: &'a [LoopPoint],
    wins: &'a [WinAt],
    trials_due: &'a [Trial],
}

#[derive(Serialize)]
struct QuestionTrend {
    id: String,
    trend: Vec<Point>,
    change: Option<f64>,
}

#[derive(Serialize)]
struct Point {
    date: NaiveDate,
    mean: Option<f64>,
}

#[derive(Serialize)]
struct Checkin<'a> {
    date: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
    agreement_version: u32,
    #[serde(flatten)]
    categories: &'a Categories,
    pulse: &'a PulseResult,
    #[serde(skip_serializing_if = "Option::is_none")]
    problem: Option<&'a VersionProblem>,
    dimensions: Vec<DimensionScore>,
}

#[derive(Serialize)]
struct Change {
    presence: Option<f64>,
    rituals: Option<f64>,
    norms: Option<f64>,
    overall: Option<f64>,
    pulse: Option<f64>,
}

#[derive(Serialize)]
struct Latest<'a> {
    date: NaiveDate,
    items: &'a [ItemScore],
}

#[derive(Serialize)]
struct AcrossDoc<'a> {
    teams: usize,
    teams_with_checkins: usize,
    #[serde(flatten)]
    latest: &'a Categories,
    pulse: &'a Aggregate,
    /// Per team with actions to follow: `open`, `overdue`, `done_on_time`, `trend`.
    actions: &'a [TeamActions],
}

#[derive(Serialize)]
struct AttentionDoc<'a> {
    review_overdue: Vec<Overdue<'a>>,
    no_agreement: Vec<NoAgreement<'a>>,
    no_recent_checkin: Vec<Stale<'a>>,
}

#[derive(Serialize)]
struct Overdue<'a> {
    team: &'a str,
    review_by: NaiveDate,
}

#[derive(Serialize)]
struct NoAgreement<'a> {
    team: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
struct Stale<'a> {
    team: &'a str,
    last_checkin: Option<NaiveDate>,
}

fn checkin(s: &CheckinScores) -> Checkin<'_> {
    Checkin {
        date: s.date,
        from: s.from,
        to: s.to,
        agreement_version: s.agreement_version,
        categories: &s.categories,
        pulse: &s.pulse,
        problem: s.problem.as_ref(),
        dimensions: s.dimensions(),
    }
}

fn team(t: &TeamAdherence, today: NaiveDate) -> Team<'_> {
    use crate::adherence::{Category, change, pulse_series, question_series, series};
    let ch = |c: Category| change(&series(&t.checkins, c));
    Team {
        team: &t.team,
        name: t.name.as_deref(),
        status: t.status,
        version: t.version,
        adopted: t.adopted,
        review: t.review.as_ref(),
        last_checkin: t.last_checkin(),
        checkins: t.checkins.iter().map(checkin).collect(),
        change: Change {
            presence: ch(Category::Presence),
            rituals: ch(Category::Rituals),
            norms: ch(Category::Norms),
            overall: ch(Category::Overall),
            pulse: change(&pulse_series(&t.checkins)),
        },
        latest: t.latest().map(|s| Latest {
            date: s.date,
            items: &s.items,
        }),
        drifting: &t.drifting,
        suggestions: &t.suggestions,
        questions: question_series(&t.checkins)
            .into_iter()
            .map(|(id, points)| QuestionTrend {
                change: change(&points),
                trend: points
                    .into_iter()
                    .map(|(date, mean)| Point { date, mean })
                    .collect(),
                id,
            })
            .collect(),
        parked: &t.parked,
        actions: &t.follow.actions,
        actions_open: t.follow.open().count(),
        actions_overdue: t.follow.overdue().count(),
        done_on_time: t.follow.done_on_time(today),
        actions_trend: &t.follow.trend,
        wins: &t.follow.wins,
        trials_due: &t.trials,
    }
}

fn across(a: &Across) -> AcrossDoc<'_> {
    AcrossDoc {
        teams: a.teams,
        teams_with_checkins: a.teams_with_checkins,
        latest: &a.latest,
        pulse: &a.pulse,
        actions: &a.actions,
    }
}

fn attention(at: &super::Attention) -> AttentionDoc<'_> {
    AttentionDoc {
        review_overdue: at
            .review_overdue
            .iter()
            .map(|(t, d)| Overdue {
                team: t,
                review_by: *d,
            })
            .collect(),
        no_agreement: at
            .no_agreement
            .iter()
            .map(|(t, why)| NoAgreement {
                team: t,
                reason: why,
            })
            .collect(),
        no_recent_checkin: at
            .no_recent_checkin
            .iter()
            .map(|(t, d)| Stale {
                team: t,
                last_checkin: *d,
            })
            .collect(),
    }
}

/// Writes the report as pretty JSON to `out`.
pub fn write(r: &Report, out: impl std::io::Write) -> std::io::Result<()> {
    let doc = Doc {
        format: crate::render::json::FORMAT,
        generated: r.today,
        min_responses: r.min.get(),
        teams: r.teams.iter().map(|t| team(t, r.today)).collect(),
        across: r.across.as_ref().map(across),
        attention: attention(&r.attention),
        problems: &r.problems,
    };
    crate::render::json::to_writer_pretty(out, &doc)
}

/// Scores the plan's teams and writes each as soon as it is scored, so the document (57 MB
/// for 65,000 check-ins) and its teams are never held whole; the bytes are those of
/// [`write`]. Returns the report without its teams (for the problems and the exit code).
pub fn stream(
    plan: super::Plan<'_>,
    today: NaiveDate,
    out: impl std::io::Write,
) -> (Report, std::io::Result<()>) {
    let doc = Streamed {
        generated: today,
        min_responses: plan.min.get(),
        plan: std::cell::RefCell::new(Some(plan)),
        done: std::cell::RefCell::new(None),
    };
    let written = crate::render::json::to_writer_pretty(out, &doc);
    let report = doc.done.into_inner().unwrap_or_else(|| {
        // Only a failed write of the first fields leaves the teams unscored.
        let plan = doc.plan.into_inner().expect("the plan runs once");
        plan.run(today, &mut |_| {})
    });
    (report, written)
}

/// The document of [`Doc`], its teams scored while they are written.
struct Streamed<'a> {
    generated: NaiveDate,
    min_responses: u32,
    plan: std::cell::RefCell<Option<super::Plan<'a>>>,
    done: std::cell::RefCell<Option<Report>>,
}

/// The `teams` array of [`Streamed`]: runs the plan, writing each team as it comes.
struct Teams<'s, 'a>(&'s Streamed<'a>);

impl Serialize for Teams<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let plan = self.0.plan.borrow_mut().take().expect("the plan runs once");
        let mut seq = s.serialize_seq(None)?;
        let mut failed = None;
        let report = plan.run(self.0.generated, &mut |t| {
            if failed.is_none()
                && let Err(e) = seq.serialize_element(&team(&t, self.0.generated))
            {
                failed = Some(e);
            }
        });
        *self.0.done.borrow_mut() = Some(report);
        match failed {
            Some(e) => Err(e),
            None => seq.end(),
        }
    }
}

impl Serialize for Streamed<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut doc = s.serialize_struct("Doc", 7)?;
        doc.serialize_field("format", &crate::render::json::FORMAT)?;
        doc.serialize_field("generated", &self.generated)?;
        doc.serialize_field("min_responses", &self.min_responses)?;
        doc.serialize_field("teams", &Teams(self))?;
        let done = self.done.borrow();
        let r = done.as_ref().expect("the teams are written first");
        doc.serialize_field("across", &r.across.as_ref().map(across))?;
        doc.serialize_field("attention", &attention(&r.attention))?;
        doc.serialize_field("problems", &r.problems)?;
        doc.end()
    }
}

/// The report as a JSON string.
pub fn render(r: &Report) -> String {
    let mut v = Vec::new();
    write(r, &mut v).expect("report serialises");
    String::from_utf8(v).expect("JSON is UTF-8") + "\n"
}
