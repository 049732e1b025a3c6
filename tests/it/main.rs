//! The integration tests, one binary (so the dependency tree links once): one module per
//! area, with the shared helpers in `common`, `support` and `tmux`.

mod common;
mod support;
mod tmux;

mod adherence_cadences;
mod adherence_trend;
mod adherence_versions;
mod app_pty;
mod canonical;
mod checkin_pty;
mod checkin_session;
mod checkin_versions;
mod ci_kit;
mod cli;
mod cli_edit;
mod cli_import_presence;
mod cli_report;
mod cli_week_export;
mod closing_the_loop;
mod export_html;
mod export_ics;
mod export_vtimezone;
mod fixtures;
mod git_commit;
mod git_diff;
mod git_history;
mod hostile_files;
mod hostile_folder;
mod hostile_output;
mod hostile_small;
mod json_outputs;
mod properties;
mod pulse_import;
mod pulse_mixed_round;
mod pulse_privacy;
mod quick_reader;
mod report_loop;
mod report_parked;
mod report_privacy;
mod report_stream;
mod roundtrip;
mod schema;
mod toml_tools;
mod validate_all_errors;
mod week;
