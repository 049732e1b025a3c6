use accord::diag::Diagnostic;
use accord::git;
use accord::store::write_if_unchanged;

use super::args::InitArgs;
use super::{Env, Failure, Outcome, commit_written, exit, print};

const FOLDER_README: &str = "# Team agreements

This folder holds our team agreements, kept with [Accord](https://github.com/accord-tui/accord).

- `TEAM/agreement.toml` — how a team works together: shared presence days,
  rituals, coordination norms, and the consent each item got.
- `TEAM/checkins/YYYY-MM-DD.toml` — a check-in: what happened during a period,
  measured against the agreement, and what the team decided to keep, adjust or drop.
- `accord.toml` — settings for the whole folder (the pulse privacy threshold).

Start a team with `accord new TEAM --preset hybrid`, read one with `accord show TEAM`,
and check every file with `accord validate`. Changes are reviewed by pull request.
";

const SETTINGS: &str = "schema = 1

[privacy]
min_responses = 5 # pulse results are shown only with at least this many answers; never below 3
";

pub fn run(env: &Env, args: InitArgs) -> Outcome {
    let root = &env.workspace.root;
    let mut lines = Vec::new();
    let existed = root.is_dir();
    std::fs::create_dir_all(root).map_err(|e| {
        Diagnostic::error("create", format!("cannot create {}: {e}", root.display()))
            .with_hint("check the parent folder's permissions")
    })?;
    let mut created = Vec::new();
    for (name, text) in [("README.md", FOLDER_README), ("accord.toml", SETTINGS)] {
        let path = root.join(name);
        if path.exists() {
            continue;
        }
        write_if_unchanged(&path, None, text.as_bytes()).map_err(|e| {
            let hint = e.hint();
            Failure::from(Diagnostic::error("write", e.to_string()).with_hint(hint))
        })?;
        created.push(name);
    }
    let shown = accord::text::sanitize(&root.display().to_string()).into_owned();
    match (existed, created.is_empty()) {
        (true, true) => lines.push(format!("{shown} is already set up; nothing to do.")),
        (false, _) => lines.push(format!("Created {shown}/ with {}.", created.join(" and "))),
        (true, false) => lines.push(format!("Added {} to {shown}/.", created.join(" and "))),
    }
    if git::work_tree_of(root).is_none() {
        // The repository goes where the folder lives, so the folder is versioned with its siblings.
        let parent = std::fs::canonicalize(root)
            .ok()
            .and_then(|p| p.parent().map(|p| p.to_path_buf()))
            .unwrap_or_else(|| ".".into());
        git::init(&parent)?;
        lines.push(format!(
            "Initialised a git repository in {}.",
            parent.display()
        ));
    }
    print(&(lines.join("\n") + "\n"));
    // Committed after the repository exists (an unborn branch's first commit works); only the
    // files init itself wrote.
    if args.commit && !created.is_empty() {
        let repo = git::Repo::discover(root)?;
        repo.can_commit()?;
        let files: Vec<_> = created.iter().map(|n| root.join(n)).collect();
        print(&commit_written(
            &repo,
            &files,
            "accord: set up the agreements folder\n\nA README for the folder and accord.toml (settings).\n",
        )?);
    }
    print("Next: accord new TEAM --preset hybrid   (presets: accord new --list-presets)\n");
    Ok(exit::OK)
}
