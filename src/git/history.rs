//! An agreement's revisions, read from git in-process: who changed what, when,
//! and what the file said at any revision.

use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};

use chrono::{DateTime, FixedOffset};
use gix::ObjectId;
// Maps keyed by object ids hash them by their first bytes: they are hashes already.
use gix::hashtable::{HashMap, HashSet};

use super::repo::{HeadState, Repo, read_error};
use super::sections::SectionCache;
use super::walk::{Change, Found, Walker};
use crate::diag::Diagnostic;
use crate::diff::{AgreementDiff, diff_agreements};
use crate::model::Agreement;
use crate::parse::parse;
use crate::source::Source;

/// One commit that changed an agreement.
#[derive(Debug, Clone)]
pub struct Revision {
    /// The full commit id.
    pub id: String,
    pub short_id: String,
    /// When the change was authored, in the author's time zone.
    pub time: DateTime<FixedOffset>,
    pub author: String,
    pub email: String,
    /// The first line of the commit message.
    pub subject: String,
    /// The file's path in the repository at this revision (it changes when a team folder is renamed).
    pub path: PathBuf,
    pub change: Change,
    /// The agreement at this revision, or why it could not be read.
    pub agreement: Result<Agreement, Diagnostic>,
    /// What changed against the parent revision; `None` when there is none or either side does not parse.
    pub diff: Option<AgreementDiff>,
    /// One line: what changed against the parent revision.
    pub summary: String,
}

type Parsed = Result<Agreement, Diagnostic>;

/// Parses file versions. Revisions of one agreement differ by a few lines, so each distinct
/// section is parsed once (see `sections`, which also runs the per-file checks on each new
/// section); a version the fast path cannot read is read and parsed whole, with its diagnostics.
fn parse_all(
    sections: &SectionCache,
    batches: impl Iterator<Item = Batch>,
) -> HashMap<ObjectId, Parsed> {
    let mut out = HashMap::default();
    for batch in batches {
        for (w, read) in batch.versions {
            let parsed = read.and_then(|range| {
                let bytes = &batch.bytes[range];
                match fast_text(bytes).and_then(|t| sections.parse(t)) {
                    Some(agreement) => Ok(agreement),
                    None => {
                        let label = format!("{}:{}", Repo::short(&w.commit), w.path);
                        Source::from_bytes(Path::new(&label), bytes.to_vec())
                            .and_then(|s| read_agreement(&s))
                    }
                }
            });
            out.insert(w.blob, parsed);
        }
    }
    out
}

/// Versions read together: their bytes one after the other in one buffer, and where each is.
/// One buffer rather than one per version, because a buffer made on the reading thread and
/// freed on a parsing thread makes both wait on the allocator's lock.
struct Batch {
    bytes: Vec<u8>,
    versions: Vec<(Wanted, Result<std::ops::Range<usize>, Diagnostic>)>,
}

/// A version of the file for the reader: its blob, and where it is, for the diagnostics of one
/// that does not read (`abc1234:teams/payments/agreement.toml`). The path is shared, not copied:
/// a string made on the walking thread and freed on a parsing thread makes them wait on the allocator.
struct Wanted {
    blob: ObjectId,
    commit: ObjectId,
    path: Arc<str>,
}

/// The text for the section cache: bytes that pass `Source::from_bytes`'s size and encoding
/// checks. (The cache checks conflict markers and nesting itself, section by section.)
fn fast_text(bytes: &[u8]) -> Option<&str> {
    let fits = bytes.len() as u64 <= crate::source::MAX_FILE_BYTES;
    let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    (fits && !bom)
        .then(|| std::str::from_utf8(bytes).ok())
        .flatten()
}

impl Repo {
    /// The revisions of the agreement at `agreement_path` (a path on disk), newest first.
    /// Follows a renamed team folder. An unborn branch has no revisions.
    pub fn history(&self, agreement_path: &Path) -> Result<Vec<Revision>, Diagnostic> {
        let rel = self.relative(agreement_path)?;
        let Some(head) = self.head_commit()? else {
            return Ok(Vec::new());
        };
        let mut walker = Walker::new(self);
        let (found, mut parsed) = self.walk_and_parse(&mut walker, head, &rel)?;
        // How many revisions still need each version, so the last one takes it instead of a copy.
        let mut uses: HashMap<ObjectId, usize> = HashMap::default();
        for f in &found {
            for b in f.blob.iter().chain(f.parent.as_ref().map(|p| &p.blob)) {
                *uses.entry(*b).or_default() += 1;
            }
        }
        let compared = compare_all(&parsed, &found, &walker.raw, self.inner.object_hash())?;
        let mut out = Vec::with_capacity(found.len());
        for (f, c) in found.into_iter().zip(compared) {
            out.push(self.revision(&mut parsed, &mut uses, f, c)?);
        }
        Ok(out)
    }

