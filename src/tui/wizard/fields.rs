//! Every field the wizard edits: its label, how it is edited, where it sits in the file (so the
//! messages of `validate` land next to it), and how its text is read from and written to the model.

use accord::locate::Seg::{self, Index as I, Key as K};
use accord::model::pulse::{Grouping, PulseSettings, Question};
use accord::model::{
    Agreement, Cadence, Consent, CoreHours, Date, Dimension, ItemRef, MeetingMode, Member,
    Presence, Recurrence, RitualDay, Slug, Time, TimeZone, Weekday, WorkMode,
};
use chrono::{NaiveDate, NaiveTime};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    TeamName,
    Purpose,
    TeamTz,
    MemberName(usize),
    MemberRole(usize),
    MemberMode(usize),
    MemberTz(usize),
    Days,
    CoreHours,
    MinAttendance,
    Space,
    PresenceNote,
    /// Which of the three dimensions an item belongs to; empty: derived (see
    /// [`ItemRef::dimension`]).
    PresenceDimension,
    RitualName(usize),
    RitualPurpose(usize),
    RitualCadence(usize),
    RitualDay(usize),
    RitualTime(usize),
    RitualDuration(usize),
    RitualMode(usize),
    RitualOwner(usize),
    RitualDimension(usize),
    /// On trial until this date; empty: permanent.
    RitualTrial(usize),
    RitualId(usize),
    NormText(usize),
    NormArea(usize),
    NormSignal(usize),
    NormDimension(usize),
    NormTrial(usize),
    NormId(usize),
    QuestionText(usize),
    QuestionLow(usize),
    QuestionHigh(usize),
    QuestionAbout(usize),
    QuestionId(usize),
    /// Whether the pulse asks each answer for a self-reported subgroup.
    GroupMode,
    GroupTenure,
    ReviewBy,
}

/// Writes `start` on every biweekly ritual that has none, or whose `start` is not on its day:
/// one kept from `loaded` counts from the date that version was adopted (so its fortnights stay
/// where they were), a new one from `today`.
pub fn anchor_biweekly(a: &mut Agreement, loaded: Option<&Agreement>, today: NaiveDate) {
    use accord::model::recurrence::on_or_after;
    use accord::model::{Cadence, Date, RitualDay};
    for r in &mut a.rituals {
        let (Cadence::Biweekly, Some(RitualDay::Weekday(day))) = (r.cadence, r.day) else {
            continue;
        };
        if r.start
            .is_some_and(|s| accord::model::Weekday::of(s.0) == day)
        {
            continue;
        }
        let before = loaded.and_then(|l| {
            let old = l.rituals.iter().find(|o| o.id == r.id)?;
            (old.cadence == Cadence::Biweekly).then_some(())?;
            old.start.map(|s| s.0).or(l.adopted.map(|d| d.0))
        });
        r.start = Some(Date(on_or_after(before.unwrap_or(today), day)));
    }
}

/// "80% of members = 4 of 4 expected people": a share is hard to picture in a room, a head
/// count is not. Expected are the members who do not work remotely (as the check-in counts).
pub fn attendance_label(a: &Agreement, x: f64) -> String {
    let pct = accord::describe::percent(x);
    let expected = accord::checkin::expected_on_presence_day(a);
    if expected == 0 {
        return format!("{pct} of members");
    }
    // The fewest people that reach the share, as `day_met` decides it.
    let need = (1..=expected)
        .find(|n| accord::adherence::day_met(*n, expected, x))
        .unwrap_or(expected);
    format!("{pct} of members = {need} of {expected} expected people")
}

/// How a field is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Typed.
    Text,
    /// One of a fixed set: cycled with ←→ or picked from a list.
    Choice,
    /// The presence week grid.
    Days,
}

/// One entry of a choice field; an empty value means "not set".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

const NOT_SET: &str = "—";

/// Minimum attendance offered as choices (any other value in a file is kept and offered too).
const ATTENDANCE: &[f64] = &[0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 1.0];

