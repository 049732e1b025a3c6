//! Commit messages for Accord's saves: a subject that says what happened
//! (`payments: adopt agreement v3`), a body that lists what changed, and trailers
//! that record the consent round, so `git log` alone tells the story.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::diff::{AgreementDiff, consent_counts};
use crate::model::{Agreement, CheckIn, FollowupState, Status};
use crate::text::sanitize_line;

/// `payments: adopt agreement v3`, the diff as text, and one `Consent:` trailer per item.
pub fn adopt(slug: &str, agreement: &Agreement, diff: &AgreementDiff) -> String {
    compose(
        format!("{slug}: adopt agreement v{}", agreement.version),
        diff,
        agreement,
        &[],
    )
}

/// The message for saving an agreement in any status: a draft, a proposal, an adoption, a
/// retirement. Topics the workshop parked are listed too: the commit is where they outlive
/// the session that parked them (`git log` shows them).
pub fn agreement(
    slug: &str,
    agreement: &Agreement,
    diff: &AgreementDiff,
    parked: &[String],
) -> String {
    agreement_with(slug, agreement, diff, parked, &[])
}

/// [`agreement`], also saying which topics parked last time this revision took up (they are
/// no longer in the parking lot).
pub fn agreement_with(
    slug: &str,
    agreement: &Agreement,
    diff: &AgreementDiff,
    parked: &[String],
    taken_up: &[&str],
) -> String {
    let verb = match agreement.status {
        Status::Active => "adopt",
        Status::Draft => "draft",
        Status::Proposed => "propose",
        Status::Retired => "retire",
    };
    let subject = format!("{slug}: {verb} agreement v{}", agreement.version);
    let mut m = compose(subject, diff, agreement, parked);
    insert_taken_up(&mut m, taken_up);
    m
}

/// The topics taken up from last time's parking lot, as a paragraph before the trailers
/// (which must stay last).
fn insert_taken_up(m: &mut String, taken_up: &[&str]) {
    if taken_up.is_empty() {
        return;
    }
    let at = m.rfind("\nAgreement-Version: ").map_or(m.len(), |i| i + 1);
    let mut p = String::from("Taken up from the parking lot\n");
    for t in taken_up {
        let _ = writeln!(p, "  - {}", sanitize_line(t));
    }
    p.push('\n');
    m.insert_str(at, &p);
}

fn compose(subject: String, diff: &AgreementDiff, a: &Agreement, parked: &[String]) -> String {
    let mut m = subject;
    m.push_str("\n\n");
    m.push_str(diff.to_text().trim_end());
    m.push_str("\n\n");
    parking_lot(&mut m, parked);
    let _ = writeln!(m, "Agreement-Version: {}", a.version);
    for c in &a.consent {
        let _ = writeln!(
            m,
            "Consent: {} {}",
            sanitize_line(&c.item),
            consent_counts(c)
        );
    }
    m
}

/// `payments: check-in 2026-11-17`, what was recorded, and one `Decision:` trailer per item decided.
/// Pulse answers never go into a commit message: they are shown only above the privacy threshold.
pub fn checkin(slug: &str, c: &CheckIn, parked: &[String]) -> String {
    let mut m = format!("{slug}: check-in {}\n\n", c.date);
    let _ = writeln!(
        m,
        "Period {} to {}, measured against agreement v{}.",
        c.from, c.to, c.agreement_version
    );
    let mut recorded = Vec::new();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    if !c.presence.is_empty() {
        recorded.push(plural(c.presence.len(), "presence day", "presence days"));
    }
    if !c.rituals.is_empty() {
        recorded.push(plural(c.rituals.len(), "ritual", "rituals"));
    }
    if !c.norms.is_empty() {
        recorded.push(plural(c.norms.len(), "norm rating", "norm ratings"));
    }
    if !recorded.is_empty() {
        let _ = writeln!(m, "Recorded: {}.", recorded.join(", "));
    }
    if !c.actions.is_empty() {
        m.push_str("\nDecisions\n");
        for a in &c.actions {
            let note = a
                .note
                .as_deref()
                .filter(|n| !n.trim().is_empty())
                .map(|n| format!(" — {}", sanitize_line(n)))
                .unwrap_or_default();
            let _ = writeln!(m, "  {} {}{note}", a.decision, sanitize_line(&a.item));
        }
    }
    if !c.followups.is_empty() {
        m.push_str("\nFollow-ups\n");
        for f in &c.followups {
            let state = match f.state() {
                FollowupState::Done => "done",
                FollowupState::NotYet => "not yet",
                FollowupState::Dropped => "dropped",
            };
            let _ = writeln!(m, "  {state} {}", sanitize_line(&f.action.to_string()));
        }
    }
    if !c.wins.is_empty() {
        m.push_str("\nWins\n");
        for w in &c.wins {
            let _ = writeln!(m, "  - {}", sanitize_line(&w.text));
        }
    }
    m.push('\n');
    parking_lot(&mut m, parked);
    let _ = writeln!(m, "Agreement-Version: {}", c.agreement_version);
    for a in &c.actions {
        let _ = writeln!(m, "Decision: {} {}", sanitize_line(&a.item), a.decision);
    }
    m
}

