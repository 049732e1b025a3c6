//! Colours and emphasis. Selection is always shown by reverse video and a marker as well as by
//! colour, so it stays visible with `NO_COLOR` and on a washed-out projector.

use ratatui::style::{Color, Modifier, Style};

/// The look, chosen by `--theme` or cycled by a key (Ctrl-T).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Palette {
    /// The everyday look: colours on the terminal's own (usually dark) background.
    Dark,
    /// Dark text on a white background: many projectors wash out dark backgrounds.
    Light,
    /// Workshop mode on a shared screen: white on black, yellow accents, bold.
    HighContrast,
}

impl Palette {
    pub const ALL: [Palette; 3] = [Palette::Dark, Palette::Light, Palette::HighContrast];

    /// The name `--theme` takes and the status line shows.
    pub fn name(self) -> &'static str {
        match self {
            Palette::Dark => "dark",
            Palette::Light => "light",
            Palette::HighContrast => "high-contrast",
        }
    }

    /// The palette of a name `--theme` or the config file's `theme` gives.
    pub fn from_name(name: &str) -> Option<Palette> {
        Palette::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The one after this, for the key that cycles them.
    pub fn next(self) -> Palette {
        let i = Palette::ALL.iter().position(|p| *p == self).unwrap_or(0);
        Palette::ALL[(i + 1) % Palette::ALL.len()]
    }

    /// What is drawn: workshop mode turns the everyday dark look into high contrast, and keeps
    /// a light or high-contrast choice (a washed-out projector needs light).
    pub fn shown(self, workshop: bool) -> Palette {
        match self {
            Palette::Dark if workshop => Palette::HighContrast,
            p => p,
        }
    }
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

    /// A foreground colour per palette (none with `NO_COLOR`).
    fn fg(&self, dark: Color, light: Color, contrast: Color) -> Style {
        if self.no_color {
            return Style::new();
        }
        Style::new().fg(match self.palette {
            Palette::Dark => dark,
            Palette::Light => light,
            Palette::HighContrast => contrast,
        })
    }

    /// The whole screen's base style.
    pub fn base(&self) -> Style {
        match (self.no_color, self.palette) {
            (true, _) | (false, Palette::Dark) => Style::new(),
            (false, Palette::Light) => Style::new().fg(Color::Black).bg(Color::White),
            (false, Palette::HighContrast) => Style::new().fg(Color::White).bg(Color::Black),
        }
    }

    pub fn title(&self) -> Style {
        self.fg(Color::Cyan, Color::Blue, Color::Yellow)
            .add_modifier(Modifier::BOLD)
    }

    pub fn heading(&self) -> Style {
        self.fg(Color::Blue, Color::Blue, Color::Yellow)
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
            Palette::Dark | Palette::Light => {
                self.fg(Color::DarkGray, Color::DarkGray, Color::White)
            }
        }
    }

    pub fn label(&self) -> Style {
        self.fg(Color::Gray, Color::Black, Color::White)
            .add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red, Color::Red, Color::LightRed)
            .add_modifier(Modifier::BOLD)
    }

    /// Yellow cannot be read on white: the light palette warns in magenta.
    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow, Color::Magenta, Color::LightYellow)
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green, Color::Green, Color::LightGreen)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan, Color::Blue, Color::Yellow)
            .add_modifier(Modifier::BOLD)
    }

    pub fn border(&self) -> Style {
        self.fg(Color::DarkGray, Color::DarkGray, Color::White)
    }

    pub fn border_focus(&self) -> Style {
        self.fg(Color::Cyan, Color::Blue, Color::Yellow)
            .add_modifier(Modifier::BOLD)
    }

    pub fn gauge(&self) -> Style {
        self.fg(Color::Cyan, Color::Blue, Color::Yellow)
    }

    pub fn over_time(&self) -> Style {
        self.fg(Color::Red, Color::Red, Color::LightRed)
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

    #[test]
    fn light_is_dark_text_on_white_and_never_yellow_text() {
        let t = Theme::new(Palette::Light, false);
        assert_eq!(t.base().fg, Some(Color::Black));
        assert_eq!(t.base().bg, Some(Color::White));
        for s in [t.title(), t.heading(), t.warning(), t.key(), t.label()] {
            assert!(!matches!(
                s.fg,
                Some(Color::Yellow | Color::LightYellow | Color::White)
            ));
        }
    }

    #[test]
    fn the_key_cycles_every_palette_and_workshop_keeps_a_light_choice() {
        let mut p = Palette::Dark;
        let mut seen = Vec::new();
        for _ in 0..3 {
            seen.push(p.name());
            p = p.next();
        }
        assert_eq!(p, Palette::Dark);
        assert_eq!(seen, ["dark", "light", "high-contrast"]);
        for p in Palette::ALL {
            assert_eq!(Palette::from_name(p.name()), Some(p));
        }
        assert_eq!(Palette::from_name("purple"), None);
        assert_eq!(Palette::Dark.shown(true), Palette::HighContrast);
        assert_eq!(Palette::Light.shown(true), Palette::Light);
        assert_eq!(Palette::Dark.shown(false), Palette::Dark);
    }
}
