//! The parking lot: topics a team sets aside to come back to, in the wizard and the check-in
//! alike. The draft keeps them and the commit message lists them.

use serde::{Deserialize, Serialize};

/// Topics in the order parked: each one line, trimmed, whitespace collapsed, none twice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Vec<String>", into = "Vec<String>")]
pub struct ParkingLot(Vec<String>);

impl From<Vec<String>> for ParkingLot {
    /// A list read from a draft (perhaps edited by hand) is cleaned as if parked one by one.
    fn from(v: Vec<String>) -> Self {
        v.into_iter().collect()
    }
}

impl From<ParkingLot> for Vec<String> {
    fn from(lot: ParkingLot) -> Self {
        lot.0
    }
}

impl ParkingLot {
    /// Parks a topic; `false` for an empty one or one parked already.
    pub fn park(&mut self, topic: &str) -> bool {
        let topic = topic.split_whitespace().collect::<Vec<_>>().join(" ");
        if topic.is_empty() || self.0.contains(&topic) {
            return false;
        }
        self.0.push(topic);
        true
    }

    pub fn topics(&self) -> &[String] {
        &self.0
    }
}

impl std::ops::Deref for ParkingLot {
    type Target = [String];
    fn deref(&self) -> &[String] {
        &self.0
    }
}

impl<'a> IntoIterator for &'a ParkingLot {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<S: AsRef<str>> FromIterator<S> for ParkingLot {
    /// Parks each topic in turn (a draft's list written by hand is cleaned the same way).
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        let mut lot = ParkingLot::default();
        for t in iter {
            lot.park(t.as_ref());
        }
        lot
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_topic_is_one_clean_line_and_parked_once() {
        let mut lot = ParkingLot::default();
        assert!(lot.park("  Lunch\n budget "));
        assert!(!lot.park("Lunch budget"));
        assert!(!lot.park(" \t"));
        assert!(lot.park("Desk booking"));
        assert_eq!(lot.topics(), ["Lunch budget", "Desk booking"]);
        let read: ParkingLot = serde_json::from_str(r#"["a", "a ", ""]"#).unwrap();
        assert_eq!(read.topics(), ["a"], "a list read from a draft is cleaned");
        assert_eq!(
            serde_json::to_string(&lot).unwrap(),
            r#"["Lunch budget","Desk booking"]"#
        );
    }
}
