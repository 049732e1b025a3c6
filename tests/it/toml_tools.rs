//! Accord's files in the TOML tools its users run: taplo (what Even Better TOML runs) and
//! Python's tomllib, both TOML 1.0 only. They are programs outside Cargo: `.ci/run` installs
//! them; under CI (`CI` set) a missing one fails these tests rather than skipping them.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::date;
use accord::checkin::{PeriodChoice, Session};
use accord::model::{Agreement, Decision, FileKind, Rating, Time};
use accord::parse::parse;
use accord::pulse::Answer;
use accord::source::Source;
use accord::store::Workspace;
use accord::store::canonical::render;
use accord::store::drafts::Drafts;

const REPO: &str = env!("CARGO_MANIFEST_DIR");

fn repo(rel: &str) -> PathBuf {
    Path::new(REPO).join(rel)
}

/// Whether taplo and python3 with tomllib are here. Missing locally: a printed reason and a skip.
fn tools_present() -> bool {
    use crate::support::tool_present;
    // Both are looked up (and named) even when the first is missing.
    let taplo = tool_present("taplo", &["--version"], "pip install taplo");
    let tomllib = tool_present("python3", &["-c", "import tomllib"], "python3 >= 3.11");
    taplo && tomllib
}

fn accord(dir: &Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("accord").unwrap();
    c.current_dir(dir)
        .env("ACCORD_TODAY", "2026-11-30")
        .env_remove("ACCORD_DIR")
        .env_remove("ACCORD_DATA_DIR")
        .env("GIT_CONFIG_NOSYSTEM", "1");
    c
}

/// Every `.toml` file under `dir`, sorted.
fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(toml_files(&p));
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// Runs a tool in `dir`: whether it succeeded, and what it printed.
fn run(dir: &Path, cmd: &str, args: &[&str], files: &[PathBuf]) -> (bool, String) {
    let out = Command::new(cmd)
        .current_dir(dir)
        .args(args)
        .args(files)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// Runs a tool in `dir`; panics with its output when it fails.
fn run_ok(dir: &Path, cmd: &str, args: &[&str], files: &[PathBuf]) {
    let (ok, text) = run(dir, cmd, args, files);
    assert!(ok, "{cmd} {args:?} failed:\n{text}");
}

/// `taplo check` on one file, expected to fail on `key`: the schema was applied.
fn taplo_rejects_key(dir: &Path, file: &Path, key: &str) {
    let (ok, text) = run(
        dir,
        "taplo",
        &["check", "--colors", "never"],
        &[file.to_path_buf()],
    );
    assert!(
        !ok && text.contains(key),
        "taplo took the misspelt {key}:\n{text}"
    );
}

/// `taplo check` (syntax, and the schemas where a config in `dir` maps them) and tomllib on `files`.
fn both_tools_read(dir: &Path, taplo_args: &[&str], files: &[PathBuf]) {
    assert!(!files.is_empty());
    let mut args = vec!["check", "--colors", "never"];
    args.extend_from_slice(taplo_args);
    run_ok(dir, "taplo", &args, files);
    let script = "import sys, tomllib\nbad = []\nfor p in sys.argv[1:]:\n    try:\n        tomllib.load(open(p, 'rb'))\n    except tomllib.TOMLDecodeError as e:\n        bad.append(f'{p}: {e}')\nprint('\\n'.join(bad))\nsys.exit(1 if bad else 0)\n";
    run_ok(dir, "python3", &["-c", script], files);
}

/// `10:00:00` → `10:00`: a line with its times in TOML 1.1's short form.
fn drop_seconds(line: &str) -> String {
    let b = line.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        let time = (0..8).all(|k| {
            if k == 2 || k == 5 {
                b.get(i + k) == Some(&b':')
            } else {
                digit(i + k)
            }
        });
        if time && b[i + 6] == b'0' && b[i + 7] == b'0' {
            out.push_str(&line[i..i + 5]);
            i += 8;
        } else {
            out.push(b[i] as char);
            i += 1;
        }
    }
    out
}

