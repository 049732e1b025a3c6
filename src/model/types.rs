//! Small value types shared by the files: slugs, weekdays, cadences, dates and times.
//!
//! Each type parses with a message that says what is accepted, because these
//! messages end up in front of people editing TOML by hand.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, NaiveTime};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// Generates `FromStr`, `Display`, serde and schema impls for a string enum.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The values as written in files.
            pub const NAMES: &'static [&'static str] = &[$($text),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(invalid_choice($what, s, &[$($text),+])),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> { s.serialize_str(self.as_str()) }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(de::Error::custom)
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> { stringify!($name).into() }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string", "enum": [$($text),+] })
            }
        }
    };
}

pub(crate) use string_enum;

/// The message for a value outside a fixed set, with the closest choice when one is close.
pub fn invalid_choice(what: &str, found: &str, choices: &[&str]) -> String {
    let list = choices.join(" ");
    match crate::suggest::closest(found, choices.iter().copied()) {
        Some(best) => format!(
            "invalid {what} \"{found}\" — did you mean \"{best}\"?\nhelp: use one of: {list}"
        ),
        None => format!("invalid {what} \"{found}\"\nhelp: use one of: {list}"),
    }
}

string_enum!(
    /// A day of the week as written in files.
    Weekday, "weekday" {
        Mon => "mon", Tue => "tue", Wed => "wed", Thu => "thu", Fri => "fri", Sat => "sat", Sun => "sun",
    }
);

impl Weekday {
    pub fn to_chrono(self) -> chrono::Weekday {
        match self {
            Weekday::Mon => chrono::Weekday::Mon,
            Weekday::Tue => chrono::Weekday::Tue,
            Weekday::Wed => chrono::Weekday::Wed,
            Weekday::Thu => chrono::Weekday::Thu,
            Weekday::Fri => chrono::Weekday::Fri,
            Weekday::Sat => chrono::Weekday::Sat,
            Weekday::Sun => chrono::Weekday::Sun,
        }
    }
    pub fn from_chrono(d: chrono::Weekday) -> Self {
        Weekday::ALL[d.num_days_from_monday() as usize]
    }
    pub fn of(date: NaiveDate) -> Self {
        Self::from_chrono(date.weekday())
    }
    /// The full English name, for prose output.
    pub fn long_name(self) -> &'static str {
        [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][self as usize]
    }
    pub fn short_name(self) -> &'static str {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][self as usize]
    }
}

string_enum!(
    /// How often a ritual happens.
    Cadence, "cadence" {
        Daily => "daily", Weekly => "weekly", Biweekly => "biweekly", Monthly => "monthly", Quarterly => "quarterly",
    }
);

string_enum!(
    /// The life cycle of an agreement.
    Status, "status" {
        Draft => "draft", Proposed => "proposed", Active => "active", Retired => "retired",
    }
);

string_enum!(
    /// Where a member usually works.
    WorkMode, "work mode" { Onsite => "onsite", Hybrid => "hybrid", Remote => "remote" }
);

string_enum!(
    /// How a ritual is held.
    MeetingMode, "meeting mode" { InPerson => "in-person", Hybrid => "hybrid", Remote => "remote" }
);

string_enum!(
    /// What a norm is about.
    NormArea, "norm area" {
        Communication => "communication", Meetings => "meetings", Decisions => "decisions",
        Focus => "focus", Onboarding => "onboarding", Other => "other",
    }
);

string_enum!(
    /// How well a norm was kept during a check-in period.
    Rating, "rating" { Kept => "kept", Partly => "partly", Broken => "broken" }
);

string_enum!(
    /// What the team decided about an item at a check-in.
    Decision, "decision" { Keep => "keep", Adjust => "adjust", Drop => "drop" }
);

string_enum!(
    /// The three dimensions a team governs as one system: how it works together, the place it
    /// shares, and its digital practices.
    Dimension, "dimension" { WaysOfWorking => "ways-of-working", Place => "place", Digital => "digital" }
);

impl Dimension {
    /// The name people read: "ways of working", "place", "digital".
    pub fn label(self) -> &'static str {
        match self {
            Dimension::WaysOfWorking => "ways of working",
            Dimension::Place => "place",
            Dimension::Digital => "digital",
        }
    }
}

