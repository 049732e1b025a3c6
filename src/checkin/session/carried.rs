//! The parking lot across sessions at a check-in: the topics parked at the team's last
//! adoption and last check-in, each to take up, keep parked or drop (kept until the team says).
//! Kept ones are parked again in this check-in's commit message, with the ones parked here;
//! taken-up ones are listed as taken up; dropped ones are gone.

use super::Session;
use crate::diag::Diagnostic;
use crate::session::{Carried, Choice, ParkingLot};

impl Session {
    /// Gives the session the topics parked last time (see `session::Carried::for_team`).
    pub fn with_carried(mut self, carried: Carried) -> Session {
        self.carried = carried;
        self
    }

    /// The topics parked last time, with the choices made so far.
    pub fn carried(&self) -> &Carried {
        &self.carried
    }

    /// Chooses for a topic parked last time, named as listed.
    pub fn choose_carried(&mut self, topic: &str, choice: Choice) -> Result<(), Diagnostic> {
        self.carried.choose(topic, choice)
    }

    /// The parking lot the commit message lists: the topics kept from last time, then those
    /// parked in this session, each once.
    pub fn lot_to_save(&self) -> ParkingLot {
        self.carried.lot(&self.parked)
    }
}
