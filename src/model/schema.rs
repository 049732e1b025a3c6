//! THE table of the format: every key of every kind of file, in canonical order, with
//! whether it is required, its kind, what values it takes and one sentence about it.
//! The canonical form (`store::canonical`), the JSON Schemas (`crate::schema`), the fast
//! reader's test and `docs/format.md` read it; nothing else lists keys.

use super::FileKind;
use super::pulse::{Grouping, Tenure};
use super::types::{Decision, Dimension, MeetingMode, NormArea, Rating, Status, Weekday, WorkMode};

/// What a value is, as TOML writes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    String,
    Integer,
    Float,
    Bool,
    Date,
    Time,
    /// A table (`[presence]`, or inline: `core_hours = { … }`), described by its own [`Table`].
    Table,
    /// An array of tables (`[[rituals]]`), described by its own [`Table`].
    ArrayOfTables,
    /// An array of values; `unique` when a value may appear once only.
    Array {
        item: &'static Type,
        unique: bool,
    },
    /// A table of arrays, one per question id (`[pulse.groups.questions]`).
    Map(&'static Type),
}

/// What values a key takes, beyond its kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    Any,
    /// Free text: no control characters or bidirectional overrides.
    Text,
    /// Free text with at least one visible character.
    Name,
    /// Lower-case letters, digits and `-`.
    Slug,
    /// A slug other than the reserved `presence`.
    ItemId,
    OneOf(&'static [&'static str]),
    /// An IANA time zone name (chrono-tz's list).
    Zone,
    /// A ritual's cadence: with [`crate::model::Recurrence`], it decides which `day` is legal.
    Cadence,
    /// A weekday or an ordinal weekday ("first-thu").
    RitualDay,
    /// An earlier check-in's action: its date and its item, "2026-11-04/weekly-demo".
    ActionRef,
    /// A number in a range; `above` when `min` itself is excluded.
    Range {
        min: f64,
        above: bool,
        max: Option<f64>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Type {
    pub kind: Kind,
    pub rule: Rule,
}

/// One key of a table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Key {
    pub name: &'static str,
    pub ty: Type,
    pub required: bool,
    pub doc: &'static str,
}

/// Keys a table requires when one of its keys has a value (`adopted` when active).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct When {
    pub key: &'static str,
    pub is: &'static str,
    pub requires: &'static [&'static str],
}

/// One table of a file: the root (`""`), `presence`, `rituals`, `pulse.questions` …
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Table {
    /// Dotted path from the root; `""` for the root.
    pub path: &'static str,
    /// For an array of tables: the key that identifies an entry, so edits match entries.
    pub identity: Option<&'static str>,
    pub doc: &'static str,
    pub keys: &'static [Key],
    pub when: &'static [When],
    /// Pairs of boolean keys that are never both true (`done` and `dropped`).
    pub exclusive: &'static [[&'static str; 2]],
}

impl Table {
    /// The last segment of the path, as the canonical form names tables.
    pub fn name(&self) -> &'static str {
        self.path.rsplit('.').next().unwrap_or("")
    }
    pub fn key(&self, name: &str) -> Option<&'static Key> {
        self.keys.iter().find(|k| k.name == name)
    }
    /// The table of a key of kind `Table` or `ArrayOfTables`.
    pub fn child(&self, kind: FileKind, key: &str) -> Option<&'static Table> {
        let path = if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        };
        format(kind).table(&path)
    }
}

/// One kind of file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Format {
    pub kind: FileKind,
    /// The file name of its JSON Schema under `assets/schema/`.
    pub schema_file: &'static str,
    pub title: &'static str,
    pub doc: &'static str,
    /// The root first, then every table in the order the file writes them.
    pub tables: &'static [Table],
}

impl Format {
    pub fn root(&self) -> &'static Table {
        &self.tables[0]
    }
    pub fn table(&self, path: &str) -> Option<&'static Table> {
        self.tables.iter().find(|t| t.path == path)
    }
    /// The table a canonical-form walk is in, by its last path segment (`core_hours`).
    pub fn table_named(&self, name: &str) -> Option<&'static Table> {
        self.tables.iter().find(|t| t.name() == name)
    }
    /// Whether `name` is a date or time key anywhere in the file (JSON carries both as strings).
    pub fn is_datetime(&self, name: &str) -> bool {
        self.tables.iter().any(|t| {
            t.key(name)
                .is_some_and(|k| matches!(k.ty.kind, Kind::Date | Kind::Time))
        })
    }
}