string_enum!(
    /// Which occurrence of a weekday in a month.
    Ordinal, "ordinal" { First => "first", Second => "second", Third => "third", Fourth => "fourth", Last => "last" }
);

/// The `day` of a ritual: a weekday, or an ordinal weekday of the month ("first-thu").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RitualDay {
    Weekday(Weekday),
    Nth(Ordinal, Weekday),
}

impl FromStr for RitualDay {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if let Ok(w) = s.parse::<Weekday>() {
            return Ok(RitualDay::Weekday(w));
        }
        let hint = "help: use a weekday (mon … sun) for weekly and biweekly rituals, or first|second|third|fourth|last-WEEKDAY (\"first-thu\") for monthly and quarterly ones";
        let Some((ord, wd)) = s.split_once('-') else {
            let guess = crate::suggest::closest(s, Weekday::ALL.iter().map(|w| w.as_str()))
                .map(|w| format!(" — did you mean \"{w}\"?"))
                .unwrap_or_default();
            return Err(format!("invalid day \"{s}\"{guess}\n{hint}"));
        };
        match (ord.parse::<Ordinal>(), wd.parse::<Weekday>()) {
            (Ok(o), Ok(w)) => Ok(RitualDay::Nth(o, w)),
            (Err(e), _) | (_, Err(e)) => {
                let what = e.split('\n').next().unwrap_or(&e);
                Err(format!("invalid day \"{s}\": {what}\n{hint}"))
            }
        }
    }
}

impl fmt::Display for RitualDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RitualDay::Weekday(w) => f.write_str(w.as_str()),
            RitualDay::Nth(o, w) => write!(f, "{o}-{w}"),
        }
    }
}

impl RitualDay {
    pub fn weekday(self) -> Weekday {
        match self {
            RitualDay::Weekday(w) | RitualDay::Nth(_, w) => w,
        }
    }
    /// "Thursday" or "first Thursday".
    pub fn describe(self) -> String {
        match self {
            RitualDay::Weekday(w) => w.long_name().to_string(),
            RitualDay::Nth(o, w) => format!("{o} {}", w.long_name()),
        }
    }
}

impl Serialize for RitualDay {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for RitualDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?.parse().map_err(de::Error::custom)
    }
}

impl JsonSchema for RitualDay {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RitualDay".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^((first|second|third|fourth|last)-)?(mon|tue|wed|thu|fri|sat|sun)$",
            "description": "weekly/biweekly: a weekday; monthly/quarterly: first|second|third|fourth|last-WEEKDAY"
        })
    }
}

/// A stable identifier: lower-case letters, digits and `-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Slug(String);

impl Slug {
    pub const MAX_LEN: usize = 64;
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// Why `s` is not a slug, if it is not one.
    pub fn problem(s: &str) -> Option<String> {
        if s.is_empty() {
            return Some("is empty".into());
        }
        if s.len() > Self::MAX_LEN {
            return Some(format!("is longer than {} characters", Self::MAX_LEN));
        }
        if let Some(c) = s
            .chars()
            .find(|c| !matches!(c, 'a'..='z' | '0'..='9' | '-'))
        {
            return Some(format!("contains {c:?}"));
        }
        if s.starts_with('-') || s.ends_with('-') {
            return Some("starts or ends with '-'".into());
        }
        None
    }
    /// A slug made from free text: "Weekly Demo!" → "weekly-demo", "Équipe Café" →
    /// "equipe-cafe". `None` when the text has no letter or digit to keep.
    ///
    /// It builds the slug directly and never goes through `FromStr`, whose error
    /// message calls this function: the two once recursed until the stack ran out.
    pub fn from_text(text: &str) -> Option<Slug> {
        let mut out = String::new();
        // Letters are transliterated ("É" → "e"); symbols and emoji are separators, so
        // "🙂" gives no slug rather than "slight-smile".
        let ascii = text.chars().flat_map(|c| {
            let t = if c.is_alphanumeric() {
                deunicode::deunicode_char(c).unwrap_or(" ")
            } else {
                " "
            };
            t.chars()
        });
        for c in ascii {
            if c.is_ascii_alphanumeric() {
                if out.len() == Self::MAX_LEN {
                    break;
                }
                out.push(c.to_ascii_lowercase());
            } else if !out.is_empty() && !out.ends_with('-') {
                if out.len() + 1 >= Self::MAX_LEN {
                    break;
                }
                out.push('-');
            }
        }
        let out = out.trim_end_matches('-');
        debug_assert!(out.is_empty() || Slug::problem(out).is_none(), "{out:?}");
        (!out.is_empty()).then(|| Slug(out.to_string()))
    }
}

