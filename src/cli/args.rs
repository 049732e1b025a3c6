//! The command line, as clap sees it.

use std::path::PathBuf;

use accord::model::TimeZone;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "accord",
    version,
    about = "Team agreements as code: draft them together, keep them in git, check in on how you live by them.",
    long_about = None,
    after_help = "Run `accord` without a command to open the app on the agreements folder.\nExit codes: 0 ok, 1 problems found (validate, fmt --check), 2 could not run."
)]
pub struct Cli {
    /// The agreements folder [default: $ACCORD_DIR, else ./agreements]
    #[arg(long, global = true, value_name = "PATH")]
    pub dir: Option<PathBuf>,

    // Without a command: the app's look.
    #[command(flatten)]
    pub theme: ThemeArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The app's look, for the commands that open it.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct ThemeArgs {
    /// The app's look: dark (the default), light (dark text on white, for washed-out
    /// projectors) or high-contrast; Ctrl-T cycles them in the app; NO_COLOR still wins
    #[arg(long, value_enum, value_name = "THEME", env = "ACCORD_THEME")]
    pub theme: Option<ThemeName>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeName {
    Dark,
    Light,
    HighContrast,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the agreements folder (and a git repository when there is none)
    Init(InitArgs),
    /// Draft a new team's agreement in the wizard (optionally from a preset)
    New(NewArgs),
    /// Propose a revision of a team's agreement in the wizard
    Edit(EditArgs),
    /// Show a team's agreement
    Show(ShowArgs),
    /// This week for a member: presence days and rituals with their times
    Week(WeekArgs),
    /// Write a team's agreement as a document or a calendar
    Export(ExportArgs),
    /// Check agreement, check-in and settings files
    Validate(ValidateArgs),
    /// Rewrite files in canonical form, keeping comments
    Fmt(FmtArgs),
    /// A team's agreement revisions from git: commit, date, author, version, what changed
    History(HistoryArgs),
    /// What changed in an agreement between two revisions, item by item
    Diff(DiffArgs),
    /// For each item, the commit that introduced it and the one that last changed it
    Blame(BlameArgs),
    /// Adherence per check-in, per team and across teams
    Report(ReportArgs),
    /// Count presence days from a desk-booking or badge export into a check-in draft
    ImportPresence(ImportPresenceArgs),
    /// Record a check-in: presence, rituals, norms, an anonymous pulse, decisions (in the app)
    Checkin(CheckinArgs),
    /// The anonymous pulse: answers given outside the room
    #[command(subcommand)]
    Pulse(PulseCommand),
    /// A shell completion script, printed or written into a folder (for packagers)
    #[command(hide = true)]
    Completions(CompletionsArgs),
    /// The man page, printed; with a folder, one page per command written there (for packagers)
    #[command(hide = true)]
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    pub shell: clap_complete::Shell,
    /// Write the script into this folder, named as the shell expects, instead of printing it
    #[arg(value_name = "FOLDER")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write accord.1 and one page per command (accord-diff.1 …) into this folder
    #[arg(value_name = "FOLDER")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum PulseCommand {
    /// Pool an anonymous form's CSV export (Google Forms, Microsoft Forms, Typeform) into the
    /// check-in draft
    #[command(
        after_help = "Columns: a header equal to a question's text (or id) maps to it; `comment`, `mode` and `tenure` headers map to the comment and the groupings; the forms' time columns are dropped. Map others with --column KEY=HEADER or leave them out with --ignore HEADER.\nExit codes: 0 imported, 1 the CSV has errors (nothing imported), 2 could not run."
    )]
    Import(PulseImportArgs),
}

#[derive(Debug, Args)]
pub struct PulseImportArgs {
    pub team: String,
    /// The form's export: one row per answer (header row first)
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
    /// The column with this header holds KEY: a question id, `comment`, or a grouping (`mode`, `tenure`)
    #[arg(long = "column", value_name = "KEY=HEADER", value_parser = parse_column)]
    pub columns: Vec<(String, String)>,
    /// Leave out the column with this header (the form's own id, tags…)
    #[arg(long, value_name = "HEADER")]
    pub ignore: Vec<String>,
}

