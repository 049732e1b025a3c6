//! Committing Accord's files through the user's own `git`, so their hooks, signing and
//! identity apply — and `git commit --only`, so nothing else staged or dirty is committed.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use super::repo::{HeadState, Repo};
use crate::diag::Diagnostic;
use crate::model::FileKind;
use crate::source::Source;

impl Repo {
    /// Whether a commit may be made now: git is installed, no operation is half done,
    /// HEAD is on a branch, the index is not locked or conflicted, and git knows who
    /// the user is. Checked before Accord writes anything, so a refusal changes nothing.
    pub fn can_commit(&self) -> Result<(), Diagnostic> {
        self.git(["--version"])?;
        if let Some(op) = self.in_progress() {
            let (what, hint) = op.describe();
            return Err(Diagnostic::error(
                "operation-in-progress",
                format!("cannot commit: {what}"),
            )
            .with_hint(hint));
        }
        if let HeadState::Detached { commit } = self.head_state()? {
            return Err(Diagnostic::error(
                "detached-head",
                format!(
                    "cannot commit: HEAD is detached at {}, so the commit would belong to no branch",
                    &commit[..commit.len().min(7)]
                ),
            )
            .with_hint("switch to a branch first (`git switch main`, or `git switch -c NEW-BRANCH` to start one here); reading history works as it is"));
        }
        let lock = self.inner.index_path().with_extension("lock");
        if lock.exists() {
            return Err(Diagnostic::error(
                "index-locked",
                format!(
                    "cannot commit: {} exists, so another git command is running or one stopped without cleaning up",
                    lock.display()
                ),
            )
            .with_hint(format!(
                "wait for the other git command to finish; if none is running, delete {} yourself (Accord never deletes it)",
                lock.display()
            )));
        }
        let unmerged = self.unmerged_paths();
        if !unmerged.is_empty() {
            return Err(Diagnostic::error(
                "unmerged-files",
                format!(
                    "cannot commit: the index has unresolved conflicts in {}",
                    unmerged.join(", ")
                ),
            )
            .with_hint("resolve them (edit the files, then `git add` them), then save again"));
        }
        for who in ["GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"] {
            let out = self.git(["-c", "user.useConfigOnly=true", "var", who])?;
            if !out.status.success() {
                return Err(Diagnostic::error(
                    "no-identity",
                    "cannot commit: git does not know your name and email (user.name and user.email are not set)",
                )
                .with_hint("set them once: git config --global user.name \"Your Name\" && git config --global user.email you@example.com"));
            }
        }
        Ok(())
    }

    /// Commits exactly `files` (paths on disk, inside the work tree) with `message`,
    /// whatever else is staged or changed; returns the new commit's id.
    /// A new file is added first; a deleted file that git tracks records its deletion.
    pub fn commit(&self, files: &[PathBuf], message: &str) -> Result<String, Diagnostic> {
        self.can_commit()?;
        if files.is_empty() {
            return Err(nothing_to_commit());
        }
        let mut rel = Vec::with_capacity(files.len());
        let mut untracked = Vec::new();
        let index = self.index();
        for f in files {
            let r = self.relative(f)?;
            let on_disk = self.absolute(&r);
            if on_disk.exists() && FileKind::of_path(&on_disk).is_some() {
                // The checks of every read: a conflict marker must never be committed.
                Source::read(&on_disk)?;
            }
            let known = index
                .as_ref()
                .is_some_and(|i| i.entry_by_path(r.as_str().into()).is_some());
            if !known {
                if !on_disk.exists() {
                    return Err(Diagnostic::error(
                        "no-such-file",
                        format!("cannot commit {r}: it does not exist and git does not track it"),
                    )
                    .with_hint("this is a bug in Accord; please report it"));
                }
                untracked.push(r.clone());
            }
            rel.push(r);
        }
        if untracked.is_empty() && !self.differs_from_head(&rel)? {
            return Err(nothing_to_commit());
        }
        let mut msg = tempfile::NamedTempFile::new().map_err(|e| {
            Diagnostic::error(
                "commit-message",
                format!("cannot write the commit message to a temporary file: {e}"),
            )
            .with_hint("check that the temporary folder ($TMPDIR) is writable")
        })?;
        std::io::Write::write_all(&mut msg, message.as_bytes()).map_err(|e| {
            Diagnostic::error(
                "commit-message",
                format!("cannot write the commit message: {e}"),
            )
            .with_hint("check that the temporary folder ($TMPDIR) has space")
        })?;
        if !untracked.is_empty() {
            let out = self.git(
                ["add", "--"]
                    .into_iter()
                    .map(OsStr::new)
                    .chain(untracked.iter().map(OsStr::new)),
            )?;
            if !out.status.success() {
                return Err(git_failed("git add", &out));
            }
        }
        let out = self.git(
            [
                OsStr::new("commit"),
                OsStr::new("--only"),
                OsStr::new("--quiet"),
                OsStr::new("-F"),
                msg.path().as_os_str(),
                OsStr::new("--"),
            ]
            .into_iter()
            .chain(rel.iter().map(OsStr::new)),
        )?;
        if !out.status.success() {
            self.unstage(&untracked);
            return Err(git_failed("git commit", &out));
        }
        // Read the new HEAD afresh: the open repository may have cached the old one.
        let fresh = Repo::discover(self.workdir())?;
        fresh
            .head_commit()?
            .map(|id| id.to_string())
            .ok_or_else(|| git_failed("git commit", &out))
    }

