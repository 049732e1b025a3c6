//! Every command of the agreement-files issue, driven as a user would, with its exit code.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn accord(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("accord").unwrap();
    cmd.current_dir(dir)
        .env("ACCORD_TODAY", "2026-11-22")
        .env_remove("ACCORD_DIR");
    cmd
}

fn examples() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch folder inside a git repository of its own, so `init` does not touch this one.
fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn bundled_examples_validate_and_are_canonical() {
    accord(examples())
        .arg("validate")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 errors"));
    accord(examples())
        .args(["fmt", "--check"])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn init_creates_the_folder_and_a_repository() {
    let dir = scratch();
    accord(dir.path())
        .arg("init")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "Created agreements/ with README.md and accord.toml.",
        ))
        .stdout(predicate::str::contains("Initialised a git repository"));
    assert!(dir.path().join(".git").is_dir());
    assert!(dir.path().join("agreements/README.md").is_file());
    accord(dir.path()).arg("validate").assert().code(0);
    // Running it again changes nothing.
    accord(dir.path())
        .arg("init")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("already set up"));
}

#[test]
fn init_commit_commits_only_its_own_files() {
    let dir = scratch();
    std::fs::write(dir.path().join("notes.txt"), "mine\n").unwrap();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    git(&["init", "-q"]);
    git(&["config", "user.name", "Ana Lima"]);
    git(&["config", "user.email", "ana@example.com"]);
    accord(dir.path())
        .args(["init", "--commit"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "accord: set up the agreements folder",
        ));
    let files = git(&["show", "--name-only", "--format=%s", "HEAD"]);
    assert_eq!(
        files.trim(),
        "accord: set up the agreements folder\n\nagreements/README.md\nagreements/accord.toml"
    );
    assert_eq!(git(&["status", "--porcelain"]), "?? notes.txt\n");
}

#[test]
fn init_inside_a_repository_does_not_nest_another() {
    let dir = scratch();
    std::process::Command::new("git")
        .args(["init", "-q"])
        .current_dir(dir.path())
        .status()
        .unwrap();
    let sub = dir.path().join("teams");
    std::fs::create_dir(&sub).unwrap();
    accord(&sub)
        .args(["--dir", "agreements", "init"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Initialised").not());
    assert!(!sub.join(".git").exists());
}

#[test]
fn new_writes_a_valid_draft_from_a_preset() {
    let dir = scratch();
    accord(dir.path()).arg("init").assert().code(0);
    accord(dir.path())
        .args([
            "new",
            "customer-care",
            "--preset",
            "frontline",
            "--no-interactive",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "Wrote a draft agreement for Customer care from the frontline preset",
        ));
    let text = std::fs::read_to_string(dir.path().join("agreements/customer-care/agreement.toml"))
        .unwrap();
    assert!(
        text.starts_with("schema = 1\nteam = \"Customer care\"\nversion = 1\nstatus = \"draft\"\n"),
        "{text}"
    );
    accord(dir.path())
        .arg("validate")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 errors"));
    accord(dir.path()).args(["fmt", "--check"]).assert().code(0);
    // Never over an existing team.
    accord(dir.path())
        .args(["new", "customer-care", "--no-interactive"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: team \"customer-care\" already has an agreement",
        ));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("agreements/customer-care/agreement.toml"))
            .unwrap(),
        text
    );
}

