//! When a session keeps its draft, and how long a step took: one rule for the wizard and the
//! check-in, driven by the clock the caller passes in (tests inject it).

use chrono::{NaiveDateTime, TimeDelta};

/// A draft is written this long after the first change not yet kept (the promise is "within
/// 2 seconds": ticks come every quarter second).
pub const AUTOSAVE_AFTER: TimeDelta = TimeDelta::milliseconds(1000);

/// Changes not yet kept in the draft.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Autosave {
    since: Option<NaiveDateTime>,
}

impl Autosave {
    /// A change at `now`: the draft is due [`AUTOSAVE_AFTER`] after the first unkept change.
    pub fn changed(&mut self, now: NaiveDateTime) {
        self.since.get_or_insert(now);
    }

    /// The work was kept (saved, or the draft written): nothing is due.
    pub fn clear(&mut self) {
        self.since = None;
    }

    pub fn pending(&self) -> bool {
        self.since.is_some()
    }

    /// Whether to write the draft at `now`; `true` once per change. `allowed` is false while
    /// writing would be wrong (a save in flight, someone answering the pulse): the draft then
    /// waits for the next tick.
    pub fn due(&mut self, now: NaiveDateTime, allowed: bool) -> bool {
        match self.since {
            Some(t) if allowed && now - t >= AUTOSAVE_AFTER => {
                self.since = None;
                true
            }
            _ => false,
        }
    }
}

/// Time spent on a step, from the ticks the app receives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StepClock {
    last: Option<NaiveDateTime>,
}

impl StepClock {
    /// Whole seconds to add to the current step for a tick at `now`. A laptop that slept does
    /// not count as time on the step: at most 5 s per tick.
    pub fn tick(&mut self, now: NaiveDateTime) -> u32 {
        let Some(last) = self.last else {
            self.last = Some(now);
            return 0;
        };
        let secs = (now - last).num_seconds().clamp(0, 5) as u32;
        // Fractions of a second wait for the next tick; a clock that went back starts again.
        if secs > 0 || now < last {
            self.last = Some(now);
        }
        secs
    }

    /// Starts counting again from `now` (a step changed; a draft resumed).
    pub fn restart(&mut self, now: NaiveDateTime) {
        self.last = Some(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ms: i64) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
            .unwrap()
            .and_hms_opt(14, 0, 0)
            .unwrap()
            + TimeDelta::milliseconds(ms)
    }

    #[test]
    fn the_draft_is_due_once_a_second_after_the_first_change_and_waits_while_not_allowed() {
        let mut a = Autosave::default();
        assert!(!a.due(at(5_000), true));
        a.changed(at(0));
        a.changed(at(900));
        assert!(!a.due(at(999), true));
        assert!(!a.due(at(1_500), false), "a save in flight");
        assert!(a.pending());
        assert!(a.due(at(1_600), true));
        assert!(!a.due(at(1_700), true), "once per change");
    }

    #[test]
    fn a_step_counts_whole_seconds_and_never_a_nap() {
        let mut c = StepClock::default();
        assert_eq!(c.tick(at(0)), 0);
        assert_eq!(c.tick(at(700)), 0);
        assert_eq!(c.tick(at(1_200)), 1);
        assert_eq!(c.tick(at(3_600_000)), 5);
        assert_eq!(c.tick(at(0)), 0, "the clock went back");
        assert_eq!(c.tick(at(2_000)), 2);
    }
}
