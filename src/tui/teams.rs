//! The home screen: every team of the folder with its status, version, review date, last
//! check-in and open actions.

use accord::diag::Diagnostic;
use accord::model::{Agreement, Status};
use accord::store::Workspace;
use accord::store::drafts::{DraftKind, Drafts};
use accord::text::sanitize_line as clean;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Wrap};

use super::action::{Cmd, Effect, Out};
use super::app::{Env, Prompt, PromptFor, Screen};
use super::theme::{MARK, NO_MARK, Theme};
use super::viewer::ViewerState;
use super::wizard::save::count as save_count;

#[derive(Debug, Clone)]
pub struct TeamRow {
    pub slug: String,
    /// The agreement, or the first message of why it does not load.
    pub agreement: Result<Agreement, String>,
    pub last_checkin: Option<NaiveDate>,
    /// An unsaved wizard draft is waiting for this team.
    pub draft: bool,
    /// An unsaved check-in draft is waiting for this team (the app's, or `import-presence`'s).
    pub checkin_draft: bool,
    /// The agreement reads, but breaks a rule of `accord validate`: the first error.
    pub invalid: Option<String>,
    /// The actions decided at check-ins and not closed yet; `None` when a check-in could
    /// not be read (the count would be wrong).
    pub actions: Option<OpenActions>,
}

/// How many actions are open, and of them past their due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OpenActions {
    pub open: usize,
    pub overdue: usize,
}

impl OpenActions {
    /// From the team's check-in files, through `accord::follow::Loop` (the report's rule).
    fn read(ws: &Workspace, paths: &[std::path::PathBuf], today: NaiveDate) -> Option<Self> {
        let mut buf = Vec::new();
        let records = paths
            .iter()
            .map(|p| {
                accord::report::read_checkin(p, &ws.root, &mut buf)
                    .map(|c| accord::follow::Record::of(&c))
            })
            .collect::<Result<Vec<_>, _>>()
            .ok()?;
        let l = accord::follow::Loop::build(records, today);
        Some(OpenActions {
            open: l.open().count(),
            overdue: l.overdue().count(),
        })
    }
}

#[derive(Debug, Clone, Default)]
pub struct TeamsState {
    pub rows: Vec<TeamRow>,
    pub selected: usize,
}

/// Reads the folder: the teams, their agreements, their last check-in, and which have drafts.
/// Teams are read on every core: parsing agreements is most of the app's first frame.
pub fn load(
    ws: &Workspace,
    drafts: Option<&Drafts>,
    today: NaiveDate,
) -> Result<Vec<TeamRow>, Diagnostic> {
    let with_draft = drafts
        .map(|d| d.teams_with(DraftKind::Agreement))
        .unwrap_or_default();
    let with_checkin = drafts
        .map(|d| d.teams_with(DraftKind::CheckIn))
        .unwrap_or_default();
    let slugs = ws.teams()?;
    let row = |slug: &String| {
        let paths = ws.checkin_paths(slug);
        let actions = OpenActions::read(ws, &paths, today);
        let last_checkin = paths
            .last()
            .and_then(|p| p.file_stem()?.to_str()?.parse().ok());
        let loaded = ws.agreement(slug);
        // Errors only (an overdue review or a passed trial only warns).
        let invalid = loaded.as_ref().ok().and_then(|l| {
            accord::validate::agreement_rules(&l.source, &l.value, today)
                .into_iter()
                .find(Diagnostic::is_error)
                .map(|d| d.message)
        });
        TeamRow {
            agreement: loaded.map(|l| l.value).map_err(|d| d.message),
            last_checkin,
            draft: with_draft.contains(slug),
            checkin_draft: with_checkin.contains(slug),
            invalid,
            actions,
            slug: slug.clone(),
        }
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(slugs.len() / 8)
        .max(1);
    if threads == 1 {
        return Ok(slugs.iter().map(row).collect());
    }
    let chunk = slugs.len().div_ceil(threads);
    Ok(std::thread::scope(|s| {
        let handles: Vec<_> = slugs
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(row).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("reading a team does not panic"))
            .collect()
    }))
}

impl TeamsState {
    pub fn new(rows: Vec<TeamRow>) -> Self {
        TeamsState { rows, selected: 0 }
    }

    pub fn selected_row(&self) -> Option<&TeamRow> {
        self.rows.get(self.selected)
    }

    /// Index of a team by slug.
    pub fn find(&self, slug: &str) -> Option<usize> {
        self.rows.iter().position(|r| r.slug == slug)
    }
}

