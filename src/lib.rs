//! Accord: team agreements as code.
//!
//! This library is the domain — the files, their rules, their canonical form,
//! git, adherence — and holds no terminal code; the `accord` binary's `tui`
//! module tree draws on top of it.

pub mod adherence;
pub mod calendar;
pub mod checkin;
pub mod describe;
pub mod diag;
pub mod diff;
pub mod doc;
pub mod export;
pub mod follow;
pub mod git;
pub mod hash;
pub mod import;
pub mod locate;
pub mod model;
pub mod par;
pub mod parse;
pub mod presets;
pub mod pulse;
pub mod render;
pub mod report;
pub mod schedule;
pub mod schema;
pub mod session;
pub mod source;
pub mod store;
pub mod suggest;
pub mod text;
pub mod validate;
pub mod week;
