//! The key table: for each scope (a screen, a step, a dialog) the commands it offers, with their
//! keys (names as in the keymap file), the words the help shows and what the footer shows.
//! Scopes share the navigation groups below. The app asks for the scopes of its current state,
//! most specific first; a key means the first command that has it.

use super::super::action::Cmd;

/// Where a row applies.
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
    /// The wizard's "Parked last time" panel: a choice for each topic.
    WizardCarried,
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
    /// Typing into a text field: only these keys are commands, the rest is text.
    Editing,
    Picker,
    Help,
    Recover,
    /// The recover dialog asks whether to discard the draft for good.
    RecoverDiscard,
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
    /// The decisions step: owner, due date, a trial's proposal.
    CheckinDecisions,
    /// The summary lists wins: choose one to edit or remove.
    CheckinWins,
    /// Saving a check-in with nothing entered: sure?
    ConfirmEmpty,
    /// The share summary's file exists: replace it?
    ConfirmOverwrite,
}

/// What the footer shows of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Foot {
    /// Only the help lists it.
    No,
    /// The first key and the label.
    Yes,
    /// These words for the key and the label (a pair: "↑↓ move").
    As(&'static str, &'static str),
}

#[derive(Debug, Clone, Copy)]
pub struct Row {
    pub cmd: Cmd,
    /// Key names separated by spaces; for `Digit`, the digits it takes.
    pub keys: &'static str,
    pub label: &'static str,
    pub foot: Foot,
}

/// Help only.
const fn h(cmd: Cmd, keys: &'static str, label: &'static str) -> Row {
    Row {
        cmd,
        keys,
        label,
        foot: Foot::No,
    }
}
/// In the footer too.
const fn f(cmd: Cmd, keys: &'static str, label: &'static str) -> Row {
    Row {
        cmd,
        keys,
        label,
        foot: Foot::Yes,
    }
}
/// In the footer as `shown label` (one entry for a pair of keys).
const fn p(
    cmd: Cmd,
    keys: &'static str,
    label: &'static str,
    shown: &'static str,
    foot: &'static str,
) -> Row {
    Row {
        cmd,
        keys,
        label,
        foot: Foot::As(shown, foot),
    }
}

use Cmd as C;
use Scope as S;

/// A list to move through.
const MOVE: &[Row] = &[
    p(C::Up, "up k", "up", "↑↓", "move"),
    h(C::Down, "down j", "down"),
    h(C::PageUp, "pgup", "page up"),
    h(C::PageDown, "pgdn", "page down"),
    h(C::Home, "home", "first"),
    h(C::End, "end", "last"),
];

/// A list whose highlighted row says how to move (no footer entry).
const LIST: &[Row] = &[
    h(C::Up, "up k", "up"),
    h(C::Down, "down j", "down"),
    h(C::PageUp, "pgup", "page up"),
    h(C::PageDown, "pgdn", "page down"),
    h(C::Home, "home", "first"),
    h(C::End, "end", "last"),
];

/// A text to scroll.
const SCROLL: &[Row] = &[
    p(C::Up, "up k", "up", "↑↓", "scroll"),
    h(C::Down, "down j", "down"),
    h(C::PageUp, "pgup", "page up"),
    h(C::PageDown, "pgdn", "page down"),
    h(C::Home, "home", "top"),
    h(C::End, "end", "bottom"),
];

/// Typing, a hidden entry and the dialogs get no `Global` rows; they keep Ctrl-C.
const CTRL_C: &[Row] = &[h(C::Quit, "ctrl-c", "quit")];

