//! `accord.toml`: optional settings for a repository of agreements.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Repository settings (`accord.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Accord repository settings")]
pub struct Settings {
    /// File format version; always 1.
    #[schemars(range(min = 1, max = 1))]
    pub schema: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy: Option<Privacy>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Privacy {
    /// Pulse results are shown only with at least this many answers; never below 3.
    #[schemars(range(min = 3))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_responses: Option<u32>,
}

impl Settings {
    pub const DEFAULT_MIN_RESPONSES: u32 = 5;
    pub const FLOOR_MIN_RESPONSES: u32 = 3;

    /// The pulse threshold in force: the configured value, never below the floor of 3.
    pub fn min_responses(&self) -> u32 {
        self.privacy
            .as_ref()
            .and_then(|p| p.min_responses)
            .unwrap_or(Self::DEFAULT_MIN_RESPONSES)
            .max(Self::FLOOR_MIN_RESPONSES)
    }
}
