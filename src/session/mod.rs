//! Sessions that change a team's files, with no terminal code: the app's screens and the CLI
//! drive the same rules.

pub mod adopt;
pub mod revision;
