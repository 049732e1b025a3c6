//! The share key: writes the share summary of a check-in (the bytes of `accord report --team
//! T --checkin DATE --format md`) to a file the user names. A prompt prefilled with
//! `TEAM-checkin-DATE.md` asks where; an existing file is overwritten only after a yes; the
//! worker does the writing, atomically.

use std::path::PathBuf;

use accord::report::share;
use accord::store::WriteError;
use chrono::NaiveDate;

use super::action::{Action, Effect};
use super::app::{App, Dialog, Prompt, PromptFor, Screen};
use super::widgets::text_field::TextField;
use super::worker::Io;

/// What to write where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareRequest {
    pub team: String,
    pub date: NaiveDate,
    pub path: PathBuf,
    /// The user said yes to replacing the file there.
    pub overwrite: bool,
    /// The day the team is scored as of (the trend, the next check-in).
    pub today: NaiveDate,
}

#[derive(Debug)]
pub enum Shared {
    Written(PathBuf),
    /// A file is there already: ask before replacing it.
    Exists(ShareRequest),
    Failed(String),
}

/// The prompt for the file, prefilled with the default place (see
/// [`share::default_path`]: the current directory, never inside the agreements folder).
pub fn prompt(team: &str, date: NaiveDate, root: &std::path::Path) -> Dialog {
    let cwd = std::env::current_dir().unwrap_or_default();
    let path = share::default_path(&cwd, root, team, date);
    let mut p = Prompt::new(
        PromptFor::Share(date),
        format!(
            "Write the share summary of {}'s check-in of {date} to",
            accord::text::sanitize_line(team)
        ),
    );
    p.input = TextField::new(&path.display().to_string());
    Dialog::Prompt(p)
}

/// Enter on the prompt: the worker writes the file named (for the team of the screen under it).
pub fn prompt_done(app: &mut App, mut p: Prompt, date: NaiveDate) -> Vec<Effect> {
    let text = p.text();
    let name = text.trim();
    if name.is_empty() {
        p.error = Some("Name a file to write the summary to".into());
        app.dialog = Some(Dialog::Prompt(p));
        return Vec::new();
    }
    let team = match app.screen() {
        Some(Screen::Checkin(c)) => c.team().to_string(),
        Some(Screen::Dashboard(d)) => d.team.clone(),
        _ => return Vec::new(),
    };
    app.info("Writing the share summary…");
    vec![Effect::Share(ShareRequest {
        team,
        date,
        path: PathBuf::from(name),
        overwrite: false,
        today: app.ctx.today,
    })]
}

/// The worker's part: the summary as the command builds it, written atomically.
pub fn perform(io: &Io, req: ShareRequest) -> Action {
    Action::Shared(write(io, req))
}

fn write(io: &Io, req: ShareRequest) -> Shared {
    let history = accord::git::GitHistory::new();
    let plan = match accord::report::Plan::new(&io.workspace, Some(&req.team), &history) {
        Ok(p) => p,
        Err(d) => return Shared::Failed(text(&d)),
    };
    let doc = match share::summary(plan, &req.team, req.date, req.today).doc {
        Ok(doc) => doc,
        Err(d) => return Shared::Failed(text(&d)),
    };
    let where_ = std::path::absolute(&req.path).unwrap_or_else(|_| req.path.clone());
    match share::write(&req.path, &share::markdown(&doc), req.overwrite) {
        Ok(()) => Shared::Written(where_),
        Err(WriteError::ChangedOnDisk { .. }) => Shared::Exists(req),
        Err(e) => Shared::Failed(format!("{e} ({})", e.hint())),
    }
}

fn text(d: &accord::diag::Diagnostic) -> String {
    super::checkin::update::diagnostic_text(d)
}

/// The worker's answer: where it went, the question before overwriting, or why not.
pub fn done(app: &mut App, r: Shared) -> Vec<Effect> {
    match r {
        Shared::Written(path) => app.info(format!(
            "Share summary written to {}",
            accord::text::sanitize_line(&path.display().to_string())
        )),
        Shared::Exists(req) => app.dialog = Some(Dialog::OverwriteShare(req)),
        Shared::Failed(e) => app.error(format!("The share summary was not written: {e}")),
    }
    Vec::new()
}

/// `y` on "replace it?": the same write, allowed to replace the file (if it is still the one
/// that was there).
pub fn overwrite(mut req: ShareRequest) -> Vec<Effect> {
    req.overwrite = true;
    vec![Effect::Share(req)]
}
