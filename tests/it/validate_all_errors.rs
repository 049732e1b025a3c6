//! `accord validate` reports every error of a file in one run, in file order, files in path
//! order — in each of its formats (text, JSON, GitHub, GitLab). Run against the built binary
//! on a real repository.

use crate::support::{TestRepo, payments, replace};
use serde_json::Value;

/// The payments agreement with four errors of four kinds, each on its own line.
fn four_typos() -> String {
    let a = payments();
    let a = replace(&a, "version = 3\n", "version = \"three\"\n");
    let a = replace(&a, "mode = \"onsite\"\n", "mode = \"on-site\"\n");
    let a = replace(&a, "space = \"Floor 4", "spaces = \"Floor 4");
    replace(&a, "id = \"team-lunch\"\n", "")
}

/// The 1-based line of the first line of `text` starting with `start`, after `after`.
fn line_of(text: &str, after: &str, start: &str) -> usize {
    let at = text.find(after).unwrap();
    let from = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = text[..from].lines().count();
    before
        + text[from..]
            .lines()
            .position(|l| l.starts_with(start))
            .unwrap()
        + 1
}

/// (code, path, line) of each finding, as the fixture sets them up: atlas's one error,
/// then payments' four, in file order (the missing `id` is reported on its table's header).
fn expected(text: &str) -> Vec<(&'static str, &'static str, usize)> {
    let p = "agreements/payments/agreement.toml";
    vec![
        ("invalid-value", "agreements/atlas/agreement.toml", 4),
        ("wrong-type", p, 3),
        (
            "invalid-value",
            p,
            line_of(text, "Jonas Wouters", "mode = "),
        ),
        ("unknown-key", p, line_of(text, "[presence]", "spaces = ")),
        ("missing-key", p, lunch_header(text)),
    ]
}

fn repo() -> (TestRepo, String) {
    let r = TestRepo::new();
    r.write("agreements/accord.toml", "schema = 1\n");
    let text = four_typos();
    // Written first, listed second: files come in path order, not in the order made.
    r.write("agreements/payments/agreement.toml", &text);
    let atlas = replace(&payments(), "team = \"Payments\"", "team = \"Atlas\"");
    let atlas = replace(&atlas, "status = \"active\"", "status = \"activ\"");
    r.write("agreements/atlas/agreement.toml", &atlas);
    (r, text)
}

fn run(r: &TestRepo, format: &str) -> String {
    let out = r
        .accord()
        .args(["validate", "--format", format])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The missing key's table header: the `[[rituals]]` line above the lunch ritual's name.
fn lunch_header(text: &str) -> usize {
    let name = line_of(text, "[presence]", "name = \"Thursday lunch\"");
    let lines: Vec<&str> = text.lines().collect();
    (0..name)
        .rev()
        .find(|&i| lines[i] == "[[rituals]]")
        .unwrap()
        + 1
}

fn want(text: &str) -> Vec<(String, String, usize)> {
    expected(text)
        .into_iter()
        .map(|(c, p, l)| (c.to_string(), p.to_string(), l))
        .collect()
}

#[test]
fn json_lists_every_error_in_file_order() {
    let (r, text) = repo();
    let v: Value = serde_json::from_str(&run(&r, "json")).unwrap();
    let got: Vec<(String, String, usize)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["path"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches("./")
                    .to_string(),
                d["line"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    assert_eq!(got, want(&text), "{v:#}");
    assert_eq!(v["errors"], 5);
}

#[test]
fn text_shows_the_four_errors_of_one_file_in_one_run() {
    let (r, text) = repo();
    let out = run(&r, "text");
    let places: Vec<(String, usize)> = out
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .map(|p| {
            let mut parts = p.trim_start_matches("./").rsplitn(3, ':');
            let (_col, line, path) = (parts.next(), parts.next(), parts.next());
            (path.unwrap().to_string(), line.unwrap().parse().unwrap())
        })
        .collect();
    let wanted: Vec<(String, usize)> = want(&text).into_iter().map(|(_, p, l)| (p, l)).collect();
    assert_eq!(places, wanted, "{out}");
    assert!(
        out.contains("error: expected a whole number of 0 or more, found string \"three\""),
        "{out}"
    );
    assert!(out.contains("error: missing required key \"id\""), "{out}");
    assert!(
        out.contains("error: unknown key \"spaces\" — did you mean \"space\"?"),
        "{out}"
    );
    assert!(
        out.ends_with("3 files checked: 5 errors, 0 warnings\n"),
        "{out}"
    );
}

#[test]
fn github_and_gitlab_keep_the_order() {
    let (r, text) = repo();
    let lines: Vec<usize> = want(&text).into_iter().map(|(_, _, l)| l).collect();
    let github: Vec<usize> = run(&r, "github")
        .lines()
        .map(|l| {
            let at = l.find(",line=").unwrap() + 6;
            l[at..].split(',').next().unwrap().parse().unwrap()
        })
        .collect();
    assert_eq!(github, lines);
    let v: Value = serde_json::from_str(&run(&r, "gitlab")).unwrap();
    let gitlab: Vec<usize> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["location"]["lines"]["begin"].as_u64().unwrap() as usize)
        .collect();
    assert_eq!(gitlab, lines);
}

#[test]
fn a_syntax_error_is_still_one_error() {
    let (r, _) = repo();
    let broken = replace(
        &four_typos(),
        "status = \"active\"",
        "status = = \"active\"",
    );
    r.write("agreements/payments/agreement.toml", &broken);
    let v: Value = serde_json::from_str(&run(&r, "json")).unwrap();
    let payments: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"].as_str().unwrap().contains("payments"))
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(payments, ["syntax"], "{v:#}");
}
