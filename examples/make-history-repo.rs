//! Builds a git repository whose agreements folder holds one team's agreement with a long
//! history, for benchmarking `accord history` and `accord diff` against git itself:
//! `cargo run --release --example make-history-repo -- DIR [REVISIONS]` (default 500).
//!
//! Each revision makes one realistic edit — a ritual or norm added, changed or removed, a
//! member joining or leaving, presence days moved, a version adopted — and is checked with
//! Accord's own parser and rules before it is written: every revision validates without a
//! single finding. Commits go in through `git fast-import` with fixed dates, authors and
//! Accord's own commit messages, so the same arguments always build the same commit ids;
//! the result is repacked as a fresh clone would be.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use accord::diff::{AgreementDiff, diff_agreements};
use accord::git::message;
use accord::model::Agreement;
use accord::parse::parse;
use accord::source::Source;
use accord::validate::agreement_rules;
use chrono::{Days, NaiveDate};

const SLUG: &str = "payments";
const FILE: &str = "agreements/payments/agreement.toml";

/// A small deterministic generator (64-bit LCG).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    fn word(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.below(xs.len())]
    }
}

const PEOPLE: [(&str, &str); 16] = [
    ("Sofie Claes", "engineering lead"),
    ("Mehdi Benali", "backend engineer"),
    ("Lotte Peeters", "product manager"),
    ("Jonas Wouters", "QA engineer"),
    ("Ines Duarte", "frontend engineer"),
    ("Piotr Nowak", "backend engineer"),
    ("Amara Okafor", "designer"),
    ("Luca Romano", "data engineer"),
    ("Hanna Berg", "frontend engineer"),
    ("Yusuf Demir", "site reliability engineer"),
    ("Mei Tanaka", "backend engineer"),
    ("Olivier Dubois", "engineering manager"),
    ("Nadia Haddad", "QA engineer"),
    ("Tomás Silva", "mobile engineer"),
    ("Greta Lind", "product designer"),
    ("Kwame Mensah", "backend engineer"),
];
const MODES: [&str; 3] = ["hybrid", "onsite", "remote"];
const WEEKDAYS: [&str; 5] = ["mon", "tue", "wed", "thu", "fri"];
const WEEKS: [&str; 3] = ["first", "second", "last"];
const RITUALS: [(&str, &str, &str); 8] = [
    (
        "demo",
        "Demo",
        "Show what reached production, name who helped, ring the bell for every release.",
    ),
    (
        "lunch",
        "Team lunch",
        "Eat together on an office day, away from desks, with no work agenda.",
    ),
    (
        "retro",
        "Retrospective",
        "Choose at most two changes and check whether the last two happened.",
    ),
    (
        "planning",
        "Planning",
        "Agree what we take on next and who pairs with whom.",
    ),
    (
        "tech-talk",
        "Tech talk",
        "One person explains something they learned; questions from everyone.",
    ),
    (
        "incident-review",
        "Incident review",
        "Walk through last month's incidents without blame and agree one fix each.",
    ),
    (
        "coffee",
        "Virtual coffee",
        "Fifteen minutes of talk about anything but work, cameras optional.",
    ),
    (
        "roadmap",
        "Roadmap check",
        "Compare the roadmap with what we shipped and say out loud what slipped.",
    ),
];
const NORMS: [(&str, &str); 8] = [
    (
        "meetings",
        "When anyone is remote, everyone joins from their own laptop and headset.",
    ),
    (
        "meetings",
        "On design decisions the most junior engineer present speaks first.",
    ),
    (
        "decisions",
        "Decisions made at a desk or over lunch go in the team channel the same day, with the reason.",
    ),
    (
        "focus",
        "Office days are for pairing and reviews; long solo work goes on the other days.",
    ),
    (
        "communication",
        "We answer direct messages within half a day on working days, not in the evening.",
    ),
    (
        "communication",
        "A pull request waits at most one working day for its first review.",
    ),
    (
        "meetings",
        "Every meeting has an agenda in the invite, or it does not happen.",
    ),
    (
        "focus",
        "Mornings until eleven are quiet: no meetings, no pings unless production is down.",
    ),
];
const SIGNALS: [&str; 4] = [
    "How we will know: it comes up in the retro without anyone being asked.",
    "How we will know: nobody learns about a decision from another team first.",
    "How we will know: the monthly check-in shows it kept at least three weeks in four.",
    "How we will know: new starters say so after their first month.",
];