#[test]
fn new_refuses_bad_names_and_unknown_presets() {
    let dir = scratch();
    accord(dir.path()).arg("init").assert().code(0);
    accord(dir.path())
        .args(["new", "Customer Care", "--no-interactive"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid team name \"Customer Care\"",
        ))
        .stderr(predicate::str::contains("try \"customer-care\""));
    accord(dir.path())
        .args(["new", "care", "--preset", "hybird", "--no-interactive"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("error: no preset \"hybird\""))
        .stderr(predicate::str::contains("did you mean \"hybrid\"?"));
}

/// An id with no letter or digit once sent `Slug` into endless recursion: a stack
/// overflow in every command that read the file. Each now gets a diagnostic.
#[test]
fn ids_without_a_letter_or_digit_are_diagnosed_not_a_crash() {
    let dir = scratch();
    accord(dir.path()).arg("init").assert().code(0);
    accord(dir.path())
        .args(["new", "!", "--no-interactive"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid team name \"!\""));
    let good = std::fs::read_to_string(
        examples().join("tests/fixtures/invalid/bad-slug/team/agreement.toml"),
    )
    .unwrap();
    for id in ["", " ", "!", "-", "\\u009b"] {
        let team = dir.path().join("agreements/team");
        std::fs::create_dir_all(&team).unwrap();
        let text = good.replace("\"Weekly Demo\"", &format!("\"{id}\""));
        std::fs::write(team.join("agreement.toml"), text).unwrap();
        for args in [
            &["validate"][..],
            &["show", "team", "--format", "text"],
            &["fmt", "--check"],
        ] {
            let out = accord(dir.path()).args(args).output().unwrap();
            let code = out.status.code();
            assert!(
                matches!(code, Some(1) | Some(2)),
                "{args:?} with id {id:?}: {out:?}"
            );
            let stderr = String::from_utf8_lossy(&out.stderr);
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                format!("{stdout}{stderr}").contains("invalid id"),
                "{args:?} with id {id:?}: {stdout}{stderr}"
            );
        }
    }
}

#[test]
fn list_presets_names_all_five() {
    let out = accord(examples())
        .args(["new", "--list-presets"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    for name in [
        "small-team",
        "hybrid",
        "remote-first",
        "frontline",
        "large-org",
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(name)),
            "{name} missing from\n{out}"
        );
    }
}

#[test]
fn show_renders_text_markdown_and_json() {
    let text = accord(examples())
        .args(["show", "payments", "--format", "text"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(text).unwrap();
    // Wrapped to 80 columns; an entry's continuation is indented under it.
    assert!(text.starts_with("Payments — team agreement\nVersion 3 · active · adopted 2026-09-01 · review by 2026-12-15 · times in\nEurope/Brussels\n"), "{text}");
    assert!(text.contains("\n  Note: Exceptions are fine; post in #payments-team the day before. Release\n    weeks may move a day"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    assert!(
        text.contains("\nPresence\n  Days: Tuesday and Thursday\n  Core hours: 10:00–15:00\n"),
        "{text}"
    );
    // `export --format text` is the same document as `show`'s plain output.
    let exported = accord(examples())
        .args(["export", "payments", "--format", "text"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(exported).unwrap(), text);
    let md = accord(examples())
        .args(["show", "payments", "--format", "md"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(md).unwrap();
    assert!(
        md.starts_with("# Payments — team agreement\n\nVersion 3 · active"),
        "{md}"
    );
    assert!(
        md.contains("## Rituals (4)\n\n- Thursday demo (`weekly-demo`)\n  - When: every Thursday"),
        "{md}"
    );
    assert!(!md.contains("[[rituals]]"), "no raw TOML in Markdown");
    let json = accord(examples())
        .args(["show", "payments", "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["team"], "payments");
    assert_eq!(v["agreement"]["version"], 3);
    assert_eq!(
        v["agreement"]["presence"]["days"],
        serde_json::json!(["tue", "thu"])
    );
    assert_eq!(
        v["agreement"]["presence"]["core_hours"]["start"],
        "10:00:00"
    );
    assert_eq!(v["agreement"]["adopted"], "2026-09-01");
}

#[test]
fn show_suggests_the_team_meant() {
    accord(examples())
        .args(["show", "paymnets", "--format", "text"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: no team \"paymnets\" in agreements",
        ))
        .stderr(predicate::str::contains("did you mean \"payments\"?"));
}

#[test]
fn export_writes_files_atomically() {
    let dir = scratch();
    let out = dir.path().join("payments.md");
    accord(examples())
        .args(["export", "payments", "--format", "md", "-o"])
        .arg(&out)
        .assert()
        .code(0)
        .stdout("");
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("# Payments — team agreement")
    );
    let out = dir.path().join("payments.json");
    accord(examples())
        .args(["export", "payments", "--format", "json", "-o"])
        .arg(&out)
        .assert()
        .code(0);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["agreement"]["team"], "Payments");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "no temporary files left: {names:?}");
}

#[test]
fn fmt_rewrites_and_check_reports() {
    let dir = scratch();
    let team = dir.path().join("agreements/t");
    std::fs::create_dir_all(&team).unwrap();
    let messy = "team = 'T'   # our name\nschema = 1\nstatus = \"draft\"\nversion = 1\n";
    std::fs::write(team.join("agreement.toml"), messy).unwrap();
    accord(dir.path())
        .args(["fmt", "--check"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "would reformat agreements/t/agreement.toml",
        ));
    assert_eq!(
        std::fs::read_to_string(team.join("agreement.toml")).unwrap(),
        messy,
        "--check writes nothing"
    );
    accord(dir.path())
        .arg("fmt")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "formatted agreements/t/agreement.toml",
        ));
    assert_eq!(
        std::fs::read_to_string(team.join("agreement.toml")).unwrap(),
        "schema = 1\nteam = \"T\"   # our name\nversion = 1\nstatus = \"draft\"\n"
    );
    accord(dir.path())
        .args(["fmt", "--check"])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn fmt_leaves_broken_files_alone() {
    let dir = scratch();
    let team = dir.path().join("agreements/t");
    std::fs::create_dir_all(&team).unwrap();
    let broken = "schema = 1\nteam = \"T\"\nversion = 1\nstatus = \"draft\"\nowner = 3\n";
    std::fs::write(team.join("agreement.toml"), broken).unwrap();
    accord(dir.path())
        .arg("fmt")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error: unknown key \"owner\""))
        .stderr(predicate::str::contains("could not be formatted"));
    assert_eq!(
        std::fs::read_to_string(team.join("agreement.toml")).unwrap(),
        broken
    );
}

#[test]
fn folder_from_flag_and_environment() {
    let dir = scratch();
    accord(dir.path())
        .args(["--dir", "elsewhere", "init"])
        .assert()
        .code(0);
    assert!(dir.path().join("elsewhere/accord.toml").is_file());
    accord(dir.path())
        .env("ACCORD_DIR", "elsewhere")
        .arg("validate")
        .assert()
        .code(0);
    accord(dir.path())
        .arg("validate")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: no agreements folder at agreements",
        ))
        .stderr(predicate::str::contains("run `accord init`"));
}

#[test]
fn overview_lists_teams_when_not_a_terminal() {
    accord(examples())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("atlas"))
        .stdout(predicate::str::contains("2026-11-15 (overdue)"));
}

