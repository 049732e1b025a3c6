//! GitLab's code quality report (a subset of the Code Climate format): a JSON array that a
//! merge-request job publishes as `artifacts:reports:codequality`, so each finding shows on
//! the merge request, marked new or fixed against the target branch.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use super::{Diagnostic, Severity};
use crate::text::sanitize;

#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: String,
    /// GitLab tells a finding that persists from a new one by this, so it leaves out the line:
    /// an edit above a finding must not make it look fixed and new again.
    fingerprint: String,
    severity: &'static str,
    location: IssueLocation,
}

#[derive(Serialize)]
struct IssueLocation {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// The report for `diags`. GitLab links a path relative to the repository root: `relative`
/// gives that for a path in the repository; other paths are written as given.
pub fn report(diags: &[Diagnostic], relative: impl Fn(&Path) -> Option<String>) -> String {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let issues: Vec<Issue> = diags
        .iter()
        .map(|d| {
            let (path, line) = match &d.location {
                Some(l) => (
                    relative(&l.path).unwrap_or_else(|| display(&l.path)),
                    l.line.unwrap_or(1),
                ),
                // A finding about no file in particular (GitLab requires a path).
                None => (".".to_string(), 1),
            };
            let mut description = d.message.clone();
            if let Some(h) = &d.hint {
                description.push_str(" — help: ");
                description.push_str(h);
            }
            let key = format!("{}\0{path}\0{}", d.code, d.message);
            // Two identical findings in one file still need two fingerprints.
            let n = seen.entry(key.clone()).or_default();
            *n += 1;
            Issue {
                description: sanitize(&description).into_owned(),
                check_name: format!("accord/{}", d.code),
                fingerprint: fingerprint(&format!("{key}\0{n}")),
                severity: match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                // Exact, so GitLab can link the file: the JSON escaper keeps its bytes safe.
                location: IssueLocation {
                    path,
                    lines: Lines { begin: line },
                },
            }
        })
        .collect();
    let mut out = crate::render::json::to_string_pretty(&issues);
    out.push('\n');
    out
}

/// The path as GitLab links it: relative, with `/`, without a leading `./`.
fn display(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut rest = s.as_str();
    while let Some(r) = rest.strip_prefix("./") {
        rest = r;
    }
    rest.to_string()
}

/// A stable hex digest (SHA-1, through gix, which Accord links already).
fn fingerprint(key: &str) -> String {
    let mut h = gix::hash::hasher(gix::hash::Kind::Sha1);
    h.update(key.as_bytes());
    // Finalising fails only on input crafted to collide; the key itself is unique too.
    h.try_finalize()
        .map_or_else(|_| key.replace('\0', "/"), |id| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    fn parsed(diags: &[Diagnostic]) -> serde_json::Value {
        serde_json::from_str(&report(diags, |_| None)).unwrap()
    }

    #[test]
    fn a_finding_has_place_severity_and_a_stable_fingerprint() {
        let src = Source::new("./agreements/a/agreement.toml", "x = 1\n[presense]\n");
        let d = Diagnostic::error("unknown-key", "unknown key \"presense\"")
            .at(&src, 7..15)
            .with_hint("write \"presence\"");
        let v = parsed(std::slice::from_ref(&d));
        let issue = &v[0];
        assert_eq!(
            issue["description"],
            "unknown key \"presense\" — help: write \"presence\""
        );
        assert_eq!(issue["check_name"], "accord/unknown-key");
        assert_eq!(issue["severity"], "major");
        assert_eq!(issue["location"]["path"], "agreements/a/agreement.toml");
        assert_eq!(issue["location"]["lines"]["begin"], 2);
        let print = issue["fingerprint"].as_str().unwrap();
        assert_eq!(print.len(), 40);
        // The same finding two lines lower is the same finding.
        let lower = Source::new("./agreements/a/agreement.toml", "x = 1\n\n\n[presense]\n");
        let moved = Diagnostic {
            location: Some(Box::new(lower.location(9..17))),
            ..d.clone()
        };
        assert_eq!(parsed(&[moved])[0]["fingerprint"], print);
        // Another message is another finding.
        let other = Diagnostic {
            message: "unknown key \"rituls\"".into(),
            ..d
        };
        assert_ne!(parsed(&[other])[0]["fingerprint"], print);
    }

    #[test]
    fn twins_differ_warnings_are_minor_and_no_place_is_the_root() {
        let w =
            Diagnostic::warning("review-due", "review \u{1b}[2Jdue").at_file(Path::new("t.toml"));
        let v = parsed(&[
            w.clone(),
            w.clone(),
            Diagnostic::error("empty", "no agreements"),
        ]);
        assert_eq!(v.as_array().unwrap().len(), 3);
        assert_ne!(v[0]["fingerprint"], v[1]["fingerprint"]);
        assert_eq!(v[0]["severity"], "minor");
        assert_eq!(v[0]["location"]["lines"]["begin"], 1);
        assert!(!v[0]["description"].as_str().unwrap().contains('\u{1b}'));
        assert_eq!(v[2]["location"]["path"], ".");
        assert_eq!(report(&[], |_| None), "[]\n");
        let rooted = report(&[w], |p| Some(format!("repo/{}", p.display())));
        assert!(rooted.contains("\"path\": \"repo/t.toml\""), "{rooted}");
    }
}