/// Whether `name` is a date or time key in any file: the canonical form writes such a value,
/// which JSON carries as a string, as a TOML date or time.
pub fn is_datetime(name: &str) -> bool {
    FORMATS.iter().any(|f| f.is_datetime(name))
}

/// The format of one kind of file.
pub fn format(kind: FileKind) -> &'static Format {
    match kind {
        FileKind::Agreement => &AGREEMENT,
        FileKind::CheckIn => &CHECKIN,
        FileKind::Settings => &SETTINGS,
    }
}

/// Every kind of file, agreement first.
pub const FORMATS: [&Format; 3] = [&AGREEMENT, &CHECKIN, &SETTINGS];

// ---------------------------------------------------------------- building blocks

const fn t(kind: Kind, rule: Rule) -> Type {
    Type { kind, rule }
}
const fn req(name: &'static str, ty: Type, doc: &'static str) -> Key {
    Key {
        name,
        ty,
        required: true,
        doc,
    }
}
const fn opt(name: &'static str, ty: Type, doc: &'static str) -> Key {
    Key {
        name,
        ty,
        required: false,
        doc,
    }
}
const fn range(min: f64, max: Option<f64>) -> Rule {
    Rule::Range {
        min,
        above: false,
        max,
    }
}

const TEXT: Type = t(Kind::String, Rule::Text);
const NAME: Type = t(Kind::String, Rule::Name);
const SLUG: Type = t(Kind::String, Rule::Slug);
const DATE: Type = t(Kind::Date, Rule::Any);
const TIME: Type = t(Kind::Time, Rule::Any);
const ZONE: Type = t(Kind::String, Rule::Zone);
const BOOL: Type = t(Kind::Bool, Rule::Any);
const DIMENSION: Type = one_of(Dimension::NAMES);
const COUNT: Type = t(Kind::Integer, range(0.0, None));
const VERSION: Type = t(Kind::Integer, range(1.0, None));
const TABLE: Type = t(Kind::Table, Rule::Any);
const TABLES: Type = t(Kind::ArrayOfTables, Rule::Any);
const SCORE: Type = t(Kind::Integer, range(1.0, Some(5.0)));
const SCORES: Type = t(
    Kind::Array {
        item: &SCORE,
        unique: false,
    },
    Rule::Any,
);
const THRESHOLD: Type = t(Kind::Integer, range(3.0, None));
const fn one_of(names: &'static [&'static str]) -> Type {
    t(Kind::String, Rule::OneOf(names))
}
const WEEKDAY: Type = one_of(Weekday::NAMES);
const GROUPING: Type = one_of(Grouping::NAMES);

// ---------------------------------------------------------------- agreement.toml