impl FromStr for Slug {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match Slug::problem(s) {
            None => Ok(Slug(s.to_string())),
            Some(p) => {
                let fix = Slug::from_text(s)
                    .map(|f| format!(" — try \"{f}\""))
                    .unwrap_or_default();
                Err(format!(
                    "invalid id \"{s}\": it {p}\nhelp: ids use lower-case letters, digits and '-'{fix}"
                ))
            }
        }
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::borrow::Borrow<str> for Slug {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl Serialize for Slug {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Slug {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?.parse().map_err(de::Error::custom)
    }
}

impl JsonSchema for Slug {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Slug".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$",
            "description": "lower-case letters, digits and '-'"
        })
    }
}

/// An IANA time zone name such as "Europe/Brussels".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeZone(chrono_tz::Tz);

impl TimeZone {
    pub fn tz(&self) -> chrono_tz::Tz {
        self.0
    }
    pub fn name(&self) -> &'static str {
        self.0.name()
    }
}

impl FromStr for TimeZone {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if let Ok(tz) = s.parse::<chrono_tz::Tz>() {
            return Ok(TimeZone(tz));
        }
        let names = chrono_tz::TZ_VARIANTS.iter().map(|t| t.name());
        let guess = match crate::suggest::closest(s, names) {
            Some(best) => format!(" — did you mean \"{best}\"?"),
            None => String::new(),
        };
        // A hostile name may be a megabyte: the message quotes its start only.
        let shown: String = if s.len() > crate::suggest::MAX_PLAUSIBLE {
            s.chars().take(40).chain(std::iter::once('…')).collect()
        } else {
            s.to_string()
        };
        Err(format!(
            "unknown time zone \"{shown}\"{guess}\nhelp: use an IANA zone name such as \"Europe/Brussels\" or \"America/New_York\""
        ))
    }
}

impl fmt::Display for TimeZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name())
    }
}

impl Serialize for TimeZone {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.name())
    }
}

impl<'de> Deserialize<'de> for TimeZone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?.parse().map_err(de::Error::custom)
    }
}

impl JsonSchema for TimeZone {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TimeZone".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "description": "IANA time zone name, e.g. Europe/Brussels" })
    }
}

/// A TOML local date. Serialised as "YYYY-MM-DD" for JSON; written as a TOML date by the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

/// A TOML local time, minute precision is what matters. Read as `15:00:00` or TOML 1.1's
/// `15:00`; written (serialised) with seconds, so that TOML 1.0 tools read every file Accord
/// writes. `Display` is for people and drops zero seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Time(pub NaiveTime);

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use chrono::Timelike;
        if self.0.second() == 0 {
            write!(f, "{}", self.0.format("%H:%M"))
        } else {
            write!(f, "{}", self.0.format("%H:%M:%S"))
        }
    }
}

impl From<NaiveDate> for Date {
    fn from(d: NaiveDate) -> Self {
        Date(d)
    }
}