#[test]
fn bad_today_is_a_clear_error() {
    accord(examples())
        .env("ACCORD_TODAY", "tomorrow")
        .arg("validate")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "ACCORD_TODAY=\"tomorrow\" is not a date",
        ));
}

#[test]
fn usage_errors_exit_2() {
    accord(examples())
        .args(["validate", "--format", "xml"])
        .assert()
        .code(2);
    accord(examples()).arg("frobnicate").assert().code(2);
}

#[test]
fn presets_are_valid_canonical_and_substantial() {
    for p in accord::presets::PRESETS {
        let a = p.agreement();
        let src = accord::source::Source::new(format!("{}.toml", p.name), p.text);
        let diags = accord::validate::agreement_rules(
            &src,
            &a,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        );
        assert!(diags.iter().all(|d| !d.is_error()), "{}: {diags:?}", p.name);
        assert_eq!(
            accord::store::canonical::format(p.text, accord::model::FileKind::Agreement).unwrap(),
            p.text,
            "{} is not canonical",
            p.name
        );
        assert!(
            a.purpose.as_deref().is_some_and(|s| s.len() > 80),
            "{} needs a purpose",
            p.name
        );
        assert!(
            a.rituals.len() >= 3 && a.norms.len() >= 3,
            "{} needs rituals and norms",
            p.name
        );
        assert!(
            a.rituals.iter().all(|r| r.purpose.is_some()),
            "{}: every ritual says why",
            p.name
        );
        // The pulse: two or three behaviour questions, each with what 1 and 5 mean.
        assert!(
            (2..=3).contains(&a.questions.len())
                && a.questions
                    .iter()
                    .all(|q| q.low.is_some() && q.high.is_some()),
            "{}: the pulse needs two or three behaviour questions",
            p.name
        );
        assert!(!p.summary().is_empty());
    }
}
