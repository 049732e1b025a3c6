//! THE folder walker: which files of an agreements folder Accord reads, decided once.
//!
//! Accord runs in CI on pull requests from anyone, so a folder is hostile until shown
//! otherwise. Only regular files inside the agreements folder are read:
//! - a symlink to a regular file that stays inside the folder is read (teams share a file
//!   that way); one that leads out of the folder is refused without being opened;
//! - a symlinked folder is never descended into (that is where loops and escapes come from),
//!   and a folder reached twice (bind mounts) is walked once;
//! - devices, FIFOs and sockets are refused before they are opened, and the open itself uses
//!   `O_NOFOLLOW | O_NONBLOCK` so a file swapped for a FIFO meanwhile cannot hang a read;
//! - at most `MAX_FILE_BYTES + 1` bytes are ever read, so `/dev/zero` cannot eat memory.
//!
//! Every refusal is a diagnostic naming the path, with a hint.

use std::collections::HashSet;
use std::fs::{File, FileType};
use std::io::Read;
use std::path::{Path, PathBuf};
#[cfg(unix)]
use std::rc::Rc;

use super::layout::{AGREEMENT_FILE, CHECKINS_DIR, SETTINGS_FILE};
use crate::diag::Diagnostic;
use crate::model::FileKind;
use crate::source::MAX_FILE_BYTES;

/// What a walk found: the files to read, and a diagnostic for each entry it refused.
#[derive(Debug, Default)]
pub struct Walked {
    pub files: Vec<PathBuf>,
    pub refused: Vec<Diagnostic>,
}

/// One team folder: a real sub-folder of the agreements folder, not hidden.
#[derive(Debug, Clone)]
pub struct TeamFolder {
    pub name: String,
    /// The agreement file, when the folder holds one Accord may read.
    pub agreement: Option<PathBuf>,
}

/// The agreements folder a file belongs to, from its place: `ROOT/accord.toml`,
/// `ROOT/TEAM/agreement.toml`, `ROOT/TEAM/checkins/DATE.toml`; else the file's own folder.
pub fn root_of(path: &Path) -> PathBuf {
    let up = match FileKind::of_path(path) {
        Some(FileKind::Settings) | None => 1,
        Some(FileKind::Agreement) => 2,
        Some(FileKind::CheckIn) => 3,
    };
    let mut p = path;
    for _ in 0..up {
        p = match p.parent() {
            Some(q) if !q.as_os_str().is_empty() => q,
            _ => return PathBuf::from("."),
        };
    }
    p.to_path_buf()
}

/// The canonical form of the folder, for checking where symlinks lead.
fn canonical_root(root: &Path) -> PathBuf {
    std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf())
}

fn refuse(code: &'static str, path: &Path, msg: impl Into<String>, hint: &str) -> Diagnostic {
    Diagnostic::error(code, msg).at_file(path).with_hint(hint)
}

fn outside(path: &Path) -> Diagnostic {
    refuse(
        "symlink-outside",
        path,
        "is a symlink that leads outside the agreements folder: not read",
        "Accord reads only files inside the agreements folder; replace the symlink with the file itself",
    )
}

fn special(path: &Path, ft: &FileType) -> Diagnostic {
    refuse(
        "not-a-file",
        path,
        format!("is {}, not a regular file: not read", describe(ft)),
        "Accord files are plain text files; replace it with a regular file",
    )
}

fn describe(ft: &FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_block_device() || ft.is_char_device() {
            return "a device";
        }
    }
    if ft.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

/// What one directory entry is to a walk.
enum Entry {
    File,
    Dir,
    /// Not Accord's business (hidden, or a file Accord does not read).
    Skip,
    Refused(Diagnostic),
}

/// Decides an entry from its own type (`lstat`, never following a symlink) and, for a
/// symlink, from where it leads. `wanted` says whether a file of this name would be read.
fn entry(path: &Path, ft: FileType, canon_root: &Path, wanted: bool) -> Entry {
    if ft.is_dir() {
        return Entry::Dir;
    }
    if !wanted {
        return Entry::Skip;
    }
    if ft.is_file() {
        return Entry::File;
    }
    if ft.is_symlink() {
        return match std::fs::canonicalize(path) {
            Err(_) => Entry::Refused(refuse(
                "symlink-dangling",
                path,
                "is a symlink to nothing: not read",
                "remove the symlink or point it at a file inside the agreements folder",
            )),
            Ok(target) if !target.starts_with(canon_root) => Entry::Refused(outside(path)),
            Ok(target) => match std::fs::symlink_metadata(&target) {
                Ok(m) if m.is_file() => Entry::File,
                Ok(m) if m.is_dir() => Entry::Refused(symlinked_folder(path)),
                Ok(m) => Entry::Refused(special(path, &m.file_type())),
                Err(_) => Entry::Refused(outside(path)),
            },
        };
    }
    Entry::Refused(special(path, &ft))
}

