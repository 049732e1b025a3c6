//! The HTML export: one page that carries everything it needs and shows text from files as text.

use std::path::Path;

use accord::export::html;
use accord::model::Agreement;

fn example(team: &str) -> Agreement {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("agreements")
        .join(team)
        .join("agreement.toml");
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Nothing is fetched and nothing runs. Text from files has every `<` escaped, so each
/// `<` left in the page opens a tag Accord wrote: only known tags and attributes, no
/// scripts, sources, links or event handlers, and a style sheet that imports nothing.
fn assert_self_contained(page: &str) {
    const TAGS: &[&str] = &[
        "!doctype",
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "header",
        "footer",
        "h1",
        "h2",
        "h3",
        "small",
        "p",
        "blockquote",
        "section",
        "article",
        "div",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "dl",
        "dt",
        "dd",
        "code",
        "strong",
        "span",
        "ul",
        "li",
        "del",
    ];
    const ATTRIBUTES: &[&str] = &[
        "lang",
        "charset",
        "name",
        "content",
        "http-equiv",
        "class",
        "id",
    ];
    for tag in page.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap().to_lowercase();
        let name = tag
            .trim_start_matches('/')
            .split_whitespace()
            .next()
            .unwrap_or("");
        assert!(TAGS.contains(&name), "unexpected tag <{tag}>");
        if name == "!doctype" {
            continue;
        }
        // Attribute names: what precedes each `=` outside quoted values.
        let mut rest = tag.as_str();
        while let Some(eq) = rest.find('=') {
            let attr = rest[..eq].split_whitespace().last().unwrap_or("");
            assert!(ATTRIBUTES.contains(&attr), "attribute {attr:?} in <{tag}>");
            let value = &rest[eq + 1..];
            rest = match value.strip_prefix('"') {
                Some(v) => &v[v.find('"').map(|i| i + 1).unwrap_or(v.len())..],
                None => value,
            };
        }
    }
    let style = &page[page.find("<style>").unwrap()..page.find("</style>").unwrap()];
    for banned in ["@import", "url(", "http"] {
        assert!(!style.contains(banned), "the style sheet contains {banned}");
    }
}

#[test]
fn a_team_name_with_markup_is_shown_as_text() {
    let a: Agreement = toml::from_str(
        r#"
schema = 1
team = "<script>alert('x')</script> & \"Co\""
version = 1
status = "draft"
purpose = "Line one <b>bold?</b>\nline two"

[[members]]
name = "<img src=x onerror=alert(1)>"
role = "lead"

[[rituals]]
id = "demo"
name = "Demo </article><h1>"
cadence = "weekly"
day = "thu"
owner = "<img src=x onerror=alert(1)>"

[[norms]]
id = "n"
text = "Escape \u001b[31m terminals too"
"#,
    )
    .unwrap();
    let page = html::agreement(&a);
    assert_self_contained(&page);
    assert!(page.contains(
        "<h1>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot; — team agreement</h1>"
    ));
    assert!(page.contains(
        "<title>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot; — team agreement</title>"
    ));
    assert!(page.contains("<li>&lt;img src=x onerror=alert(1)&gt;<span"));
    assert!(page.contains("<h3>Demo &lt;/article&gt;&lt;h1&gt;<span"));
    assert!(page.contains("<dt>Owner</dt><dd>&lt;img src=x onerror=alert(1)&gt;</dd>"));
    assert!(page.contains("Line one &lt;b&gt;bold?&lt;/b&gt;\nline two"));
    assert!(page.contains("Escape \\u{1b}[31m terminals too"));
    assert!(!page.contains('\u{1b}'));
    // Exactly the tags the page is made of: one h1, one article per ritual, norm (its
    // dimension is under it) and pulse question (the default one here).
    assert_eq!(page.matches("<h1>").count(), 1);
    assert_eq!(page.matches("<article").count(), 3);
    assert_eq!(page.matches("</article>").count(), 3);
}

#[test]
fn the_page_reads_on_a_phone_in_print_and_in_the_dark() {
    let page = html::agreement(&example("payments"));
    assert_self_contained(&page);
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(page.ends_with("</html>\n"));
    assert!(page.contains("<meta charset=\"utf-8\">"));
    assert!(page.contains("name=\"viewport\" content=\"width=device-width, initial-scale=1\""));
    assert!(page.contains("@media (prefers-color-scheme: dark)"));
    assert!(page.contains("@media print"));
    assert!(page.contains("Content-Security-Policy\" content=\"default-src 'none'"));
}

#[test]
fn the_page_holds_what_the_markdown_holds() {
    for team in ["payments", "atlas", "ward-7", "data-platform"] {
        let a = example(team);
        let page = html::agreement(&a);
        assert_self_contained(&page);
        let text = |s: &str| html::escape(s);
        assert!(page.contains(&text(&a.team)));
        if let Some(p) = &a.purpose {
            assert!(page.contains(&text(p)), "{team}: purpose");
        }
        for m in &a.members {
            assert!(page.contains(&format!("<li>{}", text(&m.name))), "{team}");
        }
        for r in &a.rituals {
            assert!(
                page.contains(&format!("<h3>{}<span", text(&r.name))),
                "{team}"
            );
            assert!(
                page.contains(&text(&accord::describe::schedule(r))),
                "{team}"
            );
            if let Some(p) = &r.purpose {
                assert!(page.contains(&text(p)), "{team}: {}", r.id);
            }
        }
        for n in &a.norms {
            assert!(page.contains(&text(&n.text)), "{team}: {}", n.id);
            if let Some(s) = &n.signal {
                assert!(page.contains(&text(s)), "{team}: {}", n.id);
            }
        }
        for c in &a.consent {
            assert!(
                page.contains(&accord::describe::consent(c)),
                "{team}: consent for {}",
                c.item
            );
        }
    }
}

#[test]
fn small_agreement_page() {
    let a: Agreement = toml::from_str(
        r#"
schema = 1
team = "Small & Co"
version = 2
status = "active"
adopted = 2026-09-01
review_by = 2026-12-01
timezone = "Europe/Brussels"
purpose = "Why we keep this."

[[members]]
name = "Ana"
role = "lead"
mode = "hybrid"
timezone = "Europe/Lisbon"

[presence]
days = ["tue"]
core_hours = { start = 10:00, end = 15:00 }
min_attendance = 0.8
space = "Room 1"
note = "Tell the team the day before."

[[rituals]]
id = "demo"
name = "Demo"
purpose = "Show what shipped."
cadence = "weekly"
day = "thu"
time = 15:00
duration_minutes = 30
mode = "hybrid"
owner = "Ana"

[[norms]]
id = "dm"
area = "communication"
text = "We answer within 4 working hours."
signal = "Nobody waits past the next morning."

[[consent]]
item = "demo"
agree = 5
concerns = 1
objections = 0
"#,
    )
    .unwrap();
    let page = html::agreement(&a);
    // The style sheet is the same on every page; the snapshot is about the content.
    let body = &page[page.find("</head>").unwrap()..];
    insta::assert_snapshot!(body);
}
