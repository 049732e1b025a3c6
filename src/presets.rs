//! The presets teams start from, embedded from `assets/presets/`.

use std::path::Path;

use crate::diag::Diagnostic;
use crate::model::Agreement;
use crate::parse::parse;
use crate::source::Source;

pub struct Preset {
    pub name: &'static str,
    pub text: &'static str,
}

pub const PRESETS: &[Preset] = &[
    Preset {
        name: "small-team",
        text: include_str!("../assets/presets/small-team.toml"),
    },
    Preset {
        name: "hybrid",
        text: include_str!("../assets/presets/hybrid.toml"),
    },
    Preset {
        name: "remote-first",
        text: include_str!("../assets/presets/remote-first.toml"),
    },
    Preset {
        name: "frontline",
        text: include_str!("../assets/presets/frontline.toml"),
    },
    Preset {
        name: "large-org",
        text: include_str!("../assets/presets/large-org.toml"),
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