fn symlinked_folder(path: &Path) -> Diagnostic {
    refuse(
        "symlinked-folder",
        path,
        "is a symlink to a folder: not followed",
        "Accord does not follow symlinked folders (they can loop or lead out of the agreements folder); make it a real folder",
    )
}

/// A name that is not UTF-8 cannot be an Accord file name, but one that looks like it was
/// meant to be one is worth saying so rather than skipping in silence.
fn bad_name(path: &Path) -> Option<Diagnostic> {
    let name = path.file_name()?;
    if name.to_str().is_some() {
        return None;
    }
    name.to_string_lossy().ends_with(".toml").then(|| {
        refuse(
            "file-name",
            path,
            "file name is not valid UTF-8: not read",
            "rename the file; check-ins are named YYYY-MM-DD.toml",
        )
    })
}

/// Accord's files under `dir` (settings, agreements, check-ins at any depth; hidden folders
/// such as `.git` skipped), sorted. A folder that cannot be listed is the `Err`.
pub fn walk(dir: &Path) -> Result<Walked, Diagnostic> {
    let canon_root = canonical_root(dir);
    let mut out = Walked::default();
    let mut seen = HashSet::new();
    walk_into(dir, &canon_root, &mut seen, &mut out).map_err(|e| {
        Diagnostic::error(
            "unreadable",
            format!("cannot read folder {}: {e}", dir.display()),
        )
        .with_hint("check the path and permissions")
    })?;
    debug_assert!(out.files.is_sorted());
    Ok(out)
}

/// Sorts paths in `Path`'s own order (component by component) without comparing components
/// on every comparison: each path's components are joined once into a key (a 0 byte, which
/// no name holds, then the component's rank among `Component`'s kinds, then its bytes).
/// 65,501 paths sorted by `Path::cmp`, on the one thread the walk runs on, were about a tenth
/// of a `validate`'s wall time (the walk itself now lists each folder in order).
pub fn sort_paths(paths: &mut [PathBuf]) {
    use std::path::Component;
    paths.sort_by_cached_key(|p| {
        let mut key = Vec::with_capacity(p.as_os_str().len() + 8);
        for c in p.components() {
            let rank = match c {
                Component::Prefix(_) => 1,
                Component::RootDir => 2,
                Component::CurDir => 3,
                Component::ParentDir => 4,
                Component::Normal(_) => 5,
            };
            key.extend_from_slice(&[0, rank]);
            key.extend_from_slice(c.as_os_str().as_encoded_bytes());
        }
        key
    });
}

/// An identity for a folder, so one reached twice (a bind mount) is walked once.
fn folder_id(dir: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::symlink_metadata(dir)
            .ok()
            .map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        None
    }
}

fn walk_into(
    dir: &Path,
    canon_root: &Path,
    seen: &mut HashSet<(u64, u64)>,
    out: &mut Walked,
) -> std::io::Result<()> {
    if let Some(id) = folder_id(dir)
        && !seen.insert(id)
    {
        out.refused.push(refuse(
            "folder-loop",
            dir,
            "this folder was already read by another path: not read twice",
            "the folder is mounted or linked into itself; remove the second path",
        ));
        return Ok(());
    }
    // Each folder's entries in name order, so the walk comes out in `Path`'s order (a folder's
    // files before the next name's) with no sort of every path at the end.
    let mut entries = std::fs::read_dir(dir)?.collect::<std::io::Result<Vec<_>>>()?;
    entries.sort_by_cached_key(std::fs::DirEntry::file_name);
    for e in entries {
        let path = e.path();
        if e.file_name().as_encoded_bytes().starts_with(b".") {
            continue;
        }
        if let Some(d) = bad_name(&path) {
            out.refused.push(d);
            continue;
        }
        let ft = e.file_type()?;
        // Never followed, and said so: it may be meant as a team folder or check-ins.
        if ft.is_symlink() && std::fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
            out.refused.push(symlinked_folder(&path));
            continue;
        }
        let wanted = FileKind::of_path(&path).is_some();
        match entry(&path, ft, canon_root, wanted) {
            Entry::Dir => walk_into(&path, canon_root, seen, out)?,
            Entry::File => out.files.push(path),
            Entry::Skip => {}
            Entry::Refused(d) => out.refused.push(d),
        }
    }
    Ok(())
}

