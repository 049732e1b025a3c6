use crate::diag::Severity;

use chrono::NaiveDate;

use super::{Findings, check_schema};
use crate::diag::Diagnostic;
use crate::hash::{Map, Set};
use crate::locate::Seg::{Index as I, Key as K};
use crate::model::{
    Agreement, Cadence, Dimension, PRESENCE_ITEM, Recurrence, RecurrenceError, RitualDay, Status,
    Weekday,
};
use crate::source::Source;

/// Every rule and warning of DESIGN.md for one agreement; `today` decides whether a review is overdue.
pub fn agreement_rules(src: &Source, a: &Agreement, today: NaiveDate) -> Vec<Diagnostic> {
    let mut f = Findings::new(src);
    check_schema(&mut f, a.schema, 1);
    if a.team.trim().is_empty() {
        f.error(
            "team",
            "the team name is empty",
            &[K("team")],
            "write the team's display name, e.g. team = \"Payments\"",
        );
    }
    if a.version == 0 {
        f.error(
            "version",
            "version starts at 1",
            &[K("version")],
            "write `version = 1` for a first agreement",
        );
    }
    dates(&mut f, a, today);
    members(&mut f, a);
    presence(&mut f, a);
    rituals(&mut f, a);
    norms_and_ids(&mut f, a);
    consent(&mut f, a);
    super::pulse::question_rules(&mut f, a);
    dimensions(&mut f, a);
    working_hours(&mut f, a, today);
    if a.status == Status::Active {
        let has_days = a.presence.as_ref().is_some_and(|p| !p.days.is_empty());
        if !has_days && a.rituals.is_empty() {
            f.error(
                "empty-agreement",
                "an active agreement needs at least one presence day or ritual",
                &[K("status")],
                "add a [presence] day or a [[rituals]] entry, or set status = \"draft\"",
            );
        }
    }
    f.control_characters();
    f.finish()
}

fn dates(f: &mut Findings, a: &Agreement, today: NaiveDate) {
    if a.status == Status::Active {
        for (key, val) in [("adopted", a.adopted), ("review_by", a.review_by)] {
            if val.is_none() {
                f.error_key(
                    "missing-key",
                    format!("an active agreement needs \"{key}\""),
                    &[K("status")],
                    format!("add `{key} = YYYY-MM-DD`, or set status = \"draft\" until the team adopts it"),
                );
            }
        }
    }
    if let (Some(adopted), Some(review)) = (a.adopted, a.review_by)
        && review <= adopted
    {
        f.error(
            "review-before-adopted",
            format!("review_by ({review}) is not after adopted ({adopted})"),
            &[K("review_by")],
            "set the next review a few weeks after adoption, e.g. 4 to 6 weeks",
        );
    }
    if let Some(review) = a.review_by
        && a.status == Status::Active
        && review.0 < today
    {
        f.warn(
            "review-overdue",
            format!("the review date {review} has passed"),
            &[K("review_by")],
            "hold a check-in and review the agreement (`accord checkin`, then `accord edit`)",
        );
    }
}

fn members(f: &mut Findings, a: &Agreement) {
    let mut seen: Map<&str, usize> = Map::default();
    for (i, m) in a.members.iter().enumerate() {
        if m.name.trim().is_empty() {
            f.error(
                "member-name",
                "a member's name is empty",
                &[K("members"), I(i), K("name")],
                "write the member's name",
            );
        } else if let Some(first) = seen.insert(m.name.as_str(), i) {
            f.error(
                "duplicate-member",
                format!(
                    "member \"{}\" is listed twice (also member {})",
                    m.name,
                    first + 1
                ),
                &[K("members"), I(i), K("name")],
                "remove one entry, or tell the two people apart (\"Sam K.\", \"Sam L.\")",
            );
        }
    }
}

/// The three dimensions are governed as one system: an active agreement that covers one only
/// is warned about (`ItemRef::dimension` says how an item's dimension is derived).
fn dimensions(f: &mut Findings, a: &Agreement) {
    if a.status != Status::Active {
        return;
    }
    let [only] = a.dimensions()[..] else { return };
    let missing: Vec<&str> = Dimension::ALL
        .iter()
        .filter(|d| **d != only)
        .map(|d| d.label())
        .collect();
    f.warn(
        "one-dimension",
        format!(
            "every item of this agreement is about {}: {} are not covered",
            only.label(),
            missing.join(" and ")
        ),
        &[K("status")],
        "ways of working, place and digital practices work together: add an item for another (a team lunch on a presence day, an async-first norm), or set `dimension` on an item that is about one",
    );
}

