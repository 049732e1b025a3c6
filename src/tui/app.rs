//! The app's whole state: a stack of screens, at most one dialog, the help, and the outside world
//! as values (today, now, the folder), so that tests build any state they need.

use accord::model::{Norm, Question, Ritual};
use accord::store::Workspace;
use accord::store::drafts::Drafts;
use chrono::{NaiveDate, NaiveDateTime};

use super::action::Cmd;
use super::checkin::CheckinState;
use super::history::HistoryState;
use super::keymap::{FooterItem, Keymap, Scope};
use super::teams::TeamsState;
use super::theme::{Palette, Theme};
use super::viewer::ViewerState;
use super::week::WeekState;
use super::widgets::text_field::TextField;
use super::wizard::Wizard;
use super::wizard::fields::Field;

/// The outside world, injected.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub workspace: Workspace,
    /// Where drafts are kept; none when the platform has no data directory.
    pub drafts: Option<Drafts>,
    pub today: NaiveDate,
    /// Local wall-clock time, moved on by `Action::Tick`.
    pub now: NaiveDateTime,
    pub no_color: bool,
    /// The chosen look (`--theme`, Ctrl-T); `NO_COLOR` still wins.
    pub palette: Palette,
    /// Saves are committed when the folder is in a git repository (`--no-commit` turns it off).
    pub commit: bool,
    /// This computer's time zone (`$TZ`), for the member's week; none when unknown.
    pub local_tz: Option<chrono_tz::Tz>,
}

/// What a screen's update may read besides its own state: the outside world, the terminal's
/// size (for pages) and the theme (for layouts that depend on it).
#[derive(Debug, Clone, Copy)]
pub struct Env<'a> {
    pub ctx: &'a Ctx,
    pub size: (u16, u16),
    pub theme: Theme,
    /// How far the screen's scrolling text went on the last frame (`hits::HitMap::scroll_max`).
    pub scroll_max: Option<u16>,
}

/// One screen. New screens (history, week, check-in) are new variants with their own module.
#[derive(Debug, Clone)]
pub enum Screen {
    Teams(TeamsState),
    Viewer(Box<ViewerState>),
    Wizard(Box<Wizard>),
    Checkin(Box<CheckinState>),
    History(Box<HistoryState>),
    Week(Box<WeekState>),
    Report(Box<super::report::ReportState>),
    Dashboard(Box<super::dashboard::DashboardState>),
}

/// What a picker's entry stands for.
#[derive(Debug, Clone, PartialEq)]
pub enum Pick {
    Value(String),
    Ritual(Box<Ritual>),
    Norm(Box<Norm>),
    OwnRitual,
    OwnNorm,
    Question(Box<Question>),
    OwnQuestion,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PickItem {
    pub label: String,
    /// A second, muted line of explanation.
    pub detail: String,
    pub pick: Pick,
}

/// What a choice is for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PickFor {
    Field(Field),
    AddRitual,
    AddNorm,
    AddQuestion,
    /// The preset of a new team (from the teams screen).
    NewTeamPreset,
}

#[derive(Debug, Clone)]
pub struct Picker {
    pub title: String,
    pub items: Vec<PickItem>,
    pub filter: TextField,
    /// Index into `visible()`.
    pub selected: usize,
    pub purpose: PickFor,
    /// Carried along (the new team's slug).
    pub context: String,
}

impl Picker {
    pub fn new(title: impl Into<String>, items: Vec<PickItem>, purpose: PickFor) -> Self {
        Picker {
            title: title.into(),
            items,
            filter: TextField::default(),
            selected: 0,
            purpose,
            context: String::new(),
        }
    }

    pub fn filter_text(&self) -> String {
        self.filter.text().to_lowercase()
    }

    /// Indices of the items the filter lets through: matches in the label first, then in the detail.
    pub fn visible(&self) -> Vec<usize> {
        let f = self.filter_text();
        let f = f.trim();
        let by = |detail: bool| {
            self.items
                .iter()
                .enumerate()
                .filter(move |(_, i)| {
                    let label = i.label.to_lowercase().contains(f);
                    if detail {
                        !label && i.detail.to_lowercase().contains(f)
                    } else {
                        label
                    }
                })
                .map(|(n, _)| n)
        };
        by(false).chain(by(true)).collect()
    }