    /// Walks the file's history and reads and parses each distinct version once, as a pipeline:
    /// this thread walks the commits, a reader (with a repository handle of its own: gix is
    /// built without its parallel feature, so handles stay on their thread) inflates the
    /// versions as the walk finds them, and `PARSERS` threads parse them, sharing one section
    /// cache. Walking, reading and parsing are each a good part of the work.
    fn walk_and_parse(
        &self,
        walker: &mut Walker<'_>,
        head: ObjectId,
        rel: &str,
    ) -> Result<(Vec<Found>, HashMap<ObjectId, Parsed>), Diagnostic> {
        const PARSERS: usize = 2;
        // Versions go from thread to thread in batches: waking a waiting thread for each
        // version cost more than reading it.
        const BATCH: usize = 16;
        let git_dir = self.git_dir().to_path_buf();
        let (to_read, wanted_rx) = mpsc::channel::<Vec<Wanted>>();
        let (to_parse, parse_rx): (Vec<_>, Vec<_>) = (0..PARSERS).map(|_| mpsc::channel()).unzip();
        let sections = &SectionCache::default();
        let (found, parsed) = std::thread::scope(|s| {
            let reader = s.spawn(move || {
                let repo = gix::open(&git_dir).map(|mut r| {
                    // The versions of one file are stored as deltas of one another: keeping every
                    // version decoded (up to 64 MB) means no delta is applied twice. The 64-object
                    // cache used elsewhere missed a third of them here.
                    r.objects.set_pack_cache(|| {
                        Box::new(gix::odb::pack::cache::lru::MemoryCappedHashmap::new(
                            64 << 20,
                        ))
                    });
                    r
                });
                for (n, wanted) in wanted_rx.into_iter().enumerate() {
                    let mut batch = Batch {
                        bytes: Vec::new(),
                        versions: Vec::with_capacity(wanted.len()),
                    };
                    for w in wanted {
                        let read = match &repo {
                            Ok(r) => r
                                .find_blob(w.blob)
                                .map(|b| {
                                    let start = batch.bytes.len();
                                    batch.bytes.extend_from_slice(&b.data);
                                    start..batch.bytes.len()
                                })
                                .map_err(|e| {
                                    read_error(&format!("blob {}", Repo::short(&w.blob)), e)
                                }),
                            Err(e) => Err(read_error("the repository", e)),
                        };
                        batch.versions.push((w, read));
                    }
                    if to_parse[n % PARSERS].send(batch).is_err() {
                        break;
                    }
                }
            });
            let parsers: Vec<_> = parse_rx
                .into_iter()
                .map(|rx| s.spawn(|| parse_all(sections, rx.into_iter())))
                .collect();
            let mut wanted = HashSet::default();
            let mut batch = Vec::with_capacity(BATCH);
            let mut paths: Vec<Arc<str>> = Vec::new();
            let mut shared = |path: &str| -> Arc<str> {
                if let Some(p) = paths.iter().find(|p| p.as_ref() == path) {
                    return p.clone();
                }
                let new: Arc<str> = path.into();
                paths.push(new.clone());
                new
            };
            let found = walker.follow_streaming(head, rel, &mut |f| {
                let sides = f.blob.map(|b| (b, f.commit, f.path.as_str()));
                let parent = f
                    .parent
                    .as_ref()
                    .map(|p| (p.blob, p.commit, p.path.as_str()));
                for (blob, commit, path) in sides.into_iter().chain(parent) {
                    if wanted.insert(blob) {
                        let path = shared(path);
                        batch.push(Wanted { blob, commit, path });
                    }
                }
                if batch.len() >= BATCH {
                    // The reader only stops early by panicking, which join reports below.
                    let _ = to_read.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)));
                }
            });
            let _ = to_read.send(batch);
            drop(to_read);
            let read = reader.join();
            let mut parsed = HashMap::with_capacity_and_hasher(wanted.len(), Default::default());
            let mut failed = read.is_err();
            for p in parsers {
                match p.join() {
                    Ok(part) => parsed.extend(part),
                    Err(_) => failed = true,
                }
            }
            (found, (!failed).then_some(parsed))
        });
        let parsed = parsed.ok_or_else(|| {
            Diagnostic::error(
                "internal",
                "reading the file's versions failed unexpectedly",
            )
            .with_hint("please report this; `git log -p -- FILE` shows the history meanwhile")
        })?;
        Ok((found, parsed))
    }

    /// The agreement at a revision. When the team folder had another name then, the
    /// file is found by following the history back from HEAD.
    pub fn agreement_at(&self, rev: &str, agreement_path: &Path) -> Result<Agreement, Diagnostic> {
        match self.file_at(rev, agreement_path)? {
            Some(src) => read_agreement(&src),
            None => Err(Diagnostic::error(
                "not-at-revision",
                format!("there is no {} at {rev}", agreement_path.display()),
            )
            .with_hint("`accord history TEAM` lists the revisions that have the agreement")),
        }
    }

    /// A file's text at a revision (following renames), or `None` when the revision does not have it.
    pub fn file_at(&self, rev: &str, path: &Path) -> Result<Option<Source>, Diagnostic> {
        let rel = self.relative(path)?;
        let commit = self.resolve(rev)?;
        let mut walker = Walker::new(self);
        let tree = walker.tree_of(commit).map_err(|d| {
            if self.is_shallow() {
                self.shallow_missing(rev)
            } else {
                d
            }
        })?;
        let mut at = rel.clone();
        let mut blob = walker.blob_at(tree, &rel);
        if blob.is_none()
            && let Some(head) = self.head_commit()?
        {
            walker.follow(head, &rel);
            if let Some(p) = walker.visited_path(&commit).map(str::to_string) {
                blob = walker.blob_at(tree, &p);
                at = p;
            }
        }
        let Some(blob) = blob else {
            return Ok(None);
        };
        let bytes = walker.read_blob(blob)?;
        let label = format!("{}:{at}", Repo::short(&commit));
        Source::from_bytes(Path::new(&label), bytes).map(Some)
    }

    /// The commit HEAD points at; `None` on an unborn branch.
    pub fn head_commit(&self) -> Result<Option<ObjectId>, Diagnostic> {
        match self.head_state()? {
            HeadState::Unborn { .. } => Ok(None),
            _ => self.resolve("HEAD").map(Some),
        }
    }

    fn revision(
        &self,
        parsed: &mut HashMap<ObjectId, Parsed>,
        uses: &mut HashMap<ObjectId, usize>,
        f: Found,
        Compared {
            diff,
            summary,
            meta,
        }: Compared,
    ) -> Result<Revision, Diagnostic> {
        let meta = match meta {
            Some(m) => m,
            None => {
                let c = self
                    .inner
                    .find_commit(f.commit)
                    .map_err(|e| read_error("a commit", e))?;
                CommitMeta::of(&c.data, self.inner.object_hash())
            }
        };
        let mut release = |blob: ObjectId| {
            let left = uses.get_mut(&blob).map_or(0, |n| {
                *n = n.saturating_sub(1);
                *n
            });
            left == 0
        };
        let agreement = match f.blob {
            Some(b) if release(b) => parsed.remove(&b).unwrap_or_else(unread),
            Some(b) => parsed.get(&b).cloned().unwrap_or_else(unread),
            None => Err(deleted(&f)),
        };
        let parent_blob = f.parent.as_ref().map(|p| p.blob);
        if let Some(b) = parent_blob.filter(|b| release(*b)) {
            parsed.remove(&b);
        }
        Ok(Revision {
            id: f.commit.to_string(),
            short_id: Repo::short(&f.commit),
            time: meta.time,
            author: meta.author,
            email: meta.email,
            subject: meta.subject,
            path: PathBuf::from(&f.path),
            change: f.change,
            agreement,
            diff,
            summary,
        })
    }
}

