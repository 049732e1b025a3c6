//! The one text entry: every field, prompt and note of the app types through it. One line,
//! shown as typed with its cursor; a paste arrives as text in one step (linear in its length),
//! its line breaks turned into spaces. Esc is the caller's: each keeps the old value until the
//! entry is confirmed, so cancelling is dropping the field.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_textarea::{CursorMove, TextArea};

#[derive(Debug, Clone)]
pub struct TextField {
    area: TextArea<'static>,
}

impl Default for TextField {
    fn default() -> Self {
        TextField::new("")
    }
}

impl TextField {
    /// A field holding `text`, the cursor at its end (editing shows what is there).
    pub fn new(text: &str) -> TextField {
        let mut area = TextArea::new(vec![one_line(text)]);
        area.move_cursor(CursorMove::End);
        TextField { area }
    }

    pub fn text(&self) -> String {
        self.area.lines().join(" ")
    }

    /// An editing key (letters, Backspace, Delete, ←→, Home/End, Ctrl-W…); whether the text
    /// changed. Keys that would start a second line or insert a tab are not editing keys here:
    /// the caller's key table gives Enter and Tab their meaning.
    pub fn input(&mut self, ev: KeyEvent) -> bool {
        if ev.kind == KeyEventKind::Release {
            return false;
        }
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match ev.code {
            KeyCode::Enter | KeyCode::Tab | KeyCode::BackTab | KeyCode::Esc => return false,
            KeyCode::Char('m' | 'j') if ctrl => return false,
            _ => {}
        }
        self.area.input(ev)
    }

    /// A paste (or any text at once) at the cursor: one insertion, line breaks as spaces.
    pub fn paste(&mut self, text: &str) -> bool {
        self.area.insert_str(one_line(text))
    }

    /// Draws the field on the first line of `area`: the part around the cursor (a long text
    /// scrolls sideways), the cursor as a reversed cell, and the terminal's own cursor there too.
    /// Drawn here rather than by the text area, whose sideways scroll stops at 65 535 columns.
    pub fn render(&self, f: &mut Frame, area: Rect, style: Style, placeholder: &str) {
        use unicode_width::UnicodeWidthChar;
        if area.width == 0 || area.height == 0 {
            return;
        }
        let area = Rect { height: 1, ..area };
        let width = area.width as usize;
        let line = self.area.lines().first().map_or("", String::as_str);
        let chars: Vec<char> = line.chars().collect();
        let ratatui_textarea::DataCursor(_, at) = self.area.cursor();
        let at = at.min(chars.len());
        let w = |c: &char| c.width().unwrap_or(0);
        // The first character shown: as far back from the cursor as fits, the cursor cell kept.
        let mut start = at;
        let mut used = chars.get(at).map_or(1, |c| w(c).max(1));
        while start > 0 && used + w(&chars[start - 1]) <= width {
            start -= 1;
            used += w(&chars[start]);
        }
        let before: String = chars[start..at].iter().collect();
        let mut spans = vec![Span::styled(before.clone(), style)];
        let cursor = style.add_modifier(Modifier::REVERSED);
        match chars.get(at) {
            Some(c) => spans.push(Span::styled(c.to_string(), cursor)),
            None => spans.push(Span::styled(" ", cursor)),
        }
        if chars.is_empty() && !placeholder.is_empty() {
            spans.push(Span::styled(
                placeholder.to_string(),
                style.add_modifier(Modifier::DIM),
            ));
        } else {
            let mut room = width.saturating_sub(used);
            let after: String = chars
                .iter()
                .skip(at + 1)
                .take_while(|c| {
                    let cw = w(c);
                    let fits = cw <= room;
                    room = room.saturating_sub(cw);
                    fits
                })
                .collect();
            spans.push(Span::styled(after, style));
        }
        f.render_widget(Paragraph::new(Line::from(spans)).style(style), area);
        let col = unicode_width::UnicodeWidthStr::width(before.as_str()) as u16;
        f.set_cursor_position(Position::new(area.x + col.min(area.width - 1), area.y));
    }
}

/// Line breaks (and tabs) become spaces: every field of Accord is one line.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEvent;
    use std::time::{Duration, Instant};

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn editing_starts_from_the_text_there_with_the_cursor_at_its_end() {
        let mut t = TextField::new("Held on 24 Nov");
        t.input(key(KeyCode::Backspace));
        t.input(key(KeyCode::Backspace));
        t.input(key(KeyCode::Char('v')));
        assert_eq!(t.text(), "Held on 24 Nv");
    }

    #[test]
    fn enter_tab_and_ctrl_m_never_make_a_second_line() {
        let mut t = TextField::new("a");
        for ev in [
            key(KeyCode::Enter),
            key(KeyCode::Tab),
            KeyEvent::new(KeyCode::Char('m'), KeyModifiers::CONTROL),
            KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL),
        ] {
            assert!(!t.input(ev));
        }
        assert_eq!(t.text(), "a");
    }

    #[test]
    fn a_paste_is_one_line_of_text_at_the_cursor() {
        let mut t = TextField::new("Our ");
        t.paste("purpose\r\nnnnnnn\ns\tend");
        assert_eq!(t.text(), "Our purpose nnnnnn s end");
    }

    fn shown(t: &TextField, width: u16) -> String {
        let mut term =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, 1)).unwrap();
        term.draw(|f| t.render(f, f.area(), Style::new(), "type here"))
            .unwrap();
        let buf = term.backend().buffer();
        (0..width).map(|x| buf[(x, 0)].symbol()).collect()
    }

    #[test]
    fn a_long_text_shows_the_part_at_the_cursor() {
        let mut t = TextField::new("");
        assert_eq!(shown(&t, 12), " type here  ");
        t.paste(&"x".repeat(70_000));
        t.paste("END");
        assert_eq!(shown(&t, 12), "xxxxxxxxEND ");
        t.input(key(KeyCode::Home));
        assert_eq!(shown(&t, 4), "xxxx");
    }

    #[test]
    fn a_100_kb_paste_lands_within_a_second() {
        let text = "word and more\n".repeat(100 * 1024 / 14);
        let start = Instant::now();
        let mut t = TextField::new("");
        t.paste(&text);
        let got = t.text();
        let took = start.elapsed();
        assert_eq!(got.len(), text.len());
        assert!(!got.contains('\n'));
        assert!(took < Duration::from_secs(1), "{took:?}");
    }
}