impl Field {
    pub fn label(self) -> &'static str {
        use Field::*;
        match self {
            TeamName => "Team name",
            Purpose => "Purpose",
            TeamTz | MemberTz(_) => "Time zone",
            MemberName(_) => "Name",
            MemberRole(_) => "Role",
            MemberMode(_) => "Works",
            Days => "Days",
            CoreHours => "Core hours",
            MinAttendance => "Attendance",
            Space => "Space",
            PresenceNote => "Note",
            PresenceDimension | RitualDimension(_) | NormDimension(_) => "Dimension",
            RitualTrial(_) | NormTrial(_) => "On trial until",
            RitualName(_) => "Name",
            RitualPurpose(_) => "Purpose",
            RitualCadence(_) => "Cadence",
            RitualDay(_) => "Day",
            RitualTime(_) => "Time",
            RitualDuration(_) => "Minutes",
            RitualMode(_) => "Mode",
            RitualOwner(_) => "Owner",
            RitualId(_) | NormId(_) | QuestionId(_) => "Id",
            NormText(_) => "Norm",
            NormArea(_) => "Area",
            NormSignal(_) => "How we'll know",
            QuestionText(_) => "Question",
            QuestionLow(_) => "1 means",
            QuestionHigh(_) => "5 means",
            QuestionAbout(_) => "About",
            GroupMode => "Works from",
            GroupTenure => "Time in team",
            ReviewBy => "Review by",
        }
    }

    pub fn kind(self) -> Kind {
        use Field::*;
        match self {
            TeamTz | MemberTz(_) | MemberMode(_) | MinAttendance | RitualCadence(_)
            | RitualDay(_) | RitualMode(_) | RitualOwner(_) | NormArea(_) | QuestionAbout(_)
            | GroupMode | GroupTenure | PresenceDimension | RitualDimension(_)
            | NormDimension(_) => Kind::Choice,
            Days => Kind::Days,
            _ => Kind::Text,
        }
    }

    /// Required keys: written to the file even when empty.
    pub fn always_written(self) -> bool {
        use Field::*;
        matches!(
            self,
            TeamName
                | MemberName(_)
                | RitualName(_)
                | RitualCadence(_)
                | RitualId(_)
                | NormText(_)
                | NormId(_)
                | QuestionText(_)
                | QuestionId(_)
        )
    }

    /// What to type, shown when the field is empty.
    pub fn placeholder(self) -> &'static str {
        use Field::*;
        match self {
            CoreHours => "e.g. 10:00-15:00",
            RitualTime(_) => "e.g. 15:00",
            RitualDuration(_) => "e.g. 30",
            ReviewBy => "YYYY-MM-DD",
            RitualTrial(_) | NormTrial(_) => "— (permanent)",
            Purpose => "why the team keeps this agreement",
            Space => "where you meet, e.g. Floor 3 project room",
            NormSignal(_) => "How we will know: …",
            QuestionText(_) => "about a behaviour people can observe",
            QuestionLow(_) => "e.g. never",
            QuestionHigh(_) => "e.g. every time",
            _ => NOT_SET,
        }
    }

    /// Where the value sits in the file.
    pub fn path(self) -> Vec<Seg<'static>> {
        use Field::*;
        match self {
            TeamName => vec![K("team")],
            Purpose => vec![K("purpose")],
            TeamTz => vec![K("timezone")],
            MemberName(i) => vec![K("members"), I(i), K("name")],
            MemberRole(i) => vec![K("members"), I(i), K("role")],
            MemberMode(i) => vec![K("members"), I(i), K("mode")],
            MemberTz(i) => vec![K("members"), I(i), K("timezone")],
            Days => vec![K("presence"), K("days")],
            CoreHours => vec![K("presence"), K("core_hours")],
            MinAttendance => vec![K("presence"), K("min_attendance")],
            Space => vec![K("presence"), K("space")],
            PresenceNote => vec![K("presence"), K("note")],
            PresenceDimension => vec![K("presence"), K("dimension")],
            RitualDimension(i) => vec![K("rituals"), I(i), K("dimension")],
            RitualTrial(i) => vec![K("rituals"), I(i), K("trial_until")],
            NormDimension(i) => vec![K("norms"), I(i), K("dimension")],
            NormTrial(i) => vec![K("norms"), I(i), K("trial_until")],
            RitualName(i) => vec![K("rituals"), I(i), K("name")],
            RitualPurpose(i) => vec![K("rituals"), I(i), K("purpose")],
            RitualCadence(i) => vec![K("rituals"), I(i), K("cadence")],
            RitualDay(i) => vec![K("rituals"), I(i), K("day")],
            RitualTime(i) => vec![K("rituals"), I(i), K("time")],
            RitualDuration(i) => vec![K("rituals"), I(i), K("duration_minutes")],
            RitualMode(i) => vec![K("rituals"), I(i), K("mode")],
            RitualOwner(i) => vec![K("rituals"), I(i), K("owner")],
            RitualId(i) => vec![K("rituals"), I(i), K("id")],
            NormText(i) => vec![K("norms"), I(i), K("text")],
            NormArea(i) => vec![K("norms"), I(i), K("area")],
            NormSignal(i) => vec![K("norms"), I(i), K("signal")],
            NormId(i) => vec![K("norms"), I(i), K("id")],
            QuestionText(i) => vec![K("questions"), I(i), K("text")],
            QuestionLow(i) => vec![K("questions"), I(i), K("low")],
            QuestionHigh(i) => vec![K("questions"), I(i), K("high")],
            QuestionAbout(i) => vec![K("questions"), I(i), K("about")],
            QuestionId(i) => vec![K("questions"), I(i), K("id")],
            GroupMode | GroupTenure => vec![K("pulse"), K("groupings")],
            ReviewBy => vec![K("review_by")],
        }
    }

    /// The field's text; empty when it is not set.
    pub fn value(self, a: &Agreement) -> String {
        use Field::*;
        let p = a.presence.as_ref();
        let m = |i: usize| a.members.get(i);
        let r = |i: usize| a.rituals.get(i);
        let n = |i: usize| a.norms.get(i);
        let q = |i: usize| a.questions.get(i);
        let s = |o: Option<&String>| o.cloned().unwrap_or_default();
        match self {
            TeamName => a.team.clone(),
            Purpose => s(a.purpose.as_ref()),
            TeamTz => opt(a.timezone.as_ref()),
            MemberName(i) => m(i).map(|m| m.name.clone()).unwrap_or_default(),
            MemberRole(i) => s(m(i).and_then(|m| m.role.as_ref())),
            MemberMode(i) => opt(m(i).and_then(|m| m.mode.as_ref())),
            MemberTz(i) => opt(m(i).and_then(|m| m.timezone.as_ref())),
            Days => p
                .map(|p| {
                    p.days
                        .iter()
                        .map(|d| d.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default(),
            CoreHours => p
                .and_then(|p| p.core_hours)
                .map(|h| format!("{}-{}", h.start, h.end))
                .unwrap_or_default(),
            MinAttendance => p
                .and_then(|p| p.min_attendance)
                .map(|x| x.to_string())
                .unwrap_or_default(),
            Space => s(p.and_then(|p| p.space.as_ref())),
            PresenceNote => s(p.and_then(|p| p.note.as_ref())),
            PresenceDimension => opt(p.and_then(|p| p.dimension.as_ref())),
            RitualDimension(i) => opt(r(i).and_then(|r| r.dimension.as_ref())),
            RitualTrial(i) => opt(r(i).and_then(|r| r.trial_until.as_ref())),
            NormDimension(i) => opt(n(i).and_then(|n| n.dimension.as_ref())),
            NormTrial(i) => opt(n(i).and_then(|n| n.trial_until.as_ref())),
            RitualName(i) => r(i).map(|r| r.name.clone()).unwrap_or_default(),
            RitualPurpose(i) => s(r(i).and_then(|r| r.purpose.as_ref())),
            RitualCadence(i) => opt(r(i).map(|r| &r.cadence)),
            RitualDay(i) => opt(r(i).and_then(|r| r.day.as_ref())),
            RitualTime(i) => opt(r(i).and_then(|r| r.time.as_ref())),
            RitualDuration(i) => opt(r(i).and_then(|r| r.duration_minutes.as_ref())),
            RitualMode(i) => opt(r(i).and_then(|r| r.mode.as_ref())),
            RitualOwner(i) => s(r(i).and_then(|r| r.owner.as_ref())),
            RitualId(i) => opt(r(i).map(|r| &r.id)),
            NormText(i) => n(i).map(|n| n.text.clone()).unwrap_or_default(),
            NormArea(i) => opt(n(i).and_then(|n| n.area.as_ref())),
            NormSignal(i) => s(n(i).and_then(|n| n.signal.as_ref())),
            NormId(i) => opt(n(i).map(|n| &n.id)),
            QuestionText(i) => q(i).map(|q| q.text.clone()).unwrap_or_default(),
            QuestionLow(i) => s(q(i).and_then(|q| q.low.as_ref())),
            QuestionHigh(i) => s(q(i).and_then(|q| q.high.as_ref())),
            QuestionAbout(i) => s(q(i).and_then(|q| q.about.as_ref())),
            QuestionId(i) => opt(q(i).map(|q| &q.id)),
            GroupMode => grouping_value(a, Grouping::Mode),
            GroupTenure => grouping_value(a, Grouping::Tenure),
            ReviewBy => opt(a.review_by.as_ref()),
        }
    }

    /// How the value reads in the form: choices by their label.
    pub fn display(self, a: &Agreement) -> String {
        let v = self.value(a);
        if self.kind() == Kind::Choice {
            return self
                .choices(a)
                .into_iter()
                .find(|c| c.value == v)
                .map(|c| c.label)
                .unwrap_or(v);
        }
        v
    }

    /// The choices of a choice field, "not set" first where a field is optional.
    pub fn choices(self, a: &Agreement) -> Vec<Choice> {
        use Field::*;
        let none = || Choice {
            value: String::new(),
            label: NOT_SET.into(),
        };
        let of = |values: Vec<String>| -> Vec<Choice> {
            values
                .into_iter()
                .map(|v| Choice {
                    label: v.clone(),
                    value: v,
                })
                .collect()
        };
        match self {
            TeamTz | MemberTz(_) => std::iter::once(none())
                .chain(of(chrono_tz::TZ_VARIANTS
                    .iter()
                    .map(|t| t.name().to_string())
                    .collect()))
                .collect(),
            MemberMode(_) => std::iter::once(none())
                .chain(of(WorkMode::ALL.iter().map(|m| m.to_string()).collect()))
                .collect(),
            RitualMode(_) => std::iter::once(none())
                .chain(of(MeetingMode::ALL.iter().map(|m| m.to_string()).collect()))
                .collect(),
            NormArea(_) => std::iter::once(none())
                .chain(of(accord::model::NormArea::ALL
                    .iter()
                    .map(|m| m.to_string())
                    .collect()))
                .collect(),
            QuestionAbout(_) => std::iter::once(none())
                .chain(a.rituals.iter().map(|r| Choice {
                    value: r.id.to_string(),
                    label: format!("ritual: {}", r.name),
                }))
                .chain(a.norms.iter().map(|n| Choice {
                    value: n.id.to_string(),
                    label: format!("norm: {}", shorten(&n.text, 48)),
                }))
                .collect(),
            PresenceDimension | RitualDimension(_) | NormDimension(_) => dimension_choices(self, a),
            GroupMode => grouping_choices(Grouping::Mode),
            GroupTenure => grouping_choices(Grouping::Tenure),
            RitualCadence(_) => of(Cadence::ALL.iter().map(|c| c.to_string()).collect()),
            RitualDay(i) => {
                let cadence = a.rituals.get(i).map(|r| r.cadence);
                day_choices(cadence)
            }
            RitualOwner(_) => std::iter::once(none())
                .chain(of(a.members.iter().map(|m| m.name.clone()).collect()))
                .collect(),
            MinAttendance => {
                let mut values: Vec<f64> = ATTENDANCE.to_vec();
                if let Some(x) = a.presence.as_ref().and_then(|p| p.min_attendance)
                    && !values.contains(&x)
                {
                    values.push(x);
                    values.sort_by(f64::total_cmp);
                }
                std::iter::once(Choice {
                    value: String::new(),
                    label: "— (everyone)".into(),
                })
                .chain(values.into_iter().map(|x| Choice {
                    value: x.to_string(),
                    label: attendance_label(a, x),
                }))
                .collect()
            }
            _ => Vec::new(),
        }
    }

    /// Writes `text` into the model, or says why it cannot be written (the model is unchanged).
    pub fn set(self, a: &mut Agreement, text: &str) -> Result<(), String> {
        use Field::*;
        let t = text.trim();
        let opt_text = || (!t.is_empty()).then(|| t.to_string());
        match self {
            TeamName => a.team = t.to_string(),
            Purpose => a.purpose = opt_text(),
            TeamTz => a.timezone = parse_opt::<TimeZone>(t)?,
            MemberName(i) => {
                let m = member(a, i)?;
                let old = std::mem::replace(&mut m.name, t.to_string());
                // Rituals follow their owner's new name.
                for r in &mut a.rituals {
                    if r.owner.as_deref() == Some(old.as_str()) && !old.is_empty() {
                        r.owner = Some(t.to_string());
                    }
                }
            }
            MemberRole(i) => member(a, i)?.role = opt_text(),
            MemberMode(i) => member(a, i)?.mode = parse_opt::<WorkMode>(t)?,
            MemberTz(i) => member(a, i)?.timezone = parse_opt::<TimeZone>(t)?,
            Days => {
                let mut days = Vec::new();
                for d in t.split_whitespace() {
                    days.push(d.parse::<Weekday>()?);
                }
                presence(a).days = days;
            }
            CoreHours => {
                let hours = if t.is_empty() {
                    None
                } else {
                    Some(parse_core_hours(t)?)
                };
                presence(a).core_hours = hours;
            }
            MinAttendance => {
                presence(a).min_attendance = if t.is_empty() {
                    None
                } else {
                    Some(t.parse::<f64>().map_err(|_| {
                        format!("\"{t}\" is not a share: write e.g. 0.8 for 80% of members")
                    })?)
                };
            }
            Space => presence(a).space = opt_text(),
            PresenceNote => presence(a).note = opt_text(),
            PresenceDimension => presence(a).dimension = parse_opt::<Dimension>(t)?,
            RitualDimension(i) => ritual(a, i)?.dimension = parse_opt::<Dimension>(t)?,
            NormDimension(i) => norm(a, i)?.dimension = parse_opt::<Dimension>(t)?,
            RitualTrial(i) => ritual(a, i)?.trial_until = parse_opt_date(t)?,
            NormTrial(i) => norm(a, i)?.trial_until = parse_opt_date(t)?,
            RitualName(i) => ritual(a, i)?.name = t.to_string(),
            RitualPurpose(i) => ritual(a, i)?.purpose = opt_text(),
            RitualCadence(i) => {
                let c: Cadence = t.parse()?;
                let r = ritual(a, i)?;
                r.cadence = c;
                r.day = day_for(c, r.day);
            }
            RitualDay(i) => ritual(a, i)?.day = parse_opt::<accord::model::RitualDay>(t)?,
            RitualTime(i) => {
                ritual(a, i)?.time = if t.is_empty() {
                    None
                } else {
                    Some(parse_time(t)?)
                }
            }
            RitualDuration(i) => {
                ritual(a, i)?.duration_minutes = if t.is_empty() {
                    None
                } else {
                    Some(t.parse::<u32>().map_err(|_| {
                        format!("\"{t}\" is not a number of minutes: write e.g. 30")
                    })?)
                }
            }
            RitualMode(i) => ritual(a, i)?.mode = parse_opt::<MeetingMode>(t)?,
            RitualOwner(i) => ritual(a, i)?.owner = opt_text(),
            RitualId(i) => {
                let id: Slug = t.parse()?;
                let r = ritual(a, i)?;
                let old = std::mem::replace(&mut r.id, id.clone());
                rename_consent(&mut a.consent, old.as_str(), id.as_str());
                rename_about(&mut a.questions, old.as_str(), id.as_str());
            }
            NormText(i) => norm(a, i)?.text = t.to_string(),
            NormArea(i) => norm(a, i)?.area = parse_opt::<accord::model::NormArea>(t)?,
            NormSignal(i) => norm(a, i)?.signal = opt_text(),
            NormId(i) => {
                let id: Slug = t.parse()?;
                let n = norm(a, i)?;
                let old = std::mem::replace(&mut n.id, id.clone());
                rename_consent(&mut a.consent, old.as_str(), id.as_str());
                rename_about(&mut a.questions, old.as_str(), id.as_str());
            }
            QuestionText(i) => question(a, i)?.text = t.to_string(),
            QuestionLow(i) => question(a, i)?.low = opt_text(),
            QuestionHigh(i) => question(a, i)?.high = opt_text(),
            QuestionAbout(i) => question(a, i)?.about = opt_text(),
            QuestionId(i) => question(a, i)?.id = t.parse()?,
            GroupMode => set_grouping(a, Grouping::Mode, !t.is_empty()),
            GroupTenure => set_grouping(a, Grouping::Tenure, !t.is_empty()),
            ReviewBy => {
                a.review_by = if t.is_empty() {
                    None
                } else {
                    Some(Date(parse_date(t)?))
                }
            }
        }
        tidy_presence(a);
        Ok(())
    }

    /// The next (or previous) choice of a choice field, wrapping around.
    pub fn cycle(self, a: &mut Agreement, forward: bool) -> Result<(), String> {
        let choices = self.choices(a);
        if choices.is_empty() {
            return Ok(());
        }
        let current = self.value(a);
        let at = choices.iter().position(|c| c.value == current).unwrap_or(0);
        let n = choices.len();
        let next = if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        };
        self.set(a, &choices[next].value)
    }
}

/// "place (from its mode)" first — what the item is when the file names none —
/// then the three dimensions to name one.
fn dimension_choices(f: Field, a: &Agreement) -> Vec<Choice> {
    let derived = match f {
        Field::PresenceDimension => a.presence.as_ref().map(|p| {
            let p = Presence {
                dimension: None,
                ..p.clone()
            };
            let from = if p.space.is_some() {
                "from its space"
            } else {
                "no space named"
            };
            (ItemRef::Presence(&p).dimension(), from)
        }),
        Field::RitualDimension(i) => a.rituals.get(i).map(|r| {
            let r = accord::model::Ritual {
                dimension: None,
                ..r.clone()
            };
            let from = if r.mode.is_some() {
                "from its mode"
            } else {
                "no mode set"
            };
            (ItemRef::Ritual(&r).dimension(), from)
        }),
        Field::NormDimension(i) => a.norms.get(i).map(|n| {
            let n = accord::model::Norm {
                dimension: None,
                ..n.clone()
            };
            let from = if n.area.is_some() {
                "from its area"
            } else {
                "no area set"
            };
            (ItemRef::Norm(&n).dimension(), from)
        }),
        _ => None,
    };
    let label = match derived {
        Some((d, from)) => format!("{} ({from})", d.label()),
        None => "derived".into(),
    };
    std::iter::once(Choice {
        value: String::new(),
        label,
    })
    .chain(Dimension::ALL.iter().map(|d| Choice {
        value: d.to_string(),
        label: d.label().to_string(),
    }))
    .collect()
}

/// An optional date: empty removes it.
fn parse_opt_date(t: &str) -> Result<Option<Date>, String> {
    if t.is_empty() {
        Ok(None)
    } else {
        parse_date(t).map(|d| Some(Date(d)))
    }
}

fn opt<T: ToString>(v: Option<&T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn parse_opt<T: std::str::FromStr<Err = String>>(t: &str) -> Result<Option<T>, String> {
    if t.is_empty() {
        Ok(None)
    } else {
        t.parse().map(Some)
    }
}

fn member(a: &mut Agreement, i: usize) -> Result<&mut Member, String> {
    a.members.get_mut(i).ok_or_else(|| "no such member".into())
}

fn ritual(a: &mut Agreement, i: usize) -> Result<&mut accord::model::Ritual, String> {
    a.rituals.get_mut(i).ok_or_else(|| "no such ritual".into())
}

fn norm(a: &mut Agreement, i: usize) -> Result<&mut accord::model::Norm, String> {
    a.norms.get_mut(i).ok_or_else(|| "no such norm".into())
}

fn question(a: &mut Agreement, i: usize) -> Result<&mut Question, String> {
    a.questions
        .get_mut(i)
        .ok_or_else(|| "no such question".into())
}

fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

fn grouping_value(a: &Agreement, g: Grouping) -> String {
    if a.groupings().contains(&g) {
        g.to_string()
    } else {
        String::new()
    }
}

/// "not asked", or what the answers choose from.
fn grouping_choices(g: Grouping) -> Vec<Choice> {
    let values = g.values();
    vec![
        Choice {
            value: String::new(),
            label: "not asked".into(),
        },
        Choice {
            value: g.to_string(),
            label: format!("asked: {}", values.join(" · ")),
        },
    ]
}

/// Turns a grouping on or off, keeping mode before tenure; no groupings is no `[pulse]`.
fn set_grouping(a: &mut Agreement, g: Grouping, on: bool) {
    let mut gs: Vec<Grouping> = a.groupings().to_vec();
    gs.retain(|x| *x != g);
    if on {
        gs.push(g);
    }
    gs.sort_by_key(|x| *x != Grouping::Mode);
    a.pulse = (!gs.is_empty()).then_some(PulseSettings { groupings: gs });
}

/// A question about a ritual or norm follows it when its id changes.
pub fn rename_about(questions: &mut [Question], old: &str, new: &str) {
    for q in questions
        .iter_mut()
        .filter(|q| q.about.as_deref() == Some(old))
    {
        q.about = Some(new.to_string());
    }
}

fn presence(a: &mut Agreement) -> &mut Presence {
    a.presence.get_or_insert_with(|| Presence {
        days: Vec::new(),
        core_hours: None,
        min_attendance: None,
        space: None,
        note: None,
        dimension: None,
    })
}

/// A presence section with nothing in it is no presence section.
fn tidy_presence(a: &mut Agreement) {
    if let Some(p) = &a.presence
        && p.days.is_empty()
        && p.core_hours.is_none()
        && p.min_attendance.is_none()
        && p.space.is_none()
        && p.note.is_none()
        && p.dimension.is_none()
    {
        a.presence = None;
        a.consent.retain(|c| c.item != accord::model::PRESENCE_ITEM);
    }
}

fn rename_consent(consent: &mut [Consent], old: &str, new: &str) {
    for c in consent.iter_mut().filter(|c| c.item == old) {
        c.item = new.to_string();
    }
}

/// The days offered for a cadence, as [`Recurrence::days_for`] says: none for daily,
/// weekdays for (bi)weekly, "first-thu"… otherwise.
fn day_choices(cadence: Option<Cadence>) -> Vec<Choice> {
    Recurrence::days_for(cadence.unwrap_or(Cadence::Daily))
        .into_iter()
        .map(|day| match day {
            Some(d) => Choice {
                label: d.to_string(),
                value: d.to_string(),
            },
            None => Choice {
                value: String::new(),
                label: "— (every working day)".into(),
            },
        })
        .collect()
}

/// Keeps the day meaningful when the cadence changes: "thu" ↔ "first-thu", none for daily.
fn day_for(c: Cadence, day: Option<RitualDay>) -> Option<RitualDay> {
    Recurrence::nearest_day(c, day)
}

pub fn parse_time(t: &str) -> Result<Time, String> {
    NaiveTime::parse_from_str(t, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M:%S"))
        .map(Time)
        .map_err(|_| format!("expected a time of day like 15:00, found \"{t}\""))
}

fn parse_core_hours(t: &str) -> Result<CoreHours, String> {
    let parts: Vec<&str> = t.split(['-', '–']).map(str::trim).collect();
    match parts.as_slice() {
        [start, end] => Ok(CoreHours {
            start: parse_time(start)?,
            end: parse_time(end)?,
        }),
        _ => Err(format!(
            "write core hours as start-end, e.g. 10:00-15:00, not \"{t}\""
        )),
    }
}

pub fn parse_date(t: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map_err(|_| format!("expected a date like 2026-11-18, found \"{t}\""))
}

/// The fields of one member, ritual or norm, and of the fixed parts of the agreement.
pub fn team_fields() -> Vec<Field> {
    vec![Field::TeamName, Field::Purpose, Field::TeamTz]
}
pub fn member_fields(i: usize) -> Vec<Field> {
    vec![
        Field::MemberName(i),
        Field::MemberRole(i),
        Field::MemberMode(i),
        Field::MemberTz(i),
    ]
}
pub fn presence_fields() -> Vec<Field> {
    vec![
        Field::Days,
        Field::CoreHours,
        Field::MinAttendance,
        Field::Space,
        Field::PresenceNote,
        Field::PresenceDimension,
    ]
}
pub fn ritual_fields(i: usize) -> Vec<Field> {
    use Field::*;
    vec![
        RitualName(i),
        RitualPurpose(i),
        RitualCadence(i),
        RitualDay(i),
        RitualTime(i),
        RitualDuration(i),
        RitualMode(i),
        RitualOwner(i),
        RitualDimension(i),
        RitualTrial(i),
        RitualId(i),
    ]
}
pub fn norm_fields(i: usize) -> Vec<Field> {
    use Field::*;
    vec![
        NormText(i),
        NormArea(i),
        NormSignal(i),
        NormDimension(i),
        NormTrial(i),
        NormId(i),
    ]
}
pub fn question_fields(i: usize) -> Vec<Field> {
    use Field::*;
    vec![
        QuestionText(i),
        QuestionLow(i),
        QuestionHigh(i),
        QuestionAbout(i),
        QuestionId(i),
    ]
}
pub fn pulse_fields() -> Vec<Field> {
    vec![Field::GroupMode, Field::GroupTenure]
}

/// Every field of an agreement, for placing validation messages.
pub fn all_fields(a: &Agreement) -> Vec<Field> {
    let mut out = team_fields();
    out.extend((0..a.members.len()).flat_map(member_fields));
    out.extend(presence_fields());
    out.extend((0..a.rituals.len()).flat_map(ritual_fields));
    out.extend((0..a.norms.len()).flat_map(norm_fields));
    out.extend((0..a.questions.len()).flat_map(question_fields));
    out.extend(pulse_fields());
    out.push(Field::ReviewBy);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> Agreement {
        accord::presets::Preset::find("hybrid").unwrap().agreement()
    }

    #[test]
    fn cadence_change_keeps_the_day_meaningful() {
        let mut a = draft();
        Field::RitualCadence(0).set(&mut a, "monthly").unwrap();
        assert_eq!(Field::RitualDay(0).value(&a), "first-thu");
        Field::RitualCadence(0).set(&mut a, "biweekly").unwrap();
        assert_eq!(Field::RitualDay(0).value(&a), "thu");
        Field::RitualCadence(0).set(&mut a, "daily").unwrap();
        assert_eq!(Field::RitualDay(0).value(&a), "");
    }

    #[test]
    fn bad_input_leaves_the_model_alone_and_says_why() {
        let mut a = draft();
        let before = a.clone();
        let e = Field::RitualTime(0).set(&mut a, "25:99").unwrap_err();
        assert!(e.contains("15:00"), "{e}");
        let e = Field::RitualId(0).set(&mut a, "Weekly Demo").unwrap_err();
        assert!(e.contains("weekly-demo"), "{e}");
        let e = Field::TeamTz.set(&mut a, "Europe/Brusels").unwrap_err();
        assert!(e.contains("Europe/Brussels"), "{e}");
        assert_eq!(a, before);
    }

    #[test]
    fn renames_follow_through() {
        let mut a = draft();
        a.members.push(Member {
            name: "Ana".into(),
            role: None,
            mode: None,
            timezone: None,
            working_hours: None,
        });
        Field::RitualOwner(0).set(&mut a, "Ana").unwrap();
        Field::MemberName(0).set(&mut a, "Ana Lima").unwrap();
        assert_eq!(a.rituals[0].owner.as_deref(), Some("Ana Lima"));
        a.consent.push(Consent {
            item: "weekly-demo".into(),
            agree: 1,
            concerns: 0,
            objections: 0,
        });
        Field::RitualId(0).set(&mut a, "demo").unwrap();
        assert_eq!(a.consent[0].item, "demo");
    }

    #[test]
    fn clearing_every_presence_field_removes_the_section() {
        let mut a = draft();
        for f in presence_fields() {
            f.set(&mut a, "").unwrap();
        }
        assert!(a.presence.is_none());
        Field::Days.set(&mut a, "mon fri").unwrap();
        assert_eq!(Field::Days.value(&a), "mon fri");
    }

    #[test]
    fn cycling_wraps_and_includes_not_set() {
        let mut a = draft();
        assert_eq!(Field::RitualMode(0).value(&a), "hybrid");
        Field::RitualMode(0).cycle(&mut a, true).unwrap();
        assert_eq!(Field::RitualMode(0).value(&a), "remote");
        Field::RitualMode(0).cycle(&mut a, true).unwrap();
        assert_eq!(Field::RitualMode(0).value(&a), "");
        assert!(
            Field::MinAttendance
                .display(&a)
                .starts_with("80% of members")
        );
    }

    #[test]
    fn attendance_says_how_many_people_it_means() {
        use accord::model::{Member, WorkMode};
        let mut a = draft();
        let member = |name: &str, mode| Member {
            name: name.into(),
            role: None,
            mode: Some(mode),
            timezone: None,
            working_hours: None,
        };
        a.members = vec![
            member("Ana", WorkMode::Hybrid),
            member("Bo", WorkMode::Hybrid),
            member("Cy", WorkMode::Onsite),
            member("Di", WorkMode::Hybrid),
            member("Ed", WorkMode::Remote),
        ];
        assert_eq!(
            attendance_label(&a, 0.8),
            "80% of members = 4 of 4 expected people"
        );
        assert_eq!(
            attendance_label(&a, 0.5),
            "50% of members = 2 of 4 expected people"
        );
        a.members.clear();
        assert_eq!(attendance_label(&a, 0.8), "80% of members");
    }

    #[test]
    fn dimension_is_shown_derived_and_cycles_through_the_three() {
        let mut a = draft();
        let r = a
            .rituals
            .iter()
            .position(|r| r.mode == Some(MeetingMode::InPerson))
            .expect("the hybrid preset has an in-person ritual");
        let f = Field::RitualDimension(r);
        assert_eq!(f.value(&a), "", "derived: not written in the file");
        assert_eq!(f.display(&a), "place (from its mode)");
        f.cycle(&mut a, true).unwrap();
        assert_eq!(f.value(&a), "ways-of-working");
        assert_eq!(f.display(&a), "ways of working");
        f.cycle(&mut a, true).unwrap();
        f.cycle(&mut a, true).unwrap();
        assert_eq!(f.value(&a), "digital");
        f.cycle(&mut a, true).unwrap();
        assert_eq!(f.value(&a), "", "back to derived");
        assert_eq!(a.rituals[r].dimension, None);
        // A norm by its area; presence by its space.
        Field::NormArea(0).set(&mut a, "communication").unwrap();
        assert_eq!(
            Field::NormDimension(0).display(&a),
            "digital (from its area)"
        );
        Field::Space.set(&mut a, "Room 3").unwrap();
        assert_eq!(
            Field::PresenceDimension.display(&a),
            "place (from its space)"
        );
        Field::PresenceDimension
            .set(&mut a, "ways-of-working")
            .unwrap();
        assert_eq!(
            a.presence.as_ref().unwrap().dimension,
            Some(Dimension::WaysOfWorking)
        );
    }

    #[test]
    fn a_trial_date_is_set_changed_and_removed() {
        let mut a = draft();
        Field::NormTrial(0).set(&mut a, "2026-12-20").unwrap();
        assert_eq!(Field::NormTrial(0).value(&a), "2026-12-20");
        let e = Field::NormTrial(0).set(&mut a, "soon").unwrap_err();
        assert!(e.contains("2026-11-18"), "{e}");
        assert_eq!(Field::NormTrial(0).value(&a), "2026-12-20", "unchanged");
        Field::NormTrial(0).set(&mut a, "").unwrap();
        assert_eq!(a.norms[0].trial_until, None, "empty makes it permanent");
        Field::RitualTrial(0).set(&mut a, "2027-01-05").unwrap();
        assert_eq!(
            a.rituals[0].trial_until.map(|d| d.0.to_string()).as_deref(),
            Some("2027-01-05")
        );
        assert_eq!(Field::RitualTrial(0).path().len(), 3);
    }
}