/// A command on the teams screen (from a key, a click or a test).
pub fn update(t: &mut TeamsState, cmd: Cmd, env: &Env) -> Out {
    let n = t.rows.len();
    let today = env.ctx.today;
    match cmd {
        Cmd::Up => t.selected = t.selected.saturating_sub(1),
        Cmd::Down => t.selected = (t.selected + 1).min(n.saturating_sub(1)),
        Cmd::Home => t.selected = 0,
        Cmd::End => t.selected = n.saturating_sub(1),
        Cmd::PageUp | Cmd::PageDown => {
            let page = env.size.1.saturating_sub(8).max(1) as usize;
            t.selected = if cmd == Cmd::PageUp {
                t.selected.saturating_sub(page)
            } else {
                (t.selected + page).min(n.saturating_sub(1))
            };
        }
        Cmd::New => {
            return Out::dialog(super::app::Dialog::Prompt(Prompt::new(
                PromptFor::NewTeam,
                "New team: its folder name (lower-case letters, digits, '-')",
            )));
        }
        Cmd::Reload => return Out::info("Reading the folder again…").and(Effect::LoadTeams),
        Cmd::Report => {
            return Out::push(
                Screen::Report(Box::default()),
                vec![Effect::LoadReport { today }],
            );
        }
        _ => {}
    }
    let Some(row) = t.selected_row().cloned() else {
        return Out::none();
    };
    match cmd {
        Cmd::Open => match row.agreement {
            Ok(a) => Out::push(
                Screen::Viewer(Box::new(ViewerState::new(row.slug, a))),
                Vec::new(),
            ),
            Err(e) => Out::error(format!(
                "{}: {} (run `accord validate` for details)",
                row.slug,
                clean(&e)
            )),
        },
        Cmd::Edit => super::wizard::load::open_revision(row.slug),
        Cmd::CheckIn => Out::info(format!("Opening the check-in for {}…", row.slug)).and(
            Effect::Checkin(super::checkin::io::CheckinEffect::Open {
                req: super::checkin::io::CheckinRequest {
                    team: row.slug,
                    from: None,
                    to: None,
                    workshop: false,
                },
                today,
            }),
        ),
        Cmd::Dashboard => super::dashboard::command::open(row.slug, today),
        _ => Out::none(),
    }
}

/// The Draft column: a wizard or a check-in draft waits (the line under the table says which).
fn draft_mark(r: &TeamRow) -> &'static str {
    if r.draft || r.checkin_draft {
        "✎"
    } else {
        ""
    }
}

/// The Actions column: "3 ⚠1" (3 open, 1 overdue; "3 (1 overdue)" where there is room),
/// "—" with none, "?" when a check-in could not be read.
fn actions_cell(a: Option<OpenActions>, wide: bool, theme: &Theme) -> Cell<'static> {
    match a {
        None => Cell::from(Span::styled("?", theme.warning())),
        Some(OpenActions { open: 0, .. }) => Cell::from(Span::styled("—", theme.muted())),
        Some(OpenActions { open, overdue: 0 }) => Cell::from(open.to_string()),
        Some(OpenActions { open, overdue }) => Cell::from(Line::from(vec![
            Span::raw(format!("{open} ")),
            Span::styled(
                if wide {
                    format!("({overdue} overdue)")
                } else {
                    format!("⚠{overdue}")
                },
                theme.warning(),
            ),
        ])),
    }
}

/// The table's first row on screen, so the selection stays visible (shared with mouse clicks).
pub fn offset(t: &TeamsState, visible_rows: usize) -> usize {
    if visible_rows == 0 {
        return 0;
    }
    t.selected.saturating_sub(visible_rows - 1)
}

/// The table's area inside the body.
pub fn table_area(body: Rect) -> Rect {
    Rect {
        height: body.height.saturating_sub(2),
        ..body
    }
}

