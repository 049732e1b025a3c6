//! Colours and emphasis. Selection is always shown by reverse video and a marker as well as by
//! colour, so it stays visible with `NO_COLOR` and on a washed-out projector.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Palette {
    /// The everyday look.
    Normal,
    /// Workshop mode on a shared screen: white on black, yellow accents, bold.
    HighContrast,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub palette: Palette,
    /// `NO_COLOR` is set: modifiers only, never a colour.
    pub no_color: bool,
}

/// The marker in front of a selected row.
pub const MARK: &str = "▶ ";
pub const NO_MARK: &str = "  ";

impl Theme {
    pub fn new(palette: Palette, no_color: bool) -> Self {
        Theme { palette, no_color }
    }

    fn fg(&self, normal: Color, contrast: Color) -> Style {
        if self.no_color {
            return Style::new();
        }
        match self.palette {
            Palette::Normal => Style::new().fg(normal),
            Palette::HighContrast => Style::new().fg(contrast),
        }
    }

    /// The whole screen's base style.
    pub fn base(&self) -> Style {
        match (self.no_color, self.palette) {
            (false, Palette::HighContrast) => Style::new().fg(Color::White).bg(Color::Black),
            _ => Style::new(),
        }
    }

    pub fn title(&self) -> Style {
        self.fg(Color::Cyan, Color::Yellow)
            .add_modifier(Modifier::BOLD)
    }

    pub fn heading(&self) -> Style {
        self.fg(Color::Blue, Color::Yellow)
            .add_modifier(Modifier::BOLD)
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// A selected row whose pane does not have the focus.
    pub fn selected_idle(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn muted(&self) -> Style {
        match self.palette {
            Palette::HighContrast => Style::new(),
            Palette::Normal => self.fg(Color::DarkGray, Color::White),
        }
    }

    pub fn label(&self) -> Style {
        self.fg(Color::Gray, Color::White)
            .add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red, Color::LightRed)
            .add_modifier(Modifier::BOLD)
    }

    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow, Color::LightYellow)
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green, Color::LightGreen)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan, Color::Yellow)
            .add_modifier(Modifier::BOLD)
    }

    pub fn border(&self) -> Style {
        self.fg(Color::DarkGray, Color::White)
    }

    pub fn border_focus(&self) -> Style {
        self.fg(Color::Cyan, Color::Yellow)
            .add_modifier(Modifier::BOLD)
    }

    pub fn gauge(&self) -> Style {
        self.fg(Color::Cyan, Color::Yellow)
    }

    pub fn over_time(&self) -> Style {
        self.fg(Color::Red, Color::LightRed)
            .add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_has_no_colours_but_selection_still_shows() {
        let t = Theme::new(Palette::HighContrast, true);
        for s in [
            t.base(),
            t.title(),
            t.error(),
            t.warning(),
            t.key(),
            t.border(),
        ] {
            assert_eq!(s.fg, None);
            assert_eq!(s.bg, None);
        }
        assert!(t.selected().add_modifier.contains(Modifier::REVERSED));
    }
}