static AGREEMENT: Format = Format {
    kind: FileKind::Agreement,
    schema_file: "agreement.schema.json",
    title: "Accord team agreement",
    doc: "A team agreement (`agreement.toml`).",
    tables: &[
        Table {
            path: "",
            identity: None,
            doc: "A team agreement (`agreement.toml`).",
            keys: &[
                req(
                    "schema",
                    t(Kind::Integer, range(1.0, Some(1.0))),
                    "File format version; always 1.",
                ),
                req("team", NAME, "Display name of the team."),
                req(
                    "version",
                    VERSION,
                    "Agreement revision, from 1: +1 each time a changed agreement is adopted.",
                ),
                req(
                    "status",
                    one_of(Status::NAMES),
                    "Life cycle: draft, proposed, active or retired.",
                ),
                opt(
                    "adopted",
                    DATE,
                    "When this version was adopted (required when active).",
                ),
                opt(
                    "review_by",
                    DATE,
                    "Next scheduled review (required when active).",
                ),
                opt(
                    "timezone",
                    ZONE,
                    "IANA zone name, used for calendars; without one, times are floating.",
                ),
                opt("purpose", TEXT, "Why the team keeps this agreement."),
                opt(
                    "members",
                    TABLES,
                    "The people of the team, one [[members]] entry each.",
                ),
                opt("presence", TABLE, "Shared presence (\"anchor\") days."),
                opt(
                    "rituals",
                    TABLES,
                    "Recurring meetings and habits, one [[rituals]] entry each.",
                ),
                opt("norms", TABLES, "Working norms, one [[norms]] entry each."),
                opt(
                    "consent",
                    TABLES,
                    "Outcome of the consent round, one entry per item.",
                ),
                opt(
                    "questions",
                    TABLES,
                    "The pulse: the same behaviour questions at every check-in (one default question about belonging when there are none).",
                ),
                opt(
                    "pulse",
                    TABLE,
                    "How the pulse is run: the self-reported subgroups it compares.",
                ),
            ],
            exclusive: &[],
            when: &[When {
                key: "status",
                is: "active",
                requires: &["adopted", "review_by"],
            }],
        },
        Table {
            path: "members",
            identity: Some("name"),
            doc: "A member of the team.",
            keys: &[
                req("name", NAME, "The member's name, unique in the team."),
                opt("role", TEXT, "Free text, e.g. \"lead\"."),
                opt(
                    "mode",
                    one_of(WorkMode::NAMES),
                    "Where the member usually works: onsite, hybrid or remote.",
                ),
                opt(
                    "timezone",
                    ZONE,
                    "Where the member works from; the week view shows ritual times in it.",
                ),
                opt(
                    "working_hours",
                    TABLE,
                    "The member's working day in their own zone; 08:00:00 to 18:00:00 when left out.",
                ),
            ],
            exclusive: &[],
            when: &[],
        },
        Table {
            path: "members.working_hours",
            identity: None,
            doc: "A member's working day, in their `timezone`: `validate` warns when core hours or a ritual fall outside it.",
            keys: &[
                req("start", TIME, "When the working day starts, e.g. 08:00:00."),
                req(
                    "end",
                    TIME,
                    "When the working day ends, after the start, e.g. 18:00:00.",
                ),
            ],
            exclusive: &[],
            when: &[],
        },
        Table {
            path: "presence",
            identity: None,
            doc: "Shared presence (\"anchor\") days.",
            keys: &[
                req(
                    "days",
                    t(
                        Kind::Array {
                            item: &WEEKDAY,
                            unique: true,
                        },
                        Rule::Any,
                    ),
                    "Weekdays the team is together, each once.",
                ),
                opt(
                    "core_hours",
                    TABLE,
                    "The hours everyone is there on a presence day.",
                ),
                opt(
                    "min_attendance",
                    t(
                        Kind::Float,
                        Rule::Range {
                            min: 0.0,
                            above: true,
                            max: Some(1.0),
                        },
                    ),
                    "Share of members expected on a presence day (0 < x <= 1); 1 when left out.",
                ),
                opt("space", TEXT, "Where the team meets."),
                opt("note", TEXT, "Anything else about presence days."),
                opt(
                    "dimension",
                    DIMENSION,
                    "ways-of-working, place or digital; when left out: place with a `space`, else ways-of-working.",
                ),
            ],
            exclusive: &[],
            when: &[],
        },
        Table {
            path: "presence.core_hours",
            identity: None,
            doc: "The hours everyone is there on a presence day.",
            keys: &[
                req("start", TIME, "When core hours start, e.g. 10:00:00."),
                req(
                    "end",
                    TIME,
                    "When core hours end, after the start, e.g. 15:00:00.",
                ),
            ],
            exclusive: &[],
            when: &[],
        },
        Table {
            path: "rituals",
            identity: Some("id"),
            doc: "A recurring meeting or habit.",
            keys: &[
                req(
                    "id",
                    t(Kind::String, Rule::ItemId),
                    "Stable slug, unique in the file; diffs and check-ins refer to it.",
                ),
                req("name", NAME, "What people call the ritual."),
                opt("purpose", TEXT, "Why the team holds it."),
                req(
                    "cadence",
                    t(Kind::String, Rule::Cadence),
                    "How often: daily, weekly, biweekly, monthly or quarterly.",
                ),
                opt(
                    "day",
                    t(Kind::String, Rule::RitualDay),
                    "weekly/biweekly: a weekday; monthly/quarterly: \"first-thu\" … \"last-fri\"; daily: omitted.",
                ),
                opt(
                    "start",
                    DATE,
                    "Biweekly: the first occurrence, which the fortnights count from; when left out, the first `day` on or after `adopted`.",
                ),
                opt(
                    "time",
                    TIME,
                    "When it starts, in the agreement's zone, e.g. 15:00:00.",
                ),
                opt(
                    "duration_minutes",
                    t(Kind::Integer, range(1.0, Some(1440.0))),
                    "How long it lasts, 1 to 1440 minutes.",
                ),
                opt(
                    "mode",
                    one_of(MeetingMode::NAMES),
                    "How it is held: in-person, hybrid or remote.",
                ),
                opt(
                    "owner",
                    TEXT,
                    "Who makes sure it happens; should be a member's name.",
                ),
                opt(
                    "trial_until",
                    DATE,
                    "On trial until this date (typically 30 days): the first check-in on or after it decides keep, adjust or drop.",
                ),
                opt(
                    "dimension",
                    DIMENSION,
                    "ways-of-working, place or digital; when left out, from the mode: in-person is place, remote digital, else ways-of-working.",
                ),
            ],
            exclusive: &[],
            when: &[],
        },
        Table {
            path: "norms",
            identity: Some("id"),
            doc: "A working norm.",
            keys: &[
                req(
                    "id",
                    t(Kind::String, Rule::ItemId),
                    "Stable slug, unique among rituals and norms.",
                ),
                opt("area", one_of(NormArea::NAMES), "What the norm is about."),
                req("text", NAME, "The norm in one sentence."),
                opt("signal", TEXT, "How the team will know the norm is kept."),
                opt(
                    "trial_until",
                    DATE,
                    "On trial until this date (typically 30 days): the first check-in on or after it decides keep, adjust or drop.",
                ),
                opt(
                    "dimension",
                    DIMENSION,
                    "ways-of-working, place or digital; when left out, from the area: communication is digital, else ways-of-working.",
                ),
            ],
            exclusive: &[],
            when: &[],
        },
        Table {
            path: "consent",
            identity: Some("item"),
            doc: "The outcome of the consent round for one item.",
            keys: &[
                req("item", TEXT, "\"presence\", a ritual id or a norm id."),
                req("agree", COUNT, "How many agreed."),
                req("concerns", COUNT, "How many agreed with a concern."),
                req(
                    "objections",
                    COUNT,
                    "How many objected; an active agreement has none.",
                ),
            ],
            exclusive: &[],
            when: &[],
        },
        Table {
            path: "questions",
            identity: Some("id"),
            doc: "One behaviour question of the pulse, asked at every check-in.",
            keys: &[
                req(
                    "id",
                    SLUG,
                    "Stable slug, unique among the questions; check-ins and trends refer to it.",
                ),
                req(
                    "text",
                    NAME,
                    "The question as people read it: about a behaviour they can observe.",
                ),
                opt("low", TEXT, "What a score of 1 means, e.g. \"never\"."),
                opt(
                    "high",
                    TEXT,
                    "What a score of 5 means, e.g. \"every time\".",
                ),
                opt(
                    "about",
                    TEXT,
                    "The ritual or norm whose effect the question measures.",
                ),
            ],
            exclusive: &[],
            when: &[],
        },
        Table {
            path: "pulse",
            identity: None,
            doc: "How the pulse is run.",
            keys: &[opt(
                "groupings",
                t(
                    Kind::Array {
                        item: &GROUPING,
                        unique: true,
                    },
                    Rule::Any,
                ),
                "Self-reported subgroups each answer may name (mode, tenure), for gaps such as remote vs the rest.",
            )],
            exclusive: &[],
            when: &[],
        },
    ],
};

