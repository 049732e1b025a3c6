//! Pieces of screen shared by every screen.

pub mod text_field;
