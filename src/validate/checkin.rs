use chrono::NaiveDate;

use super::{Findings, check_schema};
use crate::adherence::MinResponses;
use crate::diag::{Diagnostic, Severity};
use crate::hash::Set;
use crate::locate::Seg::{Index as I, Key as K};
use crate::model::{Agreement, CheckIn, Weekday};
use crate::source::Source;
use crate::suggest::closest;

/// The agreement a check-in is measured against, as far as it could be found.
pub enum VersionLookup<'a> {
    /// The agreement version the check-in names.
    Found(&'a Agreement),
    /// The team has an agreement, but not at that version (history unavailable or the version never existed).
    Missing { current: u32 },
    /// The check-in's folder has no readable agreement.
    NoAgreement,
}

/// Every rule and warning for one check-in; `file_stem` is the file's name without `.toml`.
/// `min` is the privacy threshold in force (from `accord.toml`).
pub fn checkin_rules(
    src: &Source,
    c: &CheckIn,
    file_stem: Option<&str>,
    agreement: VersionLookup,
    min: MinResponses,
) -> Vec<Diagnostic> {
    let mut f = Findings::new(src);
    check_schema(&mut f, c.schema, CheckIn::SCHEMA);
    if let Some(stem) = file_stem {
        match NaiveDate::parse_from_str(stem, "%Y-%m-%d") {
            Ok(d) if d != c.date.0 => f.error(
                "file-name-date",
                format!("the file is named {stem} but its date is {}", c.date),
                &[K("date")],
                format!("rename the file to {}.toml, or set date = {stem}", c.date),
            ),
            Ok(_) => {}
            Err(_) => f.error(
                "file-name-date",
                format!("check-in files are named by their date, not \"{stem}\""),
                &[K("date")],
                format!("rename the file to {}.toml", c.date),
            ),
        }
    }
    if c.from > c.to {
        f.error(
            "period",
            format!("the period starts ({}) after it ends ({})", c.from, c.to),
            &[K("from")],
            "swap from and to",
        );
    }
    if c.to > c.date {
        f.error(
            "period",
            format!(
                "the period ends ({}) after the check-in date ({})",
                c.to, c.date
            ),
            &[K("to")],
            "a check-in reviews days that have passed: end the period on or before its date",
        );
    }
    if c.agreement_version == 0 {
        f.error(
            "version",
            "agreement_version starts at 1",
            &[K("agreement_version")],
            "name the agreement version in force during the period",
        );
    }
    presence(&mut f, c, &agreement);
    loop_entries(&mut f, c);
    let found = match &agreement {
        VersionLookup::Found(a) => Some(*a),
        _ => None,
    };
    super::pulse::pulse_rules(&mut f, c, found, min.get());
    match agreement {
        VersionLookup::Found(a) => items(&mut f, c, a),
        VersionLookup::Missing { current } if c.agreement_version > current => f.error(
            "future-version",
            format!("agreement_version = {} but the agreement is at version {current}", c.agreement_version),
            &[K("agreement_version")],
            format!("use the version in force during the period (at most {current})"),
        ),
        VersionLookup::Missing { current } => f.warn(
            "version-unavailable",
            format!(
                "agreement version {} is not the current one ({current}) and is not in the git history here, so ritual and norm ids were not checked",
                c.agreement_version
            ),
            &[K("agreement_version")],
            "run inside the repository with its full history (git fetch --unshallow)",
        ),
        VersionLookup::NoAgreement => f.error(
            "no-agreement",
            "this check-in's team has no readable agreement.toml",
            &[K("agreement_version")],
            "check-ins live in TEAM/checkins/ next to TEAM/agreement.toml",
        ),
    }
    f.control_characters();
    f.finish()
}

