//! The user's config file: `accord/config.toml` in the platform's config directory (or the file
//! `ACCORD_CONFIG` names). It holds a theme name and key overrides merged over the embedded key
//! table. Accord only reads it, never writes it. A bad file keeps every default and says which
//! line is wrong.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use accord::diag::Diagnostic;
use accord::source::Source;
use serde::Deserialize;
use toml::Spanned;

use super::action::Cmd;
use super::keymap::{KEY_NAMES, Key, Keymap};

/// The themes a config file can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    Dark,
    Light,
    HighContrast,
}

impl ThemeName {
    pub fn palette(self) -> super::theme::Palette {
        use super::theme::Palette;
        match self {
            ThemeName::Dark => Palette::Dark,
            ThemeName::Light => Palette::Light,
            ThemeName::HighContrast => Palette::HighContrast,
        }
    }
}

const THEMES: &str = "\"dark\", \"light\" or \"high-contrast\"";

/// What the file asks for (the defaults when there is no file or it is wrong).
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub theme: Option<ThemeName>,
    pub keymap: Keymap,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    theme: Option<Spanned<String>>,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Spanned<Vec<Spanned<String>>>>,
}

/// Where the file is: `ACCORD_CONFIG`, else the platform's config directory; none when the
/// platform has no home directory.
pub fn path(env: Option<std::ffi::OsString>) -> Option<PathBuf> {
    if let Some(p) = env.filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "accord").map(|d| d.config_dir().join("config.toml"))
}

/// Reads the file at `path`. No file is no message; a bad file gives the defaults and the
/// message that names its line and column.
pub fn load(path: &Path) -> (Config, Option<Diagnostic>) {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Config::default(), None),
        Err(e) => {
            let d = Diagnostic::error("config", format!("the config file could not be read: {e}"))
                .at_file(path)
                .with_hint("fix its permissions or remove it; the defaults are used meanwhile");
            return (Config::default(), Some(d));
        }
    };
    let src = Source::new(path, text);
    match parse(&src) {
        Ok(c) => (c, None),
        Err(d) => (Config::default(), Some(d)),
    }
}

fn parse(src: &Source) -> Result<Config, Diagnostic> {
    let wrong = |span: Range<usize>, message: String, hint: &str| {
        Diagnostic::error("config", message)
            .at(src, span)
            .with_hint(format!("{hint}; until then Accord uses its defaults"))
    };
    let file: File = toml::from_str(&src.text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        wrong(
            span,
            format!("the config file does not read: {}", e.message()),
            "write `theme = \"dark\"` and a `[keys]` table of `command = [\"key\", …]` (see docs/app.md)",
        )
    })?;
    let theme = match file.theme {
        None => None,
        Some(t) => Some(
            ThemeName::deserialize(
                serde::de::value::StrDeserializer::<serde::de::value::Error>::new(t.get_ref()),
            )
            .map_err(|_| {
                wrong(
                    t.span(),
                    format!("`{}` is not a theme", t.get_ref()),
                    &format!("write theme = {THEMES}"),
                )
            })?,
        ),
    };
    let mut overrides = BTreeMap::new();
    for (name, list) in file.keys {
        let cmd = command(name.get_ref()).ok_or_else(|| {
            wrong(
                name.span(),
                format!("`{}` is not a command", name.get_ref()),
                "use a command name from the list in docs/app.md (e.g. save, next_step, quit)",
            )
        })?;
        let list_span = list.span();
        let names: Vec<(String, Range<usize>)> = list
            .into_inner()
            .into_iter()
            .map(|k| (k.get_ref().clone(), k.span()))
            .collect();
        if names.is_empty() {
            return Err(wrong(
                list_span,
                format!("`{}` is given no key", name.get_ref()),
                "give it at least one key, e.g. [\"ctrl-s\"]",
            ));
        }
        let keys = names
            .into_iter()
            .map(|(k, span)| Key::parse(&k).map_err(|e| wrong(span, e, KEY_NAMES)))
            .collect::<Result<Vec<_>, _>>()?;
        overrides.insert(cmd, keys);
    }
    Ok(Config {
        theme,
        keymap: Keymap::with_overrides(&overrides),
    })
}