/// The team folders of `root`: its real, non-hidden sub-folders, sorted by name. Symlinked
/// folders and names that are not UTF-8 are refused.
pub fn team_folders(root: &Path) -> Result<(Vec<TeamFolder>, Vec<Diagnostic>), Diagnostic> {
    let canon_root = canonical_root(root);
    let entries = std::fs::read_dir(root).map_err(|e| {
        Diagnostic::error("unreadable", format!("cannot list {}: {e}", root.display()))
            .with_hint("check the folder's permissions")
    })?;
    let mut teams = Vec::new();
    let mut refused = Vec::new();
    for e in entries.filter_map(Result::ok) {
        let path = e.path();
        if e.file_name().as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_symlink() {
            if std::fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
                refused.push(symlinked_folder(&path));
            }
            continue;
        }
        if !ft.is_dir() {
            continue;
        }
        let Ok(name) = e.file_name().into_string() else {
            refused.push(refuse(
                "file-name",
                &path,
                "folder name is not valid UTF-8: not read",
                "rename the folder to the team's slug (lower-case letters, digits and '-')",
            ));
            continue;
        };
        let file = path.join(AGREEMENT_FILE);
        let agreement = match std::fs::symlink_metadata(&file) {
            Err(_) => None,
            Ok(m) => match entry(&file, m.file_type(), &canon_root, true) {
                Entry::File => Some(file),
                Entry::Refused(d) => {
                    refused.push(d);
                    None
                }
                Entry::Dir | Entry::Skip => None,
            },
        };
        teams.push(TeamFolder { name, agreement });
    }
    teams.sort_by(|a, b| a.name.cmp(&b.name));
    Ok((teams, refused))
}

/// The check-in files of a team folder in date order (names are dates, so name order is
/// date order; sorting names as strings keeps listing 13,000 files cheap).
pub fn checkin_files(root: &Path, team: &str) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let dir = root.join(team).join(CHECKINS_DIR);
    let mut refused = Vec::new();
    match std::fs::symlink_metadata(&dir) {
        Ok(m) if m.file_type().is_symlink() => {
            refused.push(symlinked_folder(&dir));
            return (Vec::new(), refused);
        }
        Ok(m) if m.is_dir() => {}
        _ => return (Vec::new(), refused),
    }
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return (Vec::new(), refused);
    };
    let canon_root = canonical_root(root);
    let mut names = Vec::new();
    for e in entries.filter_map(Result::ok) {
        if e.file_name().as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let path = e.path();
        if let Some(d) = bad_name(&path) {
            refused.push(d);
            continue;
        }
        let Ok(name) = e.file_name().into_string() else {
            continue;
        };
        let Ok(ft) = e.file_type() else { continue };
        match entry(&path, ft, &canon_root, name.ends_with(".toml")) {
            Entry::File => names.push(name),
            Entry::Refused(d) => refused.push(d),
            Entry::Dir | Entry::Skip => {}
        }
    }
    names.sort_unstable();
    (names.into_iter().map(|n| dir.join(n)).collect(), refused)
}

/// Whether a folder's settings file exists as something Accord may read.
pub fn settings_file(root: &Path) -> Option<PathBuf> {
    let p = root.join(SETTINGS_FILE);
    std::fs::symlink_metadata(&p).ok().map(|_| p)
}

