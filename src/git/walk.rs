//! Following one file back through the commit graph, the way `git log --follow -- FILE`
//! does: a commit that leaves the file as one of its parents had it is skipped and only
//! that parent is followed; a commit that adds the file is checked for a renamed team folder.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};

use gix::ObjectId;
use gix::objs::tree::EntryKind;

use super::repo::{Repo, read_error};
use crate::diag::Diagnostic;

/// How a commit changed the file being followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The file appears for the first time.
    Added,
    Modified,
    /// The file appears here and was at `from` in the parent: a renamed team folder.
    Renamed {
        from: String,
    },
    Deleted,
    /// The oldest commit of a shallow clone: what came before was not fetched.
    Boundary,
}

/// A commit that changed the file.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub commit: ObjectId,
    pub path: String,
    pub blob: Option<ObjectId>,
    /// The file in the first parent that had it: (path there, blob).
    pub parent: Option<(String, ObjectId)>,
    pub change: Change,
}

#[derive(Clone)]
struct CommitInfo {
    tree: ObjectId,
    parents: Vec<ObjectId>,
    time: i64,
}

/// Caches decoded commits and path lookups, so each object is read once per walk.
pub(crate) struct Walker<'r> {
    repo: &'r Repo,
    commits: HashMap<ObjectId, Option<CommitInfo>>,
    entries: HashMap<(ObjectId, String), Option<ObjectId>>,
    shallow: HashSet<ObjectId>,
    /// The undecoded commits read so far.
    pub raw: HashMap<ObjectId, Vec<u8>>,
    /// The path followed at every commit visited, for finding a file at a revision after a rename.
    pub visited: HashMap<ObjectId, String>,
}

impl<'r> Walker<'r> {
    pub fn new(repo: &'r Repo) -> Self {
        let shallow = repo
            .inner
            .shallow_commits()
            .ok()
            .flatten()
            .map(|c| c.iter().copied().collect())
            .unwrap_or_default();
        Walker {
            repo,
            commits: HashMap::new(),
            entries: HashMap::new(),
            shallow,
            raw: HashMap::new(),
            visited: HashMap::new(),
        }
    }

    /// A commit's tree, parents and time; `None` when the object is not in the repository.
    fn commit(&mut self, id: ObjectId) -> Option<CommitInfo> {
        if let Some(c) = self.commits.get(&id) {
            return c.clone();
        }
        let info = match self.repo.inner.find_commit(id) {
            Ok(c) => {
                let info = c.decode().ok().map(|d| CommitInfo {
                    tree: d.tree(),
                    parents: d.parents().collect(),
                    time: d.committer().ok().map_or(0, |s| s.seconds()),
                });
                if info.is_some() {
                    // Kept so a revision's author and message need no second read. Copied at its
                    // size, so gix reuses its larger decode buffer for the next object.
                    self.raw.insert(id, c.data.clone());
                }
                info
            }
            Err(_) => None,
        };
        self.commits.insert(id, info.clone());
        info
    }

    pub fn tree_of(&mut self, commit: ObjectId) -> Result<ObjectId, Diagnostic> {
        self.commit(commit)
            .map(|c| c.tree)
            .ok_or_else(|| read_error(&format!("commit {}", Repo::short(&commit)), "not found"))
    }

    /// The blob at `path` (`a/b/c`) in a tree, memoised per sub-tree so unchanged folders are read once.
    pub fn blob_at(&mut self, tree: ObjectId, path: &str) -> Option<ObjectId> {
        let key = (tree, path.to_string());
        if let Some(hit) = self.entries.get(&key) {
            return *hit;
        }
        let (first, rest) = match path.split_once('/') {
            Some((a, b)) => (a, Some(b)),
            None => (path, None),
        };
        let entry = self.repo.inner.find_tree(tree).ok().and_then(|t| {
            t.find_entry(first)
                .map(|e| (e.inner.oid.to_owned(), e.inner.mode.kind()))
        });
        let found = match (entry, rest) {
            (Some((oid, EntryKind::Tree)), Some(rest)) => self.blob_at(oid, rest),
            (Some((oid, EntryKind::Blob | EntryKind::BlobExecutable)), None) => Some(oid),
            _ => None,
        };
        self.entries.insert(key, found);
        found
    }