/// [`checkin`], also saying which topics parked last time this check-in took up (they are no
/// longer in the parking lot).
pub fn checkin_with(slug: &str, c: &CheckIn, parked: &[String], taken_up: &[&str]) -> String {
    let mut m = checkin(slug, c, parked);
    insert_taken_up(&mut m, taken_up);
    m
}

/// The topics a workshop parked, as a paragraph before the trailers (which must stay last).
fn parking_lot(m: &mut String, parked: &[String]) {
    if parked.is_empty() {
        return;
    }
    m.push_str("Parking lot (topics to come back to)\n");
    for p in parked {
        let _ = writeln!(m, "  - {}", sanitize_line(p));
    }
    m.push('\n');
}

/// One file `accord fmt` rewrote, and what its commit changes beyond the form.
#[derive(Debug, Clone)]
pub struct Formatted {
    pub path: PathBuf,
    /// The values differ from the last commit's (the file was edited before `fmt`, or is new):
    /// the commit is then more than formatting, and says so.
    pub values_changed: bool,
    /// The version of an agreement file, for the `Agreement-Version` trailer.
    pub agreement_version: Option<u32>,
}

/// `accord fmt --commit`: which files were rewritten in canonical form, which of them also
/// change values, and the `Agreement-Version` trailer when one agreement is committed.
pub fn format(files: &[Formatted]) -> String {
    let teams: Vec<String> = files
        .iter()
        .filter_map(|f| team_of(&f.path))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let subject = match teams.as_slice() {
        [one] if files.iter().all(|f| team_of(&f.path).is_some()) => {
            format!("{one}: format files")
        }
        _ => "agreements: format files".to_string(),
    };
    let changed: Vec<&Formatted> = files.iter().filter(|f| f.values_changed).collect();
    let mut m = if changed.is_empty() {
        format!("{subject}\n\nRewritten in canonical form by `accord fmt`; no values changed.\n\n")
    } else {
        format!(
            "{subject}\n\nRewritten in canonical form by `accord fmt`. Values changed too (edits made before \
             formatting, not committed yet) in {} of the files: review them as a change, not as formatting.\n\n",
            changed.len()
        )
    };
    for f in files {
        let mark = if f.values_changed {
            " (values changed)"
        } else {
            ""
        };
        let _ = writeln!(
            m,
            "  {}{mark}",
            sanitize_line(&f.path.display().to_string())
        );
    }
    let versions: Vec<u32> = files.iter().filter_map(|f| f.agreement_version).collect();
    if let [v] = versions.as_slice() {
        let _ = write!(m, "\nAgreement-Version: {v}\n");
    }
    m
}

/// The team folder a file of an agreements folder belongs to.
fn team_of(p: &std::path::Path) -> Option<String> {
    use crate::model::FileKind;
    let team_dir = match FileKind::of_path(p)? {
        FileKind::Agreement => p.parent()?,
        FileKind::CheckIn => p.parent()?.parent()?,
        FileKind::Settings => return None,
    };
    team_dir.file_name()?.to_str().map(str::to_string)
}
