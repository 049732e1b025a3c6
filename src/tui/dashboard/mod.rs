//! The dashboard of one team: the last check-in's scores per category and per item, the trend
//! over every check-in, drifting items, the review date and the decisions waiting for the next
//! revision; the loop (open actions, trials due, wins, adherence per dimension, parked topics).
//! The figures come from `accord::report` (loaded on the worker, never while drawing);
//! this module only lays them out.

pub mod chart;
pub mod command;
pub mod doc;
pub mod follow;
pub mod load;
pub mod render;
pub mod state;

pub use state::{Dashboard, DashboardState};
