//! What the dashboard screen holds: the team, its figures once loaded, and how far it is scrolled.

use accord::adherence::{MinResponses, TeamAdherence};

/// One team's figures, as the worker loaded them.
#[derive(Debug, Clone)]
pub struct Dashboard {
    pub adherence: TeamAdherence,
    /// The pulse threshold of the folder (`accord.toml`), for "M needed".
    pub min: MinResponses,
    /// Check-in files that could not be read (left out of the figures), as one line each.
    pub problems: Vec<String>,
    /// The day the figures are for (overdue, done on time).
    pub today: chrono::NaiveDate,
}

/// Where the figures are.
#[derive(Debug, Clone)]
pub enum Data {
    /// Asked the worker; "Loading…" until it answers.
    Loading,
    Ready(Box<Dashboard>),
    /// Could not be loaded: what went wrong and what to do.
    Failed {
        message: String,
        hint: Option<String>,
    },
}

#[derive(Debug, Clone)]
pub struct DashboardState {
    /// The team's slug (folder name).
    pub team: String,
    pub data: Data,
    /// First row of the content on screen.
    pub scroll: u16,
}

impl DashboardState {
    /// A dashboard waiting for its figures.
    pub fn loading(team: impl Into<String>) -> Self {
        DashboardState {
            team: team.into(),
            data: Data::Loading,
            scroll: 0,
        }
    }

    pub fn ready(&self) -> Option<&Dashboard> {
        match &self.data {
            Data::Ready(d) => Some(d),
            _ => None,
        }
    }

    /// The team's display name once known, else its slug.
    pub fn title(&self) -> String {
        self.ready()
            .and_then(|d| d.adherence.name.as_deref())
            .map(|n| accord::text::sanitize_line(n).into_owned())
            .unwrap_or_else(|| self.team.clone())
    }
}
