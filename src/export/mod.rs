//! Documents made from an agreement: plain text, Markdown, JSON (and later calendars and HTML).

pub mod json;
pub mod markdown;
pub mod text;
