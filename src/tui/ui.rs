//! Drawing: a pure function of the state. The shell (header, status line, footer), the screens,
//! and on top the dialog and the help.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};

use super::app::{App, Dialog, MIN_SIZE, Screen, Tone};
use super::hits::HitMap;
use super::keymap::{self, Keymap, Scope};
use super::theme::{MARK, NO_MARK, Theme};
use super::{teams, viewer, wizard};

/// Header, body, status line and footer.
pub struct Shell {
    pub header: Rect,
    pub body: Rect,
    pub status: Rect,
    pub footer: Rect,
}

pub fn shell(app: &App, area: Rect) -> Shell {
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(status_lines(app, area.width).len().max(1) as u16),
        Constraint::Length(1),
    ])
    .areas(area);
    Shell {
        header,
        body,
        status,
        footer,
    }
}

/// Draws the whole frame from the app's state, and returns what the mouse can reach on it.
pub fn render(app: &App, f: &mut Frame) -> HitMap {
    let area = f.area();
    let theme = app.theme();
    f.render_widget(Block::new().style(theme.base()), area);
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        too_small(f, area, &theme);
        return HitMap::default();
    }
    let s = shell(app, area);
    header(app, f, s.header, &theme);
    match app.screen() {
        Some(Screen::Teams(t)) => teams::render(f, s.body, t, app.ctx.today, &theme),
        Some(Screen::Viewer(v)) => viewer::render(f, s.body, v, app.ctx.today, &theme),
        Some(Screen::Wizard(w)) => wizard::render::render(f, s.body, w, &theme),
        Some(Screen::Checkin(c)) => {
            super::checkin::render::render(f, s.body, c, &app.ctx.workspace, &theme, &app.keymap)
        }
        Some(Screen::History(h)) => super::history::render(f, s.body, h, &theme),
        Some(Screen::Report(r)) => super::report::render(f, s.body, r, &theme),
        Some(Screen::Week(w)) => {
            super::week::render(f, s.body, w, app.ctx.local_tz, app.ctx.today, &theme)
        }
        Some(Screen::Dashboard(d)) => super::dashboard::render::render(f, s.body, d, &theme),
        None => {}
    }
    if let Some(st) = &app.status {
        let style = match st.tone {
            Tone::Info => theme.ok(),
            Tone::Error => theme.error(),
        };
        let lines: Vec<Line> = status_lines(app, area.width)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, style)))
            .collect();
        f.render_widget(Paragraph::new(lines), s.status);
    }
    footer(app, f, s.footer, &theme);
    if let Some(d) = &app.dialog {
        dialog(app, d, f, s.body, &theme);
    }
    if let Some(scroll) = app.help {
        help(app, scroll, f, s.body, &theme);
    }
    scrub(f.buffer_mut());
    super::hits::of(app, &s, &theme)
}

/// The most lines the status line grows to, taken from the body.
const STATUS_LINES: usize = 3;

/// The status line wrapped to the width: the end of a message is the part that explains
/// ("saved, but not committed: …"), so it grows a line or two rather than cut it off.
fn status_lines(app: &App, width: u16) -> Vec<String> {
    let Some(st) = &app.status else {
        return Vec::new();
    };
    let mark = if st.tone == Tone::Error { "✗ " } else { "" };
    let text = format!("{mark}{}", accord::text::sanitize_line(&st.text));
    let opts = textwrap::Options::new(usize::from(width.max(2)))
        .initial_indent(" ")
        .subsequent_indent("   ");
    let mut lines: Vec<String> = textwrap::wrap(&text, opts)
        .into_iter()
        .map(|l| l.into_owned())
        .collect();
    if lines.len() > STATUS_LINES {
        lines.truncate(STATUS_LINES);
        if let Some(last) = lines.last_mut() {
            fit(last, usize::from(width));
        }
    }
    lines
}

