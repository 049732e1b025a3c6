//! The agreements folder on disk: where files live, reading them, and writing
//! them back atomically in canonical form without losing a hand-written comment.

pub mod atomic;
pub mod canonical;
pub mod drafts;
pub mod layout;
pub mod load;
pub mod quick;
pub mod workspace;

pub use atomic::{WriteError, write_atomic, write_if_unchanged};
pub use layout::{Workspace, resolve_dir};
pub use load::{Loaded, load};