/// Reads a file of the agreements folder `root` into `buf` (cleared first), refusing what is
/// not a regular file inside the folder and never reading more than `MAX_FILE_BYTES + 1`.
/// The folders between `root` and the file must not be symlinks leading out of it either.
pub fn read_into(path: &Path, root: &Path, buf: &mut Vec<u8>) -> Result<(), Diagnostic> {
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    #[cfg(unix)]
    let (canon_root, file) = {
        let open = || {
            let (canon_root, folder) = checked_folder(root, parent);
            let Some(folder) = folder else {
                return Err(folder_outside(path));
            };
            // The file is opened in the folder checked, whatever its path leads to by now.
            let file = match (&folder, path.file_name()) {
                (Some(dir), Some(name)) => open_no_follow_in(dir, name),
                _ => open_no_follow(path),
            };
            Ok((canon_root, file))
        };
        match open()? {
            // A folder kept open may have been removed and made again since (a `git
            // checkout` does that): the path is checked anew before the file is called missing.
            (_, Err(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                forget_folder();
                open()?
            }
            opened => opened,
        }
    };
    #[cfg(not(unix))]
    let (canon_root, file) = {
        let canon_root = canonical_root(root);
        let inside = parent
            .and_then(|p| std::fs::canonicalize(p).ok())
            .is_none_or(|real| real.starts_with(&canon_root));
        if !inside {
            return Err(folder_outside(path));
        }
        let file = open_no_follow(path);
        (canon_root, file)
    };
    read_file(path, &canon_root, file, buf)
}

fn folder_outside(path: &Path) -> Diagnostic {
    refuse(
        "symlink-outside",
        path,
        "is in a folder that leads outside the agreements folder (a symlink): not read",
        "Accord reads only files inside the agreements folder; replace the symlinked folder with a real one",
    )
}

/// The canonical root, and the file's folder opened if it resolves inside the root (`None`
/// when it leads outside; `Some(None)` when there is no folder to open, and the path is
/// opened as it is). Both cost a `realpath`, and a validation reads 130 check-ins from one
/// folder in a row: the last folder opened is kept (per thread) while root and folder path
/// stay the same, and each file is opened relative to it, so a folder swapped for a symlink
/// meanwhile is never followed — and a file costs no `stat` of its folder and no walk of its
/// whole path.
#[cfg(unix)]
type LastFolder = Option<(PathBuf, Option<PathBuf>, PathBuf, Option<Option<Rc<File>>>)>;

#[cfg(unix)]
thread_local! {
    /// The last folder [`checked_folder`] answered for: root, folder path, canonical root, and
    /// the folder opened (`None`: it leads outside).
    static LAST_FOLDER: std::cell::RefCell<LastFolder> = const { std::cell::RefCell::new(None) };
}

#[cfg(unix)]
fn forget_folder() {
    LAST_FOLDER.with(|last| last.borrow_mut().take());
}

#[cfg(unix)]
fn checked_folder(root: &Path, parent: Option<&Path>) -> (PathBuf, Option<Option<Rc<File>>>) {
    use std::os::unix::fs::OpenOptionsExt;
    LAST_FOLDER.with(|last| {
        if let Some((r, p, canon, folder)) = &*last.borrow()
            && r == root
            && p.as_deref() == parent
        {
            return (canon.clone(), folder.clone());
        }
        let canon = canonical_root(root);
        // The folders on the way: one `realpath` of the parent catches a symlinked team or
        // check-ins folder that leads elsewhere. A folder that cannot be resolved is left to
        // the open of the file, which says what is wrong.
        let folder = match parent.map(std::fs::canonicalize) {
            None | Some(Err(_)) => Some(None),
            Some(Ok(real)) if !real.starts_with(&canon) => None,
            Some(Ok(real)) => Some(
                std::fs::OpenOptions::new()
                    .read(true)
                    .custom_flags(libc::O_DIRECTORY | libc::O_NOFOLLOW)
                    .open(&real)
                    .ok()
                    .map(Rc::new),
            ),
        };
        // Only an answer about a folder that was there is kept: a folder missing now may be
        // made a symlink before the next read.
        if matches!(folder, None | Some(Some(_))) {
            *last.borrow_mut() = Some((
                root.to_path_buf(),
                parent.map(Path::to_path_buf),
                canon.clone(),
                folder.clone(),
            ));
        }
        (canon, folder)
    })
}

fn unreadable(path: &Path, e: &std::io::Error) -> Diagnostic {
    refuse(
        "unreadable",
        path,
        format!("cannot read: {e}"),
        "check the path and permissions",
    )
}

/// Checks what was opened (without following a symlink and without blocking) and reads it.
/// A symlink is followed only to a file inside the folder.
fn read_file(
    path: &Path,
    canon_root: &Path,
    opened: std::io::Result<File>,
    buf: &mut Vec<u8>,
) -> Result<(), Diagnostic> {
    let symlink_target = || {
        let target = std::fs::canonicalize(path).map_err(|e| unreadable(path, &e))?;
        if !target.starts_with(canon_root) {
            return Err(outside(path));
        }
        open_no_follow(&target).map_err(|e| unreadable(path, &e))
    };
    // The open itself refuses a symlink (`O_NOFOLLOW`: ELOOP), so a regular file costs no
    // `lstat` first: a folder of 65,000 files is read with one system call fewer each.
    #[cfg(unix)]
    let file = match opened {
        Ok(f) => f,
        // EMLINK is how FreeBSD says it.
        Err(e) if matches!(e.raw_os_error(), Some(libc::ELOOP | libc::EMLINK)) => symlink_target()?,
        Err(e) => return Err(unreadable(path, &e)),
    };
    #[cfg(not(unix))]
    let file = {
        let meta = std::fs::symlink_metadata(path).map_err(|e| unreadable(path, &e))?;
        if meta.file_type().is_symlink() {
            symlink_target()?
        } else {
            opened.map_err(|e| unreadable(path, &e))?
        }
    };
    let meta = file.metadata().map_err(|e| unreadable(path, &e))?;
    if !meta.is_file() {
        return Err(special(path, &meta.file_type()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(path, Some(meta.len())));
    }
    buf.clear();
    // `take`: a file that grows, or lies about its size (as /proc files do), stops here.
    let mut limited = (&file).take(MAX_FILE_BYTES + 1);
    if !read_whole(&mut limited, meta.len() as usize, buf).map_err(|e| unreadable(path, &e))? {
        limited.read_to_end(buf).map_err(|e| unreadable(path, &e))?;
    }
    if buf.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, None));
    }
    Ok(())
}