impl std::ops::Deref for Date {
    type Target = NaiveDate;
    fn deref(&self) -> &NaiveDate {
        &self.0
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Serialize for Time {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // `%H:%M:%S%.f` adds a fraction only when there is one.
        s.collect_str(&self.0.format("%H:%M:%S%.f"))
    }
}

/// Reads a TOML datetime literal, and says how to fix a quoted one.
///
/// A visitor rather than an untagged enum, so that serde's own errors (a missing key) pass through.
fn datetime_field<'de, D: Deserializer<'de>>(
    d: D,
    example: &'static str,
) -> Result<toml::value::Datetime, D::Error> {
    struct V(&'static str);
    impl<'de> de::Visitor<'de> for V {
        type Value = toml::value::Datetime;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "a value like {}", self.0)
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
            Err(E::custom(format!(
                "\"{s}\" is a string\nhelp: write dates and times without quotes, like {}",
                self.0
            )))
        }
        fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))
        }
    }
    d.deserialize_any(V(example))
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let dt = datetime_field(d, "2026-11-18")?;
        match (dt.date, dt.time, dt.offset) {
            (Some(date), None, None) => {
                NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())
                    .map(Date)
                    .ok_or_else(|| {
                        de::Error::custom(format!(
                            "{date} is not a calendar date\nhelp: check the day and month"
                        ))
                    })
            }
            _ => Err(de::Error::custom(format!(
                "expected a date without a time, found {dt}\nhelp: write a local date like 2026-11-18"
            ))),
        }
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let dt = datetime_field(d, "15:00:00")?;
        match (dt.date, dt.time, dt.offset) {
            (None, Some(t), None) => NaiveTime::from_hms_nano_opt(
                t.hour.into(),
                t.minute.into(),
                t.second.unwrap_or(0).into(),
                t.nanosecond.unwrap_or(0),
            )
            .map(Time)
            .ok_or_else(|| {
                de::Error::custom(format!(
                    "{t} is not a time of day\nhelp: use 00:00 to 23:59"
                ))
            }),
            _ => Err(de::Error::custom(format!(
                "expected a time of day, found {dt}\nhelp: write a local time like 15:00:00"
            ))),
        }
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date", "description": "a TOML local date, e.g. 2026-11-18" })
    }
}

/// `HH:MM` or `HH:MM:SS`, optionally with a fraction: the times Accord reads.
const TIME_PATTERN: &str = "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?$";

impl JsonSchema for Time {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Time".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // A pattern, not `"format": "partial-time"`: validators do not check formats by default,
        // and partial-time would refuse the `15:00` Accord still reads.
        schemars::json_schema!({
            "type": "string",
            "pattern": TIME_PATTERN,
            "description": "a TOML local time, e.g. 15:00:00 (15:00 is read too)"
        })
    }
}

#[cfg(test)]
mod time_tests {
    use super::Time;

    #[test]
    fn times_serialise_with_seconds_and_display_without_zero_ones() {
        let t = |s: &str| Time(s.parse().unwrap());
        let json = |t: Time| serde_json::to_value(t).unwrap();
        assert_eq!(json(t("15:00")), "15:00:00");
        assert_eq!(json(t("09:30:15")), "09:30:15");
        assert_eq!(json(t("09:30:15.25")), "09:30:15.250");
        assert_eq!(t("15:00").to_string(), "15:00");
        assert_eq!(t("09:30:15").to_string(), "09:30:15");
    }
}

#[cfg(test)]
mod slug_tests {
    use super::Slug;
    use proptest::prelude::*;

    #[test]
    fn text_without_a_letter_or_digit_gives_no_slug_and_an_error() {
        for s in ["", " ", "!", "-", "--", "\u{9b}", "🙂"] {
            assert_eq!(Slug::from_text(s), None, "{s:?}");
            let err = s.parse::<Slug>().unwrap_err();
            assert!(err.starts_with("invalid id"), "{err}");
        }
    }

    #[test]
    fn accents_are_transliterated() {
        assert_eq!(
            Slug::from_text("Équipe Café").unwrap().as_str(),
            "equipe-cafe"
        );
        assert_eq!(
            "Équipe 2".parse::<Slug>().unwrap_err().lines().last(),
            Some("help: ids use lower-case letters, digits and '-' — try \"equipe-2\"")
        );
    }

    proptest! {
        #[test]
        fn every_string_goes_through_every_slug_path(s in "\\PC{0,80}|[ -~]{0,80}|.{0,8}") {
            if let Some(slug) = Slug::from_text(&s) {
                prop_assert_eq!(Slug::problem(slug.as_str()), None);
                prop_assert_eq!(slug.as_str().parse::<Slug>().ok(), Some(slug));
            }
            match s.parse::<Slug>() {
                Ok(slug) => prop_assert_eq!(slug.as_str(), s.as_str()),
                Err(e) => prop_assert!(e.starts_with("invalid id")),
            }
        }
    }
}
