//! When the team meets, seen from each member's clock.

pub mod zones;
