//! The topics a team parked, read back from git: Accord's commit messages list them
//! (`message::parking_lot`), so the newest adoption and the newest check-in of a team say
//! what it set aside last time. A repository may be hostile: the walk, each message, the
//! topics and their length are bounded, and every topic is sanitised as it is read.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::repo::{Repo, read_error};
use crate::diag::Diagnostic;
use crate::session::ParkingLot;
use crate::text::sanitize_line;

/// Commits looked at, newest first: the saves that matter are recent, and a report must not
/// walk a whole monorepo's history.
pub const MAX_COMMITS: usize = 20_000;
/// Topics read from one message, and characters kept of one topic (longer ones end in "…").
pub const MAX_TOPICS: usize = 50;
pub const MAX_TOPIC_CHARS: usize = 200;
/// Bytes of a message read: Accord's own are a few kilobytes.
const MAX_MESSAGE_BYTES: usize = 64 * 1024;

/// The paragraph `message::parking_lot` writes.
const HEADING: &str = "Parking lot (topics to come back to)";

/// The topics one commit parked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParkedAt {
    /// Short commit id.
    pub commit: String,
    /// The commit's day (committer time, in the committer's zone).
    pub date: Option<NaiveDate>,
    /// The commit's first line, sanitised.
    pub subject: String,
    pub topics: Vec<String>,
}

/// A team's topics parked at its newest adoption and at its newest check-in, when git has them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Parked {
    pub adoption: Option<ParkedAt>,
    pub checkin: Option<ParkedAt>,
}

impl Parked {
    /// Every topic once, the adoption's first: what a new session opens with.
    pub fn topics(&self) -> ParkingLot {
        [&self.adoption, &self.checkin]
            .into_iter()
            .flatten()
            .flat_map(|p| p.topics.iter())
            .collect()
    }
}

/// What an Accord commit subject says about a team: `payments: adopt agreement v3`,
/// `payments: check-in 2026-11-17`.
fn kind_of(subject: &str) -> Option<(&str, bool)> {
    let (slug, rest) = subject.split_once(": ")?;
    if rest.starts_with("adopt agreement v") {
        Some((slug, true))
    } else if rest.starts_with("check-in ") {
        Some((slug, false))
    } else {
        None
    }
}

/// The topics listed in a commit message's parking-lot paragraph (none when it has none),
/// whitespace collapsed, each once, sanitised and bounded.
pub fn topics(message: &str) -> Vec<String> {
    let mut end = message.len().min(MAX_MESSAGE_BYTES);
    while !message.is_char_boundary(end) {
        end -= 1;
    }
    let mut lines = message[..end].lines();
    if !lines.any(|l| l.trim_end() == HEADING) {
        return Vec::new();
    }
    let mut lot = ParkingLot::default();
    for l in lines {
        let Some(t) = l.strip_prefix("  - ") else {
            break;
        };
        if lot.len() >= MAX_TOPICS {
            break;
        }
        let clean = sanitize_line(t);
        let topic = if clean.chars().count() > MAX_TOPIC_CHARS {
            let mut s: String = clean.chars().take(MAX_TOPIC_CHARS - 1).collect();
            s.push('…');
            s
        } else {
            clean.into_owned()
        };
        lot.park(&topic);
    }
    lot.topics().to_vec()
}

impl Repo {
    /// For each of `slugs`, the topics parked at its newest adoption and newest check-in among
    /// the [`MAX_COMMITS`] newest commits from HEAD (one walk for every team). Teams are
    /// recognised by the slug in Accord's subjects, so a team folder renamed since is not found
    /// under its old name. An unborn branch parks nothing.
    pub fn parked(&self, slugs: &[&str]) -> Result<BTreeMap<String, Parked>, Diagnostic> {
        let mut out: BTreeMap<String, Parked> = slugs
            .iter()
            .map(|s| (s.to_string(), Parked::default()))
            .collect();
        let Some(head) = self.head_commit()? else {
            return Ok(out);
        };
        let mut missing = 2 * out.len();
        let walk = self
            .inner
            .rev_walk([head])
            .sorting(gix::revision::walk::Sorting::ByCommitTime(
                gix::traverse::commit::simple::CommitTimeOrder::NewestFirst,
            ))
            .all()
            .map_err(|e| read_error("the commit history", e))?;
        for info in walk.take(MAX_COMMITS) {
            if missing == 0 {
                break;
            }
            // A commit that cannot be read (a shallow clone's edge) ends the walk, not the command.
            let Ok(info) = info else { break };
            let Ok(commit) = self.inner.find_commit(info.id) else {
                continue;
            };
            let Ok(decoded) = commit.decode() else {
                continue;
            };
            let message = String::from_utf8_lossy(decoded.message);
            let subject = message.lines().next().unwrap_or_default().trim();
            let Some((slug, adoption)) = kind_of(subject) else {
                continue;
            };
            let Some(team) = out.get_mut(slug) else {
                continue;
            };
            let slot = if adoption {
                &mut team.adoption
            } else {
                &mut team.checkin
            };
            if slot.is_some() {
                continue;
            }
            let date = decoded.committer().ok().and_then(|s| {
                let t = s.time().ok()?;
                let offset = chrono::FixedOffset::east_opt(t.offset)?;
                chrono::DateTime::from_timestamp(t.seconds, 0)
                    .map(|d| d.with_timezone(&offset).date_naive())
            });
            *slot = Some(ParkedAt {
                commit: Repo::short(&info.id),
                date,
                subject: sanitize_line(subject).chars().take(200).collect(),
                topics: topics(&message),
            });
            missing -= 1;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_are_read_from_the_paragraph_accord_writes() {
        let m = "payments: adopt agreement v3\n\nRituals\n  + demo\n\nParking lot (topics to come back to)\n  - Lunch budget\n  - Desk   booking\n  - Lunch budget\n\nAgreement-Version: 3\n";
        assert_eq!(topics(m), ["Lunch budget", "Desk booking"]);
        assert!(topics("payments: adopt agreement v3\n\n  - not a topic\n").is_empty());
    }

    #[test]
    fn hostile_messages_are_bounded_and_sanitised() {
        let mut m =
            String::from("x: check-in 2026-01-01\n\nParking lot (topics to come back to)\n");
        m.push_str("  - a\u{1b}]52;c;x\u{7} \u{202e}b\n");
        m.push_str(&format!("  - {}\n", "y".repeat(10_000)));
        for i in 0..1000 {
            m.push_str(&format!("  - t{i}\n"));
        }
        let t = topics(&m);
        assert_eq!(t.len(), MAX_TOPICS);
        assert_eq!(t[0], "a\\u{1b}]52;c;x\\u{7} \\u{202e}b");
        assert_eq!(t[1].chars().count(), MAX_TOPIC_CHARS);
        assert!(t[1].ends_with('…'));
        assert!(t.iter().all(|s| crate::render::is_safe(s)));
        assert_eq!(kind_of("x: check-in 2026-01-01"), Some(("x", false)));
        assert_eq!(kind_of("x: adopt agreement v2"), Some(("x", true)));
        assert_eq!(kind_of("x: draft agreement v2"), None);
    }
}