fn parse_column(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, h)) if !k.trim().is_empty() && !h.trim().is_empty() => {
            Ok((k.trim().to_string(), h.to_string()))
        }
        _ => Err("write KEY=HEADER, e.g. --column speak-up=\"Did you say so?\"".into()),
    }
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Commit the files init creates (the folder's README.md and accord.toml), and only them
    #[arg(long)]
    pub commit: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The team's slug: lower-case letters, digits and '-' (also its folder name)
    #[arg(required_unless_present = "list_presets")]
    pub team: Option<String>,
    /// Start from a preset (see --list-presets)
    #[arg(long, value_name = "NAME")]
    pub preset: Option<String>,
    /// The team's display name [default: from the slug]
    #[arg(long)]
    pub name: Option<String>,
    /// Write the draft straight from the preset instead of opening the wizard
    #[arg(long)]
    pub no_interactive: bool,
    /// List the presets and exit
    #[arg(long)]
    pub list_presets: bool,
    /// Workshop mode: for a shared screen (large headings, high contrast, step timers)
    #[arg(long)]
    pub workshop: bool,
    #[command(flatten)]
    pub theme: ThemeArgs,
    /// With --no-interactive: commit the new agreement (only that file) with git
    #[arg(long)]
    pub commit: bool,
    /// In the wizard: save without committing (it commits by default when in a git repository)
    #[arg(long, conflicts_with = "commit")]
    pub no_commit: bool,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    pub team: String,
    /// Adopt this revised agreement file without the wizard, by the wizard's rules (version,
    /// status, consent that still holds, adoption and review dates)
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
    /// With --from: the counts of a consent round on one item (repeat for several)
    #[arg(long, value_name = "ITEM=AGREE,CONCERNS,OBJECTIONS", requires = "from")]
    pub consent: Vec<String>,
    /// With --from: the same consent counts on every item
    #[arg(long, value_name = "AGREE,CONCERNS,OBJECTIONS", requires = "from")]
    pub consent_all: Option<String>,
    /// Never open the wizard (needs --from)
    #[arg(long)]
    pub no_interactive: bool,
    /// With --from: what to do with a topic parked last time: take (taken up in this
    /// revision), keep (parked again; the default) or drop (repeat for several)
    #[arg(long, value_name = "TOPIC=take|keep|drop", requires = "from")]
    pub parked: Vec<String>,
    /// With --from: no trial for this new ritual or norm (new ones are tried for 30 days)
    #[arg(long, value_name = "ITEM", requires = "from")]
    pub permanent: Vec<String>,
    /// With --from: commit the agreement file (only that file) with git
    #[arg(long, requires = "from", conflicts_with = "no_commit")]
    pub commit: bool,
    /// Workshop mode: for a shared screen (large headings, high contrast, step timers)
    #[arg(long)]
    pub workshop: bool,
    #[command(flatten)]
    pub theme: ThemeArgs,
    /// Save without committing (the wizard commits by default when in a git repository)
    #[arg(long)]
    pub no_commit: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Md,
    Json,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    pub team: String,
    /// The agreement at a revision: a commit, branch, tag, HEAD~2 …
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    /// Plain output instead of the viewer
    #[arg(long, value_enum)]
    pub format: Option<ShowFormat>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// An iCalendar file: presence days and rituals as recurring events
    Ics,
    /// Plain text, as `show` prints it
    Text,
    /// Markdown, for a forge or a wiki
    Md,
    /// One self-contained web page
    Html,
    /// The agreement as JSON (see the README)
    Json,
}

#[derive(Debug, Args)]
pub struct WeekArgs {
    pub team: String,
    /// Any day of the week to show (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Show times in this member's time zone (from the agreement)
    #[arg(long, value_name = "NAME")]
    pub member: Option<String>,
    /// Show times in this IANA time zone too, e.g. Asia/Tokyo [default: --member's, else $TZ]
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<TimeZone>,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("\"{s}\" is not a date: write it as YYYY-MM-DD, like 2026-11-18"))
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    pub team: String,
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write to this file instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormat {
    /// Like rustc: message, file:line:column, the source line
    Text,
    /// GitHub Actions workflow commands (annotations on the pull request)
    Github,
    /// GitLab code quality report (findings on the merge request)
    Gitlab,
    /// One JSON document (see the README)
    Json,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Files or folders [default: the agreements folder]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ValidateFormat,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Files or folders [default: the agreements folder]
    pub paths: Vec<PathBuf>,
    /// Only list the files that would change; exit 1 if any would
    #[arg(long)]
    pub check: bool,
    /// Commit the reformatted files (only those) with git
    #[arg(long, conflicts_with = "check")]
    pub commit: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    pub team: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: HistoryFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    /// Markdown for a pull-request comment or job summary
    Md,
    Json,
}