// ---------------------------------------------------------------- checkins/DATE.toml

static CHECKIN: Format = Format {
    kind: FileKind::CheckIn,
    schema_file: "checkin.schema.json",
    title: "Accord check-in",
    doc: "One check-in (`checkins/YYYY-MM-DD.toml`).",
    tables: &[
        Table {
            path: "",
            identity: None,
            doc: "One check-in (`checkins/YYYY-MM-DD.toml`).",
            keys: &[
                req(
                    "schema",
                    t(Kind::Integer, range(1.0, Some(2.0))),
                    "File format version: 2 (1 is read: its pulse is one unnamed question).",
                ),
                req(
                    "date",
                    DATE,
                    "The day of the check-in; equals the file name.",
                ),
                req(
                    "from",
                    DATE,
                    "First day of the period reviewed (inclusive).",
                ),
                req("to", DATE, "Last day of the period reviewed (inclusive)."),
                req(
                    "agreement_version",
                    VERSION,
                    "The agreement version the period is measured against.",
                ),
                opt(
                    "presence",
                    TABLES,
                    "One entry per presence day in the period.",
                ),
                opt("rituals", TABLES, "How often each ritual was held."),
                opt("norms", TABLES, "How well each norm was kept."),
                opt(
                    "pulse",
                    TABLE,
                    "Anonymous pulse: no names, no times, and only what may be shown.",
                ),
                opt(
                    "followups",
                    TABLES,
                    "What became of earlier check-ins' actions, one entry each.",
                ),
                opt(
                    "wins",
                    TABLES,
                    "Belonging wins to celebrate, one entry each.",
                ),
                opt(
                    "actions",
                    TABLES,
                    "What the team decided about items, one entry each.",
                ),
            ],
            exclusive: &[],
            when: &[],
        },
        Table {
            path: "presence",
            identity: Some("date"),
            doc: "Attendance on one presence day.",
            keys: &[
                req("date", DATE, "The presence day."),
                req("present", COUNT, "How many members were there."),
                req(
                    "expected",
                    VERSION,
                    "How many members were expected (at least 1).",
                ),
            ],
            exclusive: &[],
            when: &[],
        },
        Table {
            path: "rituals",
            identity: Some("id"),
            doc: "How often one ritual was held in the period.",
            keys: &[
                req("id", SLUG, "The ritual's id in the agreement."),
                req("held", COUNT, "How many times it was held."),
                opt(
                    "planned",
                    COUNT,
                    "How many times it was planned; derived from cadence and period when left out.",
                ),
                opt("note", TEXT, "Anything worth remembering about it."),
            ],
            exclusive: &[],
            when: &[],
        },
        Table {
            path: "norms",
            identity: Some("id"),
            doc: "How well one norm was kept in the period.",
            keys: &[
                req("id", SLUG, "The norm's id in the agreement."),
                req("rating", one_of(Rating::NAMES), "kept, partly or broken."),
                opt("note", TEXT, "Anything worth remembering about it."),
            ],
            exclusive: &[],
            when: &[],
        },
        Table {
            path: "pulse",
            identity: None,
            doc: "Anonymous pulse: no names, no times, and only what may be shown.",
            keys: &[
                opt(
                    "min_responses",
                    THRESHOLD,
                    "The threshold in force when this was written (at least 3): results exist only with this many answers.",
                ),
                opt(
                    "count",
                    COUNT,
                    "How many answered; never more than the members of the agreement version in force.",
                ),
                opt(
                    "withheld",
                    t(Kind::Bool, Rule::Any),
                    "Fewer answers than `min_responses`: nothing but the count is kept.",
                ),
                opt(
                    "scores",
                    SCORES,
                    "Schema 1 only: the scores (1–5) of the one question, sorted.",
                ),
                opt(
                    "comments",
                    t(
                        Kind::Array {
                            item: &TEXT,
                            unique: false,
                        },
                        Rule::Any,
                    ),
                    "Comments, sorted, so their order tells nothing; only when shown.",
                ),
                opt(
                    "questions",
                    TABLES,
                    "One entry per question of the agreement, with its sorted scores; only when shown.",
                ),
                opt(
                    "groups",
                    TABLES,
                    "Subgroups large enough on both sides to show; only when shown.",
                ),
            ],
            exclusive: &[],
            when: &[],
        },
        Table {
            path: "pulse.questions",
            identity: Some("id"),
            doc: "The sorted scores one question received.",
            keys: &[
                req("id", SLUG, "A question id of the agreement."),
                req("scores", SCORES, "Scores 1–5, sorted."),
            ],
            exclusive: &[],
            when: &[],
        },
        Table {
            path: "pulse.groups",
            identity: None,
            doc: "A self-reported subgroup, written only when it and the rest of the team each reach the threshold.",
            keys: &[
                req("grouping", GROUPING, "The grouping: mode or tenure."),
                req(
                    "value",
                    t(Kind::String, Rule::OneOf(GROUP_VALUES)),
                    "mode: onsite, hybrid or remote; tenure: new, settled or long.",
                ),
                req("count", COUNT, "How many of the answers named this value."),
                req(
                    "questions",
                    t(Kind::Map(&SCORES), Rule::Any),
                    "Per question id, the subgroup's sorted scores (1–5).",
                ),
            ],
            exclusive: &[],
            when: &[],
        },
        Table {
            path: "followups",
            identity: Some("action"),
            doc: "What became of one earlier action: done, not yet (`done = false`) or dropped.",
            keys: &[
                req(
                    "action",
                    t(Kind::String, Rule::ActionRef),
                    "The earlier check-in's date and the action's item, e.g. \"2026-11-04/weekly-demo\".",
                ),
                req("done", BOOL, "Whether the action was done."),
                opt(
                    "dropped",
                    BOOL,
                    "Given up on (false when left out); never with `done = true`.",
                ),
                opt("note", TEXT, "What happened, or what is left."),
            ],
            exclusive: &[["done", "dropped"]],
            when: &[],
        },
        Table {
            path: "wins",
            identity: None,
            doc: "A belonging win to celebrate.",
            keys: &[
                req("text", NAME, "What happened, in one sentence."),
                opt(
                    "item",
                    TEXT,
                    "\"presence\", a ritual id or a norm id: what made it happen.",
                ),
            ],
            exclusive: &[],
            when: &[],
        },
        Table {
            path: "actions",
            identity: Some("item"),
            doc: "What the team decided about one item.",
            keys: &[
                req("item", TEXT, "\"presence\", a ritual id or a norm id."),
                req("decision", one_of(Decision::NAMES), "keep, adjust or drop."),
                opt("note", TEXT, "What changes, or why."),
                opt("owner", TEXT, "Who sees it through: a member's name."),
                opt("due", DATE, "When it should be done."),
            ],
            exclusive: &[],
            when: &[],
        },
    ],
};