struct Member {
    name: &'static str,
    role: &'static str,
    mode: &'static str,
}

struct Ritual {
    id: String,
    name: String,
    purpose: String,
    cadence: &'static str,
    day: String,
    time: (u32, u32),
    duration: u32,
    mode: &'static str,
    owner: &'static str,
}

struct Norm {
    id: String,
    area: &'static str,
    text: String,
    signal: &'static str,
}

/// The agreement being edited, revision by revision. Consent counts are fixed per item at
/// six votes when the item is added, and there are always at least six members.
struct State {
    version: u32,
    adopted: NaiveDate,
    members: Vec<Member>,
    days: Vec<&'static str>,
    min_attendance: u32,
    rituals: Vec<Ritual>,
    norms: Vec<Norm>,
    consent: Vec<(String, u32, u32)>,
    serial: usize,
}

impl State {
    fn new() -> State {
        let members = PEOPLE[..6]
            .iter()
            .enumerate()
            .map(|(i, &(name, role))| Member {
                name,
                role,
                mode: MODES[i % 3],
            })
            .collect();
        let mut s = State {
            version: 1,
            adopted: NaiveDate::from_ymd_opt(2024, 1, 8).expect("date"),
            members,
            days: vec!["tue", "thu"],
            min_attendance: 80,
            rituals: Vec::new(),
            norms: Vec::new(),
            consent: vec![("presence".into(), 5, 1)],
            serial: 0,
        };
        let mut rng = Rng(7);
        for _ in 0..3 {
            s.add_ritual(&mut rng);
        }
        for _ in 0..3 {
            s.add_norm(&mut rng);
        }
        s
    }

    fn id(&mut self, base: &str) -> String {
        self.serial += 1;
        format!("{base}-{}", self.serial)
    }

    /// Six votes (there are always at least six members), most of them agreeing.
    fn vote(&mut self, item: &str) {
        let agree = [6, 5, 5, 4][self.serial % 4];
        self.consent.push((item.to_string(), agree, 6 - agree));
    }

    fn add_ritual(&mut self, rng: &mut Rng) -> String {
        let (base, name, purpose) = *rng.pick(&RITUALS);
        let id = self.id(base);
        let monthly = rng.below(3) == 0;
        let (cadence, day) = if monthly {
            (
                "monthly",
                format!("{}-{}", rng.pick(&WEEKS), rng.pick(&WEEKDAYS)),
            )
        } else {
            (
                *rng.pick(&["weekly", "biweekly"]),
                rng.pick(&WEEKDAYS).to_string(),
            )
        };
        let owner = self.members[rng.below(self.members.len())].name;
        self.rituals.push(Ritual {
            id: id.clone(),
            name: name.to_string(),
            purpose: purpose.to_string(),
            cadence,
            day,
            time: (9 + rng.below(8) as u32, [0, 15, 30, 45][rng.below(4)]),
            duration: [15, 30, 45, 60][rng.below(4)],
            mode: rng.word(&["hybrid", "in-person", "remote"]),
            owner,
        });
        self.vote(&id);
        format!("add ritual {id}")
    }

    fn add_norm(&mut self, rng: &mut Rng) -> String {
        let (area, text) = *rng.pick(&NORMS);
        let id = self.id(area);
        self.norms.push(Norm {
            id: id.clone(),
            area,
            text: text.to_string(),
            signal: rng.word(&SIGNALS),
        });
        self.vote(&id);
        format!("add norm {id}")
    }

    fn drop_consent(&mut self, id: &str) {
        self.consent.retain(|(item, _, _)| item != id);
    }