/// Cuts `s` to `width` cells, ending in "…" when anything was cut.
pub fn fit(s: &mut String, width: usize) {
    use unicode_width::UnicodeWidthStr;
    if s.width() <= width {
        return;
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    *s = out;
}

/// The TUI's side of the sanitising boundary. Screens show text from files through
/// `accord::text::sanitize` (hidden characters as visible `\u{…}` escapes); whatever a
/// screen missed is removed here, cell by cell, so no control, bidi or zero-width
/// character reaches the terminal or shifts the cells after it.
pub fn scrub(buf: &mut Buffer) {
    for cell in &mut buf.content {
        if !accord::render::is_safe(cell.symbol()) {
            let kept: String = cell
                .symbol()
                .chars()
                .filter(|c| !accord::render::is_unsafe(*c))
                .collect();
            cell.set_symbol(if kept.is_empty() { " " } else { &kept });
        }
    }
}

fn too_small(f: &mut Frame, area: Rect, theme: &Theme) {
    let msg = format!(
        "Please make the window larger (need {}×{}, have {}×{}).",
        MIN_SIZE.0, MIN_SIZE.1, area.width, area.height
    );
    let lines = vec![
        Line::from(Span::styled(msg, theme.warning())),
        Line::from(""),
        Line::from(Span::styled("q quits", theme.muted())),
    ];
    let h = 4.min(area.height);
    let y = area.y + area.height.saturating_sub(h) / 2;
    f.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        Rect {
            y,
            height: area.height.saturating_sub(y - area.y),
            ..area
        },
    );
}

fn header(app: &App, f: &mut Frame, area: Rect, theme: &Theme) {
    let root = app.ctx.workspace.root.display().to_string();
    let (left, right) = match app.screen() {
        Some(Screen::Teams(_)) => (format!(" Accord · {}", root), String::new()),
        Some(Screen::Viewer(v)) => (
            format!(
                " Accord · {}",
                accord::text::sanitize_line(&v.agreement.team)
            ),
            String::new(),
        ),
        Some(Screen::Wizard(w)) => {
            let what = if w.new { "New agreement" } else { "Revision" };
            let mode = if w.workshop { " · WORKSHOP" } else { "" };
            let kept = match (&w.saved, w.draft_saved_at) {
                (Some(_), _) if !w.unsaved => "saved".to_string(),
                (_, Some(t)) => format!("draft kept {}", t.format("%H:%M")),
                _ if w.unsaved => "unsaved".to_string(),
                _ => String::new(),
            };
            (format!(" Accord · {what}: {}{mode}", w.title()), kept)
        }
        Some(Screen::Checkin(c)) => super::checkin::render::header(c),
        Some(Screen::History(h)) => (format!(" Accord · History of {}", h.slug), String::new()),
        Some(Screen::Report(_)) => (" Accord · Report".to_string(), String::new()),
        Some(Screen::Week(w)) => (
            format!(
                " Accord · {} · week",
                accord::text::sanitize_line(&w.agreement.team)
            ),
            String::new(),
        ),
        Some(Screen::Dashboard(d)) => (
            format!(" Accord · {} · dashboard", d.title()),
            String::new(),
        ),
        None => (" Accord".into(), String::new()),
    };
    let right = format!("{right}  {} ", app.ctx.today.format("%a %-d %b %Y"));
    // A long team name gives way to the date and "saved": it is cut, never pushed off the edge.
    use unicode_width::UnicodeWidthStr;
    let mut left = left;
    fit(
        &mut left,
        (area.width as usize).saturating_sub(right.width() + 1),
    );
    let pad = (area.width as usize).saturating_sub(left.width() + right.width());
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(left, theme.title()),
            Span::raw(" ".repeat(pad)),
            Span::styled(right, theme.muted()),
        ])),
        area,
    );
}

/// Where the footer says that keys type text (its keys follow it).
const TYPING: &str = " typing —";

/// How far the footer's keys start from its left edge (rendering and clicks share it).
pub fn footer_offset(app: &App) -> u16 {
    if app.typing() {
        TYPING.chars().count() as u16
    } else {
        0
    }
}

