//! Writes a large agreements folder for benchmarking `accord report`:
//! `cargo run --release --example gen-report-fixture -- DIR [TEAMS] [CHECKINS]`
//! (default 100 teams × 130 check-ins = 13,000 check-in files). Deterministic: the same
//! arguments always write the same files.

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::{Days, NaiveDate};

/// A small deterministic generator (64-bit LCG); good enough to vary counts.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const RATINGS: [&str; 3] = ["kept", "partly", "broken"];
const COMMENTS: [&str; 6] = [
    "Demo was the highlight of the week.",
    "Lunch keeps slipping; drop it or fix it.",
    "Good overlap on Tuesdays.",
    "Too many meetings on office days.",
    "New starters felt welcome.",
    "Decisions are easier to follow now.",
];

fn agreement(i: usize, start: NaiveDate) -> String {
    format!(
        r#"schema = 1
team = "Team {i:03}"
version = 1
status = "active"
adopted = {start}
review_by = 2031-12-31
timezone = "Europe/Brussels"
purpose = "Generated for the report benchmark."

[[members]]
name = "Ana Lima"
mode = "hybrid"

[[members]]
name = "Ben Okafor"
mode = "hybrid"

[[members]]
name = "Chen Wei"
mode = "onsite"

[[members]]
name = "Dara Singh"
mode = "hybrid"

[[members]]
name = "Eli Cohen"
mode = "hybrid"

[[members]]
name = "Fay Morel"
mode = "remote"

[presence]
days = ["tue", "thu"]
min_attendance = 0.8

[[rituals]]
id = "weekly-demo"
name = "Weekly demo"
cadence = "weekly"
day = "thu"
owner = "Ana Lima"

[[rituals]]
id = "retro"
name = "Retrospective"
cadence = "biweekly"
day = "tue"
owner = "Ben Okafor"

[[rituals]]
id = "belonging-check-in"
name = "Belonging check-in"
cadence = "monthly"
day = "first-tue"
owner = "Chen Wei"

[[rituals]]
id = "offsite"
name = "Quarterly offsite"
cadence = "quarterly"
day = "last-fri"
owner = "Dara Singh"

[[norms]]
id = "dm-response"
area = "communication"
text = "We answer direct messages within 4 working hours."

[[norms]]
id = "own-device"
area = "meetings"
text = "When anyone is remote, everyone joins from their own device."

[[norms]]
id = "decision-notes"
area = "decisions"
text = "Decisions go in the team channel the same day, with the reason."

[[norms]]
id = "first-voice"
area = "meetings"
text = "The most junior person present speaks first on decisions."
"#
    )
}

fn checkin(rng: &mut Rng, from: NaiveDate, to: NaiveDate, date: NaiveDate) -> String {
    let mut o = String::with_capacity(1600);
    let _ = write!(
        o,
        "schema = 1\ndate = {date}\nfrom = {from}\nto = {to}\nagreement_version = 1\n"
    );
    for d in from.iter_days().take_while(|d| *d <= to) {
        use chrono::Datelike;
        if matches!(d.weekday(), chrono::Weekday::Tue | chrono::Weekday::Thu) {
            let present = 2 + rng.below(4);
            let _ = write!(
                o,
                "\n[[presence]]\ndate = {d}\npresent = {present}\nexpected = 5\n"
            );
        }
    }
    for (id, max) in [
        ("weekly-demo", 2),
        ("retro", 1),
        ("belonging-check-in", 1),
        ("offsite", 1),
    ] {
        let held = rng.below(max + 1);
        let _ = write!(o, "\n[[rituals]]\nid = \"{id}\"\nheld = {held}\n");
        if rng.below(4) == 0 {
            o.push_str("note = \"Moved once because of a release.\"\n");
        }
    }
    for id in ["dm-response", "own-device", "decision-notes", "first-voice"] {
        let r = RATINGS[rng.below(3) as usize];
        let _ = write!(o, "\n[[norms]]\nid = \"{id}\"\nrating = \"{r}\"\n");
    }
    let n = 3 + rng.below(5) as usize;
    let mut scores: Vec<u64> = (0..n).map(|_| 1 + rng.below(5)).collect();
    scores.sort_unstable();
    let scores: Vec<String> = scores.iter().map(u64::to_string).collect();
    let mut comments = [
        COMMENTS[rng.below(6) as usize],
        COMMENTS[rng.below(6) as usize],
    ];
    comments.sort_unstable();
    let _ = write!(
        o,
        "\n[pulse]\nscores = [{}]\ncomments = [\"{}\", \"{}\"]\n",
        scores.join(", "),
        comments[0],
        comments[1]
    );
    let decision = ["keep", "adjust", "drop"][rng.below(3) as usize];
    let _ = write!(
        o,
        "\n[[actions]]\nitem = \"retro\"\ndecision = \"{decision}\"\nnote = \"Decided at the check-in.\"\n"
    );
    o
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: gen-report-fixture DIR [TEAMS] [CHECKINS]");
        std::process::exit(2);
    };
    let teams: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(100);
    let checkins: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(130);
    let start = NaiveDate::from_ymd_opt(2021, 1, 5).expect("valid date");
    let mut rng = Rng(42);
    std::fs::create_dir_all(&dir)?;
    std::fs::write(
        dir.join("accord.toml"),
        "schema = 1\n\n[privacy]\nmin_responses = 5\n",
    )?;
    for t in 0..teams {
        let team_dir = dir.join(format!("team-{t:03}"));
        std::fs::create_dir_all(team_dir.join("checkins"))?;
        std::fs::write(team_dir.join("agreement.toml"), agreement(t, start))?;
        for k in 0..checkins {
            let from = start + Days::new(14 * k);
            let to = from + Days::new(13);
            let date = to + Days::new(1);
            std::fs::write(
                team_dir.join("checkins").join(format!("{date}.toml")),
                checkin(&mut rng, from, to, date),
            )?;
        }
    }
    println!(
        "wrote {teams} teams × {checkins} check-ins to {}",
        dir.display()
    );
    Ok(())
}
