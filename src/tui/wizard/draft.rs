//! The autosaved draft: the agreement as TOML, preceded by one comment line of wizard state (step,
//! parking lot, consent basis, timers, the file text the wizard started from) so that a recovered
//! draft resumes where it stopped and still refuses to overwrite a file changed meanwhile.

use std::collections::BTreeMap;
use std::path::Path;

use accord::model::Agreement;
use accord::session::{Choice, ParkingLot};
use accord::source::Source;
use accord::store::drafts::{envelope, open_envelope};
use serde::{Deserialize, Serialize};

use super::Step;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub step: Step,
    pub workshop: bool,
    #[serde(default)]
    pub parked: ParkingLot,
    /// What was chosen for each topic parked last time (a draft from before has none).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub carried: BTreeMap<String, Choice>,
    /// The content each consent entry was given for (see `Wizard::basis`).
    #[serde(default)]
    pub basis: BTreeMap<String, String>,
    /// Seconds spent per step (workshop timers), by step name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub timers: BTreeMap<Step, u32>,
    /// The timers of drafts written before the Pulse step: one per step of that order. Read,
    /// never written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elapsed: Vec<u32>,
    /// The agreement file's text when the wizard opened it; none for a new team.
    pub base: Option<String>,
    #[serde(default)]
    pub preset: Option<String>,
}

/// The steps of a draft's `elapsed` list, in the order drafts wrote them before the Pulse step.
const ELAPSED_ORDER: [Step; 7] = [
    Step::Team,
    Step::Presence,
    Step::Rituals,
    Step::Norms,
    Step::Review,
    Step::Consent,
    Step::Save,
];

impl Meta {
    /// Seconds spent per step, from either way a draft may hold them.
    pub fn timers(&self) -> BTreeMap<Step, u32> {
        let mut out: BTreeMap<Step, u32> = ELAPSED_ORDER
            .iter()
            .copied()
            .zip(self.elapsed.iter().copied())
            .collect();
        out.extend(self.timers.iter().map(|(s, v)| (*s, *v)));
        out
    }
}

pub fn encode(meta: &Meta, agreement_text: &str) -> String {
    let state = serde_json::to_value(meta).expect("draft state serialises");
    envelope(&state, agreement_text)
}

/// The state and the agreement of a draft, or why it cannot be read.
pub fn decode(text: &str, path: &Path) -> Result<(Meta, Agreement), String> {
    let (state, rest) = open_envelope(text);
    let json = state.ok_or_else(|| "it does not start with the wizard's state line".to_string())?;
    let meta: Meta = serde_json::from_str(json).map_err(|e| format!("its state line: {e}"))?;
    let src = Source::new(path, rest);
    let a = accord::parse::parse::<Agreement>(&src).map_err(|d| d.message)?;
    Ok((meta, a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let a = accord::presets::Preset::find("hybrid").unwrap().agreement();
        let text = accord::store::canonical::render(&a, accord::model::FileKind::Agreement, None);
        let meta = Meta {
            step: Step::Rituals,
            workshop: true,
            parked: ["Lunch budget"].into_iter().collect(),
            carried: BTreeMap::from([("Desk booking".to_string(), Choice::TakeUp)]),
            basis: BTreeMap::new(),
            timers: BTreeMap::from([(Step::Team, 60), (Step::Pulse, 30)]),
            elapsed: Vec::new(),
            base: Some("schema = 1\n# with \"quotes\"\n".into()),
            preset: Some("hybrid".into()),
        };
        let (m, b) = decode(&encode(&meta, &text), Path::new("d.toml")).unwrap();
        assert_eq!(m, meta);
        assert_eq!(b, a);
        assert!(decode("schema = 1\n", Path::new("d.toml")).is_err());
    }

    #[test]
    fn a_draft_from_before_the_pulse_step_still_loads() {
        // The state line as drafts wrote it with seven steps: the timers a list in that order.
        let old = "# accord-draft {\"step\":\"review\",\"workshop\":true,\"parked\":[],\
                   \"basis\":{},\"elapsed\":[60,120,300,240,30,0,0],\"base\":null}\n\
                   schema = 1\nteam = \"T\"\nversion = 1\nstatus = \"draft\"\n";
        let (m, a) = decode(old, Path::new("d.toml")).unwrap();
        assert_eq!(m.step, Step::Review);
        assert_eq!(a.team, "T");
        let t = m.timers();
        assert_eq!(t[&Step::Norms], 240);
        assert_eq!(
            t[&Step::Review],
            30,
            "review's time does not move to the pulse"
        );
        assert_eq!(t.get(&Step::Pulse), None);
    }
}
