//! The rules of a check-in's `[pulse]`: a withheld pulse holds nothing but its count; a
//! shown one reaches its threshold, answers every question with exactly `count` sorted
//! scores, and keeps only subgroups that cannot be subtracted; nobody answers twice.
//!
//! No message here names a score or a comment: `validate` runs in CI logs that everyone
//! with access to the repository reads, and the excerpt of a pulse line is not shown
//! either (see [`super::redact_pulse`]).

use super::Findings;
use crate::hash::Set;
use crate::locate::Seg::{Index as I, Key as K};
use crate::model::{Agreement, CheckIn};

const PRIVACY: &str = "docs/privacy.md says how to remove them from the history";

pub(super) fn pulse_rules(f: &mut Findings, c: &CheckIn, agreement: Option<&Agreement>, min: u32) {
    let Some(p) = &c.pulse else { return };
    let at = |k: &'static str| [K("pulse"), K(k)];
    let members = agreement.map(|a| a.members.len() as u32).filter(|n| *n > 0);
    let count = p.answered();
    if let Some(m) = members
        && count > m
    {
        let msg = format!(
            "the pulse has {count} answers, more than the {m} members of agreement version {}",
            c.agreement_version
        );
        let hint = "a round stops at one answer per member: someone answered twice, or the answers were padded";
        if c.schema >= 2 {
            f.error("pulse-count", msg, &at("count"), hint);
        } else {
            f.warn("pulse-count", msg, &at("scores"), hint);
        }
    }
    if c.schema < 2 {
        schema1(f, c, min);
        return;
    }
    if !p.scores.is_empty() {
        f.error_key(
            "pulse-layout",
            "`scores` at the top of [pulse] is the schema 1 layout",
            &at("scores"),
            "in schema 2 each question's scores go in [[pulse.questions]]; or write schema = 1",
        );
    }
    let Some(recorded) = p.min_responses else {
        f.error_key(
            "pulse-threshold",
            "the pulse does not record the threshold it was written under",
            &[K("pulse")],
            "add min_responses (the privacy threshold in force, from accord.toml; 5 by default)",
        );
        return;
    };
    if recorded < 3 {
        f.error(
            "pulse-threshold",
            format!("min_responses = {recorded} is below the floor of 3"),
            &at("min_responses"),
            "a pulse is anonymous only with at least 3 answers",
        );
    }
    if p.count.is_none() {
        f.error_key(
            "pulse-count",
            "the pulse does not say how many answered",
            &[K("pulse")],
            "add count = N",
        );
        return;
    }
    let holds_answers = !p.comments.is_empty() || !p.questions.is_empty() || !p.groups.is_empty();
    if p.withheld {
        if holds_answers {
            f.error_key(
                "pulse-withheld",
                "a withheld pulse holds answers: anyone who can read the repository can see them",
                &[K("pulse")],
                format!("keep only min_responses, count and withheld = true; {PRIVACY}"),
            );
        }
        return;
    }
    if count < recorded.max(3) {
        f.error(
            "pulse-withheld",
            format!(
                "a pulse of {count} answers, under its threshold of {recorded}, holds its answers"
            ),
            &at("count"),
            format!("write withheld = true and remove the answers; {PRIVACY}"),
        );
    }
    if p.questions.is_empty() {
        f.error_key(
            "pulse-questions",
            "a pulse that is not withheld has no [[pulse.questions]]",
            &[K("pulse")],
            "add each question's scores, or write withheld = true",
        );
    }
    let asked: Option<Vec<String>> = agreement.map(|a| {
        a.pulse_questions()
            .iter()
            .map(|q| q.id.to_string())
            .collect()
    });
    let mut seen = Set::default();
    for (i, q) in p.questions.iter().enumerate() {
        let at_q = |k: &'static str| [K("pulse"), K("questions"), I(i), K(k)];
        if !seen.insert(q.id.as_str()) {
            f.error(
                "pulse-question",
                format!("question \"{}\" appears twice in the pulse", q.id),
                &at_q("id"),
                "keep one entry per question",
            );
        }
        if let Some(asked) = &asked
            && !asked.iter().any(|a| a == q.id.as_str())
        {
            f.error(
                "pulse-question",
                format!(
                    "question \"{}\" is not asked by agreement version {}",
                    q.id, c.agreement_version
                ),
                &at_q("id"),
                format!("questions of that version: {}", asked.join(", ")),
            );
        }
        scores(
            f,
            &q.scores,
            count,
            &at_q("scores"),
            &format!("question \"{}\"", q.id),
        );
    }
    let groupings = agreement.map(Agreement::groupings);
    for (i, g) in p.groups.iter().enumerate() {
        let at_g = |k: &'static str| [K("pulse"), K("groups"), I(i), K(k)];
        if let Some(gs) = groupings
            && !gs.contains(&g.grouping)
        {
            f.error(
                "pulse-group",
                format!(
                    "the agreement does not ask for the grouping \"{}\"",
                    g.grouping
                ),
                &at_g("grouping"),
                "list it in [pulse] groupings of the agreement, or remove this subgroup",
            );
        }
        if g.grouping.value_of(&g.value).is_none() {
            f.error(
                "pulse-group",
                format!(
                    "\"{}\" is not a value of {}",
                    crate::text::sanitize_line(&g.value),
                    g.grouping
                ),
                &at_g("value"),
                format!("use one of: {}", g.grouping.values().join(" ")),
            );
        }
        if g.count < recorded || count.saturating_sub(g.count) < recorded {
            f.error(
                "pulse-group",
                format!(
                    "the subgroup {} = {} has {} answers and the rest {}: both need at least {recorded}, or the rest's answers can be found by subtraction",
                    g.grouping,
                    crate::text::sanitize_line(&g.value),
                    g.count,
                    count.saturating_sub(g.count)
                ),
                &at_g("count"),
                format!("remove this subgroup; {PRIVACY}"),
            );
        }
        for (id, s) in &g.questions {
            if !p.questions.iter().any(|q| q.id == *id) {
                f.error(
                    "pulse-group",
                    format!("the subgroup names question \"{id}\", which the pulse does not"),
                    &at_g("questions"),
                    "a subgroup's questions are the pulse's",
                );
            }
            scores(
                f,
                s,
                g.count,
                &at_g("questions"),
                &format!("the subgroup's question \"{id}\""),
            );
        }
    }
}

