//! Every `--format json` output, produced from the bundled agreements and a real temporary
//! repository, carries `"format": 1` first and is valid against its schema in
//! assets/schema/*.output.schema.json (the `jsonschema` crate, formats checked); the `jq`
//! examples in docs/json.md run as written.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{TestRepo, payments, replace};
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const TODAY: &str = "2026-11-20";

fn schema(name: &str) -> Value {
    let path = Path::new(ROOT).join(format!("assets/schema/{name}.output.schema.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn validator(name: &str) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema(name))
        .unwrap_or_else(|e| panic!("{name}.output.schema.json is not a valid schema: {e}"))
}

/// Runs accord in `dir`; the JSON it printed (whatever the exit code, which `codes` allows).
fn output(dir: &Path, args: &[&str], codes: &[i32]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .current_dir(dir)
        .env("ACCORD_TODAY", TODAY)
        .env_remove("ACCORD_DIR")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    assert!(
        codes.contains(&code),
        "accord {args:?} exited {code}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("accord {args:?}: not JSON ({e})"))
}

/// The document is valid against its schema, `format` is its first key, and the schema is
/// strict enough to reject the same document with another format or an unknown key.
fn check(name: &str, doc: &Value) {
    let v = validator(name);
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}\n{doc:#}");
    let first = doc.as_object().unwrap().keys().next().unwrap();
    assert_eq!(first, "format", "{name}: format comes first");
    assert_eq!(doc["format"], 1, "{name}");
    let mut other = doc.clone();
    other["format"] = 2.into();
    assert!(!v.is_valid(&other), "{name}: format 2 accepted");
    let mut other = doc.clone();
    other["formt"] = 1.into();
    assert!(!v.is_valid(&other), "{name}: an unknown key accepted");
}

/// A copy of the bundled agreements in a new repository: committed, then payments' demo
/// moved and a team added, committed again.
fn repo() -> (TestRepo, String, String) {
    let repo = TestRepo::with_payments();
    let from = repo.head();
    repo.write(
        "agreements/payments/agreement.toml",
        &replace(&payments(), "time = 15:00", "time = 16:00"),
    );
    let atlas =
        std::fs::read_to_string(Path::new(ROOT).join("agreements/atlas/agreement.toml")).unwrap();
    repo.write("agreements/atlas/agreement.toml", &atlas);
    let to = repo.commit_all("payments: move the demo; atlas joins");
    (repo, from, to)
}

#[test]
fn show_and_export_json_match_their_schema() {
    let root = Path::new(ROOT);
    for team in ["payments", "atlas", "ward-7", "data-platform"] {
        check(
            "show",
            &output(root, &["show", team, "--format", "json"], &[0]),
        );
        check(
            "show",
            &output(root, &["export", team, "--format", "json"], &[0]),
        );
    }
}

#[test]
fn validate_json_matches_its_schema_clean_and_with_errors() {
    // The bundled folder: one warning (atlas's review is overdue on TODAY).
    let doc = output(Path::new(ROOT), &["validate", "--format", "json"], &[0]);
    assert!(doc["warnings"].as_u64().unwrap() >= 1, "{doc:#}");
    check("validate", &doc);
    let (repo, ..) = repo();
    let broken = replace(
        &payments(),
        "cadence = \"weekly\"",
        "cadence = \"sometimes\"",
    );
    repo.write("agreements/payments/agreement.toml", &broken);
    let doc = output(repo.path(), &["validate", "--format", "json"], &[1]);
    assert!(doc["errors"].as_u64().unwrap() >= 1, "{doc:#}");
    assert!(doc["diagnostics"][0]["line"].is_u64(), "{doc:#}");
    check("validate", &doc);
}

#[test]
fn report_json_matches_its_schema() {
    let root = Path::new(ROOT);
    let doc = output(root, &["report", "--format", "json"], &[0, 1]);
    assert!(doc["across"].is_object() && doc["teams"].as_array().unwrap().len() == 4);
    check("report", &doc);
    let doc = output(
        root,
        &["report", "--team", "atlas", "--format", "json"],
        &[0, 1],
    );
    assert!(doc["across"].is_null());
    check("report", &doc);
}

#[test]
fn history_diff_and_blame_json_match_their_schemas() {
    let (repo, from, to) = repo();
    let dir = repo.path();
    let doc = output(dir, &["history", "payments", "--format", "json"], &[0]);
    assert_eq!(doc["revisions"].as_array().unwrap().len(), 2);
    check("history", &doc);
    // Uncommitted: a change in the working tree, then a file that does not parse.
    repo.write(
        "agreements/payments/agreement.toml",
        &replace(&payments(), "version = 3", "version = 4"),
    );
    let doc = output(dir, &["history", "payments", "--format", "json"], &[0]);
    assert!(doc["uncommitted"]["diff"].is_object(), "{doc:#}");
    check("history", &doc);
    repo.write("agreements/payments/agreement.toml", "team = [\n");
    let doc = output(dir, &["history", "payments", "--format", "json"], &[0]);
    assert!(doc["uncommitted"]["error"].is_string(), "{doc:#}");
    check("history", &doc);
    repo.git(&["checkout", "--", "agreements"]);

    let doc = output(
        dir,
        &["diff", "payments", &from, &to, "--format", "json"],
        &[0],
    );
    assert_eq!(doc["changed"], true);
    check("diff", &doc);
    let doc = output(
        dir,
        &["diff", "atlas", &from, &to, "--format", "json"],
        &[0],
    );
    check("diff", &doc);
    let doc = output(dir, &["diff", "payments", "--format", "json"], &[0]);
    assert_eq!(doc["changed"], false);
    check("diff", &doc);

    let doc = output(
        dir,
        &["diff", "--all", &from, &to, "--format", "json"],
        &[0],
    );
    let statuses: Vec<&str> = doc["teams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["added", "changed"], "{doc:#}");
    check("diff-all", &doc);

    let doc = output(dir, &["blame", "payments", "--format", "json"], &[0]);
    assert!(
        doc["items"][0]["introduced"]["commit"].is_string(),
        "{doc:#}"
    );
    check("blame", &doc);
}

/// The ```sh blocks of docs/json.md: each line that pipes into jq.
fn jq_examples() -> Vec<String> {
    let text = std::fs::read_to_string(Path::new(ROOT).join("docs/json.md")).unwrap();
    let mut out = Vec::new();
    let mut in_sh = false;
    for line in text.lines() {
        match line.trim_end() {
            "```sh" => in_sh = true,
            "```" => in_sh = false,
            l if in_sh && l.contains("| jq ") => out.push(l.to_string()),
            _ => {}
        }
    }
    out
}

#[test]
fn jq_examples_in_the_docs_run() {
    let examples = jq_examples();
    assert!(examples.len() >= 6, "{examples:?}");
    if !crate::support::tool_present("jq", &["--version"], "apt-get install jq") {
        return;
    }
    // The examples run in a repository with the bundled agreements and two commits.
    let (repo, ..) = repo();
    let bin: PathBuf = Path::new(env!("CARGO_BIN_EXE_accord"))
        .parent()
        .unwrap()
        .into();
    let path = std::env::join_paths(
        std::iter::once(bin).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    for example in &examples {
        let out = Command::new("bash")
            .args(["-o", "pipefail", "-c", example])
            .current_dir(repo.path())
            .env("PATH", &path)
            .env("ACCORD_TODAY", TODAY)
            .env_remove("ACCORD_DIR")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && !stdout.trim().is_empty() && !stdout.contains("null"),
            "{example}\nexit {:?}\nstdout:\n{stdout}\nstderr:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