fn presence(f: &mut Findings, c: &CheckIn, agreement: &VersionLookup) {
    let days: Option<Vec<Weekday>> = match agreement {
        VersionLookup::Found(a) => Some(
            a.presence
                .as_ref()
                .map(|p| p.days.clone())
                .unwrap_or_default(),
        ),
        _ => None,
    };
    let mut seen = Set::default();
    for (i, p) in c.presence.iter().enumerate() {
        let at = |k| [K("presence"), I(i), K(k)];
        // Room is asked first: the message is built only for a finding that is reported.
        if (p.date < c.from || p.date > c.to) && f.room("outside-period", Severity::Error) {
            f.error(
                "outside-period",
                format!(
                    "presence day {} is outside the period {} to {}",
                    p.date, c.from, c.to
                ),
                &at("date"),
                "record only days in from..=to, or widen the period",
            );
        }
        if !seen.insert(p.date) && f.room("duplicate-day", Severity::Error) {
            f.error(
                "duplicate-day",
                format!("presence day {} is recorded twice", p.date),
                &at("date"),
                "keep one entry per day",
            );
        }
        if p.expected == 0 {
            if f.room("expected-zero", Severity::Error) {
                f.error(
                    "expected-zero",
                    format!("nobody was expected on {}", p.date),
                    &at("expected"),
                    "expected counts the members expected that day; leave the day out if none were",
                );
            }
        } else if p.present > p.expected && f.room("present-over-expected", Severity::Warning) {
            f.warn(
                "present-over-expected",
                format!(
                    "{} present but only {} expected on {}",
                    p.present, p.expected, p.date
                ),
                &at("present"),
                "check the counts; guests are not counted",
            );
        }
        if let Some(days) = &days {
            let wd = Weekday::of(p.date.0);
            if !days.contains(&wd) && f.room("not-a-presence-day", Severity::Warning) {
                f.warn(
                    "not-a-presence-day",
                    format!(
                        "{} is a {}, which is not one of the agreement's presence days",
                        p.date,
                        wd.long_name()
                    ),
                    &at("date"),
                    "record the agreed presence days only",
                );
            }
        }
    }
}

