//! Reading one file into the model.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diag::Diagnostic;
use crate::parse::parse;
use crate::source::Source;

/// A parsed file together with the text it was parsed from — the text is what a
/// later write compares against, so a change made on disk meanwhile is never lost.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub value: T,
    pub source: Source,
}

pub fn load<T: DeserializeOwned>(path: &Path) -> Result<Loaded<T>, Diagnostic> {
    let source = Source::read(path)?;
    let value = parse(&source)?;
    Ok(Loaded { value, source })
}

/// [`load`] for a file of the agreements folder `root`.
pub fn load_in<T: DeserializeOwned>(path: &Path, root: &Path) -> Result<Loaded<T>, Diagnostic> {
    let source = Source::read_in(path, root)?;
    let value = parse(&source)?;
    Ok(Loaded { value, source })
}