    /// Sub-folders of `dir` in a tree (names only).
    pub fn folders(&mut self, tree: ObjectId, dir: &str) -> Vec<String> {
        let dir_tree = if dir.is_empty() {
            Some(tree)
        } else {
            self.tree_at(tree, dir)
        };
        let Some(id) = dir_tree else {
            return Vec::new();
        };
        let Ok(t) = self.repo.inner.find_tree(id) else {
            return Vec::new();
        };
        t.iter()
            .filter_map(Result::ok)
            .filter(|e| e.inner.mode.is_tree())
            .map(|e| e.inner.filename.to_string())
            .collect()
    }

    /// Files directly in `dir` of a tree: (name, blob).
    pub fn files(&mut self, tree: ObjectId, dir: &str) -> Vec<(String, ObjectId)> {
        let Some(id) = self.tree_at(tree, dir) else {
            return Vec::new();
        };
        let Ok(t) = self.repo.inner.find_tree(id) else {
            return Vec::new();
        };
        t.iter()
            .filter_map(Result::ok)
            .filter(|e| e.inner.mode.is_blob())
            .map(|e| (e.inner.filename.to_string(), e.inner.oid.to_owned()))
            .collect()
    }

    fn tree_at(&mut self, tree: ObjectId, dir: &str) -> Option<ObjectId> {
        let mut cur = tree;
        for part in dir.split('/').filter(|p| !p.is_empty()) {
            let t = self.repo.inner.find_tree(cur).ok()?;
            let e = t.find_entry(part)?;
            if !e.inner.mode.is_tree() {
                return None;
            }
            cur = e.inner.oid.to_owned();
        }
        Some(cur)
    }

    pub fn read_blob(&self, id: ObjectId) -> Result<Vec<u8>, Diagnostic> {
        self.repo
            .inner
            .find_blob(id)
            .map(|b| b.data.clone())
            .map_err(|e| read_error(&format!("blob {}", Repo::short(&id)), e))
    }

    /// The commits that changed `path`, newest first (by committer time, children before parents).
    pub fn follow(&mut self, start: ObjectId, path: &str) -> Vec<Found> {
        self.follow_streaming(start, path, &mut |_| {})
    }