fn unread() -> Parsed {
    Err(read_error("a version of the agreement", "not read"))
}

fn deleted(f: &Found) -> Diagnostic {
    Diagnostic::error(
        "deleted",
        format!("{} was deleted in this revision", f.path),
    )
}

/// What a revision changed against its parent, and the one-line summary.
fn changes_of(parsed: &HashMap<ObjectId, Parsed>, f: &Found) -> (Option<AgreementDiff>, String) {
    let missing = unread();
    let gone;
    let agreement = match f.blob {
        Some(b) => parsed.get(&b).unwrap_or(&missing),
        None => {
            gone = Err(deleted(f));
            &gone
        }
    };
    let parent = f
        .parent
        .as_ref()
        .map(|p| parsed.get(&p.blob).unwrap_or(&missing));
    let diff = match (agreement, parent, &f.change) {
        (Ok(new), Some(Ok(old)), _) => Some(diff_agreements(old, new)),
        (Ok(new), None, Change::Added) => Some(AgreementDiff::created(new)),
        (Err(_), Some(Ok(old)), Change::Deleted) => Some(AgreementDiff::removed(old)),
        _ => None,
    };
    let summary = summary(&f.change, agreement, parent, diff.as_ref());
    (diff, summary)
}

/// Who made a commit, when, and the first line of its message.
struct CommitMeta {
    author: String,
    email: String,
    /// When the change was authored, in the author's time zone.
    time: DateTime<FixedOffset>,
    subject: String,
}