pub fn render(f: &mut Frame, area: Rect, t: &TeamsState, today: NaiveDate, theme: &Theme) {
    let table_area = table_area(area);
    if t.rows.is_empty() {
        let text = vec![
            Line::from(Span::styled("No teams yet.", theme.heading())),
            Line::from(""),
            Line::from(
                "Press n to draft a first agreement, or run `accord new TEAM --preset hybrid`.",
            ),
        ];
        f.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), table_area);
        return;
    }
    let wide = area.width >= 120;
    let header = Row::new(
        [
            "",
            "Team",
            "Status",
            if wide { "Version" } else { "Ver" },
            "Review by",
            if wide { "Last check-in" } else { "Check-in" },
            "Actions",
            "Draft",
        ]
        .into_iter()
        .map(|h| Cell::from(Span::styled(h, theme.label()))),
    );
    let visible = table_area.height.saturating_sub(3) as usize;
    let rows = t.rows.iter().enumerate().map(|(i, r)| {
        let mark = if i == t.selected { MARK } else { NO_MARK };
        let style = if i == t.selected {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        let cells: Vec<Cell> = match &r.agreement {
            Ok(a) => {
                let name = if wide {
                    format!("{} ({})", clean(&a.team), r.slug)
                } else {
                    clean(&a.team).into_owned()
                };
                let (review, review_style) = match a.review_by {
                    Some(d) if d.0 < today && a.status == Status::Active => {
                        (format!("{d} ⚠ overdue"), theme.warning())
                    }
                    Some(d) => (d.to_string(), ratatui::style::Style::new()),
                    None => ("—".into(), theme.muted()),
                };
                let status = match &r.invalid {
                    Some(_) => Span::styled("invalid", theme.error()),
                    None => Span::raw(a.status.to_string()),
                };
                vec![
                    Cell::from(mark),
                    Cell::from(name),
                    Cell::from(status),
                    Cell::from(format!("v{}", a.version)),
                    Cell::from(Span::styled(review, review_style)),
                    Cell::from(r.last_checkin.map_or("—".into(), |d| d.to_string())),
                    actions_cell(r.actions, wide, theme),
                    Cell::from(draft_mark(r)),
                ]
            }
            Err(_) => vec![
                Cell::from(mark),
                Cell::from(r.slug.clone()),
                Cell::from(Span::styled("does not validate", theme.error())),
                Cell::from("—"),
                Cell::from("—"),
                Cell::from(r.last_checkin.map_or("—".into(), |d| d.to_string())),
                actions_cell(r.actions, wide, theme),
                Cell::from(draft_mark(r)),
            ],
        };
        Row::new(cells).style(style)
    });
    let widths = [
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(8),
        Constraint::Length(if wide { 7 } else { 3 }),
        Constraint::Length(20),
        Constraint::Length(if wide { 13 } else { 10 }),
        Constraint::Length(if wide { 14 } else { 7 }),
        Constraint::Length(5),
    ];
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .block(
            Block::new()
                .borders(Borders::ALL)
                .border_style(theme.border())
                .title(Span::styled(
                    format!(" Teams ({}) ", t.rows.len()),
                    theme.title(),
                )),
        );
    let mut state = TableState::default()
        .with_selected(Some(t.selected))
        .with_offset(offset(t, visible));
    f.render_stateful_widget(table, table_area, &mut state);
    // Under the table: what the selected team's file says is wrong, or a hint.
    let hint_area = Rect {
        y: table_area.y + table_area.height,
        height: area.height.saturating_sub(table_area.height),
        ..area
    };
    let drafts = t.rows.iter().filter(|r| r.draft || r.checkin_draft).count();
    let selected = t.selected_row();
    let invalid = selected.and_then(|r| r.invalid.as_deref());
    let hint = match selected.map(|r| &r.agreement) {
        Some(Err(e)) => Line::from(Span::styled(format!(" ✗ {}", clean(e)), theme.error())),
        Some(Ok(_)) if invalid.is_some() => Line::from(Span::styled(
            format!(
                " ✗ {} (`accord validate` lists every problem)",
                clean(invalid.unwrap_or_default())
            ),
            theme.error(),
        )),
        Some(Ok(_)) if selected.is_some_and(|r| r.draft || r.checkin_draft) => {
            let what = match selected.map(|r| (r.draft, r.checkin_draft)) {
                Some((true, true)) => {
                    "an unsaved wizard draft and a check-in draft wait for this team: e and c offer them back"
                }
                Some((false, true)) => {
                    "an unsaved check-in draft waits for this team: c offers it back"
                }
                _ => "an unsaved wizard draft waits for this team: e offers it back",
            };
            Line::from(Span::styled(format!(" ✎ {what}"), theme.warning()))
        }
        Some(Ok(_)) if drafts > 0 && t.selected == 0 => Line::from(Span::styled(
            format!(
                " ✎ marks {} with an unsaved draft (wizard or check-in)",
                save_count(drafts, "team")
            ),
            theme.muted(),
        )),
        Some(Ok(_)) if selected.is_some_and(|r| r.actions.is_none()) => Line::from(Span::styled(
            " ? a check-in file does not read, so its open actions are not counted (`accord validate` says where)",
            theme.warning(),
        )),
        Some(Ok(a)) => Line::from(Span::styled(
            format!(
                " {} · {} member(s) · {} ritual(s) · {} norm(s)",
                clean(&a.team),
                a.members.len(),
                a.rituals.len(),
                a.norms.len()
            ),
            theme.muted(),
        )),
        None => Line::from(""),
    };
    f.render_widget(Paragraph::new(hint), hint_area);
}