    /// One edit, chosen at random among those the current state allows.
    fn edit(&mut self, rng: &mut Rng) -> String {
        loop {
            match rng.below(10) {
                0 if self.rituals.len() < 8 => return self.add_ritual(rng),
                1 | 2 if !self.rituals.is_empty() => {
                    let i = rng.below(self.rituals.len());
                    let r = &mut self.rituals[i];
                    match rng.below(4) {
                        0 => r.time = (9 + rng.below(8) as u32, [0, 15, 30, 45][rng.below(4)]),
                        1 => r.duration = [15, 30, 45, 60, 90][rng.below(5)],
                        2 => {
                            r.purpose = format!(
                                "{} (revised in round {})",
                                rng.pick(&RITUALS).2,
                                self.serial
                            );
                            self.serial += 1;
                        }
                        _ => r.mode = *rng.pick(&["hybrid", "in-person", "remote"]),
                    }
                    return "change a ritual".into();
                }
                3 if self.rituals.len() > 2 => {
                    let r = self.rituals.remove(rng.below(self.rituals.len()));
                    self.drop_consent(&r.id);
                    return format!("remove ritual {}", r.id);
                }
                4 if self.norms.len() < 9 => return self.add_norm(rng),
                5 if !self.norms.is_empty() => {
                    let i = rng.below(self.norms.len());
                    let serial = self.serial;
                    self.serial += 1;
                    let n = &mut self.norms[i];
                    let same_area: Vec<_> = NORMS.iter().filter(|(a, _)| *a == n.area).collect();
                    n.text = format!(
                        "{} We revisit this in round {serial}.",
                        rng.pick(&same_area).1
                    );
                    return "change a norm".into();
                }
                6 if self.norms.len() > 2 => {
                    let n = self.norms.remove(rng.below(self.norms.len()));
                    self.drop_consent(&n.id);
                    return format!("remove norm {}", n.id);
                }
                7 if self.members.len() < PEOPLE.len() => {
                    let free: Vec<_> = PEOPLE
                        .iter()
                        .filter(|(n, _)| self.members.iter().all(|m| m.name != *n))
                        .collect();
                    let &&(name, role) = rng.pick(&free);
                    self.members.push(Member {
                        name,
                        role,
                        mode: rng.word(&MODES),
                    });
                    return format!("{name} joins");
                }
                8 if self.members.len() > 6 => {
                    // The first member stays: she takes over what a leaver owned.
                    let gone = self.members.remove(1 + rng.below(self.members.len() - 1));
                    let lead = self.members[0].name;
                    for r in &mut self.rituals {
                        if r.owner == gone.name {
                            r.owner = lead;
                        }
                    }
                    return format!("{} leaves", gone.name);
                }
                9 => {
                    let day = *rng.pick(&WEEKDAYS);
                    if self.days.contains(&day) && self.days.len() > 1 {
                        self.days.retain(|d| *d != day);
                    } else if !self.days.contains(&day) {
                        self.days.push(day);
                        self.days
                            .sort_by_key(|d| WEEKDAYS.iter().position(|w| w == d));
                    } else {
                        self.min_attendance = [60, 70, 75, 80, 90][rng.below(5)];
                    }
                    return "move presence days".into();
                }
                _ => {}
            }
        }
    }

    fn toml(&self) -> String {
        let mut t = String::new();
        let review = self.adopted + Days::new(120);
        let _ = write!(
            t,
            "schema = 1\nteam = \"Payments\"\nversion = {}\nstatus = \"active\"\nadopted = {}\nreview_by = {review}\ntimezone = \"Europe/Brussels\"\npurpose = \"We work flexibly, and we want that to stay true: a few moments we protect, and habits that include everyone wherever they sit.\"\n",
            self.version, self.adopted
        );
        for m in &self.members {
            let _ = write!(
                t,
                "\n[[members]]\nname = \"{}\"\nrole = \"{}\"\nmode = \"{}\"\n",
                m.name, m.role, m.mode
            );
        }
        let days: Vec<String> = self.days.iter().map(|d| format!("\"{d}\"")).collect();
        let _ = write!(
            t,
            "\n[presence]\ndays = [{}]\ncore_hours = {{ start = 10:00:00, end = 15:00:00 }}\nmin_attendance = {}\n",
            days.join(", "),
            f64::from(self.min_attendance) / 100.0
        );
        for r in &self.rituals {
            let _ = write!(
                t,
                "\n[[rituals]]\nid = \"{}\"\nname = \"{}\"\npurpose = \"{}\"\ncadence = \"{}\"\nday = \"{}\"\ntime = {:02}:{:02}:00\nduration_minutes = {}\nmode = \"{}\"\nowner = \"{}\"\n",
                r.id,
                r.name,
                r.purpose,
                r.cadence,
                r.day,
                r.time.0,
                r.time.1,
                r.duration,
                r.mode,
                r.owner
            );
        }
        for n in &self.norms {
            let _ = write!(
                t,
                "\n[[norms]]\nid = \"{}\"\narea = \"{}\"\ntext = \"{}\"\nsignal = \"{}\"\n",
                n.id, n.area, n.text, n.signal
            );
        }
        for (item, agree, concerns) in &self.consent {
            let _ = write!(
                t,
                "\n[[consent]]\nitem = \"{item}\"\nagree = {agree}\nconcerns = {concerns}\nobjections = 0\n"
            );
        }
        t
    }
}

