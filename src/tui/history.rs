//! The history browser: an agreement's revisions from git, newest first; mark two (or take one
//! and its parent) to read the semantic diff between them — what `accord diff` prints.

use accord::diff::{AgreementDiff, diff_agreements};
use accord::model::Agreement;
use accord::store::Workspace;
use accord::text::sanitize_line as clean;
use ratatui::Frame;
use ratatui::layout::{Constraint, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Wrap};

use super::action::{Cmd, Effect, Out};
use super::app::{App, Env, Screen};
use super::theme::{MARK, NO_MARK, Theme};

/// One revision as the screen lists it: text already made safe, the agreement kept for diffs.
#[derive(Debug, Clone, PartialEq)]
pub struct Rev {
    /// Short commit id, or "working" for uncommitted changes.
    pub id: String,
    pub date: String,
    pub author: String,
    pub subject: String,
    pub summary: String,
    /// The agreement at this revision, or why it could not be read.
    pub agreement: Result<Agreement, String>,
}

impl Rev {
    fn label(&self) -> String {
        match &self.agreement {
            Ok(a) => format!("v{} ({})", a.version, self.id),
            Err(_) => self.id.clone(),
        }
    }
}

/// The diff being read.
#[derive(Debug, Clone, PartialEq)]
pub struct DiffView {
    pub title: String,
    pub text: String,
    pub scroll: u16,
}

#[derive(Debug, Clone)]
pub struct HistoryState {
    pub slug: String,
    /// None while loading; the error says why there is no history.
    pub revisions: Option<Result<Vec<Rev>, String>>,
    pub selected: usize,
    /// Up to two marked revisions (indices), in the order they were marked.
    pub marked: Vec<usize>,
    pub diff: Option<DiffView>,
}

impl HistoryState {
    pub fn new(slug: String) -> Self {
        HistoryState {
            slug,
            revisions: None,
            selected: 0,
            marked: Vec::new(),
            diff: None,
        }
    }

    pub fn revs(&self) -> &[Rev] {
        match &self.revisions {
            Some(Ok(r)) => r,
            _ => &[],
        }
    }
}

/// Reads the revisions (on the worker): git history, plus the working tree when it differs.
pub fn load(ws: &Workspace, slug: &str) -> Result<Vec<Rev>, String> {
    let path = ws.agreement_path(slug);
    let text = |d: accord::diag::Diagnostic| match d.hint {
        Some(h) => format!("{} ({h})", d.message),
        None => d.message,
    };
    let repo = accord::git::Repo::discover(&path).map_err(text)?;
    let history = repo.history(&path).map_err(text)?;
    let mut out: Vec<Rev> = history
        .into_iter()
        .map(|r| Rev {
            id: r.short_id,
            date: r.time.format("%Y-%m-%d %H:%M").to_string(),
            author: clean(&r.author).into_owned(),
            subject: clean(&r.subject).into_owned(),
            summary: clean(&r.summary).into_owned(),
            agreement: r.agreement.map_err(text),
        })
        .collect();
    // The working tree's row, when it changed the meaning since the last commit. A committed
    // file that does not parse is no uncommitted change (as in `accord history`); an edit that
    // breaks it, or mends a broken commit, is one.
    let working = match (
        ws.agreement(slug).map(|l| l.value),
        out.first().map(|r| &r.agreement),
    ) {
        (Ok(now), Some(Ok(head))) => {
            let diff = diff_agreements(head, &now);
            (!diff.is_empty()).then(|| (diff.summary(), Ok(now)))
        }
        (Ok(now), None) => Some((AgreementDiff::created(&now).summary(), Ok(now))),
        (Ok(now), Some(Err(_))) if !repo.same_as_head(&path) => Some((
            "mends the committed revision, which does not parse".into(),
            Ok(now),
        )),
        (Err(e), _) if !repo.same_as_head(&path) => Some(("does not parse".into(), Err(text(e)))),
        _ => None,
    };
    if let Some((summary, agreement)) = working {
        out.insert(
            0,
            Rev {
                id: "working".into(),
                date: "—".into(),
                author: String::new(),
                subject: "uncommitted changes in the working tree".into(),
                summary: clean(&summary).into_owned(),
                agreement,
            },
        );
    }
    Ok(out)
}

/// The diff between two revisions (`older` listed below `newer`), or why there is none.
fn diff_of(revs: &[Rev], newer: usize, older: Option<usize>) -> Result<DiffView, String> {
    let new = &revs[newer];
    let b = new
        .agreement
        .as_ref()
        .map_err(|e| format!("{} does not parse: {e}", new.id))?;
    let (title, diff) = match older {
        Some(o) => {
            let old = &revs[o];
            let a = old
                .agreement
                .as_ref()
                .map_err(|e| format!("{} does not parse: {e}", old.id))?;
            (
                format!("{} → {}", old.label(), new.label()),
                diff_agreements(a, b),
            )
        }
        None => (
            format!("{}: the first revision", new.label()),
            AgreementDiff::created(b),
        ),
    };
    Ok(DiffView {
        title,
        text: diff.to_text(),
        scroll: 0,
    })
}