    pub fn chosen(&self) -> Option<&PickItem> {
        self.visible().get(self.selected).map(|i| &self.items[*i])
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptFor {
    ParkTopic,
    NewTeam,
    /// The file for the share summary of the check-in of that day.
    Share(NaiveDate),
}

#[derive(Debug, Clone)]
pub struct Prompt {
    pub purpose: PromptFor,
    pub title: String,
    pub input: TextField,
    pub error: Option<String>,
}

impl Prompt {
    pub fn new(purpose: PromptFor, title: impl Into<String>) -> Self {
        Prompt {
            purpose,
            title: title.into(),
            input: TextField::default(),
            error: None,
        }
    }
    pub fn text(&self) -> String {
        self.input.text()
    }
}

#[derive(Debug, Clone)]
pub enum Dialog {
    /// "Recover the draft of Payments from 14:02?"
    Recover {
        team: String,
        saved_at: Option<NaiveDateTime>,
        text: String,
    },
    /// Asked after `n` on `Recover`: discard that draft for good?
    DiscardDraft {
        team: String,
        saved_at: Option<NaiveDateTime>,
        text: String,
    },
    /// `s` on the check-in's summary with nothing entered: save an empty check-in?
    EmptyCheckin,
    /// Leaving with unsaved work.
    ConfirmQuit,
    /// The file changed on disk since the wizard read it.
    ChangedOnDisk,
    /// The consent round met an objection.
    Objection {
        item: String,
        title: String,
    },
    Picker(Picker),
    Prompt(Prompt),
    /// The share summary's file exists: replace it?
    OverwriteShare(super::share::ShareRequest),
}

impl Dialog {
    pub fn scope(&self) -> Scope {
        match self {
            Dialog::Recover { .. } => Scope::Recover,
            Dialog::DiscardDraft { .. } => Scope::RecoverDiscard,
            Dialog::EmptyCheckin => Scope::ConfirmEmpty,
            Dialog::ConfirmQuit => Scope::ConfirmQuit,
            Dialog::ChangedOnDisk => Scope::ChangedOnDisk,
            Dialog::Objection { .. } => Scope::Objection,
            Dialog::Picker(_) => Scope::Picker,
            Dialog::Prompt(_) => Scope::Prompt,
            Dialog::OverwriteShare(_) => Scope::ConfirmOverwrite,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub tone: Tone,
}

#[derive(Debug, Clone)]
pub struct App {
    pub ctx: Ctx,
    pub stack: Vec<Screen>,
    pub dialog: Option<Dialog>,
    /// The help is open, scrolled this far.
    pub help: Option<u16>,
    pub status: Option<Status>,
    /// Terminal size, for mouse hit-testing (render gets it from the frame).
    pub size: (u16, u16),
    pub quit: bool,
    /// The key table with the user's overrides (`config.toml`): keys, footer and help read it.
    pub keymap: std::sync::Arc<Keymap>,
    /// The theme the user's config file names (the app's `--theme` and palettes decide what
    /// to do with it).
    pub theme_name: Option<super::config::ThemeName>,
    /// What the mouse can reach on the last frame drawn (`ui::render` returns it).
    pub hits: super::hits::HitMap,
}

/// The smallest terminal the layout is made for.
pub const MIN_SIZE: (u16, u16) = (80, 24);

impl App {
    pub fn new(ctx: Ctx, first: Screen) -> App {
        App {
            ctx,
            stack: vec![first],
            dialog: None,
            help: None,
            status: None,
            size: (80, 24),
            quit: false,
            keymap: std::sync::Arc::new(Keymap::default()),
            theme_name: None,
            hits: Default::default(),
        }
    }

    pub fn screen(&self) -> Option<&Screen> {
        self.stack.last()
    }

    pub fn screen_mut(&mut self) -> Option<&mut Screen> {
        self.stack.last_mut()
    }

    pub fn wizard(&self) -> Option<&Wizard> {
        match self.screen() {
            Some(Screen::Wizard(w)) => Some(w),
            _ => None,
        }
    }

    pub fn wizard_mut(&mut self) -> Option<&mut Wizard> {
        match self.screen_mut() {
            Some(Screen::Wizard(w)) => Some(w),
            _ => None,
        }
    }

    pub fn theme(&self) -> Theme {
        Theme::new(self.ctx.palette.shown(self.workshop()), self.ctx.no_color)
    }

    fn workshop(&self) -> bool {
        match self.screen() {
            Some(Screen::Wizard(w)) => w.workshop,
            Some(Screen::Checkin(c)) => c.workshop,
            _ => false,
        }
    }

    /// The key that cycles the theme: to the next one that looks different from this one.
    pub fn next_theme(&mut self) {
        let shown = self.theme().palette;
        let mut p = self.ctx.palette.next();
        while p.shown(self.workshop()) == shown {
            p = p.next();
        }
        self.ctx.palette = p;
        let note = if self.ctx.no_color {
            " (NO_COLOR is set: no colours are shown)"
        } else {
            ""
        };
        self.info(format!(
            "Theme: {}{note} · Ctrl-T for the next",
            p.shown(self.workshop()).name()
        ));
    }

    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_SIZE.0 || self.size.1 < MIN_SIZE.1
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            tone: Tone::Info,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            tone: Tone::Error,
        });
    }

    /// The footer now: the key table's, less what would do nothing here (no `n next` on the
    /// last step, no step keys while a pulse round is open).
    pub fn footer(&self) -> Vec<FooterItem> {
        let mut items = self.keymap.footer(&self.scopes());
        let idle = |cmd: Cmd| match (self.dialog.is_some() || self.help.is_some(), self.screen()) {
            (true, _) => false,
            (false, Some(Screen::Wizard(w))) => cmd == Cmd::NextStep && w.step.next().is_none(),
            (false, Some(Screen::Checkin(c))) => {
                // An open pulse round holds the flow on its step.
                (cmd == Cmd::NextStep || cmd == Cmd::PrevStep) && c.session.pulse_open()
                    || cmd == Cmd::NextStep && c.index() + 1 >= c.steps().len()
            }
            _ => false,
        };
        items.retain(|i| !idle(i.cmd));
        items
    }

    /// The key scopes of the current state, most specific first.
    pub fn scopes(&self) -> Vec<Scope> {
        if self.help.is_some() {
            return vec![Scope::Help];
        }
        self.screen_scopes()
    }

    /// Keys type text now (into a field, a prompt, a picker's filter) rather than run commands:
    /// the footer says so.
    pub fn typing(&self) -> bool {
        self.help.is_none()
            && self
                .screen_scopes()
                .iter()
                .any(|s| matches!(s, Scope::Editing | Scope::Prompt | Scope::Picker))
    }

    /// The scopes under the help: what the help lists.
    pub fn screen_scopes(&self) -> Vec<Scope> {
        if let Some(d) = &self.dialog {
            return vec![d.scope()];
        }
        let mut s = match self.screen() {
            Some(Screen::Teams(_)) => vec![Scope::Teams],
            Some(Screen::Viewer(_)) => vec![Scope::Viewer],
            Some(Screen::Dashboard(_)) => vec![Scope::Dashboard],
            Some(Screen::Wizard(w)) => super::wizard::update::scopes(w),
            Some(Screen::Checkin(c)) => super::checkin::scopes(c),
            Some(Screen::History(h)) if h.diff.is_some() => vec![Scope::HistoryDiff],
            Some(Screen::History(_)) => vec![Scope::History],
            Some(Screen::Week(_)) => vec![Scope::Week],
            Some(Screen::Report(_)) => vec![Scope::Report],
            None => vec![],
        };
        // Typing (and answering the pulse) takes every key; the leave prompt has its own.
        let own = [Scope::Editing, Scope::CheckinPulseEntry, Scope::ConfirmQuit];
        if !s.iter().any(|x| own.contains(x)) {
            s.push(Scope::Global);
        }
        s
    }
}
