//! The one key table: which key does what on which screen. The footer, the `?` help and key
//! handling are all read from it, so they cannot disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Cmd;

/// Where a binding applies. The app asks for the scopes of its current state, most specific first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Global,
    Teams,
    Viewer,
    Dashboard,
    History,
    HistoryDiff,
    Week,
    Report,
    /// Any step of the wizard.
    Wizard,
    /// The list of members, rituals or norms has the focus.
    WizardList,
    /// A form has the focus.
    Form,
    /// A form next to a list (Esc and Tab go back to the list).
    FormBesideList,
    FieldText,
    FieldChoice,
    FieldDays,
    Review,
    Consent,
    SaveStep,
    /// Typing into a text field.
    Editing,
    Picker,
    Help,
    Recover,
    ConfirmQuit,
    ChangedOnDisk,
    Objection,
    Prompt,
    /// Any step of the check-in flow.
    Checkin,
    CheckinPeriod,
    /// The number tables of the check-in (presence, rituals).
    CheckinNumbers,
    CheckinPresence,
    CheckinRituals,
    /// Norm ratings and decisions: a choice per row.
    CheckinChoice,
    /// The pulse, as the facilitator sees it.
    CheckinPulse,
    /// Someone typing a pulse answer: every other key goes into the hidden entry.
    CheckinPulseEntry,
    CheckinSummary,
}

impl Scope {
    /// The heading of this scope in the help.
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::Teams => "Teams",
            Scope::Viewer => "Agreement",
            Scope::Dashboard => "Dashboard",
            Scope::History => "History",
            Scope::HistoryDiff => "Comparing revisions",
            Scope::Week => "Week",
            Scope::Report => "Report",
            Scope::Wizard => "Wizard",
            Scope::WizardList => "List",
            Scope::Form | Scope::FormBesideList => "Form",
            Scope::FieldText => "Text field",
            Scope::FieldChoice => "Choice field",
            Scope::FieldDays => "Week grid",
            Scope::Review => "Review",
            Scope::Consent => "Consent round",
            Scope::SaveStep => "Save",
            Scope::Editing => "Typing",
            Scope::Picker => "Choosing",
            Scope::Help => "Help",
            Scope::Recover => "Recover a draft",
            Scope::ConfirmQuit => "Leave",
            Scope::ChangedOnDisk => "Changed on disk",
            Scope::Objection => "Objection",
            Scope::Prompt => "Prompt",
            Scope::Checkin => "Check-in",
            Scope::CheckinPeriod => "Period",
            Scope::CheckinNumbers => "Numbers",
            Scope::CheckinPresence => "Presence days",
            Scope::CheckinRituals => "Rituals",
            Scope::CheckinChoice => "Choices",
            Scope::CheckinPulse => "Pulse round",
            Scope::CheckinPulseEntry => "Answering",
            Scope::CheckinSummary => "Summary",
        }
    }
}

/// A key as the table writes it: a code, and whether Ctrl is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    const fn plain(code: KeyCode) -> Key {
        Key { code, ctrl: false }
    }
    const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }
    const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
        }
    }

    pub fn matches(&self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let code = match ev.code {
            // Shift is part of the character itself ('U'), except for BackTab.
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            c => c,
        };
        code == self.code && ctrl == self.ctrl
    }
}

pub struct Binding {
    pub scope: Scope,
    pub key: Key,
    pub cmd: Cmd,
    /// How the key is written in the footer and the help ("↑↓", "Enter", "Ctrl-Z").
    pub shown: &'static str,
    /// What it does, in two or three words.
    pub label: &'static str,
    /// Listed in the footer (the help lists every binding).
    pub footer: bool,
}

const fn b(
    scope: Scope,
    key: Key,
    cmd: Cmd,
    shown: &'static str,
    label: &'static str,
    footer: bool,
) -> Binding {
    Binding {
        scope,
        key,
        cmd,
        shown,
        label,
        footer,
    }
}

use KeyCode as K;
use Scope as S;

