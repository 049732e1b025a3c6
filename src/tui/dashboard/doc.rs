//! The dashboard as a document: lines of text and trend charts, one under the other, so that
//! scrolling, Tab between sections and drawing all use the same rows.

use accord::adherence::{
    Category, CheckinScores, Drift, ItemKind, PulseResult, ReviewState, Suggestion, TeamAdherence,
    change, pulse_series, question_series, series,
};
use accord::model::Decision;
use accord::report::text::{detail, pct, points, shorten};
use accord::text::sanitize_line as clean;
use chrono::NaiveDate;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::state::{Dashboard, DashboardState, Data};
use crate::tui::theme::Theme;

/// What a trend's values are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// 0..1, shown as whole percentages.
    Percent,
    /// The pulse mean, 1..5.
    Pulse,
}

/// One category over every check-in, drawn as a bar chart with its labels beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    pub label: String,
    pub points: Vec<(NaiveDate, Option<f64>)>,
    pub scale: Scale,
    pub height: u16,
    /// A note under the figures (e.g. how many pulses were withheld).
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Part {
    Line(Line<'static>),
    Trend(Trend),
}

impl Part {
    pub fn height(&self) -> u16 {
        match self {
            Part::Line(_) => 1,
            Part::Trend(t) => t.height,
        }
    }
}

/// The content, and the first row of each section (for Tab).
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub parts: Vec<Part>,
    pub sections: Vec<u16>,
}

impl Doc {
    pub fn height(&self) -> u16 {
        self.parts.iter().map(Part::height).sum()
    }

    pub(super) fn line(&mut self, l: impl Into<Line<'static>>) {
        self.parts.push(Part::Line(l.into()));
    }

    pub(super) fn blank(&mut self) {
        self.line(Line::from(""));
    }

    /// A section heading, after a blank line unless it is the first thing.
    pub(super) fn section(&mut self, title: String, theme: &Theme) {
        if !self.parts.is_empty() {
            self.blank();
        }
        self.sections.push(self.height());
        self.line(Span::styled(title, theme.heading()));
    }

    /// Text wrapped to `width` after `indent`, every line in `style`.
    pub(super) fn wrapped(&mut self, text: &str, indent: &str, width: u16, style: Style) {
        let w = (width as usize)
            .saturating_sub(indent.chars().count())
            .max(10);
        for l in textwrap::wrap(&clean(text), w) {
            self.line(Line::from(vec![
                Span::raw(indent.to_string()),
                Span::styled(l.into_owned(), style),
            ]));
        }
    }
}

/// Charts are taller where there is room.
pub fn trend_height(width: u16) -> u16 {
    if width >= 120 { 5 } else { 3 }
}

/// The whole dashboard at `width` columns of content.
pub fn build(s: &DashboardState, width: u16, theme: &Theme) -> Doc {
    let mut doc = Doc::default();
    match &s.data {
        Data::Loading => {
            doc.line(Span::styled("Loading…", theme.muted()));
            doc.line(Span::styled(
                format!("Reading the check-ins of {} and scoring them.", s.team),
                theme.muted(),
            ));
        }
        Data::Failed { message, hint } => {
            doc.wrapped(&format!("✗ {message}"), "", width, theme.error());
            if let Some(h) = hint {
                doc.wrapped(h, "  ", width, theme.muted());
            }
        }
        Data::Ready(d) => ready(&mut doc, d, width, theme),
    }
    doc
}

fn ready(doc: &mut Doc, d: &Dashboard, width: u16, theme: &Theme) {
    let t = &d.adherence;
    heading(doc, t, width, theme);
    for p in &d.problems {
        doc.wrapped(
            &format!("✗ left out, could not be read: {p}"),
            "",
            width,
            theme.error(),
        );
    }
    let Some(last) = t.latest() else {
        doc.blank();
        doc.line(Span::styled(
            format!("No check-ins yet — run `accord checkin {}`", t.team),
            theme.heading(),
        ));
        doc.blank();
        doc.wrapped(
            "A check-in records, every two to six weeks, which presence days reached the \
             attendance the team agreed, which rituals were held, how each norm was kept, and an \
             anonymous pulse. Once there is one, this screen shows its scores per category and \
             per item, the trend over every check-in, and items that keep slipping.",
            "",
            width,
            theme.muted(),
        );
        return;
    };
    latest(doc, d, last, width, theme);
    attention(doc, t, width, theme);
    super::follow::build(doc, t, d.today, width, theme);
    items(doc, t, last, width, theme);
    trends(doc, t, width, theme);
}

