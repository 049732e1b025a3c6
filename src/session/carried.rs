//! The parking lot across sessions: a revision opens with the topics parked at the team's
//! last adoption and last check-in (read from their commit messages), each to take up, keep
//! parked or drop. Kept ones are parked again (the adoption's message lists them), taken-up
//! ones leave the lot and the message says so, dropped ones are gone.

use std::path::Path;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::ParkingLot;
use crate::diag::Diagnostic;
use crate::git::Parked;
use crate::text::sanitize_line;

/// What the team does with a topic parked last time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    /// Discussed in this revision: no longer parked.
    TakeUp,
    /// Still to come back to: parked again.
    KeepParked,
    /// No longer worth coming back to.
    Drop,
}

impl FromStr for Choice {
    type Err = String;
    /// `take`, `keep` or `drop` (as `accord edit --parked` takes them).
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim() {
            "take" | "take-up" => Ok(Choice::TakeUp),
            "keep" => Ok(Choice::KeepParked),
            "drop" => Ok(Choice::Drop),
            other => Err(format!(
                "\"{}\" is not take, keep or drop",
                sanitize_line(other)
            )),
        }
    }
}

impl Choice {
    /// The word `from_str` reads back: `take`, `keep` or `drop` (`--parked`, the check-in draft).
    pub fn word(self) -> &'static str {
        match self {
            Choice::TakeUp => "take",
            Choice::KeepParked => "keep",
            Choice::Drop => "drop",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Choice::TakeUp => "take up",
            Choice::KeepParked => "keep parked",
            Choice::Drop => "drop",
        }
    }
}

/// Where a topic was parked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParkedWhen {
    Adoption,
    CheckIn,
}

/// One topic parked last time, and what the team chose for it (kept parked until it says).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CarriedTopic {
    pub topic: String,
    pub when: ParkedWhen,
    pub choice: Choice,
}

/// The topics a revision opens with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Carried {
    topics: Vec<CarriedTopic>,
}

impl Carried {
    /// The adoption's topics first, then the check-in's; each once; all kept parked.
    pub fn from_parked(p: &Parked) -> Carried {
        let mut seen = ParkingLot::default();
        let mut topics = Vec::new();
        let sides = [
            (&p.adoption, ParkedWhen::Adoption),
            (&p.checkin, ParkedWhen::CheckIn),
        ];
        for (at, when) in sides {
            for t in at.iter().flat_map(|a| a.topics.iter()) {
                if seen.park(t) {
                    topics.push(CarriedTopic {
                        topic: seen.last().cloned().unwrap_or_default(),
                        when,
                        choice: Choice::KeepParked,
                    });
                }
            }
        }
        Carried { topics }
    }

    pub fn topics(&self) -> &[CarriedTopic] {
        &self.topics
    }

    pub fn is_empty(&self) -> bool {
        self.topics.is_empty()
    }

    /// The topics parked at `team`'s last adoption and last check-in, read from the git
    /// repository `root` is in (`accord edit`, the app's wizard and the check-in all open with them). Outside
    /// a repository, or when git cannot be read, nothing was parked: a revision still opens.
    pub fn for_team(root: &Path, team: &str) -> Carried {
        let parked = crate::git::Repo::discover(root)
            .ok()
            .and_then(|r| r.parked(&[team]).ok())
            .and_then(|mut m| m.remove(team))
            .unwrap_or_default();
        Carried::from_parked(&parked)
    }

    /// Chooses for the `i`-th topic as listed; false when there is none.
    pub fn set(&mut self, i: usize, choice: Choice) -> bool {
        match self.topics.get_mut(i) {
            Some(t) => {
                t.choice = choice;
                true
            }
            None => false,
        }
    }

    /// Chooses for one topic, named as listed (whitespace collapsed).
    pub fn choose(&mut self, topic: &str, choice: Choice) -> Result<(), Diagnostic> {
        let wanted = topic.split_whitespace().collect::<Vec<_>>().join(" ");
        match self.topics.iter_mut().find(|t| t.topic == wanted) {
            Some(t) => {
                t.choice = choice;
                Ok(())
            }
            None => {
                let listed: Vec<String> = self
                    .topics
                    .iter()
                    .map(|t| format!("\"{}\"", sanitize_line(&t.topic)))
                    .collect();
                Err(Diagnostic::error(
                    "unknown-topic",
                    format!("\"{}\" was not parked last time", sanitize_line(&wanted)),
                )
                .with_hint(if listed.is_empty() {
                    "nothing was parked at the last adoption or check-in".to_string()
                } else {
                    format!("topics parked last time: {}", listed.join(", "))
                }))
            }
        }
    }

    /// The parking lot to save with the revision: the kept topics, then `new` (parked in this
    /// session), each once.
    pub fn lot(&self, new: &ParkingLot) -> ParkingLot {
        self.with(Choice::KeepParked)
            .into_iter()
            .chain(new.iter().map(String::as_str))
            .collect()
    }

    /// The topics taken up in this revision (the commit message says so).
    pub fn taken_up(&self) -> Vec<&str> {
        self.with(Choice::TakeUp)
    }

    fn with(&self, c: Choice) -> Vec<&str> {
        self.topics
            .iter()
            .filter(|t| t.choice == c)
            .map(|t| t.topic.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::git::ParkedAt;

    fn at(topics: &[&str]) -> Option<ParkedAt> {
        Some(ParkedAt {
            commit: "abc1234".into(),
            date: None,
            subject: "x".into(),
            topics: topics.iter().map(|t| t.to_string()).collect(),
        })
    }

    #[test]
    fn kept_topics_are_parked_again_taken_up_ones_said_and_dropped_ones_gone() {
        let p = Parked {
            adoption: at(&["Lunch budget", "Desk booking"]),
            checkin: at(&["Desk booking", "Quiet room"]),
        };
        let mut c = Carried::from_parked(&p);
        let listed: Vec<(&str, ParkedWhen)> = c
            .topics()
            .iter()
            .map(|t| (t.topic.as_str(), t.when))
            .collect();
        assert_eq!(
            listed,
            [
                ("Lunch budget", ParkedWhen::Adoption),
                ("Desk booking", ParkedWhen::Adoption),
                ("Quiet room", ParkedWhen::CheckIn)
            ]
        );
        c.choose("Lunch  budget", Choice::TakeUp).unwrap();
        c.choose("Quiet room", Choice::Drop).unwrap();
        assert_eq!(
            c.choose("Nope", Choice::Drop).unwrap_err().code,
            "unknown-topic"
        );
        let new: ParkingLot = ["Parking spaces", "Desk booking"].into_iter().collect();
        assert_eq!(c.lot(&new).topics(), ["Desk booking", "Parking spaces"]);
        assert_eq!(c.taken_up(), ["Lunch budget"]);
        assert_eq!("take".parse::<Choice>(), Ok(Choice::TakeUp));
        assert!("later".parse::<Choice>().is_err());
        for c in [Choice::TakeUp, Choice::KeepParked, Choice::Drop] {
            assert_eq!(c.word().parse::<Choice>(), Ok(c));
        }
    }
}
