//! Git: reading history in-process (gix), committing through the user's own `git`.
//!
//! Reading never needs a C toolchain or a `git` binary; committing shells out so the
//! user's hooks, signing and identity apply, and commits only Accord's files.

mod blame;
mod changes;
mod commit;
mod history;
mod lookup;
pub mod message;
mod parked;
mod repo;
mod sections;
mod walk;

pub use blame::{ItemBlame, Origin};
pub use changes::{Side, TeamChange, changed_teams};
pub use history::Revision;
pub use lookup::GitHistory;
pub use parked::{
    MAX_COMMITS as MAX_PARKED_COMMITS, MAX_TOPICS as MAX_PARKED_TOPICS, Parked, ParkedAt,
    topics as parked_topics,
};
pub use repo::{HeadState, InProgress, Repo};
pub use walk::Change;

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::diag::Diagnostic;

/// The work tree of the repository that contains `path`, if any.
pub fn work_tree_of(path: &Path) -> Option<PathBuf> {
    // Discovery starts from a folder: a file's (or a file yet to be written's) parent.
    let start = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent()?.to_path_buf()
    };
    let start = if start.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        start
    };
    let repo = gix::discover(&start).ok()?;
    repo.workdir().map(Path::to_path_buf)
}

/// `git init` in `dir`, through the user's git so their templates and defaults apply.
pub fn init(dir: &Path) -> Result<(), Diagnostic> {
    let out = Command::new("git")
        .arg("init")
        .arg("--quiet")
        .current_dir(dir)
        .output()
        .map_err(|e| {
            Diagnostic::error("no-git", format!("cannot run git: {e}"))
                .with_hint("install git (https://git-scm.com) and make sure it is on PATH")
        })?;
    if out.status.success() {
        Ok(())
    } else {
        Err(Diagnostic::error(
            "git-init",
            format!(
                "git init failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ),
        )
        .with_hint("run `git init` yourself to see what is wrong"))
    }
}