/// A copy of the bundled agreements with every time in TOML 1.1's short form.
fn short_form_copy(to: &Path) {
    for f in toml_files(&repo("agreements")) {
        let rel = f.strip_prefix(repo("agreements")).unwrap();
        let text = std::fs::read_to_string(&f).unwrap();
        let short: String = text
            .lines()
            .map(
                |l| match l.starts_with("time = ") || l.starts_with("core_hours = ") {
                    true => drop_seconds(l) + "\n",
                    false => format!("{l}\n"),
                },
            )
            .collect();
        crate::common::write(to, rel.to_str().unwrap(), &short);
    }
}

/// A folder written by Accord's writers: `init`, `new` with every preset, `fmt` over files in
/// the short time form, a save over an existing agreement (what the wizard does), and a
/// check-in saved through the library with its draft.
fn written_by_accord() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    accord(dir).arg("init").assert().code(0);
    for p in accord::presets::PRESETS {
        accord(dir)
            .args(["new", &format!("team-{}", p.name), "--preset", p.name])
            .arg("--no-interactive")
            .assert()
            .code(0);
    }
    let root = dir.join("agreements");
    short_form_copy(&root);
    let payments = std::fs::read_to_string(root.join("payments/agreement.toml")).unwrap();
    assert!(payments.contains("time = 15:00\n"), "{payments}");
    accord(dir).arg("fmt").assert().code(0);
    for f in toml_files(&repo("agreements")) {
        let rel = f.strip_prefix(repo("agreements")).unwrap();
        assert_eq!(
            std::fs::read_to_string(root.join(rel)).unwrap(),
            std::fs::read_to_string(&f).unwrap(),
            "fmt gives back the bundled {rel:?}, times with seconds"
        );
    }

    // Saving an edited agreement over the file, as the wizard's save does.
    let path = root.join("atlas/agreement.toml");
    let before = std::fs::read_to_string(&path).unwrap();
    let mut a: Agreement = parse(&Source::new(&path, before.as_str())).unwrap();
    a.rituals[0].time = Some(Time("07:45".parse().unwrap()));
    std::fs::write(&path, render(&a, FileKind::Agreement, Some(&before))).unwrap();

    // A check-in recorded and saved through the library, its draft kept beside it.
    let ws = Workspace::new(&root);
    let drafts = Drafts::new(&dir.join("data"), &root);
    let mut s = Session::start(
        &ws,
        "payments",
        Some(&drafts),
        date("2026-11-30"),
        PeriodChoice::default(),
    )
    .unwrap();
    s.set_presence(date("2026-11-17"), 4, 5).unwrap();
    s.set_held("weekly-demo", 2).unwrap();
    s.rate("own-device", Rating::Kept, "Every meeting.")
        .unwrap();
    s.decide("team-lunch", Decision::Adjust, "Move it to Wednesday.")
        .unwrap();
    s.park("Desk booking");
    let round = s.open_pulse().unwrap();
    for (score, comment) in [
        (
            5,
            "A comment long enough that taplo would wrap the array of comments",
        ),
        (
            2,
            "and another one, so that the line is well past eighty columns",
        ),
        (4, ""),
        (4, ""),
        (3, ""),
    ] {
        let answer = Answer {
            scores: vec![score],
            comment: comment.into(),
            groups: vec![],
        };
        round.answer(&answer).unwrap();
    }
    s.close_pulse();
    s.save_draft(&drafts).unwrap();
    s.save(&ws, None).unwrap();
    tmp
}