/// Reads a regular file of `size` bytes (as `fstat` gave it) into `buf` with one read: `true`
/// when that read returned exactly `size` bytes, which is the whole file as it was when
/// measured, so the read that would only say "end of file" is saved (a folder of 65,000 files
/// costs 65,000 system calls fewer). `false`, with what was read kept, when the file is empty
/// by its size (as /proc files claim), shorter or longer: the caller reads on to the end.
fn read_whole(file: &mut impl Read, size: usize, buf: &mut Vec<u8>) -> std::io::Result<bool> {
    if size == 0 {
        return Ok(false);
    }
    // One byte more than the size, so a file that grew shows it.
    buf.resize(size + 1, 0);
    let n = loop {
        match file.read(&mut buf[..]) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            r => break r,
        }
    };
    buf.truncate(*n.as_ref().unwrap_or(&0));
    Ok(n? == size)
}

fn too_large(path: &Path, len: Option<u64>) -> Diagnostic {
    let what = match len {
        Some(n) => {
            format!("file is {n} bytes, more than the {MAX_FILE_BYTES} an Accord file can be")
        }
        None => format!("file is more than the {MAX_FILE_BYTES} bytes an Accord file can be"),
    };
    refuse(
        "too-large",
        path,
        what,
        "agreement and check-in files are a few kilobytes: is this the right file?",
    )
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

/// Opens `name` in the open folder `dir`, as [`open_no_follow`] does.
#[cfg(unix)]
fn open_no_follow_in(dir: &File, name: &std::ffi::OsStr) -> std::io::Result<File> {
    use rustix::fs::{Mode, OFlags};
    let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
    Ok(File::from(rustix::fs::openat(
        dir,
        name,
        flags,
        Mode::empty(),
    )?))
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_read_at_its_size_is_whole_and_one_that_grew_or_shrank_is_read_on() {
        let data = b"abcdef".to_vec();
        for size in [0, 3, 6, 9] {
            let (mut buf, mut r) = (Vec::new(), std::io::Cursor::new(data.clone()));
            let whole = read_whole(&mut r, size, &mut buf).unwrap();
            if !whole {
                r.read_to_end(&mut buf).unwrap();
            }
            assert_eq!(buf, data, "size {size}");
            assert_eq!(whole, size == data.len(), "size {size}");
        }
    }

    #[test]
    fn paths_sort_as_path_compares_them() {
        let mut paths: Vec<PathBuf> = [
            "a-b/c.toml",
            "a/b.toml",
            "a/b/c.toml",
            "a.toml",
            "/a",
            "/-x",
            "./a",
            "../a",
            "a//b",
            "b",
            "a/b",
            "-x/y",
            "a b/c",
            "é/a",
            "a/é",
            "a/ab",
            "a/a.b",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let mut expected = paths.clone();
        expected.sort();
        sort_paths(&mut paths);
        assert_eq!(paths, expected);
    }

    #[test]
    fn root_of_goes_up_by_the_files_place() {
        assert_eq!(root_of(Path::new("r/accord.toml")), Path::new("r"));
        assert_eq!(root_of(Path::new("r/t/agreement.toml")), Path::new("r"));
        assert_eq!(
            root_of(Path::new("r/t/checkins/2026-01-05.toml")),
            Path::new("r")
        );
        assert_eq!(root_of(Path::new("agreement.toml")), Path::new("."));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_inside_is_read_and_one_outside_is_not() {
        let out = tempfile::tempdir().unwrap();
        std::fs::write(out.path().join("secret"), "TOKEN=abc").unwrap();
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("a")).unwrap();
        std::fs::write(root.path().join("a/real.toml"), "schema = 1\n").unwrap();
        let inside = root.path().join("a/agreement.toml");
        std::os::unix::fs::symlink("real.toml", &inside).unwrap();
        let mut buf = Vec::new();
        read_into(&inside, root.path(), &mut buf).unwrap();
        assert_eq!(buf, b"schema = 1\n");
        let leak = root.path().join("accord.toml");
        std::os::unix::fs::symlink(out.path().join("secret"), &leak).unwrap();
        let d = read_into(&leak, root.path(), &mut buf).unwrap_err();
        assert_eq!(d.code, "symlink-outside");
        assert!(!format!("{d:?}").contains("TOKEN"));
    }

    /// The folder checked is the folder read: one swapped for a symlink to a folder outside
    /// between two reads is never followed (the second file comes from the folder checked).
    #[cfg(unix)]
    #[test]
    fn a_folder_swapped_for_a_symlink_between_reads_is_not_followed() {
        let out = tempfile::tempdir().unwrap();
        std::fs::write(out.path().join("2026-01-12.toml"), "TOKEN=abc").unwrap();
        let root = tempfile::tempdir().unwrap();
        let checkins = root.path().join("t/checkins");
        std::fs::create_dir_all(&checkins).unwrap();
        for day in ["05", "12"] {
            std::fs::write(checkins.join(format!("2026-01-{day}.toml")), "schema = 1\n").unwrap();
        }
        let mut buf = Vec::new();
        read_into(&checkins.join("2026-01-05.toml"), root.path(), &mut buf).unwrap();
        std::fs::rename(&checkins, root.path().join("t/moved")).unwrap();
        std::os::unix::fs::symlink(out.path(), &checkins).unwrap();
        read_into(&checkins.join("2026-01-12.toml"), root.path(), &mut buf).unwrap();
        assert_eq!(buf, b"schema = 1\n");
        // Once another folder was read, the path is checked anew: the symlink is seen.
        std::fs::write(root.path().join("t/agreement.toml"), "schema = 1\n").unwrap();
        read_into(&root.path().join("t/agreement.toml"), root.path(), &mut buf).unwrap();
        let d = read_into(&checkins.join("2026-01-12.toml"), root.path(), &mut buf).unwrap_err();
        assert_eq!(d.code, "symlink-outside");
    }

    /// A folder kept open that was removed and made again (as a `git checkout` may) is
    /// looked up anew: its new files are read, not called missing.
    #[cfg(unix)]
    #[test]
    fn a_folder_removed_and_made_again_between_reads_is_read_anew() {
        let root = tempfile::tempdir().unwrap();
        let checkins = root.path().join("t/checkins");
        std::fs::create_dir_all(&checkins).unwrap();
        std::fs::write(checkins.join("2026-01-05.toml"), "schema = 1\n").unwrap();
        let mut buf = Vec::new();
        read_into(&checkins.join("2026-01-05.toml"), root.path(), &mut buf).unwrap();
        std::fs::remove_dir_all(&checkins).unwrap();
        std::fs::create_dir(&checkins).unwrap();
        std::fs::write(checkins.join("2026-01-12.toml"), "schema = 2\n").unwrap();
        read_into(&checkins.join("2026-01-12.toml"), root.path(), &mut buf).unwrap();
        assert_eq!(buf, b"schema = 2\n");
    }
}