/// "Payments — 4 check-ins · agreement v3 active" and the review date.
fn heading(doc: &mut Doc, t: &TeamAdherence, width: u16, theme: &Theme) {
    let name = t
        .name
        .as_deref()
        .map(|n| clean(n).into_owned())
        .unwrap_or_else(|| t.team.clone());
    let mut facts = vec![match t.checkins.len() {
        0 => "no check-ins".to_string(),
        1 => "1 check-in".to_string(),
        n => format!("{n} check-ins"),
    }];
    if let (Some(v), Some(st)) = (t.version, t.status) {
        facts.push(format!("agreement v{v} {st}"));
    }
    doc.line(Line::from(vec![
        Span::styled(name, theme.title()),
        Span::raw(format!(" — {}", facts.join(" · "))),
    ]));
    if let Some(r) = &t.review {
        match r.state {
            ReviewState::Due | ReviewState::Overdue => doc.wrapped(
                &format!("⚠ {}: e proposes a revision", r.describe()),
                "",
                width,
                theme.warning(),
            ),
            ReviewState::Scheduled => doc.line(Span::styled(r.describe(), theme.muted())),
        }
    }
}

/// Drifting items and the decisions waiting for the next revision.
fn attention(doc: &mut Doc, t: &TeamAdherence, width: u16, theme: &Theme) {
    if t.drifting.is_empty() && t.suggestions.is_empty() {
        return;
    }
    doc.section("Needs attention".into(), theme);
    for dr in &t.drifting {
        doc.wrapped(
            &format!(
                "⚠ {} — drifting — adjust or drop? {}",
                shorten(&dr.title, 48),
                missed(dr)
            ),
            "  ",
            width,
            theme.warning(),
        );
    }
    for sg in &t.suggestions {
        doc.wrapped(&suggestion(sg), "  ", width, Style::new());
    }
    if !t.suggestions.is_empty() {
        doc.wrapped(
            "e opens the wizard on the agreement with the last check-in's decisions applied",
            "  ",
            width,
            theme.muted(),
        );
    }
}

/// "missed in the last 4 check-ins (since 2026-09-22)".
fn missed(dr: &Drift) -> String {
    format!(
        "Missed in the last {} check-ins (since {}).",
        dr.missed, dr.since
    )
}

/// "→ drop “Thursday lunch” (decided 2026-11-17): Propose …".
fn suggestion(s: &Suggestion) -> String {
    let verb = match s.decision {
        Decision::Drop => "drop",
        Decision::Adjust => "adjust",
        Decision::Keep => "keep",
    };
    let note = s
        .note
        .as_deref()
        .filter(|n| !n.trim().is_empty())
        .map(|n| format!(": {n}"))
        .unwrap_or_default();
    format!(
        "→ {verb} “{}” (decided {}){note}",
        shorten(&s.title, 48),
        s.decided
    )
}

/// The four categories and the pulse of the last check-in.
fn latest(doc: &mut Doc, d: &Dashboard, s: &CheckinScores, width: u16, theme: &Theme) {
    doc.section(
        format!(
            "Last check-in · {} (period {} to {}, agreement v{})",
            s.date, s.from, s.to, s.agreement_version
        ),
        theme,
    );
    if let Some(p) = &s.problem {
        doc.wrapped(
            &format!("✗ Not scored: {p} — {}", p.hint()),
            "  ",
            width,
            theme.error(),
        );
    }
    let t = &d.adherence;
    let bar_w = if width >= 120 { 20 } else { 10 };
    for cat in Category::ALL {
        let value = cat.of(s);
        if s.problem.is_some() && value.is_none() {
            continue;
        }
        let delta = change(&series(&t.checkins, cat))
            .filter(|_| value.is_some())
            .map(|x| format!("  {}", points(x)))
            .unwrap_or_default();
        let style = if cat == Category::Overall {
            theme.label()
        } else {
            Style::new()
        };
        doc.line(Line::from(vec![
            Span::styled(format!("  {:<10}", title(cat)), theme.label()),
            Span::styled(format!("{:>5}  ", pct(value)), style),
            Span::styled(meter(value, bar_w), theme.gauge()),
            Span::styled(delta, theme.muted()),
        ]));
    }
    let pulse = match &s.pulse {
        PulseResult::NotTaken => Span::styled("not taken", theme.muted()),
        PulseResult::Withheld(_) => Span::styled(
            format!(
                "withheld: {} answers, {} needed",
                s.pulse.count(),
                d.min.get()
            ),
            theme.warning(),
        ),
        PulseResult::Shown(f) => {
            let dist: Vec<String> = f.distribution().iter().map(u32::to_string).collect();
            Span::raw(format!(
                "{:.1} of 5 · {} answers · per score 1–5: {}",
                f.mean(),
                f.count(),
                dist.join(" ")
            ))
        }
    };
    doc.line(Line::from(vec![
        Span::styled(format!("  {:<10}", "Pulse"), theme.label()),
        pulse,
    ]));
    if let Some(f) = s.pulse.shown() {
        if f.questions().len() > 1 || !f.gaps().is_empty() {
            for q in f.questions() {
                let dist: Vec<String> = q.distribution().iter().map(u32::to_string).collect();
                doc.line(Line::from(vec![
                    Span::styled(format!("    {:<14} ", clean(q.id())), theme.label()),
                    Span::raw(format!(
                        "{:.1} · 1–5: {}",
                        q.mean().unwrap_or(0.0),
                        dist.join(" ")
                    )),
                ]));
                for g in f.gaps() {
                    if let Some(gap) = g.describe(q.id()) {
                        doc.line(Line::from(Span::styled(
                            format!("      {}: {}", g.grouping, clean(&gap)),
                            theme.muted(),
                        )));
                    }
                }
            }
        }
        for c in f.comments() {
            doc.wrapped(&format!("“{c}”"), "             ", width, theme.muted());
        }
    }
}

