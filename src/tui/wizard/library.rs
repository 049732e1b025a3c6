//! What the wizard suggests: the rituals and norms of every preset, the chosen preset's first.
//! DESIGN.md's suggestion list (weekly demo, retrospective, belonging check-in, virtual coffee,
//! first-voice, onboarding buddy, team lunch, own-device meetings, async-first updates) is
//! covered by the presets, so the presets are the library.

use std::sync::OnceLock;

use accord::model::{Agreement, Cadence, Norm, Ritual, RitualDay, Slug, Weekday};
use accord::presets::PRESETS;

/// One suggestion and the preset it comes from.
#[derive(Debug, Clone)]
pub struct Suggestion<T> {
    pub preset: &'static str,
    pub item: T,
}

struct Library {
    rituals: Vec<Suggestion<Ritual>>,
    norms: Vec<Suggestion<Norm>>,
}

fn library() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(|| {
        let mut rituals: Vec<Suggestion<Ritual>> = Vec::new();
        let mut norms: Vec<Suggestion<Norm>> = Vec::new();
        for p in PRESETS {
            let a = p.agreement();
            for r in a.rituals {
                if !rituals.iter().any(|s| s.item.name == r.name) {
                    rituals.push(Suggestion {
                        preset: p.name,
                        item: r,
                    });
                }
            }
            for n in a.norms {
                if !norms.iter().any(|s| s.item.text == n.text) {
                    norms.push(Suggestion {
                        preset: p.name,
                        item: n,
                    });
                }
            }
        }
        Library { rituals, norms }
    })
}

/// Rituals to offer: the preset's first, then the rest of the library; none already in the draft.
pub fn rituals(preset: Option<&str>, draft: &Agreement) -> Vec<Suggestion<Ritual>> {
    ordered(&library().rituals, preset, |r| {
        draft.rituals.iter().any(|d| d.name == r.name)
    })
}

pub fn norms(preset: Option<&str>, draft: &Agreement) -> Vec<Suggestion<Norm>> {
    ordered(&library().norms, preset, |n| {
        draft.norms.iter().any(|d| d.text == n.text)
    })
}

fn ordered<T: Clone>(
    all: &[Suggestion<T>],
    preset: Option<&str>,
    taken: impl Fn(&T) -> bool,
) -> Vec<Suggestion<T>> {
    let mut out: Vec<Suggestion<T>> = all.iter().filter(|s| !taken(&s.item)).cloned().collect();
    out.sort_by_key(|s| Some(s.preset) != preset);
    out
}

/// An id not used by any ritual or norm of `a`: `base`, else `base-2`, `base-3`…
pub fn unique_id(a: &Agreement, base: &str) -> Slug {
    let base = Slug::from_text(base).unwrap_or_else(|| "item".parse().expect("a slug"));
    free_id(base, |s| {
        a.rituals.iter().any(|r| r.id.as_str() == s)
            || a.norms.iter().any(|n| n.id.as_str() == s)
            || s == accord::model::PRESENCE_ITEM
    })
}

/// `base` when `used` says it is free, else the first free `base-2`, `base-3`…
pub fn free_id(base: Slug, used: impl Fn(&str) -> bool) -> Slug {
    if !used(base.as_str()) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|s| !used(s))
        .and_then(|s| s.parse().ok())
        .expect("some suffix is free")
}

/// A ritual of the team's own, to fill in.
pub fn own_ritual(a: &Agreement) -> Ritual {
    Ritual {
        id: unique_id(a, "ritual"),
        name: String::new(),
        purpose: None,
        cadence: Cadence::Weekly,
        day: Some(RitualDay::Weekday(Weekday::Mon)),
        start: None,
        time: None,
        duration_minutes: None,
        mode: None,
        owner: None,
        trial_until: None,
        dimension: None,
    }
}

pub fn own_norm(a: &Agreement) -> Norm {
    Norm {
        id: unique_id(a, "norm"),
        area: None,
        text: String::new(),
        signal: None,
        trial_until: None,
        dimension: None,
    }
}

/// Whether an id was made up by [`own_ritual`] / [`own_norm`] and may follow the name.
pub fn is_placeholder_id(id: &str) -> bool {
    let rest = id
        .strip_prefix("ritual")
        .or_else(|| id.strip_prefix("norm"));
    matches!(rest, Some(r) if r.is_empty() || (r.starts_with('-') && r[1..].chars().all(|c| c.is_ascii_digit())))
}

/// An id from the first words of a name or a norm's text.
pub fn id_from_text(a: &Agreement, text: &str, fallback: &str) -> Slug {
    let words: Vec<&str> = text.split_whitespace().take(4).collect();
    let base = if words.is_empty() {
        fallback.to_string()
    } else {
        words.join(" ")
    };
    unique_id(a, &base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_cover_the_design_list_and_skip_what_is_taken() {
        let empty = Agreement::draft("T");
        let names: Vec<String> = rituals(None, &empty)
            .into_iter()
            .map(|s| s.item.name)
            .collect();
        for want in ["Retrospective", "Belonging check-in", "Team lunch"] {
            assert!(names.iter().any(|n| n == want), "{want} in {names:?}");
        }
        let ids: Vec<String> = norms(None, &empty)
            .into_iter()
            .map(|s| s.item.id.to_string())
            .collect();
        for want in [
            "first-voice",
            "onboarding-buddy",
            "own-device",
            "async-updates",
        ] {
            assert!(ids.iter().any(|n| n == want), "{want} in {ids:?}");
        }
        let hybrid = accord::presets::Preset::find("hybrid").unwrap().agreement();
        assert!(
            rituals(Some("hybrid"), &hybrid)
                .iter()
                .all(|s| s.item.name != "Weekly demo")
        );
        let first = &rituals(Some("frontline"), &empty)[0];
        assert_eq!(first.preset, "frontline");
    }

    #[test]
    fn ids_stay_unique() {
        let hybrid = accord::presets::Preset::find("hybrid").unwrap().agreement();
        assert_eq!(unique_id(&hybrid, "retro").as_str(), "retro-2");
        assert_eq!(unique_id(&hybrid, "Friday wins").as_str(), "friday-wins");
        assert!(is_placeholder_id("ritual-3"));
        assert!(is_placeholder_id("norm"));
        assert!(!is_placeholder_id("retro"));
    }
}
