//! Turns the bundled `agreements/` examples into a git repository with the history Accord
//! itself would have written, so that closing the loop can be tried on them:
//! `cargo run --example loop-demo-repo -- DIR`, then `cd DIR` and `accord edit payments` or
//! `accord checkin payments`.
//!
//! The examples are copied to `DIR/agreements`; every team's agreement is committed with
//! Accord's adoption message, then its check-ins in date order with Accord's check-in message.
//! The adoptions and check-ins park the topics in [`PARKED`], so the next `accord edit` and
//! the next check-in open with them. Commit dates are fixed (each file's own date, noon UTC):
//! the same examples always give the same history.

use std::path::{Path, PathBuf};

use accord::diff::AgreementDiff;
use accord::git::{Repo, message};
use accord::model::{Agreement, CheckIn};
use accord::store::Workspace;

/// Topics each team parked: at its adoption, and at its last check-in.
const PARKED: [(&str, &[&str], &[&str]); 2] = [
    (
        "payments",
        &["Quiet room on office days", "Lunch budget for team days"],
        &["Desk booking for Thursdays"],
    ),
    ("atlas", &["Travel days for the Lisbon trip"], &[]),
];

fn main() {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: loop-demo-repo DIR (a new or empty directory)");
        std::process::exit(2);
    };
    if let Err(e) = run(&dir) {
        eprintln!("loop-demo-repo: {e}");
        std::process::exit(1);
    }
    println!("{}: the examples with Accord's history", dir.display());
}

fn run(dir: &Path) -> Result<(), String> {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("agreements");
    let target = dir.join("agreements");
    if target.exists() {
        return Err(format!("{} exists already", target.display()));
    }
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    copy_dir(&examples, &target).map_err(|e| format!("copying the examples: {e}"))?;
    accord::git::init(dir).map_err(|d| d.message)?;
    let repo = Repo::discover(dir).map_err(|d| d.message)?;
    commit(
        &repo,
        &[target.join("accord.toml")],
        "agreements: the folder's settings\n",
        "2026-08-31",
    )?;
    let ws = Workspace::new(target.clone());
    for team in ws.teams().map_err(|d| d.message)? {
        let (adoption, last) = PARKED
            .iter()
            .find(|(t, _, _)| *t == team)
            .map_or((&[][..], &[][..]), |(_, a, c)| (*a, *c));
        let a: Agreement = accord::store::load(&ws.agreement_path(&team))
            .map_err(|d| d.message)?
            .value;
        let parked: Vec<String> = adoption.iter().map(|s| s.to_string()).collect();
        let msg = message::agreement(&team, &a, &AgreementDiff::created(&a), &parked);
        let day = a
            .adopted
            .map_or_else(|| "2026-08-31".to_string(), |d| d.to_string());
        commit(&repo, &[ws.agreement_path(&team)], &msg, &day)?;
        let paths = ws.checkin_paths(&team);
        for (i, p) in paths.iter().enumerate() {
            let c: CheckIn = accord::store::load(p).map_err(|d| d.message)?.value;
            let parked: Vec<String> = if i + 1 == paths.len() {
                last.iter().map(|s| s.to_string()).collect()
            } else {
                Vec::new()
            };
            let msg = message::checkin(&team, &c, &parked);
            commit(&repo, std::slice::from_ref(p), &msg, &c.date.to_string())?;
        }
    }
    Ok(())
}

/// Commits through Accord's own commit (exactly these files), dated `day` at noon UTC.
fn commit(repo: &Repo, files: &[PathBuf], msg: &str, day: &str) -> Result<(), String> {
    let when = format!("{day}T12:00:00+00:00");
    // SAFETY: single-threaded; git reads the dates from the environment of its child.
    unsafe {
        std::env::set_var("GIT_AUTHOR_DATE", &when);
        std::env::set_var("GIT_COMMITTER_DATE", &when);
    }
    repo.commit(files, msg).map(drop).map_err(|d| d.message)
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    let mut entries: Vec<_> = std::fs::read_dir(from)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if e.file_type()?.is_dir() {
            copy_dir(&src, &dst)?;
        } else {
            std::fs::copy(&src, &dst)?;
        }
    }
    Ok(())
}
