//! Parsing many revisions of one agreement quickly. Consecutive revisions share almost all
//! of their text, so each revision is cut at its table headers (`[[rituals]]`, `[presence]` …)
//! and every distinct section is parsed once; a revision is then assembled from parsed sections.
//!
//! This is only a fast path: anything it does not recognise exactly — another header, a
//! multi-line string, a section that does not parse, a table given twice — returns `None`,
//! and the caller parses the whole file as usual (which also gives the located error).
//!
//! A new section gets the checks a whole file gets before any parser sees it (conflict
//! markers, nesting), so a caller may skip those whole-file scans when the fast path succeeds:
//! a file that would fail them has a section that fails them, or a section that does not
//! parse (brackets or a string left open across a header), and so takes the slow path.

use std::sync::{Arc, Mutex, PoisonError};

// Keyed by whole sections of text, hashed for every revision: a fast hash, not SipHash.
use foldhash::HashMap;

use serde::de::DeserializeOwned;

use crate::model::{Agreement, Consent, Member, Norm, Presence, Ritual};
use crate::source::{conflict_marker, too_deep};

/// Shared by the threads that parse a history, so a section two of them meet is parsed once.
#[derive(Default)]
pub(crate) struct SectionCache {
    heads: Sections<Agreement>,
    members: Sections<Member>,
    presence: Sections<Presence>,
    rituals: Sections<Ritual>,
    norms: Sections<Norm>,
    consent: Sections<Consent>,
}

/// Parsed sections by their exact text (`None`: the section does not read). Values are shared
/// so a lookup holds the lock only to count a reference; the copy is made outside it.
type Sections<T> = Mutex<HashMap<String, Option<Arc<T>>>>;

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

/// A section's parse, memoised by its exact text. A section that fails the file checks is
/// remembered as unreadable, like one that does not parse.
fn cached<T: DeserializeOwned + Clone>(map: &Sections<T>, body: &str) -> Option<T> {
    // A thread that panicked while holding the lock left the map whole: entries are inserted
    // in one step.
    let lock = || map.lock().unwrap_or_else(PoisonError::into_inner);
    let hit = lock().get(body).cloned();
    let value = match hit {
        Some(v) => v,
        None => {
            let checked = conflict_marker(body).is_none() && too_deep(body).is_none();
            let parsed = checked
                .then(|| toml::from_str::<T>(body).ok())
                .flatten()
                .map(Arc::new);
            lock().insert(body.to_string(), parsed.clone());
            parsed
        }
    };
    value.map(|v| T::clone(&v))
}

/// The offset of the line that starts with `[` after optional spaces, for each such line:
/// the candidates for table headers. Found by searching for `[` rather than walking every
/// line, as this runs on every revision of a long history.
fn header_lines(text: &str) -> impl Iterator<Item = usize> + '_ {
    let b = text.as_bytes();
    memchr::memchr_iter(b'[', b).filter_map(move |i| {
        let indent = b[..i]
            .iter()
            .rev()
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count();
        let start = i - indent;
        (start == 0 || b[start - 1] == b'\n').then_some(start)
    })
}

impl SectionCache {
    /// The agreement `text` holds, or `None` when the fast path cannot be sure of it.
    pub fn parse(&self, text: &str) -> Option<Agreement> {
        // A multi-line string may hold a line that looks like a header.
        let b = text.as_bytes();
        if memchr::memmem::find(b, b"\"\"\"").is_some() || memchr::memmem::find(b, b"'''").is_some()
        {
            return None;
        }
        let mut sections: Vec<(Option<Kind>, &str)> = Vec::new();
        let mut kind = None;
        let mut start = 0;
        for line_start in header_lines(text) {
            let end =
                memchr::memchr(b'\n', &b[line_start..]).map_or(text.len(), |n| line_start + n + 1);
            let next = Some(Kind::of_header(&text[line_start..end])?);
            sections.push((kind, &text[start..line_start]));
            kind = next;
            start = end;
        }
        sections.push((kind, &text[start..]));

        let mut sections = sections.into_iter();
        let (_, head) = sections.next()?;
        let mut a = cached(&self.heads, head)?;
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
                Kind::Members if !inline.0 => a.members.push(cached(&self.members, body)?),
                Kind::Presence if !inline.1 && a.presence.is_none() => {
                    a.presence = Some(cached(&self.presence, body)?);
                }
                Kind::Rituals if !inline.2 => a.rituals.push(cached(&self.rituals, body)?),
                Kind::Norms if !inline.3 => a.norms.push(cached(&self.norms, body)?),
                Kind::Consent if !inline.4 => a.consent.push(cached(&self.consent, body)?),
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
        let cache = SectionCache::default();
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
        let cache = SectionCache::default();
        let first = cache.parse(BASE).expect("fast path");
        assert_eq!(Some(first), full(BASE));
        let second = BASE.replace("version = 1", "version = 2") + "\n[[members]]\nname = \"Ben\"\n";
        assert_eq!(cache.parse(&second), full(&second));
        assert_eq!(
            cache.members.lock().unwrap().len(),
            2,
            "Ana's section was parsed once"
        );
    }