fn footer(app: &App, f: &mut Frame, area: Rect, theme: &Theme) {
    let items = app.footer();
    let offset = footer_offset(app);
    let mut spans = Vec::new();
    if offset > 0 {
        spans.push(Span::styled(TYPING, theme.key()));
    }
    let mut x = offset;
    for (start, end, item) in keymap::footer_layout(&items, area.width.saturating_sub(offset)) {
        let start = start + offset;
        spans.push(Span::raw(" ".repeat((start - x) as usize)));
        spans.push(Span::styled(item.keys, theme.key()));
        spans.push(Span::raw(format!(" {}", item.label)));
        x = end + offset;
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A centred box of at most `w`×`h` cells inside `area`.
pub fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn popup(f: &mut Frame, area: Rect, title: &str, theme: &Theme) -> Rect {
    f.render_widget(Clear, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.border_focus())
        .style(theme.base())
        .title(Span::styled(format!(" {title} "), theme.title()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    inner.inner(Margin::new(1, 0))
}

/// The keys of a dialog, from the key table, as lines.
fn dialog_keys(keymap: &Keymap, scope: Scope, theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for item in keymap.footer(&[scope]) {
        spans.push(Span::styled(item.keys, theme.key()));
        spans.push(Span::raw(format!(" {}   ", item.label)));
    }
    Line::from(spans)
}

fn dialog(app: &App, d: &Dialog, f: &mut Frame, body: Rect, theme: &Theme) {
    let width = body.width.saturating_sub(8).min(76);
    let para = |lines: Vec<Line<'static>>, title: &str, f: &mut Frame| {
        let h = lines.len() as u16 + 4;
        let inner = popup(f, centred(body, width, h), title, theme);
        f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    };
    match d {
        Dialog::Recover { team, saved_at, .. } => {
            let when = saved_at
                .map(|t| {
                    if t.date() == app.ctx.now.date() {
                        format!(" from {}", t.format("%H:%M"))
                    } else {
                        format!(" from {}", t.format("%a %-d %b, %H:%M"))
                    }
                })
                .unwrap_or_default();
            let lines = vec![
                Line::from(Span::styled(
                    format!(
                        "Recover the draft of {}{when}?",
                        accord::text::sanitize_line(team)
                    ),
                    theme.heading(),
                )),
                Line::from("An earlier session of the wizard left unsaved work."),
                Line::from(""),
                dialog_keys(&app.keymap, Scope::Recover, theme),
            ];
            para(lines, "Unsaved draft", f);
        }
        Dialog::DiscardDraft { team, .. } => {
            let lines = vec![
                Line::from(Span::styled(
                    format!(
                        "Discard the draft of {} for good?",
                        accord::text::sanitize_line(team)
                    ),
                    theme.warning(),
                )),
                Line::from("Its unsaved work cannot be recovered afterwards."),
                Line::from(""),
                dialog_keys(&app.keymap, Scope::RecoverDiscard, theme),
            ];
            para(lines, "Discard the draft", f);
        }
        Dialog::OverwriteShare(req) => {
            let path = accord::text::sanitize_line(&req.path.display().to_string()).into_owned();
            let lines = vec![
                Line::from(Span::styled(
                    format!("{path} exists: replace it?"),
                    theme.warning(),
                )),
                Line::from("The share summary would take its place; nothing else is touched."),
                Line::from(""),
                dialog_keys(&app.keymap, Scope::ConfirmOverwrite, theme),
            ];
            para(lines, "Write the share summary", f);
        }
        Dialog::EmptyCheckin => {
            let lines = vec![
                Line::from(Span::styled(
                    "Nothing is entered: save an empty check-in?",
                    theme.warning(),
                )),
                Line::from("Every day would count as 0 present, every ritual as not held."),
                Line::from(""),
                dialog_keys(&app.keymap, Scope::ConfirmEmpty, theme),
            ];
            para(lines, "Save the check-in", f);
        }
        Dialog::ConfirmQuit => {
            let lines = vec![
                Line::from(Span::styled("Leave with unsaved work?", theme.heading())),
                Line::from("Kept, the draft is offered back the next time you open the wizard."),
                Line::from(""),
                dialog_keys(&app.keymap, Scope::ConfirmQuit, theme),
            ];
            para(lines, "Leave", f);
        }
        Dialog::ChangedOnDisk => {
            let path = app
                .wizard()
                .map(|w| w.path.display().to_string())
                .unwrap_or_default();
            let lines = vec![
                Line::from(Span::styled(
                    "The file changed on disk since the wizard read it.",
                    theme.error(),
                )),
                Line::from(path),
                Line::from(
                    "Nothing was overwritten. Reload takes the file as it is now; your version stays one undo (u) away.",
                ),
                Line::from(""),
                dialog_keys(&app.keymap, Scope::ChangedOnDisk, theme),
            ];
            para(lines, "Changed on disk", f);
        }
        Dialog::Objection { title, .. } => {
            let lines = vec![
                Line::from(Span::styled(
                    format!("“{}” has an objection.", accord::text::sanitize_line(title)),
                    theme.heading(),
                )),
                Line::from(
                    "Change it until the objection is resolved, or park it: it leaves this agreement and goes to the parking lot.",
                ),
                Line::from(""),
                dialog_keys(&app.keymap, Scope::Objection, theme),
            ];
            para(lines, "Objection", f);
        }
        Dialog::Prompt(p) => {
            // The error wraps and the box grows for it: its end is the suggestion to take.
            let errors: Vec<Line> = p.error.as_ref().map_or_else(Vec::new, |e| {
                let text_w = usize::from(width.min(body.width).saturating_sub(4).max(8));
                textwrap::wrap(
                    &format!("✗ {e}"),
                    textwrap::Options::new(text_w).subsequent_indent("  "),
                )
                .into_iter()
                .map(|l| Line::from(Span::styled(l.into_owned(), theme.error())))
                .collect()
            });
            let rows = (errors.len() as u16).max(1);
            let inner = popup(f, centred(body, width, 6 + rows), &p.title, theme);
            let [input, msg, _, keys_row] = Layout::vertical([
                Constraint::Length(1),
                Constraint::Length(rows),
                Constraint::Length(1),
                Constraint::Length(1),
            ])
            .areas(inner);
            p.input.render(f, input, theme.selected_idle(), "");
            f.render_widget(Paragraph::new(errors), msg);
            f.render_widget(
                Paragraph::new(dialog_keys(&app.keymap, Scope::Prompt, theme)),
                keys_row,
            );
        }
        Dialog::Picker(p) => {
            let h = body.height.saturating_sub(2).min(20);
            let inner = popup(f, centred(body, width, h), &p.title, theme);
            let [filter, list, detail] = Layout::vertical([
                Constraint::Length(1),
                Constraint::Fill(1),
                Constraint::Length(2),
            ])
            .areas(inner);
            p.filter
                .render(f, filter, ratatui::style::Style::new(), "type to filter");
            let visible = p.visible();
            let rows = list.height as usize;
            let offset = p.selected.saturating_sub(rows.saturating_sub(1));
            let lines: Vec<Line> = visible
                .iter()
                .enumerate()
                .skip(offset)
                .take(rows)
                .map(|(n, i)| {
                    let item = &p.items[*i];
                    let label = accord::text::sanitize_line(&item.label).into_owned();
                    if n == p.selected {
                        Line::from(Span::styled(format!("{MARK}{label}"), theme.selected()))
                    } else {
                        Line::from(format!("{NO_MARK}{label}"))
                    }
                })
                .collect();
            if visible.is_empty() {
                f.render_widget(
                    Paragraph::new(Span::styled("nothing matches", theme.muted())),
                    list,
                );
            } else {
                f.render_widget(Paragraph::new(lines), list);
            }
            if let Some(item) = p.chosen() {
                f.render_widget(
                    Paragraph::new(Span::styled(
                        accord::text::sanitize_line(&item.detail).into_owned(),
                        theme.muted(),
                    ))
                    .wrap(Wrap { trim: true }),
                    detail,
                );
            }
        }
    }
}

/// The help box's text width (the box is 4 cells wider: borders and margins). Every line of the
/// help is written to fit it (a test holds the key table to it), so none is cut.
pub const HELP_TEXT_WIDTH: u16 = 60;

fn help(app: &App, scroll: u16, f: &mut Frame, body: Rect, theme: &Theme) {
    let scopes = app.screen_scopes();
    let mut lines = Vec::new();
    for (scope, rows) in app.keymap.help(&scopes) {
        lines.push(Line::from(Span::styled(scope.title(), theme.heading())));
        for (k, label) in rows {
            lines.push(Line::from(vec![
                Span::styled(format!("  {k:<12}"), theme.key()),
                Span::raw(label),
            ]));
        }
        lines.push(Line::from(""));
    }
    lines.push(Line::from(Span::styled(
        "Mouse: click a row or a key below; the wheel scrolls.",
        theme.muted(),
    )));
    let h = body.height.saturating_sub(2);
    let inner = popup(
        f,
        centred(body, HELP_TEXT_WIDTH + 4, h),
        "Keys (Esc closes)",
        theme,
    );
    let max = (lines.len() as u16).saturating_sub(inner.height);
    f.render_widget(Paragraph::new(lines).scroll((scroll.min(max), 0)), inner);
}
