//! Shared by the integration tests: real folders in temporary directories.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// A copy of the repository's example agreements folder, to change freely.
pub fn examples() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("agreements");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("agreements"),
        &root,
    );
    (tmp, root)
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Writes `text` at `root/rel`, creating folders.
pub fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

pub fn date(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

/// An active agreement with `members` (name, mode), Tuesday presence at 0.8, one weekly ritual.
pub fn agreement(team: &str, members: &[(&str, &str)]) -> String {
    let mut s = format!(
        "schema = 1\nteam = \"{team}\"\nversion = 1\nstatus = \"active\"\nadopted = 2026-09-01\nreview_by = 2027-03-01\n"
    );
    for (name, mode) in members {
        s.push_str(&format!(
            "\n[[members]]\nname = \"{name}\"\nmode = \"{mode}\"\n"
        ));
    }
    s.push_str("\n[presence]\ndays = [\"tue\"]\nmin_attendance = 0.8\n\n[[rituals]]\nid = \"demo\"\nname = \"Demo\"\ncadence = \"weekly\"\nday = \"thu\"\n\n[[norms]]\nid = \"n1\"\ntext = \"A norm.\"\n");
    s
}

/// A check-in of `agreement` with a pulse of `scores` and `comments`.
pub fn checkin(date: &str, from: &str, to: &str, scores: &[u8], comments: &[&str]) -> String {
    let scores: Vec<String> = scores.iter().map(u8::to_string).collect();
    let comments: Vec<String> = comments.iter().map(|c| format!("\"{c}\"")).collect();
    format!(
        "schema = 1\ndate = {date}\nfrom = {from}\nto = {to}\nagreement_version = 1\n\n[[rituals]]\nid = \"demo\"\nheld = 1\n\n[[norms]]\nid = \"n1\"\nrating = \"kept\"\n\n[pulse]\nscores = [{}]\ncomments = [{}]\n",
        scores.join(", "),
        comments.join(", ")
    )
}

/// The fenced blocks of a Markdown document, as (info string, body).
pub fn fenced_blocks(doc: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in doc.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => open = Some((info.to_string(), String::new())),
            (Some(_), Some("")) => out.extend(open.take()),
            (Some((_, body)), _) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

/// The runs a document shows: blocks whose first line is `$ accord ARGS`, as (ARGS, output).
pub fn documented_runs(doc: &str) -> Vec<(Vec<String>, String)> {
    fenced_blocks(doc)
        .into_iter()
        .filter_map(|(_, body)| {
            let (first, output) = body.split_once('\n')?;
            let args = first.strip_prefix("$ accord ")?;
            Some((
                args.split_whitespace().map(str::to_string).collect(),
                output.to_string(),
            ))
        })
        .collect()
}