/// The command a keymap file names (`next_step`); none for unknown names and for `digit`,
/// which stands for the ten digit keys.
pub fn command(name: &str) -> Option<Cmd> {
    Cmd::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(name)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn write(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("config.toml");
        std::fs::write(&p, text).unwrap();
        (dir, p)
    }

    #[test]
    fn the_theme_and_the_keys_are_merged_over_the_defaults() {
        let (_d, p) = write(
            "theme = \"light\"\n[keys]\nsave = [\"ctrl-s\", \"F2\"]\nnext_step = [\"ctrl-n\"]\n",
        );
        let (c, msg) = load(&p);
        assert!(msg.is_none(), "{msg:?}");
        assert_eq!(c.theme, Some(ThemeName::Light));
        let scopes = [
            super::super::keymap::Scope::SaveStep,
            super::super::keymap::Scope::Wizard,
        ];
        let ev = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(c.keymap.resolve(&scopes, &ev), Some(Cmd::Save));
        let ev = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
        assert_eq!(c.keymap.resolve(&scopes, &ev), Some(Cmd::NextStep));
        // Untouched commands keep their keys.
        let ev = KeyEvent::from(KeyCode::Char('b'));
        assert_eq!(c.keymap.resolve(&scopes, &ev), Some(Cmd::PrevStep));
    }

    #[test]
    fn no_file_is_the_defaults_without_a_word() {
        let dir = tempfile::tempdir().unwrap();
        let (c, msg) = load(&dir.path().join("config.toml"));
        assert!(msg.is_none() && c.theme.is_none());
    }

    fn message(text: &str) -> String {
        let (_d, p) = write(text);
        let (c, msg) = load(&p);
        assert!(c.theme.is_none(), "a bad file keeps the defaults");
        let ev = KeyEvent::from(KeyCode::Char('s'));
        assert_eq!(
            c.keymap
                .resolve(&[super::super::keymap::Scope::SaveStep], &ev),
            Some(Cmd::Save)
        );
        let d = msg.expect("a message");
        let at = d
            .location
            .as_ref()
            .map(|l| l.display_position())
            .unwrap_or_default();
        format!("{at}\n{}", d.render_text())
    }

    #[test]
    fn a_bad_file_names_its_line_and_column_and_what_to_do() {
        let m = message("theme = \"dark\"\n[keys]\nsave = [\"ctrl-s\", \"hyper-x\"]\n");
        assert!(m.contains("config.toml:3:19"), "{m}");
        assert!(m.contains("`hyper-x` is not a key"), "{m}");
        let m = message("[keys]\nfly = [\"x\"]\n");
        assert!(
            m.contains("config.toml:2:1") && m.contains("`fly` is not a command"),
            "{m}"
        );
        let m = message("theme = \"neon\"\n");
        assert!(
            m.contains("config.toml:1:9") && m.contains("high-contrast"),
            "{m}"
        );
        let m = message("theme = \"dark\"\n[keys\n");
        assert!(
            m.contains("config.toml:2:") && m.contains("does not read"),
            "{m}"
        );
        let m = message("colour = 1\n");
        assert!(m.contains("config.toml:1:1"), "{m}");
    }

    #[test]
    fn every_command_of_the_table_is_named_in_docs_app_md() {
        let docs = std::fs::read_to_string("docs/app.md").unwrap();
        for cmd in Keymap::default().commands() {
            if matches!(cmd, Cmd::Digit(_)) {
                continue;
            }
            let name = serde_json::to_value(cmd).unwrap();
            let name = name.as_str().unwrap();
            assert_eq!(command(name), Some(cmd));
            assert!(
                docs.contains(&format!("`{name}`")),
                "{name} missing from docs/app.md"
            );
        }
    }

    #[test]
    fn accord_config_overrides_the_path() {
        assert_eq!(
            path(Some("/tmp/x.toml".into())),
            Some(PathBuf::from("/tmp/x.toml"))
        );
        let p = path(None);
        assert!(p.is_none_or(|p| p.ends_with("accord/config.toml") || p.ends_with("config.toml")));
    }
}