/// The agreement's `[[questions]]` and `[pulse]`: ids unique, text given, `about` names a
/// ritual or norm, groupings listed once.
pub(super) fn question_rules(f: &mut Findings, a: &Agreement) {
    let mut seen = Set::default();
    for (i, q) in a.questions.iter().enumerate() {
        let at = |k: &'static str| [K("questions"), I(i), K(k)];
        if !seen.insert(q.id.as_str()) {
            f.error(
                "duplicate-id",
                format!("question id \"{}\" is used twice", q.id),
                &at("id"),
                "give each question its own id: check-ins and trends match questions by id",
            );
        }
        if q.text.trim().is_empty() {
            f.error(
                "question-text",
                format!("question \"{}\" has no text", q.id),
                &at("text"),
                "write the question as people will read it, about a behaviour they can observe",
            );
        }
        if let Some(about) = &q.about
            && a.ritual(about).is_none()
            && a.norm(about).is_none()
        {
            f.warn(
                "question-about",
                format!(
                    "question \"{}\" is about \"{}\", which is no ritual or norm of this agreement",
                    q.id,
                    crate::text::sanitize_line(about)
                ),
                &at("about"),
                "name the ritual or norm it measures, or leave `about` out",
            );
        }
    }
    let groupings = a.groupings();
    for (i, g) in groupings.iter().enumerate() {
        if groupings[..i].contains(g) {
            f.error(
                "pulse-grouping",
                format!("the grouping \"{g}\" is listed twice"),
                &[K("pulse"), K("groupings"), I(i)],
                "list each grouping once",
            );
        }
    }
}

/// `count` sorted scores, each 1–5; messages name no score.
fn scores(f: &mut Findings, s: &[u8], count: u32, at: &[crate::locate::Seg], what: &str) {
    if s.len() as u32 != count {
        f.error(
            "pulse-scores",
            format!("{what} has {} scores for {count} answers", s.len()),
            at,
            "each answer gives one score per question",
        );
    }
    if s.iter().any(|x| !(1..=5).contains(x)) {
        f.error(
            "pulse-score",
            format!("{what} has a score outside 1–5"),
            at,
            "scores run from 1 to 5",
        );
    }
    if !s.is_sorted() {
        f.warn(
            "pulse-order",
            format!(
                "the scores of {what} are not sorted, so their order may tell who answered what"
            ),
            at,
            "run `accord fmt` to sort them",
        );
    }
}

fn schema1(f: &mut Findings, c: &CheckIn, min: u32) {
    let Some(p) = &c.pulse else { return };
    let at = |k: &'static str| [K("pulse"), K(k)];
    if p.min_responses.is_some()
        || p.count.is_some()
        || p.withheld
        || !p.questions.is_empty()
        || !p.groups.is_empty()
    {
        f.error_key(
            "pulse-layout",
            "this schema 1 check-in uses the schema 2 pulse layout",
            &[K("pulse")],
            "write schema = 2 at the top of the file",
        );
        return;
    }
    scores(
        f,
        &p.scores,
        p.scores.len() as u32,
        &at("scores"),
        "the pulse",
    );
    if !p.comments.is_sorted() {
        f.warn(
            "pulse-order",
            "pulse comments are not sorted, so their order may tell who answered what",
            &at("comments"),
            "run `accord fmt` to sort them",
        );
    }
    let n = p.scores.len() as u32;
    if n > 0 && n < min {
        f.warn(
            "pulse-withheld",
            format!(
                "this schema 1 check-in keeps the answers of a withheld pulse ({n}, fewer than {min}) where every reader of the repository sees them"
            ),
            &at("scores"),
            format!("run `accord fmt` to upgrade it to schema 2 (which keeps only the count); {PRIVACY}"),
        );
    }
}

/// Removes the excerpt of every diagnostic that points into a check-in's pulse (and of every
/// diagnostic of a file that sets the pulse with root-level keys), so no score or comment is
/// printed, whatever the rule or parse error.
pub fn redact_pulse(text: &str, diags: &mut [crate::diag::Diagnostic]) {
    let mut lines = Vec::new();
    let mut in_pulse = false;
    let mut at_root = true;
    let mut everything = false;
    for (n, line) in crate::text::lines(text).enumerate() {
        let t = line.trim_start();
        if t.starts_with('[') {
            let header: String = t
                .chars()
                .take_while(|c| *c != '#')
                .filter(|c| !c.is_whitespace() && *c != '"' && *c != '\'')
                .collect();
            in_pulse = header == "[pulse]"
                || header.starts_with("[pulse.")
                || header.starts_with("[[pulse.");
            at_root = false;
        } else if at_root
            && t.strip_prefix("pulse")
                .is_some_and(|r| r.starts_with(['.', ' ', '=', '\t']))
            || at_root && t.starts_with(['"', '\'']) && t[1..].starts_with("pulse")
        {
            everything = true;
        }
        if in_pulse {
            lines.push(n + 1);
        }
    }
    for d in diags {
        if let Some(loc) = d.location.as_deref_mut()
            && (everything || loc.line.is_some_and(|l| lines.binary_search(&l).is_ok()))
        {
            loc.source_line = None;
        }
    }
}