/// Parses and validates one revision; any finding at all is a bug in this generator.
fn check(text: &str, n: usize, today: NaiveDate) -> Agreement {
    let src = Source::new(format!("revision {n}"), text);
    let a = parse::<Agreement>(&src).unwrap_or_else(|d| panic!("{}", d.render_text()));
    let findings = agreement_rules(&src, &a, today);
    if let Some(d) = findings.first() {
        panic!("revision {n} does not validate:\n{}", d.render_text());
    }
    a
}

fn data(out: &mut Vec<u8>, bytes: &[u8]) {
    let _ = writeln!(out, "data {}", bytes.len());
    out.extend_from_slice(bytes);
    out.push(b'\n');
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .args(args)
        .current_dir(dir)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "git {} failed", args.join(" "));
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .expect("usage: make-history-repo DIR [REVISIONS]"),
    );
    let revisions: usize = args.next().map_or(500, |n| n.parse().expect("REVISIONS"));
    assert!(
        !dir.exists() || dir.read_dir().is_ok_and(|mut d| d.next().is_none()),
        "{} exists and is not empty",
        dir.display()
    );
    std::fs::create_dir_all(&dir).expect("create DIR");
    git(&dir, &["init", "--quiet"]);
    git(&dir, &["symbolic-ref", "HEAD", "refs/heads/main"]);

    let mut rng = Rng(42);
    let mut state = State::new();
    let mut prev: Option<Agreement> = None;
    let mut prev_text: Option<String> = None;
    let start = 1_704_700_800i64; // 2024-01-08 08:00 UTC
    let mut stream = Vec::new();
    for n in 1..=revisions {
        let day = NaiveDate::from_ymd_opt(2024, 1, 8).expect("date") + Days::new(n as u64 - 1);
        let what = if n == 1 {
            "first agreement".to_string()
        } else if n % 25 == 0 {
            state.version += 1;
            state.adopted = day;
            format!("adopt v{}", state.version)
        } else {
            state.edit(&mut rng)
        };
        let mut text = state.toml();
        // An edit can land on the value already there (a ritual moved to its own time): edit again.
        while prev.is_some() && Some(&text) == prev_text.as_ref() {
            state.edit(&mut rng);
            text = state.toml();
        }
        let agreement = check(&text, n, day);
        let diff = match &prev {
            Some(old) => diff_agreements(old, &agreement),
            None => AgreementDiff::created(&agreement),
        };
        assert!(
            !diff.is_empty(),
            "revision {n} ({what}) changes nothing Accord can see"
        );
        let msg = message::agreement(SLUG, &agreement, &diff, &[]);
        let author = state.members[n % state.members.len()].name;
        let email = author.to_lowercase().replace(' ', ".").replace('á', "a");
        let when = start + (n as i64 - 1) * 86_400;
        let _ = writeln!(stream, "commit refs/heads/main\nmark :{n}");
        let _ = writeln!(stream, "author {author} <{email}@example.org> {when} +0100");
        let _ = writeln!(
            stream,
            "committer {author} <{email}@example.org> {when} +0100"
        );
        data(&mut stream, msg.as_bytes());
        if n > 1 {
            let _ = writeln!(stream, "from :{}", n - 1);
        } else {
            let _ = writeln!(stream, "M 100644 inline agreements/accord.toml");
            data(&mut stream, b"schema = 1\n\n[privacy]\nmin_responses = 5\n");
        }
        let _ = writeln!(stream, "M 100644 inline {FILE}");
        data(&mut stream, text.as_bytes());
        prev = Some(agreement);
        prev_text = Some(text);
    }
    let mut child = Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .spawn()
        .expect("run git fast-import");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&stream)
        .expect("write to git fast-import");
    assert!(
        child.wait().is_ok_and(|s| s.success()),
        "git fast-import failed"
    );
    // fast-import deltas each version on the one before; a clone or `git gc` packs the other
    // way round (newest whole). Repack as they would, so reads see a repository as teams have it.
    git(&dir, &["repack", "-a", "-d", "-f", "-q"]);
    git(&dir, &["reset", "--hard", "--quiet", "main"]);
    println!("{}: {revisions} revisions of {FILE}", dir.display());
}