pub static KEYS: &[Binding] = &[
    // Everywhere.
    b(S::Global, Key::ch('?'), Cmd::Help, "?", "help", true),
    b(S::Global, Key::ch('q'), Cmd::Quit, "q", "quit", true),
    b(
        S::Global,
        Key::ctrl('t'),
        Cmd::Theme,
        "Ctrl-T",
        "theme",
        false,
    ),
    b(
        S::Global,
        Key::plain(K::Esc),
        Cmd::Back,
        "Esc",
        "back",
        false,
    ),
    b(
        S::Global,
        Key::ctrl('c'),
        Cmd::Quit,
        "Ctrl-C",
        "quit",
        false,
    ),
    // Teams.
    b(S::Teams, Key::plain(K::Up), Cmd::Up, "↑↓", "move", true),
    b(S::Teams, Key::plain(K::Down), Cmd::Down, "↓", "down", false),
    b(S::Teams, Key::ch('k'), Cmd::Up, "k", "up", false),
    b(S::Teams, Key::ch('j'), Cmd::Down, "j", "down", false),
    b(
        S::Teams,
        Key::plain(K::Home),
        Cmd::Home,
        "Home",
        "first",
        false,
    ),
    b(S::Teams, Key::plain(K::End), Cmd::End, "End", "last", false),
    b(
        S::Teams,
        Key::plain(K::Enter),
        Cmd::Open,
        "Enter",
        "open",
        true,
    ),
    b(S::Teams, Key::ch('e'), Cmd::Edit, "e", "edit", true),
    b(S::Teams, Key::ch('n'), Cmd::New, "n", "new team", true),
    b(S::Teams, Key::ch('r'), Cmd::Reload, "r", "reload", false),
    b(
        S::Teams,
        Key::ch('d'),
        Cmd::Dashboard,
        "d",
        "dashboard",
        true,
    ),
    b(S::Teams, Key::ch('R'), Cmd::Report, "R", "report", true),
    b(S::Teams, Key::ch('c'), Cmd::CheckIn, "c", "check-in", true),
    // Viewer.
    b(S::Viewer, Key::plain(K::Up), Cmd::Up, "↑↓", "scroll", true),
    b(
        S::Viewer,
        Key::plain(K::Down),
        Cmd::Down,
        "↓",
        "down",
        false,
    ),
    b(S::Viewer, Key::ch('k'), Cmd::Up, "k", "up", false),
    b(S::Viewer, Key::ch('j'), Cmd::Down, "j", "down", false),
    b(
        S::Viewer,
        Key::plain(K::PageUp),
        Cmd::PageUp,
        "PgUp",
        "page up",
        false,
    ),
    b(
        S::Viewer,
        Key::plain(K::PageDown),
        Cmd::PageDown,
        "PgDn",
        "page down",
        false,
    ),
    b(
        S::Viewer,
        Key::plain(K::Home),
        Cmd::Home,
        "Home",
        "top",
        false,
    ),
    b(
        S::Viewer,
        Key::plain(K::End),
        Cmd::End,
        "End",
        "bottom",
        false,
    ),
    b(
        S::Viewer,
        Key::plain(K::Tab),
        Cmd::SwitchPane,
        "Tab",
        "next section",
        false,
    ),
    b(S::Viewer, Key::ch('e'), Cmd::Edit, "e", "edit", true),
    b(
        S::Viewer,
        Key::ch('d'),
        Cmd::Dashboard,
        "d",
        "dashboard",
        true,
    ),
    // Dashboard.
    b(
        S::Dashboard,
        Key::plain(K::Up),
        Cmd::Up,
        "↑↓",
        "scroll",
        true,
    ),
    b(
        S::Dashboard,
        Key::plain(K::Down),
        Cmd::Down,
        "↓",
        "down",
        false,
    ),
    b(S::Dashboard, Key::ch('k'), Cmd::Up, "k", "up", false),
    b(S::Dashboard, Key::ch('j'), Cmd::Down, "j", "down", false),
    b(
        S::Dashboard,
        Key::plain(K::PageUp),
        Cmd::PageUp,
        "PgUp",
        "page up",
        false,
    ),
    b(
        S::Dashboard,
        Key::plain(K::PageDown),
        Cmd::PageDown,
        "PgDn",
        "page down",
        false,
    ),
    b(
        S::Dashboard,
        Key::plain(K::Home),
        Cmd::Home,
        "Home",
        "top",
        false,
    ),
    b(
        S::Dashboard,
        Key::plain(K::End),
        Cmd::End,
        "End",
        "bottom",
        false,
    ),
    b(
        S::Dashboard,
        Key::plain(K::Tab),
        Cmd::SwitchPane,
        "Tab",
        "next section",
        true,
    ),
    b(
        S::Dashboard,
        Key::ch('e'),
        Cmd::Edit,
        "e",
        "edit with suggestions",
        true,
    ),
    b(S::Dashboard, Key::ch('r'), Cmd::Reload, "r", "reload", true),
    b(S::Viewer, Key::ch('h'), Cmd::History, "h", "history", true),
    b(S::Viewer, Key::ch('w'), Cmd::Week, "w", "week", true),
    // History.
    b(S::History, Key::plain(K::Up), Cmd::Up, "↑↓", "move", true),
    b(
        S::History,
        Key::plain(K::Down),
        Cmd::Down,
        "↓",
        "down",
        false,
    ),
    b(S::History, Key::ch('k'), Cmd::Up, "k", "up", false),
    b(S::History, Key::ch('j'), Cmd::Down, "j", "down", false),
    b(
        S::History,
        Key::plain(K::PageUp),
        Cmd::PageUp,
        "PgUp",
        "page up",
        false,
    ),
    b(
        S::History,
        Key::plain(K::PageDown),
        Cmd::PageDown,
        "PgDn",
        "page down",
        false,
    ),
    b(
        S::History,
        Key::plain(K::Home),
        Cmd::Home,
        "Home",
        "newest",
        false,
    ),
    b(
        S::History,
        Key::plain(K::End),
        Cmd::End,
        "End",
        "oldest",
        false,
    ),
    b(
        S::History,
        Key::ch(' '),
        Cmd::Toggle,
        "Space",
        "mark to compare",
        true,
    ),
    b(
        S::History,
        Key::plain(K::Enter),
        Cmd::Open,
        "Enter",
        "show changes",
        true,
    ),
    b(S::History, Key::ch('r'), Cmd::Reload, "r", "reload", true),
    b(
        S::HistoryDiff,
        Key::plain(K::Up),
        Cmd::Up,
        "↑↓",
        "scroll",
        true,
    ),
    b(
        S::HistoryDiff,
        Key::plain(K::Down),
        Cmd::Down,
        "↓",
        "down",
        false,
    ),
    b(S::HistoryDiff, Key::ch('k'), Cmd::Up, "k", "up", false),
    b(S::HistoryDiff, Key::ch('j'), Cmd::Down, "j", "down", false),
    b(
        S::HistoryDiff,
        Key::plain(K::PageUp),
        Cmd::PageUp,
        "PgUp",
        "page up",
        false,
    ),
    b(
        S::HistoryDiff,
        Key::plain(K::PageDown),
        Cmd::PageDown,
        "PgDn",
        "page down",
        false,
    ),
    b(
        S::HistoryDiff,
        Key::plain(K::Esc),
        Cmd::Back,
        "Esc",
        "back to the list",
        true,
    ),
    // Report.
    b(S::Report, Key::plain(K::Up), Cmd::Up, "↑↓", "scroll", true),
    b(
        S::Report,
        Key::plain(K::Down),
        Cmd::Down,
        "↓",
        "down",
        false,
    ),
    b(S::Report, Key::ch('k'), Cmd::Up, "k", "up", false),
    b(S::Report, Key::ch('j'), Cmd::Down, "j", "down", false),
    b(
        S::Report,
        Key::plain(K::PageUp),
        Cmd::PageUp,
        "PgUp",
        "page up",
        true,
    ),
    b(
        S::Report,
        Key::plain(K::PageDown),
        Cmd::PageDown,
        "PgDn",
        "page down",
        true,
    ),
    b(
        S::Report,
        Key::plain(K::Home),
        Cmd::Home,
        "Home",
        "top",
        false,
    ),
    b(
        S::Report,
        Key::plain(K::End),
        Cmd::End,
        "End",
        "bottom",
        false,
    ),
    b(S::Report, Key::plain(K::Left), Cmd::Left, "←→", "pan", true),
    b(
        S::Report,
        Key::plain(K::Right),
        Cmd::Right,
        "→",
        "pan right",
        false,
    ),
    b(S::Report, Key::ch('r'), Cmd::Reload, "r", "reload", true),
    // Week.
    b(
        S::Week,
        Key::plain(K::Left),
        Cmd::Left,
        "←→",
        "week before/after",
        true,
    ),
    b(
        S::Week,
        Key::plain(K::Right),
        Cmd::Right,
        "→",
        "next week",
        false,
    ),
    b(S::Week, Key::ch('t'), Cmd::Home, "t", "this week", true),
    b(S::Week, Key::ch('m'), Cmd::Toggle, "m", "whose time", true),
    b(S::Week, Key::plain(K::Up), Cmd::Up, "↑↓", "scroll", false),
    b(S::Week, Key::plain(K::Down), Cmd::Down, "↓", "down", false),
    // Wizard, on every step.
    b(
        S::Wizard,
        Key::ch('n'),
        Cmd::NextStep,
        "n",
        "next step",
        true,
    ),
    b(
        S::Wizard,
        Key::ch('b'),
        Cmd::PrevStep,
        "b",
        "step back",
        true,
    ),
    b(S::Wizard, Key::ch('u'), Cmd::Undo, "u", "undo", true),
    b(
        S::Wizard,
        Key::ctrl('z'),
        Cmd::Undo,
        "Ctrl-Z",
        "undo",
        false,
    ),
    b(S::Wizard, Key::ch('U'), Cmd::Redo, "U", "redo", false),
    b(
        S::Wizard,
        Key::ctrl('y'),
        Cmd::Redo,
        "Ctrl-Y",
        "redo",
        false,
    ),
    b(
        S::Wizard,
        Key::ch('P'),
        Cmd::Park,
        "P",
        "park a topic",
        true,
    ),
    b(
        S::Wizard,
        Key::ch('w'),
        Cmd::Workshop,
        "w",
        "workshop mode",
        true,
    ),
    // The list beside a form.
    b(
        S::WizardList,
        Key::plain(K::Up),
        Cmd::Up,
        "↑↓",
        "select",
        true,
    ),
    b(
        S::WizardList,
        Key::plain(K::Down),
        Cmd::Down,
        "↓",
        "down",
        false,
    ),
    b(S::WizardList, Key::ch('k'), Cmd::Up, "k", "up", false),
    b(S::WizardList, Key::ch('j'), Cmd::Down, "j", "down", false),
    b(
        S::WizardList,
        Key::plain(K::Enter),
        Cmd::Open,
        "Enter",
        "fields",
        true,
    ),
    b(
        S::WizardList,
        Key::plain(K::Tab),
        Cmd::SwitchPane,
        "Tab",
        "fields",
        false,
    ),
    b(S::WizardList, Key::ch('a'), Cmd::Add, "a", "add", true),
    b(
        S::WizardList,
        Key::ch('d'),
        Cmd::Delete,
        "d",
        "delete",
        true,
    ),
    // A form.
    b(
        S::FormBesideList,
        Key::plain(K::Esc),
        Cmd::SwitchPane,
        "Esc",
        "list",
        true,
    ),
    b(
        S::FormBesideList,
        Key::plain(K::Tab),
        Cmd::SwitchPane,
        "Tab",
        "list",
        false,
    ),
    b(S::Form, Key::plain(K::Up), Cmd::Up, "↑↓", "field", true),
    b(
        S::Form,
        Key::plain(K::Down),
        Cmd::Down,
        "↓",
        "next field",
        false,
    ),
    b(S::Form, Key::ch('k'), Cmd::Up, "k", "previous field", false),
    b(S::Form, Key::ch('j'), Cmd::Down, "j", "next field", false),
    b(
        S::FieldText,
        Key::plain(K::Enter),
        Cmd::Open,
        "Enter",
        "type",
        true,
    ),
    b(S::FieldText, Key::ch('e'), Cmd::Open, "e", "type", false),
    b(
        S::FieldChoice,
        Key::plain(K::Left),
        Cmd::Left,
        "←→",
        "change",
        true,
    ),
    b(
        S::FieldChoice,
        Key::plain(K::Right),
        Cmd::Right,
        "→",
        "next choice",
        false,
    ),
    b(
        S::FieldChoice,
        Key::plain(K::Enter),
        Cmd::Open,
        "Enter",
        "choose",
        true,
    ),
    b(
        S::FieldDays,
        Key::plain(K::Left),
        Cmd::Left,
        "←→",
        "day",
        true,
    ),
    b(
        S::FieldDays,
        Key::plain(K::Right),
        Cmd::Right,
        "→",
        "next day",
        false,
    ),
    b(
        S::FieldDays,
        Key::ch(' '),
        Cmd::Toggle,
        "Space",
        "toggle day",
        true,
    ),
    b(
        S::FieldDays,
        Key::plain(K::Enter),
        Cmd::Toggle,
        "Enter",
        "toggle day",
        false,
    ),
    // Review.
    b(S::Review, Key::plain(K::Up), Cmd::Up, "↑↓", "scroll", true),
    b(
        S::Review,
        Key::plain(K::Down),
        Cmd::Down,
        "↓",
        "down",
        false,
    ),
    b(
        S::Review,
        Key::plain(K::PageUp),
        Cmd::PageUp,
        "PgUp",
        "page up",
        false,
    ),
    b(
        S::Review,
        Key::plain(K::PageDown),
        Cmd::PageDown,
        "PgDn",
        "page down",
        false,
    ),
    b(
        S::Review,
        Key::plain(K::Left),
        Cmd::Left,
        "←→",
        "review date ±1 week",
        true,
    ),
    b(
        S::Review,
        Key::plain(K::Right),
        Cmd::Right,
        "→",
        "review date +1 week",
        false,
    ),
    b(
        S::Review,
        Key::plain(K::Enter),
        Cmd::Open,
        "Enter",
        "type review date",
        true,
    ),
    // Consent round.
    b(S::Consent, Key::plain(K::Up), Cmd::Up, "↑↓", "count", true),
    b(
        S::Consent,
        Key::plain(K::Down),
        Cmd::Down,
        "↓",
        "next count",
        false,
    ),
    b(
        S::Consent,
        Key::plain(K::Right),
        Cmd::Increase,
        "←→",
        "−1/+1",
        true,
    ),
    b(
        S::Consent,
        Key::plain(K::Left),
        Cmd::Decrease,
        "←",
        "−1",
        false,
    ),
    b(S::Consent, Key::ch('+'), Cmd::Increase, "+", "+1", false),
    b(S::Consent, Key::ch('-'), Cmd::Decrease, "-", "−1", false),
    b(
        S::Consent,
        Key::ch('0'),
        Cmd::Digit(0),
        "0-9",
        "type a count",
        false,
    ),
    b(S::Consent, Key::ch('1'), Cmd::Digit(1), "1", "type", false),
    b(S::Consent, Key::ch('2'), Cmd::Digit(2), "2", "type", false),
    b(S::Consent, Key::ch('3'), Cmd::Digit(3), "3", "type", false),
    b(S::Consent, Key::ch('4'), Cmd::Digit(4), "4", "type", false),
    b(S::Consent, Key::ch('5'), Cmd::Digit(5), "5", "type", false),
    b(S::Consent, Key::ch('6'), Cmd::Digit(6), "6", "type", false),
    b(S::Consent, Key::ch('7'), Cmd::Digit(7), "7", "type", false),
    b(S::Consent, Key::ch('8'), Cmd::Digit(8), "8", "type", false),
    b(S::Consent, Key::ch('9'), Cmd::Digit(9), "9", "type", false),
    b(
        S::Consent,
        Key::plain(K::Backspace),
        Cmd::Backspace,
        "Bksp",
        "erase a digit",
        false,
    ),
    b(
        S::Consent,
        Key::plain(K::Enter),
        Cmd::Record,
        "Enter",
        "record, next item",
        true,
    ),
    b(
        S::Consent,
        Key::plain(K::PageDown),
        Cmd::NextItem,
        "PgDn",
        "next item",
        false,
    ),
    b(
        S::Consent,
        Key::plain(K::PageUp),
        Cmd::PrevItem,
        "PgUp",
        "previous item",
        false,
    ),
    // Save.
    b(S::SaveStep, Key::ch('s'), Cmd::Save, "s", "save", true),
    b(
        S::SaveStep,
        Key::plain(K::Enter),
        Cmd::Save,
        "Enter",
        "save",
        false,
    ),
    // Typing in a field (every other key goes to the field).
    b(
        S::Editing,
        Key::plain(K::Enter),
        Cmd::Open,
        "Enter",
        "done",
        true,
    ),
    b(
        S::Editing,
        Key::plain(K::Tab),
        Cmd::Down,
        "Tab",
        "next field",
        true,
    ),
    b(
        S::Editing,
        Key::plain(K::BackTab),
        Cmd::Up,
        "Shift-Tab",
        "previous field",
        false,
    ),
    b(
        S::Editing,
        Key::plain(K::Esc),
        Cmd::Back,
        "Esc",
        "cancel",
        true,
    ),
    b(
        S::Editing,
        Key::ctrl('c'),
        Cmd::Quit,
        "Ctrl-C",
        "quit",
        false,
    ),
    // A list to choose from (typing filters it).
    b(S::Picker, Key::plain(K::Up), Cmd::Up, "↑↓", "move", true),
    b(
        S::Picker,
        Key::plain(K::Down),
        Cmd::Down,
        "↓",
        "down",
        false,
    ),
    b(
        S::Picker,
        Key::plain(K::PageUp),
        Cmd::PageUp,
        "PgUp",
        "page up",
        false,
    ),
    b(
        S::Picker,
        Key::plain(K::PageDown),
        Cmd::PageDown,
        "PgDn",
        "page down",
        false,
    ),
    b(
        S::Picker,
        Key::plain(K::Enter),
        Cmd::Open,
        "Enter",
        "choose",
        true,
    ),
    b(
        S::Picker,
        Key::plain(K::Esc),
        Cmd::Back,
        "Esc",
        "cancel",
        true,
    ),
    b(
        S::Picker,
        Key::ctrl('c'),
        Cmd::Quit,
        "Ctrl-C",
        "quit",
        false,
    ),
    // Help.
    b(S::Help, Key::plain(K::Up), Cmd::Up, "↑↓", "scroll", true),
    b(S::Help, Key::plain(K::Down), Cmd::Down, "↓", "down", false),
    b(S::Help, Key::plain(K::Esc), Cmd::Back, "Esc", "close", true),
    b(S::Help, Key::ch('?'), Cmd::Back, "?", "close", false),
    b(S::Help, Key::ch('q'), Cmd::Back, "q", "close", false),
    b(S::Help, Key::ctrl('c'), Cmd::Quit, "Ctrl-C", "quit", false),
    // Dialogs.
    b(S::Recover, Key::ch('y'), Cmd::Yes, "y", "recover it", true),
    b(
        S::Recover,
        Key::plain(K::Enter),
        Cmd::Yes,
        "Enter",
        "recover it",
        false,
    ),
    b(
        S::Recover,
        Key::ch('n'),
        Cmd::Discard,
        "n",
        "discard it, start again",
        true,
    ),
    b(
        S::Recover,
        Key::ctrl('c'),
        Cmd::Quit,
        "Ctrl-C",
        "quit",
        false,
    ),
    b(
        S::ConfirmQuit,
        Key::ch('k'),
        Cmd::Keep,
        "k",
        "leave, keep the draft",
        true,
    ),
    b(
        S::ConfirmQuit,
        Key::ch('d'),
        Cmd::Discard,
        "d",
        "leave, discard the draft",
        true,
    ),
    b(
        S::ConfirmQuit,
        Key::plain(K::Esc),
        Cmd::No,
        "Esc",
        "stay",
        true,
    ),
    b(S::ConfirmQuit, Key::ch('n'), Cmd::No, "n", "stay", false),
    b(
        S::ChangedOnDisk,
        Key::ch('r'),
        Cmd::Reload,
        "r",
        "reload from disk",
        true,
    ),
    b(
        S::ChangedOnDisk,
        Key::ch('k'),
        Cmd::Keep,
        "k",
        "keep editing",
        true,
    ),
    b(
        S::ChangedOnDisk,
        Key::plain(K::Esc),
        Cmd::Keep,
        "Esc",
        "keep editing",
        false,
    ),
    b(
        S::Objection,
        Key::ch('e'),
        Cmd::EditItem,
        "e",
        "back to edit it",
        true,
    ),
    b(
        S::Objection,
        Key::ch('p'),
        Cmd::ParkItem,
        "p",
        "park it",
        true,
    ),
    b(
        S::Objection,
        Key::plain(K::Esc),
        Cmd::No,
        "Esc",
        "stay on it",
        true,
    ),
    b(
        S::Prompt,
        Key::plain(K::Enter),
        Cmd::Open,
        "Enter",
        "done",
        true,
    ),
    b(
        S::Prompt,
        Key::plain(K::Esc),
        Cmd::Back,
        "Esc",
        "cancel",
        true,
    ),
    b(
        S::Prompt,
        Key::ctrl('c'),
        Cmd::Quit,
        "Ctrl-C",
        "quit",
        false,
    ),
    // Check-in flow, on every step. (The footer has no room for P; workshop mode says it on the
    // message line, and the help lists it.)
    b(
        S::Checkin,
        Key::ch('P'),
        Cmd::Park,
        "P",
        "park a topic",
        false,
    ),
    b(
        S::Checkin,
        Key::ch('n'),
        Cmd::NextStep,
        "n",
        "next step",
        true,
    ),
    b(
        S::Checkin,
        Key::ch('b'),
        Cmd::PrevStep,
        "b",
        "step back",
        true,
    ),
    b(
        S::Checkin,
        Key::plain(K::PageDown),
        Cmd::NextStep,
        "PgDn",
        "next step",
        false,
    ),
    b(
        S::Checkin,
        Key::plain(K::PageUp),
        Cmd::PrevStep,
        "PgUp",
        "step back",
        false,
    ),
    b(
        S::CheckinPeriod,
        Key::plain(K::Up),
        Cmd::Up,
        "↑↓",
        "field",
        true,
    ),
    b(
        S::CheckinPeriod,
        Key::plain(K::Down),
        Cmd::Down,
        "↓",
        "next field",
        false,
    ),
    b(
        S::CheckinPeriod,
        Key::plain(K::Left),
        Cmd::Left,
        "←→",
        "±1 day",
        true,
    ),
    b(
        S::CheckinPeriod,
        Key::plain(K::Right),
        Cmd::Right,
        "→",
        "+1 day",
        false,
    ),
    b(
        S::CheckinPeriod,
        Key::plain(K::Enter),
        Cmd::Open,
        "Enter",
        "type date",
        true,
    ),
    b(
        S::CheckinNumbers,
        Key::plain(K::Up),
        Cmd::Up,
        "↑↓",
        "row",
        true,
    ),
    b(
        S::CheckinNumbers,
        Key::plain(K::Down),
        Cmd::Down,
        "↓",
        "next row",
        false,
    ),
    b(
        S::CheckinNumbers,
        Key::plain(K::Left),
        Cmd::Left,
        "←→",
        "column",
        true,
    ),
    b(
        S::CheckinNumbers,
        Key::plain(K::Right),
        Cmd::Right,
        "→",
        "next column",
        false,
    ),
    b(
        S::CheckinNumbers,
        Key::ch('0'),
        Cmd::Digit(0),
        "0-9 +-",
        "number",
        true,
    ),
    b(
        S::CheckinNumbers,
        Key::ch('1'),
        Cmd::Digit(1),
        "1",
        "type",
        false,
    ),
    b(
        S::CheckinNumbers,
        Key::ch('2'),
        Cmd::Digit(2),
        "2",
        "type",
        false,
    ),
    b(
        S::CheckinNumbers,
        Key::ch('3'),
        Cmd::Digit(3),
        "3",
        "type",
        false,
    ),
    b(
        S::CheckinNumbers,
        Key::ch('4'),
        Cmd::Digit(4),
        "4",
        "type",
        false,
    ),
    b(
        S::CheckinNumbers,
        Key::ch('5'),
        Cmd::Digit(5),
        "5",
        "type",
        false,
    ),
    b(
        S::CheckinNumbers,
        Key::ch('6'),
        Cmd::Digit(6),
        "6",
        "type",
        false,
    ),
    b(
        S::CheckinNumbers,
        Key::ch('7'),
        Cmd::Digit(7),
        "7",
        "type",
        false,
    ),
    b(
        S::CheckinNumbers,
        Key::ch('8'),
        Cmd::Digit(8),
        "8",
        "type",
        false,
    ),
    b(
        S::CheckinNumbers,
        Key::ch('9'),
        Cmd::Digit(9),
        "9",
        "type",
        false,
    ),
    b(
        S::CheckinNumbers,
        Key::ch('+'),
        Cmd::Increase,
        "+",
        "+1",
        false,
    ),
    b(
        S::CheckinNumbers,
        Key::ch('-'),
        Cmd::Decrease,
        "-",
        "−1",
        false,
    ),
    b(
        S::CheckinNumbers,
        Key::plain(K::Backspace),
        Cmd::Backspace,
        "Bksp",
        "erase a digit",
        false,
    ),
    b(
        S::CheckinPresence,
        Key::ch('d'),
        Cmd::Delete,
        "d",
        "leave out",
        true,
    ),
    b(
        S::CheckinRituals,
        Key::plain(K::Enter),
        Cmd::Open,
        "Enter",
        "note",
        true,
    ),
    b(
        S::CheckinRituals,
        Key::ch('r'),
        Cmd::Reset,
        "r",
        "planned from cadence",
        false,
    ),
    b(
        S::CheckinChoice,
        Key::plain(K::Up),
        Cmd::Up,
        "↑↓",
        "row",
        true,
    ),
    b(
        S::CheckinChoice,
        Key::plain(K::Down),
        Cmd::Down,
        "↓",
        "next row",
        false,
    ),
    b(
        S::CheckinChoice,
        Key::plain(K::Left),
        Cmd::Left,
        "←→",
        "choose",
        true,
    ),
    b(
        S::CheckinChoice,
        Key::plain(K::Right),
        Cmd::Right,
        "→",
        "next choice",
        false,
    ),
    b(
        S::CheckinChoice,
        Key::ch(' '),
        Cmd::Right,
        "Space",
        "next choice",
        false,
    ),
    b(
        S::CheckinChoice,
        Key::ch('x'),
        Cmd::Delete,
        "x",
        "clear",
        false,
    ),
    b(
        S::CheckinChoice,
        Key::plain(K::Enter),
        Cmd::Open,
        "Enter",
        "note",
        true,
    ),
    b(
        S::CheckinPulse,
        Key::plain(K::Enter),
        Cmd::Open,
        "Enter",
        "next person answers",
        true,
    ),
    b(
        S::CheckinPulse,
        Key::ch('c'),
        Cmd::CloseRound,
        "c",
        "close round",
        true,
    ),
    b(
        S::CheckinPulse,
        Key::ch('x'),
        Cmd::Delete,
        "x",
        "cancel round",
        false,
    ),
    b(S::CheckinPulse, Key::ch('t'), Cmd::Add, "t", "tally", true),
    b(
        S::CheckinPulseEntry,
        Key::plain(K::Enter),
        Cmd::Record,
        "Enter",
        "next / record",
        true,
    ),
    b(
        S::CheckinPulseEntry,
        Key::plain(K::BackTab),
        Cmd::PrevItem,
        "Shift-Tab",
        "page back",
        true,
    ),
    b(
        S::CheckinPulseEntry,
        Key::plain(K::Backspace),
        Cmd::Backspace,
        "Bksp",
        "erase",
        true,
    ),
    b(
        S::CheckinPulseEntry,
        Key::plain(K::Esc),
        Cmd::Back,
        "Esc",
        "hand back",
        true,
    ),
    b(
        S::CheckinPulseEntry,
        Key::ctrl('c'),
        Cmd::Quit,
        "Ctrl-C",
        "quit",
        false,
    ),
    b(
        S::CheckinSummary,
        Key::ch('s'),
        Cmd::Save,
        "s",
        "save",
        true,
    ),
    b(
        S::CheckinSummary,
        Key::plain(K::Up),
        Cmd::Up,
        "↑↓",
        "scroll",
        true,
    ),
    b(
        S::CheckinSummary,
        Key::plain(K::Down),
        Cmd::Down,
        "↓",
        "down",
        false,
    ),
];

