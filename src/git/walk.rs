//! Following one file back through the commit graph, the way `git log --follow -- FILE`
//! does: a commit that leaves the file as one of its parents had it is skipped and only
//! that parent is followed; a commit that adds the file is checked for a renamed team folder.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use gix::ObjectId;
// Maps keyed by object ids hash them by their first bytes: they are hashes already.
use gix::hashtable::{HashMap, HashSet};
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
    /// The file in the first parent that had it.
    pub parent: Option<Parent>,
    pub change: Change,
}

/// The file in the parent commit a revision is compared with.
#[derive(Debug, Clone)]
pub(crate) struct Parent {
    pub commit: ObjectId,
    /// The file's path there (another folder's when the team folder was renamed).
    pub path: String,
    pub blob: ObjectId,
}

#[derive(Clone)]
struct CommitInfo {
    tree: ObjectId,
    /// Shared, as the walk copies a commit's record each time it looks at it.
    parents: Rc<[ObjectId]>,
    time: i64,
}

/// A path looked up in a tree: the tree, and the path's number in `Walker::paths`.
#[derive(PartialEq, Eq)]
struct TreePath {
    tree: ObjectId,
    path: usize,
}

impl Hash for TreePath {
    // The tree id alone: it is a hash already, and the few paths per tree are told apart by `Eq`.
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.tree.hash(state);
    }
}

/// Caches decoded commits and path lookups, so each object is read once per walk.
pub(crate) struct Walker<'r> {
    repo: &'r Repo,
    commits: HashMap<ObjectId, Option<CommitInfo>>,
    /// Every path looked up, numbered: a walk uses a handful (the file's path and its suffixes).
    paths: Vec<Rc<str>>,
    entries: HashMap<TreePath, Option<ObjectId>>,
    shallow: HashSet<ObjectId>,
    /// The undecoded commits read so far.
    pub raw: HashMap<ObjectId, Vec<u8>>,
    /// The path followed at every commit visited (its number in `paths`).
    visited: HashMap<ObjectId, usize>,
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
            commits: HashMap::default(),
            paths: Vec::new(),
            entries: HashMap::default(),
            shallow,
            raw: HashMap::default(),
            visited: HashMap::default(),
        }
    }

    /// The number of `path` in `paths`, adding it when new.
    fn path_id(&mut self, path: &str) -> usize {
        match self.paths.iter().position(|p| p.as_ref() == path) {
            Some(i) => i,
            None => {
                self.paths.push(path.into());
                self.paths.len() - 1
            }
        }
    }

    /// The path followed at a commit the walk visited, for finding a file at a revision after a rename.
    pub fn visited_path(&self, commit: &ObjectId) -> Option<&str> {
        self.visited.get(commit).map(|&i| &*self.paths[i])
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
                    parents: d.parents().collect::<Vec<_>>().into(),
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
        let key = TreePath {
            tree,
            path: self.path_id(path),
        };
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
        let mut queue: BinaryHeap<(i64, Reverse<u64>, ObjectId, usize)> = BinaryHeap::new();
        let mut seq = 0u64;
        let mut seen: HashSet<ObjectId> = HashSet::default();
        let Some(first) = self.commit(start) else {
            return found;
        };
        let start_path = self.path_id(path);
        queue.push((first.time, Reverse(seq), start, start_path));
        while let Some((_, _, id, path_id)) = queue.pop() {
            for f in &found[handed..] {
                on_found(f);
            }
            handed = found.len();
            if !seen.insert(id) {
                continue;
            }
            self.visited.insert(id, path_id);
            let path = self.paths[path_id].clone();
            let Some(info) = self.commit(id) else {
                continue;
            };
            let blob = self.blob_at(info.tree, &path);
            let mut parents: Vec<(ObjectId, i64, Option<ObjectId>)> = Vec::new();
            let mut boundary = self.shallow.contains(&id);
            if !boundary {
                for p in info.parents.iter() {
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
            let mut push = |p: ObjectId, time: i64, path: usize| {
                seq += 1;
                queue.push((time, Reverse(seq), p, path));
            };
            if boundary && parents.is_empty() {
                if blob.is_some() {
                    found.push(Found {
                        commit: id,
                        path: path.to_string(),
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
                        path: path.to_string(),
                        blob,
                        parent: None,
                        change: Change::Added,
                    });
                }
                continue;
            }
            // Unchanged from some parent: this commit is not part of the file's history.
            if let Some(&(p, t, _)) = parents.iter().find(|(_, _, pb)| *pb == blob) {
                push(p, t, path_id);
                continue;
            }
            let with_file: Vec<(ObjectId, i64, ObjectId)> = parents
                .iter()
                .filter_map(|&(p, t, pb)| pb.map(|b| (p, t, b)))
                .collect();
            match (blob, with_file.first()) {
                (Some(_), Some(&(pc, _, pb))) => {
                    found.push(Found {
                        commit: id,
                        path: path.to_string(),
                        blob,
                        parent: Some(Parent {
                            commit: pc,
                            path: path.to_string(),
                            blob: pb,
                        }),
                        change: Change::Modified,
                    });
                    for &(p, t, _) in &with_file {
                        push(p, t, path_id);
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
                                path: path.to_string(),
                                blob,
                                parent: Some(Parent {
                                    commit: p,
                                    path: from.clone(),
                                    blob: from_blob,
                                }),
                                change: Change::Renamed { from: from.clone() },
                            });
                            let from_id = self.path_id(&from);
                            push(p, t, from_id);
                        }
                        None => found.push(Found {
                            commit: id,
                            path: path.to_string(),
                            blob,
                            parent: None,
                            change: Change::Added,
                        }),
                    }
                }
                (None, Some(&(pc, _, pb))) => {
                    found.push(Found {
                        commit: id,
                        path: path.to_string(),
                        blob: None,
                        parent: Some(Parent {
                            commit: pc,
                            path: path.to_string(),
                            blob: pb,
                        }),
                        change: Change::Deleted,
                    });
                    for &(p, t, _) in &with_file {
                        push(p, t, path_id);
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
