//! Data from other systems turned into Accord's files.

pub mod presence;