    /// `follow`, handing each commit found to `on_found` as soon as the walk moves on from it,
    /// so its file versions can be read while the walk goes on.
    pub fn follow_streaming(
        &mut self,
        start: ObjectId,
        path: &str,
        on_found: &mut dyn FnMut(&Found),
    ) -> Vec<Found> {
        let mut found: Vec<Found> = Vec::new();
        let mut handed = 0;
        let mut queue: BinaryHeap<(i64, Reverse<u64>, ObjectId, String)> = BinaryHeap::new();
        let mut seq = 0u64;
        let mut seen: HashSet<ObjectId> = HashSet::new();
        let Some(first) = self.commit(start) else {
            return found;
        };
        queue.push((first.time, Reverse(seq), start, path.to_string()));
        while let Some((_, _, id, path)) = queue.pop() {
            for f in &found[handed..] {
                on_found(f);
            }
            handed = found.len();
            if !seen.insert(id) {
                continue;
            }
            self.visited.insert(id, path.clone());
            let Some(info) = self.commit(id) else {
                continue;
            };
            let blob = self.blob_at(info.tree, &path);
            let mut parents: Vec<(ObjectId, i64, Option<ObjectId>)> = Vec::new();
            let mut boundary = self.shallow.contains(&id);
            if !boundary {
                for p in &info.parents {
                    match self.commit(*p) {
                        Some(pi) => {
                            let pb = self.blob_at(pi.tree, &path);
                            parents.push((*p, pi.time, pb));
                        }
                        // A parent that is not here: the history was cut (a shallow clone or a graft).
                        None => boundary = true,
                    }
                }
            }
            let mut push = |p: ObjectId, time: i64, path: String| {
                seq += 1;
                queue.push((time, Reverse(seq), p, path));
            };
            if boundary && parents.is_empty() {
                if blob.is_some() {
                    found.push(Found {
                        commit: id,
                        path,
                        blob,
                        parent: None,
                        change: Change::Boundary,
                    });
                }
                continue;
            }
            if parents.is_empty() {
                if blob.is_some() {
                    found.push(Found {
                        commit: id,
                        path,
                        blob,
                        parent: None,
                        change: Change::Added,
                    });
                }
                continue;
            }
            // Unchanged from some parent: this commit is not part of the file's history.
            if let Some(&(p, t, _)) = parents.iter().find(|(_, _, pb)| *pb == blob) {
                push(p, t, path);
                continue;
            }
            let with_file: Vec<(ObjectId, i64, ObjectId)> = parents
                .iter()
                .filter_map(|&(p, t, pb)| pb.map(|b| (p, t, b)))
                .collect();
            match (blob, with_file.first()) {
                (Some(_), Some(&(_, _, pb))) => {
                    found.push(Found {
                        commit: id,
                        path: path.clone(),
                        blob,
                        parent: Some((path.clone(), pb)),
                        change: Change::Modified,
                    });
                    for &(p, t, _) in &with_file {
                        push(p, t, path.clone());
                    }
                }
                (Some(b), None) => {
                    let (p, t, _) = parents[0];
                    let source = self
                        .commit(p)
                        .and_then(|pi| self.rename_source(pi.tree, info.tree, &path, b));
                    match source {
                        Some((from, from_blob)) => {
                            found.push(Found {
                                commit: id,
                                path,
                                blob,
                                parent: Some((from.clone(), from_blob)),
                                change: Change::Renamed { from: from.clone() },
                            });
                            push(p, t, from);
                        }
                        None => found.push(Found {
                            commit: id,
                            path,
                            blob,
                            parent: None,
                            change: Change::Added,
                        }),
                    }
                }
                (None, Some(&(_, _, pb))) => {
                    found.push(Found {
                        commit: id,
                        path: path.clone(),
                        blob: None,
                        parent: Some((path.clone(), pb)),
                        change: Change::Deleted,
                    });
                    for &(p, t, _) in &with_file {
                        push(p, t, path.clone());
                    }
                }
                (None, None) => {}
            }
        }
        for f in &found[handed..] {
            on_found(f);
        }
        found
    }

    /// Where a file added by a commit came from: a sibling team folder's file of the same name
    /// that the commit removed, identical or at least half similar (git's default threshold).
    fn rename_source(
        &mut self,
        parent_tree: ObjectId,
        tree: ObjectId,
        path: &str,
        blob: ObjectId,
    ) -> Option<(String, ObjectId)> {
        let (dir, file) = path.rsplit_once('/')?;
        let (root, _team) = match dir.rsplit_once('/') {
            Some((r, t)) => (r.to_string(), t),
            None => (String::new(), dir),
        };
        let join = |folder: &str| {
            if root.is_empty() {
                format!("{folder}/{file}")
            } else {
                format!("{root}/{folder}/{file}")
            }
        };
        let mut candidates = Vec::new();
        for folder in self.folders(parent_tree, &root) {
            let old = join(&folder);
            if old == path || self.blob_at(tree, &old).is_some() {
                continue;
            }
            if let Some(ob) = self.blob_at(parent_tree, &old) {
                candidates.push((old, ob));
            }
        }
        if let Some(exact) = candidates.iter().find(|(_, ob)| *ob == blob) {
            return Some(exact.clone());
        }
        let new_text = String::from_utf8_lossy(&self.read_blob(blob).ok()?).into_owned();
        let mut best: Option<(f32, (String, ObjectId))> = None;
        for (old, ob) in candidates {
            let Ok(bytes) = self.read_blob(ob) else {
                continue;
            };
            let old_text = String::from_utf8_lossy(&bytes);
            let ratio = similar::TextDiff::from_lines(old_text.as_ref(), new_text.as_str()).ratio();
            if ratio >= 0.5 && best.as_ref().is_none_or(|(r, _)| ratio > *r) {
                best = Some((ratio, (old, ob)));
            }
        }
        best.map(|(_, c)| c)
    }
}
