//! Writes that either happen whole or not at all, and never over someone else's change.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{path} changed on disk since Accord read it")]
    ChangedOnDisk {
        path: PathBuf,
        current: Option<String>,
    },
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("refusing to write {path}: {link} is a symlink")]
    Symlink { path: PathBuf, link: PathBuf },
}

impl WriteError {
    pub fn hint(&self) -> &'static str {
        match self {
            WriteError::ChangedOnDisk { .. } => {
                "someone edited the file meanwhile; nothing was overwritten — reload it and apply your change again"
            }
            WriteError::Io { .. } => "check that the folder exists and is writable",
            WriteError::Symlink { .. } => {
                "Accord never writes through a symlink (it could lead outside the agreements folder); replace the symlink with a real file or folder"
            }
        }
    }
}

/// Writes `contents` to `path` through a temporary file in the same folder: fsync, rename, fsync the folder.
/// On error the temporary file is removed and `path` is untouched.
///
/// Never through a symlink: the file itself, and every folder between it and its agreements
/// folder ([`super::workspace::root_of`]), must not be one, so a symlinked `checkins/` cannot
/// make Accord write outside the folder. A new file gets `0o666` less the umask (as any
/// editor's file would); a replaced file keeps its mode. Temporary files of Accord's own
/// naming that a killed write left behind are removed first.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    let io_err = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    refuse_symlinks(path, dir)?;
    fs::create_dir_all(dir).map_err(io_err)?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("accord");
    remove_stale_temporaries(dir);
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(&prefix)
        .suffix(TMP_SUFFIX)
        .rand_bytes(TMP_RAND);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // tempfile asks for 0600; a new Accord file is an ordinary file: 0666 less the umask
        // (the kernel takes the umask off at creation), 0644 under umask 022.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(io_err)?;
    tmp.write_all(contents).map_err(io_err)?;
    tmp.as_file().sync_all().map_err(io_err)?;
    // Keep the permissions of the file we replace.
    if let Ok(meta) = fs::metadata(path) {
        let _ = fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.persist(path).map_err(|e| io_err(e.error))?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

const TMP_SUFFIX: &str = ".tmp";
const TMP_RAND: usize = 6;
/// A temporary file this old is no write in progress (a write takes milliseconds) but the
/// leftover of a killed one. Younger ones may belong to another Accord writing right now.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(60);

/// Whether `name` is one of Accord's temporary files: `.NAME.XXXXXX.tmp`.
fn is_own_temporary(name: &str) -> bool {
    let Some(rest) = name
        .strip_prefix('.')
        .and_then(|r| r.strip_suffix(TMP_SUFFIX))
    else {
        return false;
    };
    let Some((base, rand)) = rest.rsplit_once('.') else {
        return false;
    };
    !base.is_empty() && rand.len() == TMP_RAND && rand.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Removes the temporary files a killed write left in `dir` (best effort: a failure to clean
/// up never stops the write).
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for e in entries.flatten() {
        let Some(name) = e.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        if !is_own_temporary(&name) {
            continue;
        }
        let stale = e.metadata().is_ok_and(|m| {
            m.is_file()
                && m.modified()
                    .ok()
                    .and_then(|t| now.duration_since(t).ok())
                    .is_some_and(|age| age >= STALE_AFTER)
        });
        if stale {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Refuses a target that is a symlink, or that sits in a symlinked folder below its
/// agreements folder.
fn refuse_symlinks(path: &Path, dir: &Path) -> Result<(), WriteError> {
    let symlink = |p: &Path| fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    if symlink(path) {
        return Err(WriteError::Symlink {
            path: path.to_path_buf(),
            link: path.to_path_buf(),
        });
    }
    let root = super::workspace::root_of(path);
    for folder in dir.ancestors() {
        if folder == root || folder.as_os_str().is_empty() || !folder.starts_with(&root) {
            break;
        }
        if symlink(folder) {
            return Err(WriteError::Symlink {
                path: path.to_path_buf(),
                link: folder.to_path_buf(),
            });
        }
    }
    Ok(())
}

/// Writes only when the file still holds `expected` (what was read; `None` = must not exist yet).
///
/// The check and the rename are not one atomic step — no portable API offers that — but the window is
/// microseconds, where an editor's save and Accord's would otherwise race for minutes.
pub fn write_if_unchanged(
    path: &Path,
    expected: Option<&str>,
    contents: &[u8],
) -> Result<(), WriteError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    refuse_symlinks(path, dir)?;
    if fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err(WriteError::Io {
            path: path.to_path_buf(),
            source: io::Error::other("not a regular file"),
        });
    }
    let current = match fs::read(path) {
        Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(source) => {
            return Err(WriteError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    if current.as_deref() != expected {
        return Err(WriteError::ChangedOnDisk {
            path: path.to_path_buf(),
            current,
        });
    }
    write_atomic(path, contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn replaces_whole_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("agreement.toml");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "two");
        assert_eq!(entries(dir.path()), vec!["agreement.toml"]);
    }

    #[test]
    fn refuses_to_overwrite_a_changed_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("agreement.toml");
        fs::write(&p, "edited elsewhere").unwrap();
        let err = write_if_unchanged(&p, Some("what we read"), b"ours").unwrap_err();
        assert!(matches!(err, WriteError::ChangedOnDisk { .. }));
        assert_eq!(fs::read_to_string(&p).unwrap(), "edited elsewhere");
        let err = write_if_unchanged(&dir.path().join("new.toml"), Some("x"), b"ours").unwrap_err();
        assert!(matches!(
            err,
            WriteError::ChangedOnDisk { current: None, .. }
        ));
        assert_eq!(entries(dir.path()), vec!["agreement.toml"]);
    }

    #[test]
    fn failed_write_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        // A directory where the file should be: the rename fails.
        let p = dir.path().join("taken");
        fs::create_dir(&p).unwrap();
        fs::write(p.join("inside"), "x").unwrap();
        assert!(write_atomic(&p, b"data").is_err());
        assert_eq!(entries(dir.path()), vec!["taken"]);
    }
}