/// A command on the history (from a key, a click or a test). Esc on a diff closes it; on the
/// list it leaves the screen.
pub fn update(h: &mut HistoryState, cmd: Cmd, env: &Env) -> Out {
    let page = env.size.1.saturating_sub(8).max(1);
    let app_width = env.size.0;
    if let Some(d) = &mut h.diff {
        // The rows as drawn: wrapped lines count, so the last one can be scrolled to.
        let width = diff_width(app_width);
        let max = (diff_rows(&d.text, width).len() as u16).saturating_sub(page);
        if let Some(at) = cmd.scrolled(d.scroll, page, max) {
            d.scroll = at;
        }
        if cmd == Cmd::Back {
            h.diff = None;
        }
        return Out::none();
    }
    let n = h.revs().len();
    match cmd {
        Cmd::Up => h.selected = h.selected.saturating_sub(1),
        Cmd::Down => h.selected = (h.selected + 1).min(n.saturating_sub(1)),
        Cmd::PageUp => h.selected = h.selected.saturating_sub(page as usize),
        Cmd::PageDown => h.selected = (h.selected + page as usize).min(n.saturating_sub(1)),
        Cmd::Home => h.selected = 0,
        Cmd::End => h.selected = n.saturating_sub(1),
        Cmd::Toggle if n > 0 => {
            if let Some(p) = h.marked.iter().position(|m| *m == h.selected) {
                h.marked.remove(p);
            } else {
                if h.marked.len() == 2 {
                    h.marked.remove(0);
                }
                h.marked.push(h.selected);
            }
        }
        Cmd::Open if n > 0 => {
            let (newer, older) = match h.marked.as_slice() {
                [a, b] => (*a.min(b), Some(*a.max(b))),
                _ => (h.selected, (h.selected + 1 < n).then_some(h.selected + 1)),
            };
            match diff_of(h.revs(), newer, older) {
                Ok(d) => h.diff = Some(d),
                Err(e) => return Out::error(e),
            }
        }
        Cmd::Reload => {
            h.revisions = None;
            h.diff = None;
            h.marked.clear();
            return Out::effect(Effect::LoadHistory {
                team: h.slug.clone(),
            });
        }
        Cmd::Back => return Out::back(),
        _ => {}
    }
    Out::none()
}

/// The revisions table and the detail lines under it. Drawing and mouse clicks share this.
pub fn areas(body: Rect) -> [Rect; 2] {
    ratatui::layout::Layout::vertical([Constraint::Fill(1), Constraint::Length(3)]).areas(body)
}

/// The first revision the table shows: the selection stays in view.
pub fn offset(h: &HistoryState, table: Rect) -> usize {
    let visible = table.height.saturating_sub(3) as usize;
    (h.selected + 1).saturating_sub(visible)
}

/// A click on a row selects it; a click on the selected row shows what it changed.
pub fn click(app: &mut App, row: usize) -> Vec<Effect> {
    let Some(Screen::History(h)) = app.screen_mut() else {
        return Vec::new();
    };
    if h.diff.is_some() || row >= h.revs().len() {
        return Vec::new();
    }
    if row == h.selected {
        return super::update::command(app, Cmd::Open);
    }
    h.selected = row;
    Vec::new()
}

