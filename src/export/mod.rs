//! Documents made from an agreement: plain text, Markdown, HTML, JSON, and a calendar.

pub mod html;
pub mod ics;
pub mod json;
pub mod markdown;
pub mod text;
mod vtimezone;
pub mod week;