#[rustfmt::skip]
pub static TABLE: &[(Scope, &[&[Row]])] = &[
    // `q` quits from the teams screen only; elsewhere it goes back, as Esc does.
    (S::Global, &[&[f(C::Back, "esc", "back"), h(C::Back, "q", "back"), f(C::Help, "?", "help"), h(C::Theme, "ctrl-t", "theme"), h(C::Quit, "ctrl-c", "quit")]]),
    // Home: no ↑↓ in the footer (the highlighted row says it), so that every key fits.
    (S::Teams, &[LIST, &[
        f(C::Open, "enter", "open"),          f(C::Edit, "e", "edit"),
        p(C::New, "n", "new team", "n", "new"),  h(C::Reload, "r", "reload"),
        f(C::Dashboard, "d", "dashboard"),    f(C::Report, "R", "report"),
        f(C::CheckIn, "c", "check-in"),       f(C::Quit, "q esc", "quit"),
    ]]),
    (S::Viewer, &[SCROLL, &[
        h(C::SwitchPane, "tab", "next section"), f(C::Edit, "e", "edit"),
        f(C::Dashboard, "d", "dashboard"),       f(C::History, "h", "history"),
        f(C::Week, "w", "week"),
    ]]),
    (S::Dashboard, &[SCROLL, &[
        p(C::SwitchPane, "tab", "next section", "Tab", "section"), p(C::Edit, "e", "edit with suggestions", "e", "edit"),
        f(C::Reload, "r", "reload"), p(C::Share, "m", "write the last check-in's share summary", "m", "share"),
    ]]),
    (S::History, &[MOVE, &[
        f(C::Toggle, "space", "mark to compare"), p(C::Open, "enter", "show changes", "Enter", "changes"),
        f(C::Reload, "r", "reload"),
    ]]),
    (S::HistoryDiff, &[SCROLL, &[f(C::Back, "esc q", "back to the list")]]),
    (S::Report, &[SCROLL, &[
        p(C::Left, "left", "pan left", "←→", "pan"), h(C::Right, "right", "pan right"),
        f(C::Reload, "r", "reload"),
    ]]),
    (S::Week, &[&[
        p(C::Left, "left", "week before", "←→", "week"), h(C::Right, "right", "week after"),
        f(C::Home, "t", "this week"),             f(C::Toggle, "m", "whose time"),
        h(C::Up, "up k", "scroll up"),            h(C::Down, "down j", "scroll down"),
    ]]),
    (S::Wizard, &[&[
        // Undo, park and workshop are in the help: with them no step's footer fits 80 columns.
        p(C::NextStep, "n", "next step", "n", "next"), p(C::PrevStep, "b", "step back", "b", "prev"),
        h(C::Undo, "u ctrl-z", "undo"),           h(C::Redo, "U ctrl-y", "redo"),
        h(C::Park, "P", "park a topic"),          h(C::Workshop, "w", "workshop mode"),
        h(C::ParkedLastTime, "L", "topics parked last time"),
    ]]),
    (S::WizardCarried, &[&[
        p(C::Up, "up k", "previous topic", "↑↓", "topic"), h(C::Down, "down j", "next topic"),
        f(C::TakeUp, "t", "take up"),             p(C::KeepParked, "p", "keep parked", "p", "keep"),
        p(C::DropTopic, "x", "drop", "x", "drop"),
        p(C::Right, "right space", "next choice", "←→", "choice"), h(C::Left, "left", "previous choice"),
        h(C::Undo, "u ctrl-z", "undo"),           h(C::Redo, "U ctrl-y", "redo"),
        f(C::Back, "esc enter L", "close"),
    ]]),
    (S::WizardList, &[&[
        p(C::Up, "up k", "up", "↑↓", "select"),   h(C::Down, "down j", "down"),
        f(C::Open, "enter tab", "fields"),        f(C::Add, "a", "add"),
        f(C::Delete, "d", "delete"),
    ]]),
    (S::FormBesideList, &[&[f(C::SwitchPane, "esc tab", "back to list")]]),
    (S::Form, &[&[p(C::Up, "up k", "previous field", "↑↓", "field"), h(C::Down, "down j", "next field")]]),
    (S::FieldText, &[&[f(C::Open, "enter e", "type")]]),
    (S::FieldChoice, &[&[
        p(C::Left, "left", "previous choice", "←→", "change"), h(C::Right, "right", "next choice"),
        f(C::Open, "enter", "choose"),
    ]]),
    (S::FieldDays, &[&[
        p(C::Left, "left", "previous day", "←→", "day"), h(C::Right, "right", "next day"),
        f(C::Toggle, "space enter", "toggle day"),
    ]]),
    (S::Review, &[&[
        p(C::Up, "up k", "scroll up", "↑↓", "scroll"), h(C::Down, "down j", "scroll down"),
        h(C::PageUp, "pgup", "page up"),               h(C::PageDown, "pgdn", "page down"),
        p(C::Left, "left", "review date −1 week", "←→", "review date"),
        h(C::Right, "right", "review date +1 week"),
        p(C::Open, "enter", "type the review date", "Enter", "type date"),
    ]]),
    (S::Consent, &[&[
        p(C::Up, "up k", "previous count", "↑↓", "count"), h(C::Down, "down j", "next count"),
        p(C::Increase, "right +", "+1", "←→", "−1/+1"),    h(C::Decrease, "left -", "−1"),
        h(C::Digit(0), "0 1 2 3 4 5 6 7 8 9", "type a count"),
        h(C::Backspace, "backspace", "erase a digit"),
        p(C::Record, "enter", "record, next item", "Enter", "record"),
        h(C::NextItem, "pgdn", "next item"),               h(C::PrevItem, "pgup", "previous item"),
    ]]),
    (S::SaveStep, &[&[f(C::Save, "s enter", "save")]]),
    (S::Editing, &[CTRL_C, &[
        f(C::Open, "enter", "done"),              f(C::Down, "tab", "next field"),
        h(C::Up, "backtab", "previous field"),    f(C::Back, "esc", "cancel"),
    ]]),
    (S::Picker, &[CTRL_C, &[
        p(C::Up, "up", "up", "↑↓", "move"),      h(C::Down, "down", "down"),
        h(C::PageUp, "pgup", "page up"),          h(C::PageDown, "pgdn", "page down"),
        f(C::Open, "enter", "choose"),            f(C::Back, "esc", "cancel"),
    ]]),
    (S::Help, &[CTRL_C, &[
        p(C::Up, "up k", "scroll up", "↑↓", "scroll"), h(C::Down, "down j", "scroll down"),
        f(C::Back, "esc ? q", "close"),
    ]]),
    (S::Recover, &[CTRL_C, &[
        f(C::Yes, "y enter", "recover it"),       f(C::Discard, "n", "discard it…"),
        f(C::Back, "esc", "close, draft kept"),
    ]]),
    (S::RecoverDiscard, &[CTRL_C, &[
        f(C::Discard, "y", "yes, discard the draft"), f(C::Back, "esc n", "no, back"),
    ]]),
    (S::ConfirmQuit, &[&[
        f(C::Keep, "k", "leave, keep the draft"), f(C::Discard, "d", "leave, discard the draft"),
        f(C::No, "esc n", "stay"),
    ]]),
    (S::ChangedOnDisk, &[CTRL_C, &[f(C::Reload, "r", "reload from disk"), f(C::Keep, "esc k", "keep editing")]]),
    (S::Objection, &[CTRL_C, &[
        f(C::EditItem, "e", "back to edit it"),   f(C::ParkItem, "p", "park it"),
        f(C::No, "esc", "stay on it"),
    ]]),
    (S::Prompt, &[CTRL_C, &[f(C::Open, "enter", "done"), f(C::Back, "esc", "cancel")]]),
    (S::Checkin, &[&[
        p(C::NextStep, "n pgdn", "next step", "n", "next"), p(C::PrevStep, "b pgup", "step back", "b", "prev"),
        h(C::Park, "P", "park a topic"),         h(C::Win, "W", "record a win"),
    ]]),
    (S::CheckinDecisions, &[&[
        // Help only: the panel under the table names o and u (the footer has no room).
        h(C::Owner, "o", "owner: the next member"), h(C::Due, "u", "type the due date"),
        h(C::Accept, "a", "accept the trial's proposal"),
    ]]),
    (S::CheckinWins, &[&[
        p(C::Left, "left", "previous win", "←→", "win"), h(C::Right, "right", "next win"),
        h(C::Edit, "e", "edit the win"),                 h(C::Delete, "x", "remove the win"),
    ]]),
    (S::CheckinPeriod, &[&[
        p(C::Up, "up k", "previous field", "↑↓", "field"), h(C::Down, "down j", "next field"),
        p(C::Left, "left", "−1 day", "←→", "±1 day"),      h(C::Right, "right", "+1 day"),
        p(C::Open, "enter", "type the date", "Enter", "type"),
    ]]),
    (S::CheckinNumbers, &[&[
        p(C::Up, "up k", "previous row", "↑↓", "row"),        h(C::Down, "down j", "next row"),
        p(C::Left, "left", "previous column", "←→", "column"), h(C::Right, "right", "next column"),
        p(C::Digit(0), "0 1 2 3 4 5 6 7 8 9", "type a number", "0-9", "number"),
        h(C::Increase, "+", "+1"),  h(C::Decrease, "-", "−1"),  h(C::Backspace, "backspace", "erase a digit"),
    ]]),
    (S::CheckinPresence, &[&[f(C::Delete, "d", "leave out")]]),
    (S::CheckinRituals, &[&[f(C::Open, "enter", "note"), h(C::Reset, "r", "planned from cadence")]]),
    (S::CheckinChoice, &[&[
        p(C::Up, "up k", "previous row", "↑↓", "row"),        h(C::Down, "down j", "next row"),
        p(C::Left, "left", "previous choice", "←→", "choose"), h(C::Right, "right space", "next choice"),
        h(C::Delete, "x", "clear"),                            f(C::Open, "enter", "note"),
    ]]),
    (S::CheckinPulse, &[&[
        p(C::Open, "enter", "next person answers", "Enter", "answer"), f(C::CloseRound, "c", "close round"),
        h(C::Delete, "x", "cancel round"),          f(C::Add, "t", "tally"),
    ]]),
    (S::CheckinPulseEntry, &[CTRL_C, &[
        f(C::Record, "enter", "next / record"),   f(C::PrevItem, "backtab", "page back"),
        f(C::Backspace, "backspace", "erase"),    f(C::Back, "esc", "hand back"),
    ]]),
    (S::CheckinSummary, &[&[
        f(C::Save, "s", "save"),
        p(C::Share, "m", "write the share summary to a file (once saved)", "m", "share"),
        p(C::Up, "up k", "scroll up", "↑↓", "scroll"), h(C::Down, "down j", "scroll down"),
    ]]),
    (S::ConfirmEmpty, &[CTRL_C, &[f(C::Yes, "y", "save it as it is"), f(C::Back, "esc n", "back, enter something")]]),
    (S::ConfirmOverwrite, &[CTRL_C, &[f(C::Yes, "y", "replace it"), f(C::Back, "esc n", "no, keep it")]]),
];

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
            Scope::WizardCarried => "Parked last time",
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
            Scope::Recover | Scope::RecoverDiscard => "Recover a draft",
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
            Scope::CheckinDecisions => "Decisions",
            Scope::CheckinWins => "Wins",
            Scope::ConfirmEmpty => "Nothing entered",
            Scope::ConfirmOverwrite => "Replace a file",
        }
    }
}