pub fn render(f: &mut Frame, area: Rect, h: &HistoryState, theme: &Theme) {
    if let Some(d) = &h.diff {
        return render_diff(f, area, d, theme);
    }
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(
            format!(" History of {} ", h.slug),
            theme.title(),
        ));
    let revs = match &h.revisions {
        None => {
            f.render_widget(
                Paragraph::new(Span::styled("Reading the history from git…", theme.muted()))
                    .block(block),
                area,
            );
            return;
        }
        Some(Err(e)) => {
            let lines = vec![
                Line::from(Span::styled("No history to show.", theme.heading())),
                Line::from(""),
                Line::from(Span::styled(clean(e).into_owned(), theme.error())),
            ];
            f.render_widget(
                Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
                area,
            );
            return;
        }
        Some(Ok(r)) if r.is_empty() => {
            let lines = vec![
                Line::from(Span::styled("No committed revisions yet.", theme.heading())),
                Line::from(""),
                Line::from(
                    "Save the agreement in the app, or commit it with git, to start its history.",
                ),
            ];
            f.render_widget(
                Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
                area,
            );
            return;
        }
        Some(Ok(r)) => r,
    };
    let wide = area.width >= 120;
    let heads: &[&str] = if wide {
        &[
            "",
            "",
            "Commit",
            "Date",
            "Author",
            "Version",
            "What changed",
        ]
    } else {
        &["", "", "Commit", "Date", "Version", "What changed"]
    };
    let header = Row::new(
        heads
            .iter()
            .map(|t| Cell::from(Span::styled(*t, theme.label()))),
    );
    let rows = revs.iter().enumerate().map(|(i, r)| {
        let mark = if i == h.selected { MARK } else { NO_MARK };
        let pick = match h.marked.iter().position(|m| *m == i) {
            Some(0) => "①",
            Some(_) => "②",
            None => " ",
        };
        let version = match &r.agreement {
            Ok(a) => format!("v{} {}", a.version, a.status),
            Err(_) => "unreadable".into(),
        };
        let mut cells = vec![
            Cell::from(mark),
            Cell::from(pick),
            Cell::from(r.id.clone()),
            Cell::from(if wide {
                r.date.clone()
            } else {
                r.date.chars().take(10).collect()
            }),
        ];
        if wide {
            cells.push(Cell::from(r.author.clone()));
        }
        cells.push(Cell::from(version));
        cells.push(Cell::from(r.summary.clone()));
        let style = if i == h.selected {
            theme.selected()
        } else if r.agreement.is_err() {
            theme.error()
        } else {
            Style::new()
        };
        Row::new(cells).style(style)
    });
    let mut widths = vec![
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Length(7),
        Constraint::Length(if wide { 16 } else { 10 }),
    ];
    if wide {
        widths.push(Constraint::Length(18));
    }
    widths.push(Constraint::Length(13));
    widths.push(Constraint::Fill(1));
    let [table_area, detail_area] = areas(area);
    let mut state = TableState::default()
        .with_selected(Some(h.selected))
        .with_offset(offset(h, table_area));
    f.render_stateful_widget(
        Table::new(rows, widths)
            .header(header)
            .column_spacing(1)
            .block(block.title(Span::styled(
                format!("{} revision(s) ", revs.len()),
                theme.muted(),
            ))),
        table_area,
        &mut state,
    );
    let sel = revs.get(h.selected);
    let hint = match h.marked.len() {
        2 => "Enter compares ① and ②; Space unmarks.".to_string(),
        1 => "Space marks a second revision to compare with ①.".into(),
        _ => "Enter: what a revision changed · Space: mark two to compare.".into(),
    };
    let mut lines = Vec::new();
    if let Some(r) = sel {
        let by = if r.author.is_empty() {
            String::new()
        } else {
            format!(" — {}", r.author)
        };
        lines.push(Line::from(Span::styled(
            format!(" {} {}{by}", r.id, r.subject),
            theme.heading(),
        )));
        if let Err(e) = &r.agreement {
            lines.push(Line::from(Span::styled(format!(" ✗ {e}"), theme.error())));
        }
    }
    lines.push(Line::from(Span::styled(format!(" {hint}"), theme.muted())));
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }),
        detail_area,
    );
}

/// The diff's text width inside its frame and margins, for a screen this wide.
fn diff_width(screen: u16) -> usize {
    usize::from(screen.saturating_sub(4)).max(10)
}

/// The diff's lines wrapped to `width`: a continued line keeps its line's indent and two more,
/// so it reads as part of its item and not as a heading. Each row with the line it came from.
fn diff_rows(text: &str, width: usize) -> Vec<(String, &str)> {
    let mut rows = Vec::new();
    for l in text.lines() {
        let body = l.trim_start();
        let indent = &l[..l.len() - body.len()];
        let more = format!("{indent}  ");
        let opts = textwrap::Options::new(width)
            .initial_indent(indent)
            .subsequent_indent(&more);
        let wrapped = textwrap::wrap(body, opts);
        if wrapped.is_empty() {
            rows.push((String::new(), l));
        }
        rows.extend(wrapped.into_iter().map(|w| (w.into_owned(), l)));
    }
    rows
}

fn render_diff(f: &mut Frame, area: Rect, d: &DiffView, theme: &Theme) {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focus())
        .title(Span::styled(format!(" {} ", d.title), theme.title()));
    let inner = block.inner(area);
    let text_area = inner.inner(Margin::new(1, 0));
    let lines: Vec<Line> = diff_rows(&d.text, diff_width(area.width))
        .into_iter()
        .map(|(row, l)| {
            let style = match l.trim_start().chars().next() {
                Some('+') => theme.ok(),
                Some('−') => theme.error(),
                _ if !l.starts_with(' ') => theme.heading(),
                _ => Style::new(),
            };
            Line::from(Span::styled(row, style))
        })
        .collect();
    f.render_widget(block, area);
    f.render_widget(Paragraph::new(lines).scroll((d.scroll, 0)), text_area);
}

#[cfg(test)]
mod tests {
    use super::diff_rows;

    #[test]
    fn a_wrapped_diff_line_keeps_its_indent() {
        let text = "Norms\n  + blameless: We review incidents without blame, we write down what we learnt and we share it with the other teams the same week\n";
        let rows = diff_rows(text, 40);
        assert_eq!(rows[0].0, "Norms");
        assert!(rows[1].0.starts_with("  + blameless:"), "{rows:?}");
        assert!(rows.len() > 3, "{rows:?}");
        for (r, _) in &rows[2..] {
            assert!(r.starts_with("    ") && !r.starts_with("     "), "{r:?}");
            assert!(
                unicode_width::UnicodeWidthStr::width(r.as_str()) <= 40,
                "{r:?}"
            );
        }
    }
}