    /// Runs the user's git in the work tree; only failing to start it is an error here.
    fn git<I, S>(&self, args: I) -> Result<Output, Diagnostic>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Command::new("git")
            .args(args)
            .current_dir(self.workdir())
            // Paths are file names, never patterns.
            .env("GIT_LITERAL_PATHSPECS", "1")
            .stdin(Stdio::null())
            .output()
            .map_err(|e| {
                Diagnostic::error("no-git", format!("cannot run git: {e}"))
                    .with_hint("install git (https://git-scm.com) and make sure it is on PATH; Accord commits through it")
            })
    }

    /// Undoes Accord's own `git add` after a refused commit, so the index is as it was.
    fn unstage(&self, paths: &[String]) {
        if paths.is_empty() {
            return;
        }
        let args: Vec<&OsStr> = ["rm", "--cached", "--quiet", "--"]
            .into_iter()
            .map(OsStr::new)
            .chain(paths.iter().map(OsStr::new))
            .collect();
        let _ = self.git(args);
    }

    fn index(&self) -> Option<gix::worktree::Index> {
        self.inner.index_or_empty().ok()
    }

    fn unmerged_paths(&self) -> Vec<String> {
        let Some(index) = self.index() else {
            return Vec::new();
        };
        let mut out: Vec<String> = index
            .entries()
            .iter()
            .filter(|e| e.stage_raw() != 0)
            .map(|e| e.path(&index).to_string())
            .collect();
        out.dedup();
        out
    }

    /// Whether the file on disk is, byte for byte, the file in HEAD.
    pub fn same_as_head(&self, path: &std::path::Path) -> bool {
        self.relative(path)
            .and_then(|rel| self.differs_from_head(&[rel]))
            .is_ok_and(|differs| !differs)
    }

    /// Whether any of the files differs between the work tree and HEAD.
    fn differs_from_head(&self, rel: &[String]) -> Result<bool, Diagnostic> {
        let Some(head) = self.head_commit()? else {
            return Ok(true);
        };
        for r in rel {
            let committed = self.file_bytes_at(head, r)?;
            let abs = self.absolute(r);
            let mut buf = Vec::new();
            let root = crate::store::workspace::root_of(&abs);
            let on_disk = crate::store::workspace::read_into(&abs, &root, &mut buf)
                .ok()
                .map(|()| buf);
            if committed != on_disk {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn file_bytes_at(
        &self,
        commit: gix::ObjectId,
        rel: &str,
    ) -> Result<Option<Vec<u8>>, Diagnostic> {
        let mut w = super::walk::Walker::new(self);
        let tree = w.tree_of(commit)?;
        match w.blob_at(tree, rel) {
            Some(b) => w.read_blob(b).map(Some),
            None => Ok(None),
        }
    }
}

fn nothing_to_commit() -> Diagnostic {
    Diagnostic::warning(
        "nothing-to-commit",
        "nothing to commit: the files are as in the last commit",
    )
    .with_hint("change the agreement first")
}

fn git_failed(what: &str, out: &Output) -> Diagnostic {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let detail = if stderr.trim().is_empty() {
        stdout
    } else {
        stderr
    };
    let detail = crate::text::sanitize(detail.trim()).into_owned();
    Diagnostic::error("git-failed", format!("{what} failed: {detail}")).with_hint(
        "nothing was committed; if a hook refused the commit, fix what it reports and save again",
    )
}