/// The command a key means in these scopes (most specific scope first).
pub fn resolve(scopes: &[Scope], ev: &KeyEvent) -> Option<Cmd> {
    scopes.iter().find_map(|s| {
        KEYS.iter()
            .find(|b| b.scope == *s && b.key.matches(ev))
            .map(|b| b.cmd)
    })
}

/// One entry of the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FooterItem {
    pub keys: &'static str,
    pub label: &'static str,
    pub cmd: Cmd,
}

/// The footer of these scopes: each command once, the most specific scope's binding first, and
/// help always last so it is never cut off.
pub fn footer(scopes: &[Scope]) -> Vec<FooterItem> {
    let mut out: Vec<FooterItem> = Vec::new();
    for s in scopes {
        for b in KEYS.iter().filter(|b| b.scope == *s && b.footer) {
            if out.iter().any(|i| i.cmd == b.cmd) {
                continue;
            }
            out.push(FooterItem {
                keys: b.shown,
                label: b.label,
                cmd: b.cmd,
            });
        }
    }
    if let Some(i) = out.iter().position(|i| i.cmd == Cmd::Help) {
        let help = out.remove(i);
        out.push(help);
    }
    out
}

/// The help: every binding of these scopes, grouped by scope.
pub fn help(scopes: &[Scope]) -> Vec<(Scope, Vec<(&'static str, &'static str)>)> {
    let mut out = Vec::new();
    for s in scopes {
        let rows: Vec<(&str, &str)> = KEYS
            .iter()
            .filter(|b| b.scope == *s)
            .map(|b| (b.shown, b.label))
            .collect();
        if !rows.is_empty() && !out.iter().any(|(t, _): &(Scope, _)| t.title() == s.title()) {
            out.push((*s, rows));
        }
    }
    out
}