#[test]
fn every_file_accord_writes_is_read_by_taplo_and_tomllib() {
    if !tools_present() {
        return;
    }
    let tmp = written_by_accord();
    let files = toml_files(tmp.path());
    let names: Vec<String> = files
        .iter()
        .map(|f| f.strip_prefix(tmp.path()).unwrap().display().to_string())
        .collect();
    for expected in [
        "agreements/accord.toml",
        "agreements/team-hybrid/agreement.toml",
        "agreements/atlas/agreement.toml",
        "agreements/payments/checkins/2026-11-30.toml",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    assert!(
        names.iter().any(|n| n.starts_with("data/")),
        "the draft: {names:?}"
    );
    both_tools_read(tmp.path(), &["--no-auto-config"], &files);
}

#[test]
fn shipped_files_are_read_by_taplo_with_their_schemas_and_by_tomllib() {
    if !tools_present() {
        return;
    }
    let mut files = toml_files(&repo("agreements"));
    files.extend(toml_files(&repo("assets/presets")));
    files.extend(toml_files(&repo("tests/fixtures/valid")));
    files.push(repo(".taplo.toml"));
    // From the root, taplo takes the repository's `.taplo.toml`: the schemas are checked too.
    both_tools_read(Path::new(REPO), &[], &files);
}

/// The `toml` block of the README that starts with `# .taplo.toml`.
fn readme_taplo_config() -> String {
    let readme = std::fs::read_to_string(repo("README.md")).unwrap();
    let start = readme
        .find("```toml\n# .taplo.toml\n")
        .expect("the README shows a .taplo.toml")
        + "```toml\n".len();
    let len = readme[start..].find("```").unwrap();
    readme[start..start + len].to_string()
}

/// The `#:schema …` directives the README gives, in the order it gives them.
fn readme_schema_directives() -> Vec<String> {
    let readme = std::fs::read_to_string(repo("README.md")).unwrap();
    readme
        .split('`')
        .filter(|s| s.starts_with("#:schema "))
        .map(str::to_string)
        .collect()
}

fn copy_schemas(to: &Path) {
    for name in ["agreement", "checkin", "settings"] {
        let file = format!("{name}.schema.json");
        crate::common::write(
            to,
            &file,
            &std::fs::read_to_string(repo("assets/schema").join(&file)).unwrap(),
        );
    }
}

#[test]
fn readme_editor_setup_works_as_written_on_files_accord_writes() {
    if !tools_present() {
        return;
    }
    let tmp = written_by_accord();
    let dir = tmp.path();
    copy_schemas(&dir.join("schemas"));
    crate::common::write(dir, ".taplo.toml", &readme_taplo_config());
    let files = toml_files(&dir.join("agreements"));
    both_tools_read(dir, &[], &files);
    run_ok(
        dir,
        "taplo",
        &["fmt", "--check", "--colors", "never"],
        &files,
    );

    // The schemas are applied, not skipped: a typo is an error in taplo too.
    let typo = dir.join("agreements/payments/agreement.toml");
    let good = std::fs::read_to_string(&typo).unwrap();
    std::fs::write(
        &typo,
        good.replace("\nversion = 3\n", "\nversion = 3\nreveiw_by = 1\n"),
    )
    .unwrap();
    taplo_rejects_key(dir, &typo, "reveiw_by");
    std::fs::write(&typo, good).unwrap();

    // Without the rules, the README's `#:schema` lines, each on the first line of its kind of file.
    std::fs::remove_file(dir.join(".taplo.toml")).unwrap();
    let directives = readme_schema_directives();
    assert_eq!(directives.len(), 2, "{directives:?}");
    let checkin = dir.join("agreements/payments/checkins/2026-11-30.toml");
    for (file, directive) in [(&typo, &directives[0]), (&checkin, &directives[1])] {
        let text = std::fs::read_to_string(file).unwrap();
        std::fs::write(file, format!("{directive}\n{text}")).unwrap();
        // `accord fmt` keeps the line, and so does a save (one changed value).
        accord(dir).args(["fmt"]).arg(file).assert().code(0);
        assert!(
            std::fs::read_to_string(file)
                .unwrap()
                .starts_with(&format!("{directive}\n"))
        );
    }
    let text = std::fs::read_to_string(&typo).unwrap();
    let mut a: Agreement = parse(&Source::new(&typo, text.as_str())).unwrap();
    a.version = 4;
    let saved = render(&a, FileKind::Agreement, Some(&text));
    assert!(
        saved.starts_with(&format!("{}\n", directives[0])),
        "{saved}"
    );
    let typo_text = saved.replace("\nversion = 4\n", "\nversion = 4\nreveiw_by = 1\n");
    std::fs::write(&typo, &typo_text).unwrap();
    taplo_rejects_key(dir, &typo, "reveiw_by");
    std::fs::write(&typo, saved).unwrap();
    both_tools_read(dir, &["--no-auto-config"], &[typo, checkin]);
}

#[test]
fn readme_and_repository_give_taplo_the_same_formatting() {
    let table = |text: &str| {
        let v: toml::Table = toml::from_str(text).unwrap();
        v["formatting"].clone()
    };
    assert_eq!(
        table(&readme_taplo_config()),
        table(&std::fs::read_to_string(repo(".taplo.toml")).unwrap())
    );
}

/// Files with the layout edits taplo undoes: indentation, spacing around `=`, blank lines,
/// arrays split over lines (the way taplo's default formatting writes long ones).
fn hand_edited(root: &Path) {
    let path = root.join("payments/checkins/2026-11-17.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text
        .replace("\nagreement_version = ", "\n  agreement_version=")
        .replace("\n\n[pulse]\n", "\n\n\n\n[pulse]\n")
        .replace(
            "comments = [\"Best two weeks since the summer.\", \"Thursday demo is the highlight of my week.\"]",
            "comments = [\n  \"Best two weeks since the summer.\",\n  \"Thursday demo is the highlight of my week.\",\n]",
        );
    assert_ne!(edited, text);
    std::fs::write(&path, edited).unwrap();
}

#[test]
fn files_formatted_by_taplo_pass_fmt_check() {
    if !tools_present() {
        return;
    }
    let config = repo(".taplo.toml");
    let config = config.to_str().unwrap();
    let tmp = written_by_accord();
    let root = tmp.path().join("agreements");
    // What Accord writes is already as taplo formats it...
    let written = toml_files(&root);
    run_ok(
        tmp.path(),
        "taplo",
        &["fmt", "--check", "--colors", "never", "--config", config],
        &written,
    );
    // ...and what taplo makes of hand edits and of hand-aligned comments (it re-aligns them
    // its own way, which `accord fmt` keeps) is canonical too.
    hand_edited(&root);
    let fixtures = tmp.path().join("fixtures");
    for f in toml_files(&repo("tests/fixtures/valid")) {
        let rel = f.strip_prefix(repo("tests/fixtures/valid")).unwrap();
        let text = std::fs::read_to_string(&f).unwrap();
        crate::common::write(&fixtures, rel.to_str().unwrap(), &text);
    }
    let mut files = toml_files(&root);
    files.extend(toml_files(&fixtures));
    run_ok(
        tmp.path(),
        "taplo",
        &["fmt", "--colors", "never", "--config", config],
        &files,
    );
    let checkin = std::fs::read_to_string(root.join("payments/checkins/2026-11-17.toml")).unwrap();
    assert!(
        checkin.contains("\nagreement_version = 3\n") && checkin.contains("\ncomments = [\"Best"),
        "taplo ran: {checkin}"
    );
    let platform = std::fs::read_to_string(fixtures.join("platform/agreement.toml")).unwrap();
    assert!(
        platform.contains("\n[presence] # shared"),
        "taplo re-aligned the comments: {platform}"
    );
    accord(tmp.path())
        .args(["fmt", "--check", "agreements", "fixtures"])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn time_schema_takes_both_forms_accord_reads_and_no_other() {
    if !tools_present() {
        return;
    }
    // JSON Schema patterns are ECMA-262; this one is also a Python pattern, searched the same way.
    let script = r#"
import json, re, sys
pattern = json.load(open(sys.argv[1]))["properties"]["rituals"]["items"]["properties"]["time"]["pattern"]
good = ["15:00", "15:00:00", "09:30:15.25", "00:00", "23:59:59"]
bad = ["24:00", "7:00", "15:0", "15:60", "15:00:60", "15:00:00Z", "15:00:00+01:00", "15", ""]
wrong = [t for t in good if not re.search(pattern, t)] + [t for t in bad if re.search(pattern, t)]
print(wrong)
sys.exit(1 if wrong else 0)
"#;
    run_ok(
        Path::new(REPO),
        "python3",
        &["-c", script],
        &[repo("assets/schema/agreement.schema.json")],
    );
}