    /// What the slow path reads: the whole-file checks, then the parser.
    fn checked_full(text: &str) -> Option<Agreement> {
        let src = crate::source::Source::from_bytes(Path::new("t.toml"), text.into()).ok()?;
        full(&src.text)
    }

    #[test]
    fn a_section_failing_the_file_checks_takes_the_slow_path() {
        let cache = SectionCache::default();
        assert!(cache.parse(BASE).is_some());
        let deep = format!("x = {}1{}", "[".repeat(40), "]".repeat(40));
        let split_deep = format!(
            "x = {}\n[[norms]]\ny = {}1{}",
            "[".repeat(20),
            "[".repeat(20),
            "]".repeat(40)
        );
        let cases = [
            BASE.replace("name = \"Demo\"\n", "name = \"Demo\"\n<<<<<<< HEAD\n"),
            BASE.replace("name = \"Ana\"\n", "name = \"Ana\"\n=======\n"),
            BASE.replace("days = [\"tue\"]\n", &format!("days = [\"tue\"]\n{deep}\n")),
            BASE.replace(
                "days = [\"tue\"]\n",
                &format!("days = [\"tue\"]\n{split_deep}\n"),
            ),
        ];
        for text in cases {
            assert_eq!(checked_full(&text), None, "the slow path refuses {text}");
            assert_eq!(cache.parse(&text), None, "{text}");
        }
    }

    /// Every pair of pieces, so the property below is known to exercise the fast path.
    #[test]
    fn pairs_of_pieces_agree_with_the_checked_full_parse() {
        let mut fast = 0;
        for a in PIECES {
            for b in PIECES {
                let text = format!("{BASE}{a}\n{b}\n");
                if let Some(agreement) = SectionCache::default().parse(&text) {
                    assert_eq!(Some(agreement), checked_full(&text), "{text}");
                    fast += 1;
                }
            }
        }
        assert!(fast >= 50, "only {fast} texts took the fast path");
    }

    proptest::proptest! {
        /// Any mix of sections, conflict markers, deep brackets, multi-line strings and odd
        /// headers: the fast path either steps aside or reads exactly what the checked
        /// whole-file parse reads.
        #[test]
        fn never_disagrees_with_the_checked_full_parse(
            picks in proptest::collection::vec(0usize..PIECES.len(), 0..16)
        ) {
            let mut text = String::from("schema = 1\nteam = \"T\"\nversion = 1\nstatus = \"draft\"\n");
            for i in picks {
                text.push_str(PIECES[i]);
                text.push('\n');
            }
            let cache = SectionCache::default();
            // Twice: the second time every section comes from the cache.
            for _ in 0..2 {
                if let Some(fast) = cache.parse(&text) {
                    proptest::prop_assert_eq!(Some(fast), checked_full(&text), "{}", text);
                }
            }
        }
    }

    /// Whole sections (most of what the generator picks, so many texts are valid) and lines
    /// that trip the checks or the splitting.
    const PIECES: &[&str] = &[
        "[[members]]\nname = \"Ana\"",
        "[[members]]\nname = \"Ben\"\nrole = \"lead\"",
        "[presence]\ndays = [\"tue\"]",
        "[presence]\ndays = [\n  \"tue\",\n  \"thu\",\n]",
        "[[rituals]]\nid = \"demo\"\nname = \"Demo\"\ncadence = \"weekly\"\nday = \"thu\"",
        "[[rituals]]\nid = \"retro\"\nname = \"Retro [monthly]\"\ncadence = \"monthly\"",
        "[[norms]]\nid = \"kind\"\ntext = \"Be kind\"",
        "[[norms]]\nid = \"camera\"\ntext = \"Cameras on\"\n  # [[norms]] in a comment",
        "[[consent]]\nitem = \"presence\"\nagree = 4\nconcerns = 0\nobjections = 0",
        "<<<<<<< HEAD",
        "=======",
        ">>>>>>> other",
        "x = [[[[[[[[[[[[[[[[[[[[",
        "]]]]]]]]]]]]]]]]]]]]",
        "purpose = \"\"\"",
        "\"\"\"",
        "  [[norms]]",
        "[presence] # days",
        "[presence.extra]",
        "",
    ];

    #[test]
    fn falls_back_on_anything_it_does_not_know() {
        let cache = SectionCache::default();
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
