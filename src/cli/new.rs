use accord::describe::title_from_slug;
use accord::diag::Diagnostic;
use accord::diff::AgreementDiff;
use accord::git::message;
use accord::model::{FileKind, Slug};
use accord::presets::{PRESETS, Preset};
use accord::store::canonical::render;
use accord::store::write_if_unchanged;

use super::args::NewArgs;
use super::{Env, Failure, Outcome, commit_written, exit, print, repo_for_commit};

pub fn run(env: &Env, args: NewArgs) -> Outcome {
    if args.list_presets {
        let w = PRESETS.iter().map(|p| p.name.len()).max().unwrap_or(0);
        let mut out = String::new();
        for p in PRESETS {
            out.push_str(&format!("{:<w$}  {}\n", p.name, p.summary()));
        }
        print(&out);
        return Ok(exit::OK);
    }
    let team = args
        .team
        .expect("clap requires TEAM without --list-presets");
    if let Err(e) = team.parse::<Slug>() {
        let (msg, hint) = accord::text::split_hint(&e);
        return Err(Diagnostic::error("bad-slug", msg.replace("invalid id", "invalid team name"))
            .with_hint(format!(
                "{}; a team's name on the command line is its folder name, set the display name with --name",
                hint.unwrap_or("")
            ))
            .into());
    }
    if !args.no_interactive && super::app::interactive() {
        return super::app::open(
            env,
            crate::tui::Start::Wizard(crate::tui::wizard::load::WizardRequest {
                team,
                new: true,
                preset: args.preset,
                name: args.name,
                workshop: args.workshop,
            }),
            !args.no_commit,
            args.theme,
        );
    }
    let preset = Preset::find(args.preset.as_deref().unwrap_or("small-team"))?;
    env.workspace.check_exists()?;
    let repo = repo_for_commit(env, args.commit)?;
    // Suggested trials run 30 days from today: the draft proposes them from now.
    let mut agreement = preset.agreement_on(env.today);
    agreement.team = args.name.unwrap_or_else(|| title_from_slug(&team));
    let path = env.workspace.agreement_path(&team);
    let text = render(&agreement, FileKind::Agreement, None);
    write_if_unchanged(&path, None, text.as_bytes()).map_err(|e| {
        let d = match e {
            accord::store::WriteError::ChangedOnDisk { .. } => Diagnostic::error(
                "team-exists",
                format!("team \"{team}\" already has an agreement"),
            )
            .at_file(&path)
            .with_hint("choose another name, or propose a revision of it with `accord edit`"),
            other => {
                let hint = other.hint();
                Diagnostic::error("write", other.to_string()).with_hint(hint)
            }
        };
        Failure::from(d)
    })?;
    print(&format!(
        "Wrote a draft agreement for {} from the {} preset: {}\nNext: edit it with your team, then `accord validate`.\n",
        accord::text::sanitize_line(&agreement.team),
        preset.name,
        path.display()
    ));
    if let Some(repo) = repo {
        let message =
            message::agreement(&team, &agreement, &AgreementDiff::created(&agreement), &[]);
        print(&commit_written(&repo, &[path], &message)?);
    }
    Ok(exit::OK)
}