/// Members' working hours, and whether the core hours and rituals fall inside them on each
/// member's clock (on representative days from `today`, or from adoption when later).
fn working_hours(f: &mut Findings, a: &Agreement, today: NaiveDate) {
    for (i, m) in a.members.iter().enumerate() {
        if let Some(h) = m.working_hours
            && h.start == h.end
        {
            f.error(
                "working-hours",
                format!("working hours of \"{}\" start and end at {}", m.name, h.start),
                &[K("members"), I(i), K("working_hours"), K("end")],
                "give the working day, e.g. { start = 08:00:00, end = 17:00:00 } (an end before the start runs past midnight)",
            );
        }
    }
    if a.status == Status::Retired {
        return;
    }
    let from = a.adopted.map_or(today, |d| d.0.max(today));
    for c in crate::schedule::zones::agreement_clashes(a, from) {
        if !f.room("outside-working-hours", Severity::Warning) {
            continue;
        }
        let at = match a
            .rituals
            .iter()
            .position(|r| r.id.as_str() == c.meeting.item)
        {
            Some(i) => vec![K("rituals"), I(i), K("time")],
            None => vec![K("presence"), K("core_hours")],
        };
        f.warn(
            "outside-working-hours",
            c.message(),
            &at,
            format!(
                "move it inside everyone's working day, or give {} their own working_hours = {{ start = …, end = … }} if they work other hours",
                crate::text::sanitize_line(&c.member)
            ),
        );
    }
}

fn presence(f: &mut Findings, a: &Agreement) {
    let Some(p) = &a.presence else { return };
    let mut seen = Set::default();
    for (i, d) in p.days.iter().enumerate() {
        // Room is asked first: the message is built only for a finding that is reported.
        if !seen.insert(d) && f.room("duplicate-day", Severity::Error) {
            f.error(
                "duplicate-day",
                format!("presence day \"{d}\" is listed twice"),
                &[K("presence"), K("days"), I(i)],
                "list each day once",
            );
        }
    }
    if let Some(m) = p.min_attendance
        && !(m > 0.0 && m <= 1.0)
    {
        f.error(
            "min-attendance",
            format!("min_attendance = {m} is outside (0, 1]"),
            &[K("presence"), K("min_attendance")],
            "write the share of members expected on a presence day, e.g. 0.8 for 80%",
        );
    }
    if let Some(h) = p.core_hours
        && h.end <= h.start
    {
        f.error(
            "core-hours",
            format!("core hours end ({}) before they start ({})", h.end, h.start),
            &[K("presence"), K("core_hours"), K("end")],
            "core hours are one stretch within a day, e.g. { start = 10:00:00, end = 15:00:00 }",
        );
    }
}

fn rituals(f: &mut Findings, a: &Agreement) {
    let members: Set<&str> = a.members.iter().map(|m| m.name.as_str()).collect();
    for (i, r) in a.rituals.iter().enumerate() {
        let at = |k| [K("rituals"), I(i), K(k)];
        if r.name.trim().is_empty() {
            f.error(
                "ritual-name",
                format!("ritual \"{}\" has an empty name", r.id),
                &at("name"),
                "give it a name people recognise",
            );
        }
        if let Err(e) = Recurrence::check(r.cadence, r.day) {
            let path = [K("rituals"), I(i), K(e.key())];
            match e {
                RecurrenceError::MissingDay(_) => {
                    f.error_key(e.code(), e.message(r.id.as_str()), &path, e.hint())
                }
                _ => f.error(e.code(), e.message(r.id.as_str()), &path, e.hint()),
            }
        }
        start(f, r, i);
        if let Some(m) = r.duration_minutes
            && (m == 0 || m > 24 * 60)
        {
            f.error(
                "duration",
                format!("duration_minutes = {m} is not a meeting length"),
                &at("duration_minutes"),
                "use minutes between 1 and 1440",
            );
        }
        match &r.owner {
            Some(owner)
                if !members.contains(owner.as_str())
                    && f.room("owner-not-member", Severity::Error) =>
            {
                let names: Vec<&str> = a.members.iter().map(|m| m.name.as_str()).collect();
                let hint = match crate::suggest::closest(owner, names.iter().copied()) {
                    Some(best) => format!("did you mean \"{best}\"?"),
                    None if names.is_empty() => "add the owner under [[members]]".into(),
                    None => format!("owners are members: {}", names.join(", ")),
                };
                f.error(
                    "owner-not-member",
                    format!("owner \"{owner}\" of ritual \"{}\" is not a member", r.id),
                    &at("owner"),
                    hint,
                );
            }
            None if a.status != Status::Draft => f.warn(
                "no-owner",
                format!("ritual \"{}\" has no owner", r.id),
                &[K("rituals"), I(i), K("id")],
                "name a member who makes sure it happens: owner = \"…\"",
            ),
            _ => {}
        }
    }
}

/// A biweekly ritual's `start` is its first occurrence, so it falls on its `day`; other
/// cadences do not read it.
fn start(f: &mut Findings, r: &crate::model::Ritual, i: usize) {
    let Some(start) = r.start else { return };
    let at = [K("rituals"), I(i), K("start")];
    match (r.cadence, r.day) {
        (Cadence::Biweekly, Some(RitualDay::Weekday(w))) if Weekday::of(start.0) != w => f.error(
            "ritual-start",
            format!(
                "ritual \"{}\" starts on {start}, a {}, but it is held on {}s",
                r.id,
                Weekday::of(start.0).long_name(),
                w.long_name()
            ),
            &at,
            format!(
                "set start to the first {} it is held, e.g. {}",
                w.long_name(),
                crate::model::recurrence::on_or_after(start.0, w)
            ),
        ),
        (Cadence::Biweekly, _) => {}
        (c, _) => f.warn(
            "ritual-start",
            format!(
                "ritual \"{}\" is {c}; only biweekly rituals read `start`",
                r.id
            ),
            &at,
            "remove `start`, or set cadence = \"biweekly\"",
        ),
    }
}

