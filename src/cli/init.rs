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
    // Exactly the folder asked for: a missing parent is a typo more often than a wish, and
    // creating it would also put the repository (which goes in the parent) somewhere unasked.
    if !existed {
        let parent = root.parent().filter(|p| !p.as_os_str().is_empty());
        if let Some(p) = parent.filter(|p| !p.is_dir()) {
            return Err(Diagnostic::error(
                "create",
                format!(
                    "cannot create {}: its parent folder {} does not exist",
                    root.display(),
                    p.display()
                ),
            )
            .with_hint("create the parent folder first, or check the path given to --dir")
            .into());
        }
        std::fs::create_dir(root).map_err(|e| {
            Diagnostic::error("create", format!("cannot create {}: {e}", root.display()))
                .with_hint("check the parent folder's permissions")
        })?;
    }
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
        // Never the file system's root: a folder directly under `/` gets its own repository.
        let canonical = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
        let parent = match canonical.parent() {
            Some(p) if p.parent().is_some() => p.to_path_buf(),
            _ => canonical.clone(),
        };
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