fn title(c: Category) -> &'static str {
    match c {
        Category::Presence => "Presence",
        Category::Rituals => "Rituals",
        Category::Norms => "Norms",
        Category::Overall => "Overall",
    }
}

/// "██████░░░░": readable without colour.
pub fn meter(value: Option<f64>, width: usize) -> String {
    match value {
        None => " ".repeat(width),
        Some(v) => {
            let full = ((v.clamp(0.0, 1.0) * width as f64).round()) as usize;
            format!("{}{}", "█".repeat(full), "░".repeat(width - full))
        }
    }
}

/// Every item of the last check-in: met, missed or not measured, and drifting ones marked.
fn items(doc: &mut Doc, t: &TeamAdherence, s: &CheckinScores, width: u16, theme: &Theme) {
    if s.items.is_empty() {
        return;
    }
    doc.section(format!("Items at the check-in of {}", s.date), theme);
    let title_w = s
        .items
        .iter()
        .map(|i| clean(&i.title).chars().count())
        .max()
        .unwrap_or(0)
        .min((width as usize).saturating_sub(40).clamp(16, 64));
    let mut kind = None;
    for i in &s.items {
        if kind != Some(i.kind) {
            kind = Some(i.kind);
            doc.line(Span::styled(
                format!("  {}", kind_title(i.kind)),
                theme.label(),
            ));
        }
        let (mark, style) = match i.missed() {
            Some(false) => ("✓", theme.ok()),
            Some(true) => ("✗", theme.error()),
            None => ("·", theme.muted()),
        };
        doc.line(Line::from(vec![
            Span::styled(format!("   {mark} "), style),
            Span::raw(format!("{:<title_w$}", shorten(&i.title, title_w))),
            Span::raw(format!(" {:>5}  ", pct(i.score))),
            Span::styled(detail(i), theme.muted()),
        ]));
        if let Some(dr) = t.drifting.iter().find(|d| d.item == i.item) {
            doc.wrapped(
                &format!("⚠ drifting — adjust or drop? {}", missed(dr)),
                "       ",
                width,
                theme.warning(),
            );
        }
        if let Some(n) = i.note.as_deref().filter(|n| !n.trim().is_empty()) {
            doc.wrapped(n, "       ", width, theme.muted());
        }
    }
}

fn kind_title(k: ItemKind) -> &'static str {
    match k {
        ItemKind::Presence => "Presence",
        ItemKind::Ritual => "Rituals",
        ItemKind::Norm => "Norms",
    }
}

/// One chart per category with data, then the pulse.
fn trends(doc: &mut Doc, t: &TeamAdherence, width: u16, theme: &Theme) {
    let Some((first, last)) = t.checkins.first().zip(t.checkins.last()) else {
        return;
    };
    let text = if t.checkins.len() == 1 {
        format!("Trend · 1 check-in, {}", first.date)
    } else {
        format!(
            "Trend · {} check-ins, {} to {}",
            t.checkins.len(),
            first.date,
            last.date
        )
    };
    doc.section(text, theme);
    let height = trend_height(width);
    for cat in Category::ALL {
        let points = series(&t.checkins, cat);
        if points.iter().all(|(_, v)| v.is_none()) {
            continue;
        }
        doc.parts.push(Part::Trend(Trend {
            label: title(cat).to_string(),
            points,
            scale: Scale::Percent,
            height,
            note: None,
        }));
    }
    let withheld = t.checkins.iter().filter(|c| c.pulse.is_withheld()).count();
    let note = (withheld > 0).then(|| format!("{withheld} withheld: too few answers"));
    // One trend per question (matched by id), so change in a behaviour shows; one question
    // is the pulse itself.
    let questions = question_series(&t.checkins);
    if questions.len() > 1 {
        for (id, points) in questions {
            doc.parts.push(Part::Trend(Trend {
                label: format!("Pulse · {}", clean(&id)),
                points,
                scale: Scale::Pulse,
                height,
                note: note.clone(),
            }));
        }
        return;
    }
    let points = pulse_series(&t.checkins);
    if points.iter().any(|(_, v)| v.is_some()) || withheld > 0 {
        doc.parts.push(Part::Trend(Trend {
            label: "Pulse".to_string(),
            points,
            scale: Scale::Pulse,
            height,
            note,
        }));
    }
}