#[derive(Debug, Args)]
#[command(
    override_usage = "accord diff TEAM [FROM] [TO] [--format text|md|json]\n       accord diff --all [FROM] [TO] [--format text|md|json] [--max-chars N | --full]",
    after_help = "FROM defaults to HEAD and TO to the working tree. A revision is anything git understands: a commit, branch, tag, HEAD~2, origin/main …\nIdentical revisions print \"no changes\" and exit 0."
)]
pub struct DiffArgs {
    /// TEAM, FROM and TO; with --all, only FROM and TO
    #[arg(value_name = "ARGS", num_args = 0..=3)]
    pub args: Vec<String>,
    /// Every team whose files changed (what a pull-request bot posts)
    #[arg(long)]
    pub all: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    /// With --all --format md: past N characters, keep each team's heading and one-line
    /// summary and drop the details (a GitHub comment holds at most 65,536) [default: 60000]
    #[arg(
        long,
        value_name = "N",
        conflicts_with = "full",
        value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1000..)
    )]
    pub max_chars: Option<usize>,
    /// With --all --format md: the whole diff however long (for a job summary or artifact)
    #[arg(long)]
    pub full: bool,
}

#[derive(Debug, Args)]
pub struct BlameArgs {
    pub team: String,
    /// One item: "presence", a ritual id or a norm id [default: every item]
    pub item: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: HistoryFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Md,
    Json,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Only this team [default: every team, and the figures across teams]
    #[arg(long, value_name = "TEAM")]
    pub team: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
    /// Text and Markdown: only the last N check-ins of each team (JSON always has all)
    #[arg(long, value_name = "N")]
    pub last: Option<usize>,
    /// The share summary of the team's check-in of this day (with --team; md or text)
    #[arg(long, value_name = "DATE", value_parser = parse_date, requires = "team")]
    pub checkin: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct ImportPresenceArgs {
    pub team: String,
    /// CSV with a header naming date, person and location (delimiter , ; or tab)
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
    /// First day of the period [default: the day after the last check-in, or adopted]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub from: Option<chrono::NaiveDate>,
    /// Last day of the period [default: yesterday]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub to: Option<chrono::NaiveDate>,
    /// Import the good rows and skip the bad ones (they are still listed)
    #[arg(long)]
    pub skip_bad: bool,
}

#[derive(Debug, Args)]
pub struct CheckinArgs {
    pub team: String,
    /// First day of the period [default: the day after the last check-in, or adopted]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub from: Option<chrono::NaiveDate>,
    /// Last day of the period [default: yesterday]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub to: Option<chrono::NaiveDate>,
    /// Workshop mode: for a shared screen (high contrast, a timer per step)
    #[arg(long)]
    pub workshop: bool,
    #[command(flatten)]
    pub theme: ThemeArgs,
    /// Save without committing (the check-in commits by default when in a git repository)
    #[arg(long)]
    pub no_commit: bool,
    /// Answers given outside the room (paper slips, a show of hands): how many gave 1, 2, 3, 4
    /// and 5, per question; added to the check-in draft (without a terminal, only that)
    #[arg(long, value_name = "ID=N1,N2,N3,N4,N5")]
    pub tally: Vec<String>,
}

#[cfg(test)]
mod theme_tests {
    use super::*;

    #[test]
    fn theme_is_taken_by_the_commands_that_open_the_app() {
        let parse = |args: &[&str]| Cli::try_parse_from(args).map_err(|e| e.kind());
        let cli = parse(&["accord", "--theme", "light"]).unwrap();
        assert_eq!(cli.theme.theme, Some(ThemeName::Light));
        let theme_of = |args: &[&str]| match parse(args).unwrap().command {
            Some(Command::New(a)) => a.theme.theme,
            Some(Command::Edit(a)) => a.theme.theme,
            Some(Command::Checkin(a)) => a.theme.theme,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            theme_of(&["accord", "new", "orbit", "--theme", "high-contrast"]),
            Some(ThemeName::HighContrast)
        );
        assert_eq!(
            theme_of(&["accord", "edit", "orbit", "--theme", "dark"]),
            Some(ThemeName::Dark)
        );
        assert_eq!(
            theme_of(&["accord", "checkin", "orbit", "--theme", "light"]),
            Some(ThemeName::Light)
        );
        assert!(parse(&["accord", "--theme", "purple"]).is_err());
    }
}

#[cfg(test)]
mod theme_names {
    use clap::ValueEnum;

    #[test]
    fn every_theme_name_is_a_palette() {
        for t in super::ThemeName::value_variants() {
            let name = t.to_possible_value().unwrap();
            assert!(
                crate::tui::theme::Palette::from_name(name.get_name()).is_some(),
                "{}",
                name.get_name()
            );
        }
    }
}