/// Every value a subgroup may have, whatever its grouping (mode's, then tenure's).
const GROUP_VALUES: &[&str] = &["onsite", "hybrid", "remote", "new", "settled", "long"];
const _: () = assert!(WorkMode::NAMES.len() + Tenure::NAMES.len() == GROUP_VALUES.len());

// ---------------------------------------------------------------- accord.toml

static SETTINGS: Format = Format {
    kind: FileKind::Settings,
    schema_file: "settings.schema.json",
    title: "Accord repository settings",
    doc: "Repository settings (`accord.toml`).",
    tables: &[
        Table {
            path: "",
            identity: None,
            doc: "Repository settings (`accord.toml`).",
            keys: &[
                req(
                    "schema",
                    t(Kind::Integer, range(1.0, Some(1.0))),
                    "File format version; always 1.",
                ),
                opt("privacy", TABLE, "How pulse results are protected."),
            ],
            exclusive: &[],
            when: &[],
        },
        Table {
            path: "privacy",
            identity: None,
            doc: "How pulse results are protected.",
            keys: &[opt(
                "min_responses",
                THRESHOLD,
                "Pulse results are shown only with at least this many answers; never below 3 (5 when left out).",
            )],
            exclusive: &[],
            when: &[],
        },
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_key_has_its_table_and_every_table_a_parent_key() {
        for f in FORMATS {
            assert_eq!(f.root().path, "");
            for table in f.tables {
                assert!(!table.doc.is_empty());
                for k in table.keys {
                    assert!(k.doc.ends_with('.'), "{}.{}: {}", table.path, k.name, k.doc);
                    let has_table = table.child(f.kind, k.name).is_some();
                    let is_table = matches!(k.ty.kind, Kind::Table | Kind::ArrayOfTables);
                    assert_eq!(has_table, is_table, "{}.{}", table.path, k.name);
                }
                if let Some((parent, name)) = table
                    .path
                    .rsplit_once('.')
                    .or((!table.path.is_empty()).then_some(("", table.path)))
                {
                    let p = f.table(parent).expect("parent table");
                    assert!(p.key(name).is_some(), "{}", table.path);
                }
                if let Some(id) = table.identity {
                    assert!(table.key(id).is_some_and(|k| k.required), "{}", table.path);
                }
            }
        }
    }
}