fn items(f: &mut Findings, c: &CheckIn, a: &Agreement) {
    // Sets, not slices: a check-in of thousands of entries is checked in linear time.
    let ritual_ids: Vec<&str> = a.rituals.iter().map(|r| r.id.as_str()).collect();
    let norm_ids: Vec<&str> = a.norms.iter().map(|n| n.id.as_str()).collect();
    let ritual_set: Set<&str> = ritual_ids.iter().copied().collect();
    let norm_set: Set<&str> = norm_ids.iter().copied().collect();
    let item_set: Set<&str> = a.items().map(|it| it.id()).collect();
    let recorded: Set<&str> = c.rituals.iter().map(|r| r.id.as_str()).collect();
    let mut seen = Set::default();
    for (i, r) in c.rituals.iter().enumerate() {
        let at = [K("rituals"), I(i), K("id")];
        if !ritual_set.contains(r.id.as_str()) {
            if !f.room("unknown-ritual", Severity::Error) {
                continue;
            }
            f.error(
                "unknown-ritual",
                format!(
                    "ritual \"{}\" is not in agreement version {}",
                    r.id, a.version
                ),
                &at,
                known("rituals", r.id.as_str(), &ritual_ids),
            );
        } else if !seen.insert(r.id.as_str()) {
            f.error(
                "duplicate-ritual",
                format!("ritual \"{}\" is recorded twice", r.id),
                &at,
                "keep one entry per ritual",
            );
        }
    }
    for id in &ritual_ids {
        if !recorded.contains(id) {
            f.warn(
                "missing-ritual",
                format!("ritual \"{id}\" of the agreement is not in this check-in, so it counts as not held"),
                &[K("rituals")],
                format!("add [[rituals]] id = \"{id}\" with held = N"),
            );
        }
    }
    let mut seen = Set::default();
    for (i, n) in c.norms.iter().enumerate() {
        let at = [K("norms"), I(i), K("id")];
        if !norm_set.contains(n.id.as_str()) {
            if !f.room("unknown-norm", Severity::Error) {
                continue;
            }
            f.error(
                "unknown-norm",
                format!(
                    "norm \"{}\" is not in agreement version {}",
                    n.id, a.version
                ),
                &at,
                known("norms", n.id.as_str(), &norm_ids),
            );
        } else if !seen.insert(n.id.as_str()) {
            f.error(
                "duplicate-norm",
                format!("norm \"{}\" is rated twice", n.id),
                &at,
                "keep one entry per norm",
            );
        }
    }
    let mut seen = Set::default();
    for (i, act) in c.actions.iter().enumerate() {
        let at = [K("actions"), I(i), K("item")];
        if !item_set.contains(act.item.as_str()) {
            if !f.room("unknown-item", Severity::Error) {
                continue;
            }
            let ids: Vec<&str> = a.items().map(|it| it.id()).collect();
            f.error(
                "unknown-item",
                format!(
                    "action for \"{}\", which is not an item of agreement version {}",
                    act.item, a.version
                ),
                &at,
                known("items (\"presence\", rituals and norms)", &act.item, &ids),
            );
        } else if !seen.insert(act.item.as_str()) {
            f.warn(
                "duplicate-action",
                format!("two decisions for \"{}\"", act.item),
                &at,
                "keep one decision per item",
            );
        }
        if let Some(owner) = &act.owner
            && a.member(owner).is_none()
            && f.room("owner-not-member", Severity::Error)
        {
            let names: Vec<&str> = a.members.iter().map(|m| m.name.as_str()).collect();
            let hint = match closest(owner, names.iter().copied()) {
                Some(best) => format!("did you mean \"{best}\"?"),
                None if names.is_empty() => format!(
                    "agreement version {} has no [[members]]: add the owner there",
                    a.version
                ),
                None => format!("owners are members: {}", names.join(", ")),
            };
            f.error(
                "owner-not-member",
                format!(
                    "owner \"{owner}\" of the action on \"{}\" is not a member of agreement version {}",
                    act.item, a.version
                ),
                &[K("actions"), I(i), K("owner")],
                hint,
            );
        }
    }
    for (i, w) in c.wins.iter().enumerate() {
        let Some(item) = &w.item else { continue };
        if !item_set.contains(item.as_str()) && f.room("unknown-item", Severity::Error) {
            let ids: Vec<&str> = a.items().map(|it| it.id()).collect();
            f.error(
                "unknown-item",
                format!(
                    "win for \"{item}\", which is not an item of agreement version {}",
                    a.version
                ),
                &[K("wins"), I(i), K("item")],
                known("items (\"presence\", rituals and norms)", item, &ids),
            );
        }
    }
}

/// Follow-ups and wins that need no agreement: a follow-up is done, not yet, or dropped
/// (never done and dropped); a win says what happened.
fn loop_entries(f: &mut Findings, c: &CheckIn) {
    for (i, fu) in c.followups.iter().enumerate() {
        if fu.done && fu.dropped {
            f.error(
                "followup-state",
                format!("the follow-up of {} is both done and dropped", fu.action),
                &[K("followups"), I(i), K("dropped")],
                "a follow-up is done (done = true), not yet (done = false) or dropped (done = false, dropped = true)",
            );
        }
    }
    for (i, w) in c.wins.iter().enumerate() {
        if w.text.trim().is_empty() {
            f.error(
                "win-text",
                "a win has no text",
                &[K("wins"), I(i), K("text")],
                "say what happened in one sentence, e.g. text = \"Ines ran her first demo.\"",
            );
        }
    }
}

fn known(what: &str, found: &str, ids: &[&str]) -> String {
    match closest(found, ids.iter().copied()) {
        Some(best) => format!("did you mean \"{best}\"?"),
        None if ids.is_empty() => format!("the agreement has no {what}"),
        None => format!("the agreement's {what}: {}", ids.join(", ")),
    }
}
