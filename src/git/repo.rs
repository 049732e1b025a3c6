//! The repository an agreements folder lives in: finding it, naming paths inside
//! it, resolving revisions, and the state it is in.

use std::path::{Component, Path, PathBuf};

use gix::ObjectId;

use crate::diag::Diagnostic;

/// A git repository with a work tree, opened in-process for reading.
pub struct Repo {
    pub(crate) inner: gix::Repository,
    /// The work tree, canonicalised so paths given on the command line can be made relative to it.
    workdir: PathBuf,
}

/// What HEAD points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadState {
    /// On a branch with commits.
    Branch { name: String, commit: String },
    /// On a branch that has no commit yet (a new repository).
    Unborn { name: String },
    /// HEAD names a commit, not a branch.
    Detached { commit: String },
}

/// An operation git has started and not finished, during which Accord does not commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InProgress {
    Merge,
    Rebase,
    CherryPick,
    Revert,
    Bisect,
    ApplyMailbox,
}

impl InProgress {
    /// (what is going on, how to get out of it).
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            InProgress::Merge => (
                "a merge is in progress",
                "finish it (resolve the conflicts, then `git commit`) or abort it (`git merge --abort`), then save again",
            ),
            InProgress::Rebase => (
                "a rebase is in progress",
                "finish it (`git rebase --continue`) or abort it (`git rebase --abort`), then save again",
            ),
            InProgress::CherryPick => (
                "a cherry-pick is in progress",
                "finish it (`git cherry-pick --continue`) or abort it (`git cherry-pick --abort`), then save again",
            ),
            InProgress::Revert => (
                "a revert is in progress",
                "finish it (`git revert --continue`) or abort it (`git revert --abort`), then save again",
            ),
            InProgress::Bisect => (
                "a bisect is in progress",
                "end it with `git bisect reset`, then save again",
            ),
            InProgress::ApplyMailbox => (
                "`git am` is applying patches",
                "finish it (`git am --continue`) or abort it (`git am --abort`), then save again",
            ),
        }
    }
}

impl Repo {
    /// The repository containing `path` (a file or folder, which need not exist yet).
    pub fn discover(path: &Path) -> Result<Repo, Diagnostic> {
        let abs = resolve(path);
        let mut start = abs.as_path();
        while !start.is_dir() {
            match start.parent() {
                Some(p) => start = p,
                None => break,
            }
        }
        let mut inner = gix::discover(start).map_err(|_| not_a_repository(path))?;
        // History reads the same delta bases again and again: keep the recent ones decoded.
        inner.objects.set_pack_cache(|| {
            Box::new(gix::odb::pack::cache::lru::StaticLinkedList::<64>::default())
        });
        let Some(workdir) = inner.workdir() else {
            return Err(Diagnostic::error(
                "bare-repository",
                format!(
                    "{} is in a bare git repository (no work tree)",
                    path.display()
                ),
            )
            .with_hint("clone it (`git clone`) and run Accord in the clone"));
        };
        let workdir = workdir
            .canonicalize()
            .unwrap_or_else(|_| workdir.to_path_buf());
        Ok(Repo { inner, workdir })
    }

    pub fn workdir(&self) -> &Path {
        &self.workdir
    }

    pub fn git_dir(&self) -> &Path {
        self.inner.git_dir()
    }

    /// `path` relative to the work tree, with `/` separators, as git names it.
    pub fn relative(&self, path: &Path) -> Result<String, Diagnostic> {
        let abs = resolve(path);
        let rel = abs.strip_prefix(&self.workdir).map_err(|_| {
            Diagnostic::error(
                "outside-repository",
                format!(
                    "{} is outside the repository at {}",
                    path.display(),
                    self.workdir.display()
                ),
            )
            .with_hint("keep the agreements folder inside the repository")
        })?;
        let parts: Vec<&str> = rel
            .components()
            .filter_map(|c| match c {
                Component::Normal(s) => s.to_str(),
                _ => None,
            })
            .collect();
        if parts.len() != rel.components().count() {
            return Err(Diagnostic::error(
                "path-encoding",
                format!("{} is not a UTF-8 path", path.display()),
            )
            .with_hint("rename the folder with letters, digits and '-'"));
        }
        Ok(parts.join("/"))
    }

