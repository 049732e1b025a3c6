//! Older agreement versions for `validate`: a check-in names the version it was measured
//! against, and git history holds it once the file has moved on.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::repo::Repo;
use super::walk::Walker;
use crate::model::Agreement;
use crate::validate::HistoryLookup;

/// Finds an agreement at a version in the history of its file; without a repository, finds nothing.
#[derive(Default)]
pub struct GitHistory {
    /// Per agreement file: its parsed revisions, newest first (empty when there is no history).
    /// A mutex because the report scores teams on several threads.
    cache: Mutex<HashMap<PathBuf, Vec<Agreement>>>,
    /// Folders known to be outside any repository, so thousands of check-ins of a folder
    /// without history do not each search the parents for one.
    no_repo: Mutex<std::collections::HashSet<PathBuf>>,
}

impl GitHistory {
    pub fn new() -> Self {
        Self::default()
    }

    fn revisions(path: &Path) -> Vec<Agreement> {
        let Ok(repo) = Repo::discover(path) else {
            return Vec::new();
        };
        repo.history(path)
            .map(|revs| revs.into_iter().filter_map(|r| r.agreement.ok()).collect())
            .unwrap_or_default()
    }
}

impl HistoryLookup for GitHistory {
    /// The newest revision carrying `version`: the state in which that version was last saved.
    fn agreement_at_version(&self, agreement_path: &Path, version: u32) -> Option<Agreement> {
        // A poisoned lock only means another thread panicked mid-lookup; the cache is still usable.
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        let revs = cache
            .entry(agreement_path.to_path_buf())
            .or_insert_with(|| Self::revisions(agreement_path));
        revs.iter().find(|a| a.version == version).cloned()
    }

    /// The oldest commit of the file's history that has it (following renames).
    fn first_committed(&self, path: &Path) -> Option<(String, String)> {
        let dir = path.parent()?.to_path_buf();
        let outside = || self.no_repo.lock().unwrap_or_else(|e| e.into_inner());
        if outside().contains(&dir) {
            return None;
        }
        let Ok(repo) = Repo::discover(path) else {
            outside().insert(dir);
            return None;
        };
        let rel = repo.relative(path).ok()?;
        let head = repo.head_commit().ok()??;
        let mut walker = Walker::new(&repo);
        let found = walker.follow(head, &rel);
        let first = found.iter().rev().find(|f| f.blob.is_some())?;
        let bytes = walker.read_blob(first.blob?).ok()?;
        Some((Repo::short(&first.commit), String::from_utf8(bytes).ok()?))
    }
}