impl CommitMeta {
    fn of(data: &[u8], hash: gix::hash::Kind) -> CommitMeta {
        // A commit git can store but gix cannot decode still gets a row, as before.
        let commit = gix::objs::CommitRef::from_bytes(data, hash).ok();
        let (author, email, time) = match commit.as_ref().map(|c| c.author()) {
            Some(Ok(sig)) => (
                sig.name.to_string(),
                sig.email.to_string(),
                sig.time().ok().map_or_else(epoch, to_chrono),
            ),
            _ => (String::new(), String::new(), epoch()),
        };
        let message: &[u8] = match &commit {
            Some(c) => c.message,
            // What follows the headers, as `message_raw_sloppy` reads it.
            None => data
                .windows(2)
                .position(|w| w == b"\n\n")
                .map_or(&[], |i| &data[i + 2..]),
        };
        let first = message.split(|&b| b == b'\n').next().unwrap_or_default();
        CommitMeta {
            author,
            email,
            time,
            subject: String::from_utf8_lossy(first).trim().to_string(),
        }
    }
}

/// A revision compared with its parent, and its commit decoded.
struct Compared {
    diff: Option<AgreementDiff>,
    summary: String,
    /// `None` when the walk did not keep the commit; it is read again then.
    meta: Option<CommitMeta>,
}

/// `changes_of` and the commit's details for every revision, on two threads for a long
/// history: this is the last step, after the pipeline has finished.
fn compare_all(
    parsed: &HashMap<ObjectId, Parsed>,
    found: &[Found],
    raw: &HashMap<ObjectId, Vec<u8>>,
    hash: gix::hash::Kind,
) -> Result<Vec<Compared>, Diagnostic> {
    let compare = |f: &Found| {
        let (diff, summary) = changes_of(parsed, f);
        let meta = raw.get(&f.commit).map(|d| CommitMeta::of(d, hash));
        Compared {
            diff,
            summary,
            meta,
        }
    };
    if found.len() < 64 {
        return Ok(found.iter().map(compare).collect());
    }
    let half = found.len().div_ceil(2);
    std::thread::scope(|s| {
        let parts: Vec<_> = found
            .chunks(half)
            .map(|part| s.spawn(move || part.iter().map(compare).collect()))
            .collect();
        let mut out = Vec::with_capacity(found.len());
        for p in parts {
            let part: Vec<_> = p.join().map_err(|_| {
                Diagnostic::error("internal", "comparing the revisions failed unexpectedly")
                    .with_hint(
                        "please report this; `git log -p -- FILE` shows the history meanwhile",
                    )
            })?;
            out.extend(part);
        }
        Ok(out)
    })
}

fn summary(
    change: &Change,
    agreement: &Result<Agreement, Diagnostic>,
    parent: Option<&Result<Agreement, Diagnostic>>,
    diff: Option<&AgreementDiff>,
) -> String {
    let body = match (agreement, diff) {
        (_, Some(d)) => d.summary(),
        (Err(e), None) if *change != Change::Deleted => {
            format!("does not parse: {}", crate::text::sanitize_line(&e.message))
        }
        (Err(_), None) => "agreement deleted".into(),
        (Ok(a), None) => match (change, parent) {
            (Change::Boundary, _) => format!(
                "v{} ({}); earlier history not fetched (shallow clone)",
                a.version, a.status
            ),
            (_, Some(Err(_))) => format!(
                "v{} ({}); the previous revision does not parse, so changes cannot be listed",
                a.version, a.status
            ),
            _ => format!("v{} ({})", a.version, a.status),
        },
    };
    match change {
        Change::Renamed { from } => {
            let folder = from.rsplit_once('/').map_or(from.as_str(), |(d, _)| d);
            if diff.is_some_and(AgreementDiff::is_empty) {
                format!("renamed from {folder}")
            } else {
                format!("renamed from {folder}; {body}")
            }
        }
        _ => body,
    }
}

/// Parses agreement text; the fast path skips the located-error machinery, used only on failure.
pub(crate) fn read_agreement(src: &Source) -> Result<Agreement, Diagnostic> {
    toml::from_str::<Agreement>(&src.text).or_else(|_| parse::<Agreement>(src))
}

fn to_chrono(t: gix::date::Time) -> DateTime<FixedOffset> {
    let offset = FixedOffset::east_opt(t.offset)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"));
    DateTime::from_timestamp(t.seconds, 0)
        .map(|d| d.with_timezone(&offset))
        .unwrap_or_else(epoch)
}

fn epoch() -> DateTime<FixedOffset> {
    DateTime::from_timestamp(0, 0)
        .expect("epoch")
        .fixed_offset()
}