    /// Where a repository path is on disk.
    pub fn absolute(&self, repo_path: &str) -> PathBuf {
        self.workdir.join(repo_path)
    }

    pub fn head_state(&self) -> Result<HeadState, Diagnostic> {
        let head = self.inner.head().map_err(|e| read_error("HEAD", e))?;
        let name = |h: &gix::Head<'_>| {
            h.referent_name()
                .map(|n| n.shorten().to_string())
                .unwrap_or_default()
        };
        if head.is_unborn() {
            return Ok(HeadState::Unborn { name: name(&head) });
        }
        let commit = head.id().map(|id| id.to_string()).unwrap_or_default();
        if head.is_detached() {
            Ok(HeadState::Detached { commit })
        } else {
            Ok(HeadState::Branch {
                name: name(&head),
                commit,
            })
        }
    }

    pub fn in_progress(&self) -> Option<InProgress> {
        use gix::state::InProgress as G;
        self.inner.state().map(|s| match s {
            G::Merge => InProgress::Merge,
            G::Rebase | G::RebaseInteractive | G::ApplyMailboxRebase => InProgress::Rebase,
            G::CherryPick | G::CherryPickSequence => InProgress::CherryPick,
            G::Revert | G::RevertSequence => InProgress::Revert,
            G::Bisect => InProgress::Bisect,
            G::ApplyMailbox => InProgress::ApplyMailbox,
        })
    }

    pub fn is_shallow(&self) -> bool {
        self.inner.is_shallow().unwrap_or(false)
    }

    /// The short ids of a shallow clone's boundary commits (where its history stops); empty
    /// when the clone is complete.
    pub fn shallow_boundary(&self) -> Vec<String> {
        match self.inner.shallow_commits() {
            Ok(Some(commits)) => commits.iter().map(Repo::short).collect(),
            _ => Vec::new(),
        }
    }

    /// The commit a revision names (`HEAD`, `main`, `v3`, `abc1234`, `HEAD~2` …).
    pub fn resolve(&self, rev: &str) -> Result<ObjectId, Diagnostic> {
        let found = self
            .inner
            .rev_parse_single(rev)
            .map_err(|e| e.to_string())
            .and_then(|id| {
                id.object()
                    .map_err(|e| e.to_string())?
                    .peel_to_commit()
                    .map(|c| c.id)
                    .map_err(|e| e.to_string())
            });
        match found {
            Ok(id) => Ok(id),
            Err(_) if rev == "HEAD" && matches!(self.head_state(), Ok(HeadState::Unborn { .. })) => {
                Err(Diagnostic::error("no-commits", "this repository has no commits yet")
                    .with_hint("commit the agreement first (for example `accord fmt --commit`), then compare revisions"))
            }
            Err(_) if self.is_shallow() => Err(self.shallow_missing(rev)),
            Err(detail) => Err(Diagnostic::error(
                "unknown-revision",
                format!("git does not know the revision \"{rev}\" ({detail})"),
            )
            .with_hint(
                "name a commit, branch or tag (`git log --oneline` lists the commits)",
            )),
        }
    }

    /// The error for a revision this shallow clone does not have.
    pub(crate) fn shallow_missing(&self, rev: &str) -> Diagnostic {
        Diagnostic::error(
            "shallow-clone",
            format!("\"{rev}\" is not in this clone: it is shallow and that history was not fetched"),
        )
        .with_hint("fetch more history (`git fetch --unshallow`, or `fetch-depth: 0` with actions/checkout), then run this again")
    }

    /// The short form of a commit id shown to people.
    pub fn short(id: &ObjectId) -> String {
        id.to_hex_with_len(7).to_string()
    }
}

pub(crate) fn not_a_repository(path: &Path) -> Diagnostic {
    Diagnostic::error(
        "not-a-repository",
        format!("{} is not in a git repository", path.display()),
    )
    .with_hint(
        "run `accord init` to create one (or `git init`), or run Accord inside your repository",
    )
}

pub(crate) fn read_error(what: &str, e: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error("git-read", format!("cannot read {what} from git: {e}"))
        .with_hint("check the repository with `git status`; `git fsck` finds damaged objects")
}

/// An absolute path with symbolic links resolved as far as the path exists.
fn resolve(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut out = real;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return out;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return abs,
        }
    }
}
