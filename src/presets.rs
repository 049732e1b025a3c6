//! The presets teams start from, embedded from `assets/presets/`.

use std::path::Path;

use crate::diag::Diagnostic;
use chrono::{Days, NaiveDate};

use crate::model::{Agreement, Date};
use crate::parse::parse;
use crate::source::Source;

pub struct Preset {
    pub name: &'static str,
    pub text: &'static str,
    /// The micro-interventions the preset suggests trying first: rituals and norms that
    /// [`Preset::agreement_on`] puts on a [`TRIAL_DAYS`] trial.
    pub trials: &'static [&'static str],
}

/// How long a suggested trial runs: about a month, then keep, adjust or drop.
pub const TRIAL_DAYS: u64 = 30;

pub const PRESETS: &[Preset] = &[
    Preset {
        name: "small-team",
        text: include_str!("../assets/presets/small-team.toml"),
        trials: &["first-voice", "onboarding-buddy"],
    },
    Preset {
        name: "hybrid",
        text: include_str!("../assets/presets/hybrid.toml"),
        trials: &["coffee-pairing", "first-voice"],
    },
    Preset {
        name: "remote-first",
        text: include_str!("../assets/presets/remote-first.toml"),
        trials: &["coffee-pairing", "first-voice"],
    },
    Preset {
        name: "frontline",
        text: include_str!("../assets/presets/frontline.toml"),
        trials: &["first-voice", "onboarding-buddy"],
    },
    Preset {
        name: "large-org",
        text: include_str!("../assets/presets/large-org.toml"),
        trials: &["coffee-pairing", "onboarding-buddy", "first-voice"],
    },
];

impl Preset {
    pub fn find(name: &str) -> Result<&'static Preset, Diagnostic> {
        PRESETS.iter().find(|p| p.name == name).ok_or_else(|| {
            let names: Vec<&str> = PRESETS.iter().map(|p| p.name).collect();
            let hint = match crate::suggest::closest(name, names.iter().copied()) {
                Some(best) => format!("did you mean \"{best}\"?"),
                None => format!("presets: {}", names.join(", ")),
            };
            Diagnostic::error("unknown-preset", format!("no preset \"{name}\"")).with_hint(hint)
        })
    }

    /// The preset as a draft agreement.
    pub fn agreement(&self) -> Agreement {
        let src = Source::new(
            Path::new("assets/presets").join(format!("{}.toml", self.name)),
            self.text,
        );
        parse(&src).expect("presets are checked by the test suite")
    }

    /// The preset as a draft that starts on `start`: its suggested trials run until
    /// [`TRIAL_DAYS`] after it. The files carry no dates (a preset is not dated); `accord new`
    /// passes today, and adopting later may move the dates with the adoption.
    pub fn agreement_on(&self, start: NaiveDate) -> Agreement {
        let mut a = self.agreement();
        let until = Some(Date(start + Days::new(TRIAL_DAYS)));
        for r in a
            .rituals
            .iter_mut()
            .filter(|r| self.trials.contains(&r.id.as_str()))
        {
            r.trial_until = until;
        }
        for n in a
            .norms
            .iter_mut()
            .filter(|n| self.trials.contains(&n.id.as_str()))
        {
            n.trial_until = until;
        }
        a
    }

    /// The header comment: who the preset is for, one line.
    pub fn summary(&self) -> String {
        self.text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .map(|l| l.trim_start_matches('#').trim())
            .filter(|l| !l.starts_with("Preset:"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Dimension;

    #[test]
    fn each_preset_covers_every_dimension_and_dates_its_trials() {
        let start = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let until = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        for p in PRESETS {
            assert_eq!(p.agreement().dimensions(), Dimension::ALL, "{}", p.name);
            assert!(p.agreement().items().all(|i| i.trial_until().is_none()));
            let a = p.agreement_on(start);
            assert!(p.trials.contains(&"first-voice"), "{}", p.name);
            for id in p.trials {
                let item = a.item(id).unwrap_or_else(|| panic!("{}: no {id}", p.name));
                assert_eq!(item.trial_until(), Some(until), "{}: {id}", p.name);
            }
            let on_trial = a.items().filter(|i| i.trial_until().is_some()).count();
            assert_eq!(on_trial, p.trials.len(), "{}", p.name);
        }
    }
}