fn norms_and_ids(f: &mut Findings, a: &Agreement) {
    for (i, n) in a.norms.iter().enumerate() {
        if n.text.trim().is_empty() {
            f.error(
                "norm-text",
                format!("norm \"{}\" has no text", n.id),
                &[K("norms"), I(i), K("text")],
                "say the norm in one sentence",
            );
        }
    }
    // Rituals and norms share one id space: consent, check-ins and diffs refer to either by id.
    let mut seen: Map<&str, (&str, usize)> = Map::default();
    let ids = a
        .rituals
        .iter()
        .enumerate()
        .map(|(i, r)| ("rituals", i, r.id.as_str()))
        .chain(
            a.norms
                .iter()
                .enumerate()
                .map(|(i, n)| ("norms", i, n.id.as_str())),
        );
    for (table, i, id) in ids {
        let at = [K(table), I(i), K("id")];
        if id == PRESENCE_ITEM {
            f.error(
                "reserved-id",
                "the id \"presence\" is reserved for the presence section",
                &at,
                "choose another id",
            );
        } else if let Some((other, j)) = seen.insert(id, (table, i)) {
            f.error(
                "duplicate-id",
                format!("id \"{id}\" is used twice (also {other} entry {})", j + 1),
                &at,
                "ids are unique across rituals and norms; rename one",
            );
        }
    }
}

fn consent(f: &mut Findings, a: &Agreement) {
    let items: Set<&str> = a.items().map(|it| it.id()).collect();
    let mut seen: Map<&str, usize> = Map::default();
    for (i, c) in a.consent.iter().enumerate() {
        let at = |k| [K("consent"), I(i), K(k)];
        if !items.contains(c.item.as_str()) {
            if f.room("unknown-item", Severity::Error) {
                let ids: Vec<&str> = a.items().map(|it| it.id()).collect();
                let hint = match crate::suggest::closest(&c.item, ids.iter().copied()) {
                    Some(best) => format!("did you mean \"{best}\"?"),
                    None => format!(
                        "consent refers to \"presence\", a ritual id or a norm id: {}",
                        ids.join(", ")
                    ),
                };
                f.error(
                    "unknown-item",
                    format!(
                        "consent for \"{}\", which is not an item of this agreement",
                        c.item
                    ),
                    &at("item"),
                    hint,
                );
            }
        } else if seen.insert(c.item.as_str(), i).is_some() {
            f.error(
                "duplicate-consent",
                format!("consent for \"{}\" is recorded twice", c.item),
                &at("item"),
                "keep one entry per item",
            );
        }
        if a.status == Status::Active && c.objections > 0 {
            f.error(
                "objection",
                format!("\"{}\" has {} objection(s), so it cannot be part of an active agreement", c.item, c.objections),
                &at("objections"),
                "rework the item until nobody objects, move it to the parking lot, or set status = \"proposed\"",
            );
        }
        let votes = c.agree + c.concerns + c.objections;
        if !a.members.is_empty() && votes as usize > a.members.len() {
            f.warn(
                "consent-count",
                format!(
                    "consent for \"{}\" counts {votes} votes but the team has {} members",
                    c.item,
                    a.members.len()
                ),
                &at("agree"),
                "check the counts; each member votes once",
            );
        }
    }
    if matches!(a.status, Status::Active | Status::Proposed) {
        let consented: Set<&str> = a.consent.iter().map(|c| c.item.as_str()).collect();
        let missing: Vec<&str> = a
            .items()
            .map(|it| it.id())
            .filter(|id| !consented.contains(id))
            .collect();
        for id in missing {
            if !f.room("no-consent", Severity::Warning) {
                continue;
            }
            let at = item_path(a, id);
            f.warn(
                "no-consent",
                format!("no consent recorded for \"{id}\""),
                &at,
                format!("run a consent round (`accord edit`) or add [[consent]] item = \"{id}\" with its counts"),
            );
        }
    }
}

/// The path to an item's table, for pointing at it.
fn item_path<'a>(a: &Agreement, id: &str) -> Vec<crate::locate::Seg<'a>> {
    if id == PRESENCE_ITEM {
        return vec![K("presence")];
    }
    if let Some(i) = a.rituals.iter().position(|r| r.id.as_str() == id) {
        return vec![K("rituals"), I(i), K("id")];
    }
    if let Some(i) = a.norms.iter().position(|n| n.id.as_str() == id) {
        return vec![K("norms"), I(i), K("id")];
    }
    vec![]
}
