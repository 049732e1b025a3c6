use accord::diag::Diagnostic;
use accord::git::{ItemBlame, Origin};
use accord::suggest::closest;
use accord::text::sanitize_line as clean;
use serde_json::json;

use super::args::{BlameArgs, HistoryFormat};
use super::{Env, Outcome, exit, print, repo};

pub fn run(env: &Env, args: BlameArgs) -> Outcome {
    let team = env.workspace.team(&args.team)?;
    let path = env.workspace.agreement_path(&team);
    let current = env.workspace.agreement(&team)?.value;
    if let Some(item) = &args.item
        && current.item(item).is_none()
    {
        let ids: Vec<&str> = current.items().map(|i| i.id()).collect();
        let hint = match closest(item, ids.iter().copied()) {
            Some(best) => format!("did you mean \"{best}\"?"),
            None => format!("items of {team}: {}", ids.join(", ")),
        };
        return Err(Diagnostic::error(
            "unknown-item",
            format!("{team}'s agreement has no item \"{}\"", clean(item)),
        )
        .with_hint(hint)
        .into());
    }
    let repo = repo(env)?;
    // History stops at a shallow clone's boundary: whatever was there is credited to it.
    let boundary = repo.shallow_boundary();
    if !boundary.is_empty() {
        eprint!(
            "{}",
            Diagnostic::warning(
                "shallow-clone",
                format!(
                    "this clone is shallow: its history starts at {}, so items older than that are credited to it",
                    boundary.join(", ")
                ),
            )
            .with_hint("fetch the whole history (`git fetch --unshallow`, or `fetch-depth: 0` with actions/checkout) for the real origins")
            .render_text()
        );
    }
    let blame: Vec<ItemBlame> = repo
        .blame(&path, &current)?
        .into_iter()
        .filter(|b| args.item.as_deref().is_none_or(|i| i == b.id))
        .collect();
    let out = match args.format {
        HistoryFormat::Json => {
            let doc = json!({"format": accord::render::json::FORMAT, "team": team, "items": blame});
            accord::render::json::to_string_pretty(&doc) + "\n"
        }
        HistoryFormat::Text => text(&blame),
    };
    print(&out);
    Ok(exit::OK)
}

fn text(items: &[ItemBlame]) -> String {
    let mut o = String::new();
    for (i, b) in items.iter().enumerate() {
        if i > 0 {
            o.push('\n');
        }
        let title = if b.kind == "presence" {
            "Presence days".to_string()
        } else {
            format!("{} {} — {}", b.kind, b.id, clean(&b.title))
        };
        o.push_str(&title);
        o.push('\n');
        o.push_str(&line("introduced", b.introduced.as_ref()));
        // The same commit twice says nothing new.
        if b.last_changed
            .as_ref()
            .is_some_and(|l| Some(l) != b.introduced.as_ref())
        {
            o.push_str(&line("last changed", b.last_changed.as_ref()));
        } else {
            o.push_str("  last changed  not since\n");
        }
    }
    o
}

fn line(what: &str, origin: Option<&Origin>) -> String {
    let Some(o) = origin else {
        return format!("  {what:<12}  unknown (history not available)\n");
    };
    if o.is_uncommitted() {
        return format!("  {what:<12}  not committed yet (working tree)\n");
    }
    let fields = if o.fields.is_empty() {
        String::new()
    } else {
        format!(" ({})", o.fields.join(", "))
    };
    format!(
        "  {what:<12}  {}  {}  {}  {}{fields}\n",
        o.short.as_deref().unwrap_or(""),
        o.date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        clean(o.author.as_deref().unwrap_or("")),
        clean(o.subject.as_deref().unwrap_or("")),
    )
}