/// The footer laid out on one line of `width` cells: each item with its column range, the items
/// that do not fit dropped (help is kept). Rendering and mouse clicks both use this.
pub fn footer_layout(items: &[FooterItem], width: u16) -> Vec<(u16, u16, FooterItem)> {
    let cell = |i: &FooterItem| (i.keys.chars().count() + 1 + i.label.chars().count()) as u16;
    let gap = 2u16;
    let help_w = items.last().map(cell).unwrap_or(0);
    let mut x = 1u16;
    let mut out = Vec::new();
    let n = items.len();
    for (idx, item) in items.iter().enumerate() {
        let w = cell(item);
        let last = idx + 1 == n;
        let room = if last {
            width
        } else {
            width.saturating_sub(help_w + gap)
        };
        if x + w > room {
            if last {
                break;
            }
            continue;
        }
        out.push((x, x + w, item.clone()));
        x += w + gap;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_means_two_things_in_one_scope() {
        for (i, a) in KEYS.iter().enumerate() {
            for bb in &KEYS[i + 1..] {
                assert!(
                    !(a.scope == bb.scope && a.key == bb.key),
                    "{:?} {} bound twice",
                    a.scope,
                    a.shown
                );
            }
        }
    }

    #[test]
    fn the_specific_scope_wins_and_ctrl_matters() {
        let esc = KeyEvent::from(KeyCode::Esc);
        assert_eq!(
            resolve(&[Scope::FormBesideList, Scope::Form, Scope::Global], &esc),
            Some(Cmd::SwitchPane)
        );
        assert_eq!(
            resolve(&[Scope::Form, Scope::Global], &esc),
            Some(Cmd::Back)
        );
        let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
        assert_eq!(resolve(&[Scope::Wizard], &ctrl_z), Some(Cmd::Undo));
        let shift_u = KeyEvent::new(KeyCode::Char('U'), KeyModifiers::SHIFT);
        assert_eq!(resolve(&[Scope::Wizard], &shift_u), Some(Cmd::Redo));
    }

    #[test]
    fn footer_keeps_help_last_even_when_narrow() {
        let items = footer(&[Scope::Teams, Scope::Global]);
        assert_eq!(items.last().unwrap().cmd, Cmd::Help);
        let laid = footer_layout(&items, 30);
        assert_eq!(laid.last().unwrap().2.cmd, Cmd::Help);
        assert!(laid.iter().all(|(_, end, _)| *end <= 30));
    }
}
