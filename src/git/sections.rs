//! Parsing many revisions of one agreement quickly. Consecutive revisions share almost all
//! of their text, so each revision is cut at its table headers (`[[rituals]]`, `[presence]` …)
//! and every distinct section is parsed once; a revision is then assembled from parsed sections.
//!
//! This is only a fast path: anything it does not recognise exactly — another header, a
//! multi-line string, a section that does not parse, a table given twice — returns `None`,
//! and the caller parses the whole file as usual (which also gives the located error).

use std::collections::HashMap;

use serde::de::DeserializeOwned;

use crate::model::{Agreement, Consent, Member, Norm, Presence, Ritual};

#[derive(Default)]
pub(crate) struct SectionCache {
    heads: HashMap<String, Option<Agreement>>,
    members: HashMap<String, Option<Member>>,
    presence: HashMap<String, Option<Presence>>,
    rituals: HashMap<String, Option<Ritual>>,
    norms: HashMap<String, Option<Norm>>,
    consent: HashMap<String, Option<Consent>>,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Members,
    Presence,
    Rituals,
    Norms,
    Consent,
}

impl Kind {
    fn of_header(line: &str) -> Option<Kind> {
        match line.trim() {
            "[[members]]" => Some(Kind::Members),
            "[presence]" => Some(Kind::Presence),
            "[[rituals]]" => Some(Kind::Rituals),
            "[[norms]]" => Some(Kind::Norms),
            "[[consent]]" => Some(Kind::Consent),
            _ => None,
        }
    }
}

/// A section's parse, memoised by its exact text.
fn cached<T: DeserializeOwned + Clone>(
    map: &mut HashMap<String, Option<T>>,
    body: &str,
) -> Option<T> {
    if let Some(hit) = map.get(body) {
        return hit.clone();
    }
    let parsed = toml::from_str::<T>(body).ok();
    map.insert(body.to_string(), parsed.clone());
    parsed
}

impl SectionCache {
    /// The agreement `text` holds, or `None` when the fast path cannot be sure of it.
    pub fn parse(&mut self, text: &str) -> Option<Agreement> {
        // A multi-line string may hold a line that looks like a header.
        if text.contains("\"\"\"") || text.contains("'''") {
            return None;
        }
        let mut sections: Vec<(Option<Kind>, &str)> = Vec::new();
        let mut kind = None;
        let mut start = 0;
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            if line.trim_start().starts_with('[') {
                let next = Some(Kind::of_header(line)?);
                sections.push((kind, &text[start..offset]));
                kind = next;
                start = offset + line.len();
            }
            offset += line.len();
        }
        sections.push((kind, &text[start..]));

        let mut sections = sections.into_iter();
        let (_, head) = sections.next()?;
        let mut a = cached(&mut self.heads, head)?;
        // Items given inline in the head and again as tables would be an error in TOML itself.
        let inline = (
            !a.members.is_empty(),
            a.presence.is_some(),
            !a.rituals.is_empty(),
            !a.norms.is_empty(),
            !a.consent.is_empty(),
        );
        for (kind, body) in sections {
            match kind? {
                Kind::Members if !inline.0 => a.members.push(cached(&mut self.members, body)?),
                Kind::Presence if !inline.1 && a.presence.is_none() => {
                    a.presence = Some(cached(&mut self.presence, body)?);
                }
                Kind::Rituals if !inline.2 => a.rituals.push(cached(&mut self.rituals, body)?),
                Kind::Norms if !inline.3 => a.norms.push(cached(&mut self.norms, body)?),
                Kind::Consent if !inline.4 => a.consent.push(cached(&mut self.consent, body)?),
                _ => return None,
            }
        }
        Some(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn full(text: &str) -> Option<Agreement> {
        toml::from_str(text).ok()
    }

    /// Every agreement the project ships or tests with: the fast path agrees with a full parse.
    #[test]
    fn agrees_with_a_full_parse_on_every_shipped_agreement() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut dirs = vec![
            root.join("agreements"),
            root.join("assets/presets"),
            root.join("tests/fixtures"),
        ];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "toml") {
                    files.push(p);
                }
            }
        }
        let mut cache = SectionCache::default();
        let mut agreed = 0;
        for f in &files {
            // Some invalid fixtures are not UTF-8 on purpose.
            let Ok(text) = std::fs::read_to_string(f) else {
                continue;
            };
            let Some(fast) = cache.parse(&text) else {
                continue;
            };
            assert_eq!(Some(fast), full(&text), "{}", f.display());
            agreed += 1;
        }
        assert!(agreed >= 5, "only {agreed} agreements took the fast path");
    }

    const BASE: &str = "schema = 1\nteam = \"T\"\nversion = 1\nstatus = \"draft\"\n\n[[members]]\nname = \"Ana\"\n\n[presence]\ndays = [\"tue\"]\n\n[[rituals]]\nid = \"demo\"\nname = \"Demo\"\ncadence = \"weekly\"\nday = \"thu\"\n";

    #[test]
    fn reuses_sections_and_matches_the_full_parse() {
        let mut cache = SectionCache::default();
        let first = cache.parse(BASE).expect("fast path");
        assert_eq!(Some(first), full(BASE));
        let second = BASE.replace("version = 1", "version = 2") + "\n[[members]]\nname = \"Ben\"\n";
        assert_eq!(cache.parse(&second), full(&second));
        assert_eq!(cache.members.len(), 2, "Ana's section was parsed once");
    }

    #[test]
    fn falls_back_on_anything_it_does_not_know() {
        let mut cache = SectionCache::default();
        let cases = [
            BASE.replace("[presence]", "[presence] # office days"),
            BASE.replace("[[rituals]]", "[[ rituals ]]"),
            BASE.to_string() + "\n[presence]\ndays = [\"wed\"]\n",
            BASE.replace("[presence]\ndays = [\"tue\"]\n", "").replace(
                "status = \"draft\"\n",
                "status = \"draft\"\npresence = { days = [\"tue\"] }\n",
            ) + "\n[presence]\ndays = [\"wed\"]\n",
            BASE.replace("name = \"Ana\"", "name = \"\"\"Ana\n[[norms]]\"\"\""),
            BASE.replace("cadence = \"weekly\"", "cadence = \"sometimes\""),
            BASE.replace("days = [\"tue\"]", "days = [\n[\"tue\"]\n]"),
            BASE.replace("[presence]", "[presence.extra]"),
        ];
        for text in cases {
            assert_eq!(cache.parse(&text), None, "{text}");
        }
    }
}
