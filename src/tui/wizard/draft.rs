//! The autosaved draft: the agreement as TOML, preceded by one comment line of wizard state (step,
//! parking lot, consent basis, timers, the file text the wizard started from) so that a recovered
//! draft resumes where it stopped and still refuses to overwrite a file changed meanwhile.

use std::collections::BTreeMap;
use std::path::Path;

use accord::model::Agreement;
use accord::source::Source;
use serde::{Deserialize, Serialize};

use super::Step;

const PREFIX: &str = "# accord-draft ";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub step: Step,
    pub workshop: bool,
    #[serde(default)]
    pub parked: Vec<String>,
    /// The content each consent entry was given for (see `Wizard::basis`).
    #[serde(default)]
    pub basis: BTreeMap<String, String>,
    /// Seconds spent per step (workshop timers).
    #[serde(default)]
    pub elapsed: Vec<u32>,
    /// The agreement file's text when the wizard opened it; none for a new team.
    pub base: Option<String>,
    #[serde(default)]
    pub preset: Option<String>,
}

pub fn encode(meta: &Meta, agreement_text: &str) -> String {
    let json = serde_json::to_string(meta).expect("draft state serialises");
    format!("{PREFIX}{json}\n{agreement_text}")
}

/// The state and the agreement of a draft, or why it cannot be read.
pub fn decode(text: &str, path: &Path) -> Result<(Meta, Agreement), String> {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let json = first
        .strip_prefix(PREFIX)
        .ok_or_else(|| "it does not start with the wizard's state line".to_string())?;
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
            parked: vec!["Lunch budget".into()],
            basis: BTreeMap::new(),
            elapsed: vec![60, 0, 0, 0, 0, 0, 0],
            base: Some("schema = 1\n# with \"quotes\"\n".into()),
            preset: Some("hybrid".into()),
        };
        let (m, b) = decode(&encode(&meta, &text), Path::new("d.toml")).unwrap();
        assert_eq!(m, meta);
        assert_eq!(b, a);
        assert!(decode("schema = 1\n", Path::new("d.toml")).is_err());
    }
}
