//! The agreement as one self-contained web page: inline CSS, no scripts, nothing fetched.
//! Same content as the Markdown export; readable on a phone, in print, light or dark.

use std::fmt::Write as _;

use crate::describe;
use crate::model::{Agreement, PRESENCE_ITEM};

pub use crate::render::html::escape;

const STYLE: &str = "
:root { color-scheme: light dark; --fg: #1c1c21; --muted: #585866; --bg: #ffffff;
  --card: #f4f4f7; --line: #d6d6de; --accent: #1f4f9c; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e9e9ee; --muted: #a9a9b6; --bg: #16161b; --card: #202028; --line: #3a3a45;
    --accent: #93b4ff; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 1rem/1.55 system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .3rem; overflow-wrap: anywhere; }
h1 small { display: block; font-size: 1rem; font-weight: normal; color: var(--muted); }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; padding-bottom: .2rem;
  border-bottom: 2px solid var(--line); }
h3 { font-size: 1.08rem; margin: 0 0 .2rem; }
p { margin: .35rem 0; }
.text { white-space: pre-line; overflow-wrap: anywhere; }
.facts, .when, .meta, footer { color: var(--muted); }
.purpose { margin: 1.2rem 0; padding: .6rem 1rem; border-left: 4px solid var(--accent);
  background: var(--card); }
.card { margin: .8rem 0; padding: .8rem 1rem; background: var(--card);
  border: 1px solid var(--line); border-radius: .5rem; }
.consent { font-size: .92rem; }
code { font: .88em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--muted); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .35rem .6rem .35rem 0;
  border-bottom: 1px solid var(--line); }
th { font-weight: 600; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .4rem 0; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
footer { max-width: 46rem; margin: 0 auto; padding: 0 1rem 2rem; font-size: .85rem; }
@media (max-width: 30rem) {
  dl { grid-template-columns: 1fr; gap: 0; }
  dd { margin-bottom: .4rem; }
}
@media print {
  :root { --fg: #000; --muted: #333; --bg: #fff; --card: #fff; --line: #999; --accent: #000; }
  body { font-size: 11pt; }
  main, footer { max-width: none; padding: 0; }
  .card, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
";

pub fn agreement(a: &Agreement) -> String {
    let mut o = String::new();
    let team = escape(&a.team);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <meta name=\"generator\" content=\"Accord\">\n\
         <title>{team} — team agreement</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
    );
    let _ = writeln!(o, "<header>\n<h1>{team}<small>team agreement</small></h1>");
    let mut facts = vec![format!("Version {}", a.version), a.status.to_string()];
    if let Some(d) = a.adopted {
        facts.push(format!("adopted {d}"));
    }
    if let Some(d) = a.review_by {
        facts.push(format!("review by {d}"));
    }
    if let Some(tz) = &a.timezone {
        facts.push(format!("times in {}", escape(tz.name())));
    }
    let _ = writeln!(o, "<p class=\"facts\">{}</p>\n</header>", facts.join(" · "));
    if let Some(p) = &a.purpose {
        let _ = writeln!(
            o,
            "<blockquote class=\"purpose\"><p class=\"text\">{}</p></blockquote>",
            escape(p)
        );
    }
    if !a.members.is_empty() {
        let _ = writeln!(
            o,
            "<section id=\"members\">\n<h2>Members</h2>\n<div class=\"scroll\"><table>\n\
             <thead><tr><th>Name</th><th>Role</th><th>Works</th><th>Time zone</th></tr></thead>\n<tbody>"
        );
        for m in &a.members {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&m.name),
                m.role.as_deref().map(escape).unwrap_or_default(),
                m.mode.map(describe::work_mode).unwrap_or(""),
                m.timezone
                    .as_ref()
                    .map(|t| escape(t.name()))
                    .unwrap_or_default()
            );
        }
        let _ = writeln!(o, "</tbody>\n</table></div>\n</section>");
    }
    if let Some(p) = &a.presence {
        let _ = writeln!(o, "<section id=\"presence\">\n<h2>Presence</h2>\n<dl>");
        let mut rows = vec![("Days", describe::days(&p.days))];
        if let Some(h) = describe::core_hours(p) {
            rows.push(("Core hours", h));
        }
        rows.push((
            "Attendance",
            format!(
                "{} of members on a presence day",
                describe::percent(p.min_attendance())
            ),
        ));
        if let Some(s) = &p.space {
            rows.push(("Space", s.clone()));
        }
        for (k, v) in rows {
            let _ = writeln!(o, "<dt>{k}</dt><dd>{}</dd>", escape(&v));
        }
        let _ = writeln!(o, "</dl>");
        if let Some(n) = &p.note {
            let _ = writeln!(o, "<p class=\"text\">{}</p>", escape(n));
        }
        consent(&mut o, a, PRESENCE_ITEM);
        let _ = writeln!(o, "</section>");
    }
    if !a.rituals.is_empty() {
        let _ = writeln!(o, "<section id=\"rituals\">\n<h2>Rituals</h2>");
        for r in &a.rituals {
            let mut when = describe::schedule(r);
            if let Some(owner) = &r.owner {
                when.push_str(&format!(" · owner {owner}"));
            }
            let _ = writeln!(
                o,
                "<article class=\"card\" id=\"ritual-{id}\">\n<h3>{}</h3>\n<p class=\"when\">{}</p>",
                escape(&r.name),
                escape(&when),
                id = escape(r.id.as_str()),
            );
            if let Some(p) = &r.purpose {
                let _ = writeln!(o, "<p class=\"text\">{}</p>", escape(p));
            }
            consent(&mut o, a, r.id.as_str());
            let _ = writeln!(
                o,
                "<p class=\"meta\"><code>{}</code></p>\n</article>",
                escape(r.id.as_str())
            );
        }
        let _ = writeln!(o, "</section>");
    }
    if !a.norms.is_empty() {
        let _ = writeln!(o, "<section id=\"norms\">\n<h2>Norms</h2>");
        for n in &a.norms {
            let _ = writeln!(
                o,
                "<article class=\"card\" id=\"norm-{id}\">\n<p class=\"text\"><strong>{}</strong></p>",
                escape(&n.text),
                id = escape(n.id.as_str()),
            );
            if let Some(s) = &n.signal {
                let _ = writeln!(o, "<p class=\"text\">{}</p>", escape(s));
            }
            consent(&mut o, a, n.id.as_str());
            let area = n.area.map(|x| format!("{x} · ")).unwrap_or_default();
            let _ = writeln!(
                o,
                "<p class=\"meta\">{area}<code>{}</code></p>\n</article>",
                escape(n.id.as_str())
            );
        }
        let _ = writeln!(o, "</section>");
    }
    let _ = writeln!(
        o,
        "</main>\n<footer>{team} team agreement, version {} ({}). Kept with Accord.</footer>\n</body>\n</html>",
        a.version, a.status
    );
    o
}

fn consent(o: &mut String, a: &Agreement, item: &str) {
    if let Some(c) = a.consent_for(item) {
        let _ = writeln!(
            o,
            "<p class=\"consent\">Consent: {}</p>",
            describe::consent(c)
        );
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(
            super::escape("<b>\"Tom\" & 'Jo'</b>\u{1b}"),
            "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jo&#39;&lt;/b&gt;\\u{1b}"
        );
    }
}
