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
}

impl WriteError {
    pub fn hint(&self) -> &'static str {
        match self {
            WriteError::ChangedOnDisk { .. } => {
                "someone edited the file meanwhile; nothing was overwritten — reload it and apply your change again"
            }
            WriteError::Io { .. } => "check that the folder exists and is writable",
        }
    }
}

/// Writes `contents` to `path` through a temporary file in the same folder: fsync, rename, fsync the folder.
/// On error the temporary file is removed and `path` is untouched.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    let io_err = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).map_err(io_err)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(
            ".{}.",
            path.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("accord")
        ))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io_err)?;
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

/// Writes only when the file still holds `expected` (what was read; `None` = must not exist yet).
///
/// The check and the rename are not one atomic step — no portable API offers that — but the window is
/// microseconds, where an editor's save and Accord's would otherwise race for minutes.
pub fn write_if_unchanged(
    path: &Path,
    expected: Option<&str>,
    contents: &[u8],
) -> Result<(), WriteError> {
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
