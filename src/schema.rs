//! JSON Schemas for editor support (taplo / Even Better TOML) and CI, generated from the one
//! table of the format ([`crate::model::schema`]) and as strict as `validate` wherever JSON
//! Schema can say it: enums (the IANA zone list included), patterns, ranges, reserved ids,
//! no control characters, and which `day` each cadence takes (from [`Recurrence`]).
//! `assets/schema/*.json` are these, written out; a test fails when they drift.

use serde_json::{Map, Value as Json, json};

use crate::model::schema::{FORMATS, Format, Key, Kind, Rule, Table, Type};
use crate::model::{Cadence, FileKind, PRESENCE_ITEM, Recurrence, Slug};

/// Text without control characters (other than tab and newline) or bidirectional overrides:
/// what `validate` accepts in a string (`crate::text::is_unsafe`).
const SAFE: &str =
    "\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069";

/// A slug: lower-case letters, digits and `-`, not at either end.
const SLUG_PATTERN: &str = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";

/// `HH:MM:SS` (what Accord writes) or `HH:MM` (what it still reads), with an optional fraction.
pub const TIME_PATTERN: &str = "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?$";

const DATE_PATTERN: &str = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

/// An earlier check-in's action: `DATE/ITEM`, the item a slug (or `presence`).
const ACTION_PATTERN: &str =
    "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])/[a-z0-9]([a-z0-9-]*[a-z0-9])?$";

const DAY_PATTERN: &str = "^((first|second|third|fourth|last)-)?(mon|tue|wed|thu|fri|sat|sun)$";

/// (file name under `assets/schema/`, schema text) for every kind of file.
pub fn all() -> Vec<(&'static str, String)> {
    FORMATS
        .iter()
        .map(|f| {
            let text = crate::render::json::to_string_pretty(&schema(f)) + "\n";
            (f.schema_file, text)
        })
        .collect()
}

/// The JSON Schema of one kind of file.
pub fn schema(f: &Format) -> Json {
    let mut root = Map::new();
    root.insert(
        "$schema".into(),
        "https://json-schema.org/draft/2020-12/schema".into(),
    );
    root.insert("title".into(), f.title.into());
    if let Json::Object(body) = table(f, f.root()) {
        root.extend(body);
    }
    if uses_zone(f) {
        let zones: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect();
        root.insert(
            "$defs".into(),
            json!({ "zone": {
                "description": "An IANA time zone name, e.g. Europe/Brussels.",
                "type": "string",
                "enum": zones,
            }}),
        );
    }
    Json::Object(root)
}

/// The schema of the file kind `kind`, parsed: for tests and tools.
pub fn of(kind: FileKind) -> Json {
    schema(crate::model::schema::format(kind))
}

fn uses_zone(f: &Format) -> bool {
    f.tables
        .iter()
        .flat_map(|t| t.keys)
        .any(|k| k.ty.rule == Rule::Zone)
}

fn table(f: &Format, t: &Table) -> Json {
    let mut properties = Map::new();
    for k in t.keys {
        properties.insert(k.name.into(), property(f, t, k));
    }
    let required: Vec<&str> = t
        .keys
        .iter()
        .filter(|k| k.required)
        .map(|k| k.name)
        .collect();
    let mut out = Map::new();
    out.insert("description".into(), t.doc.into());
    out.insert("type".into(), "object".into());
    out.insert("properties".into(), Json::Object(properties));
    if !required.is_empty() {
        out.insert("required".into(), json!(required));
    }
    out.insert("additionalProperties".into(), false.into());
    let mut all_of: Vec<Json> = t
        .when
        .iter()
        .map(|w| {
            json!({
                "if": { "properties": { w.key: { "const": w.is } }, "required": [w.key] },
                "then": { "required": w.requires },
            })
        })
        .collect();
    all_of.extend(t.exclusive.iter().map(|[a, b]| {
        json!({
            "if": { "properties": { *a: { "const": true } }, "required": [a] },
            "then": { "properties": { *b: { "const": false } } },
        })
    }));
    if let Some(c) = t.keys.iter().find(|k| k.ty.rule == Rule::Cadence) {
        all_of.extend(Cadence::ALL.iter().map(|cadence| day_for(c.name, *cadence)));
    }
    if !all_of.is_empty() {
        out.insert("allOf".into(), Json::Array(all_of));
    }
    Json::Object(out)
}

/// The `day` a cadence takes, as [`Recurrence::days_for`] says: none for daily, else one of its days.
fn day_for(cadence_key: &str, cadence: Cadence) -> Json {
    let days: Vec<String> = Recurrence::days_for(cadence)
        .into_iter()
        .flatten()
        .map(|d| d.to_string())
        .collect();
    let then = if days.is_empty() {
        json!({ "not": { "required": ["day"] } })
    } else {
        json!({ "required": ["day"], "properties": { "day": { "enum": days } } })
    };
    json!({
        "if": {
            "properties": { cadence_key: { "const": cadence.as_str() } },
            "required": [cadence_key],
        },
        "then": then,
    })
}

fn property(f: &Format, t: &Table, k: &Key) -> Json {
    let mut body = match k.ty.kind {
        Kind::Table => t
            .child(f.kind, k.name)
            .map(|sub| table(f, sub))
            .unwrap_or_else(|| json!({ "type": "object" })),
        Kind::ArrayOfTables => json!({
            "type": "array",
            "items": t.child(f.kind, k.name).map(|sub| table(f, sub)).unwrap_or(json!({})),
        }),
        _ => value(&k.ty),
    };
    if let Json::Object(m) = &mut body {
        // The key's own sentence, first, for the editor's hover.
        let mut with_doc = Map::new();
        with_doc.insert("description".into(), k.doc.into());
        m.remove("description");
        with_doc.extend(std::mem::take(m));
        *m = with_doc;
    }
    body
}

fn value(ty: &Type) -> Json {
    let mut m = Map::new();
    let kind = match ty.kind {
        Kind::String => "string",
        Kind::Integer => "integer",
        Kind::Float => "number",
        Kind::Bool => "boolean",
        Kind::Date => {
            m.insert("format".into(), "date".into());
            m.insert("pattern".into(), DATE_PATTERN.into());
            "string"
        }
        Kind::Time => {
            // A pattern, not `"format": "partial-time"`: validators do not check formats by
            // default, and partial-time would refuse the `15:00` Accord still reads.
            m.insert("pattern".into(), TIME_PATTERN.into());
            "string"
        }
        Kind::Table | Kind::ArrayOfTables => "object",
        Kind::Array { item, unique } => {
            m.insert("items".into(), value(item));
            if unique {
                m.insert("uniqueItems".into(), true.into());
            }
            "array"
        }
        Kind::Map(item) => {
            m.insert(
                "propertyNames".into(),
                json!({ "pattern": SLUG_PATTERN, "maxLength": Slug::MAX_LEN }),
            );
            m.insert("additionalProperties".into(), value(item));
            "object"
        }
    };
    m.insert("type".into(), kind.into());
    match ty.rule {
        Rule::Any => {}
        Rule::Text => {
            m.insert("pattern".into(), format!("^[^{SAFE}]*$").into());
        }
        Rule::Name => {
            m.insert("minLength".into(), 1.into());
            // At least one visible character, and no unsafe one anywhere.
            m.insert(
                "pattern".into(),
                format!("^[^{SAFE}]*[^{SAFE}\\s][^{SAFE}]*$").into(),
            );
        }
        Rule::Slug | Rule::ItemId => {
            m.insert("pattern".into(), SLUG_PATTERN.into());
            m.insert("maxLength".into(), Slug::MAX_LEN.into());
            if ty.rule == Rule::ItemId {
                m.insert("not".into(), json!({ "const": PRESENCE_ITEM }));
            }
        }
        Rule::OneOf(names) => {
            m.insert("enum".into(), json!(names));
        }
        Rule::Cadence => {
            m.insert("enum".into(), json!(Cadence::NAMES));
        }
        Rule::Zone => {
            m.clear();
            m.insert("$ref".into(), "#/$defs/zone".into());
        }
        Rule::RitualDay => {
            m.insert("pattern".into(), DAY_PATTERN.into());
        }
        Rule::ActionRef => {
            m.insert("pattern".into(), ACTION_PATTERN.into());
        }
        Rule::Range { min, above, max } => {
            let n = |x: f64| -> Json {
                if ty.kind == Kind::Integer {
                    json!(x as i64)
                } else {
                    json!(x)
                }
            };
            m.insert(
                if above { "exclusiveMinimum" } else { "minimum" }.into(),
                n(min),
            );
            if let Some(max) = max {
                m.insert("maximum".into(), n(max));
            }
        }
    }
    Json::Object(m)
}

/// `docs/format.md`: every key of every file, from the same table, as Markdown.
pub fn reference() -> String {
    let mut out = String::from(
        "# The format, key by key\n\n\
         Generated from the table of the format (`src/model/schema.rs`) by \
         `cargo run --example write-schemas`; a test fails when it is out of date. \
         The JSON Schemas in `assets/schema/` come from the same table.\n",
    );
    for f in FORMATS {
        out.push_str(&format!(
            "\n## {} (`{}`)\n\n{}\n",
            f.title, f.schema_file, f.doc
        ));
        for t in f.tables {
            let heading = if t.path.is_empty() {
                "top level".to_string()
            } else {
                format!("`{}`", t.path)
            };
            out.push_str(&format!("\n### {heading}\n\n{}\n\n", t.doc));
            out.push_str(
                "| key | required | kind | values | meaning |\n| --- | --- | --- | --- | --- |\n",
            );
            for k in t.keys {
                let required = if k.required { "yes" } else { "" };
                out.push_str(&format!(
                    "| `{}` | {required} | {} | {} | {} |\n",
                    k.name,
                    kind_name(&k.ty),
                    values(&k.ty).replace('|', "\\|"),
                    k.doc.replace('|', "\\|")
                ));
            }
            for [a, b] in t.exclusive {
                out.push_str(&format!("\n`{a}` and `{b}` are never both true.\n"));
            }
            for w in t.when {
                out.push_str(&format!(
                    "\nWhen `{} = \"{}\"`: {} required.\n",
                    w.key,
                    w.is,
                    w.requires
                        .iter()
                        .map(|r| format!("`{r}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
    }
    out
}

fn kind_name(ty: &Type) -> String {
    match ty.kind {
        Kind::String => "string".into(),
        Kind::Integer => "integer".into(),
        Kind::Float => "number".into(),
        Kind::Bool => "boolean".into(),
        Kind::Date => "date".into(),
        Kind::Time => "time".into(),
        Kind::Table => "table".into(),
        Kind::ArrayOfTables => "array of tables".into(),
        Kind::Array { item, .. } => format!("array of {}", kind_name(item)),
        Kind::Map(item) => format!("table of {} by question id", kind_name(item)),
    }
}

fn values(ty: &Type) -> String {
    match (ty.kind, ty.rule) {
        (Kind::Array { item, unique }, _) => {
            let each = values(item);
            match (each.is_empty(), unique) {
                (true, true) => "each once".into(),
                (true, false) => String::new(),
                (false, true) => format!("{each}, each once"),
                (false, false) => each,
            }
        }
        (Kind::Map(item), _) => values(item),
        (Kind::Date, _) => "YYYY-MM-DD".into(),
        (Kind::Time, _) => "HH:MM:SS (HH:MM is read)".into(),
        (_, Rule::Any) => String::new(),
        (_, Rule::Text) => "no control characters".into(),
        (_, Rule::Name) => "not blank".into(),
        (_, Rule::Slug) => "a-z, 0-9 and -".into(),
        (_, Rule::ItemId) => "a-z, 0-9 and -; not `presence`".into(),
        (_, Rule::OneOf(names)) => names.join(" \\| "),
        (_, Rule::Cadence) => Cadence::NAMES.join(" \\| "),
        (_, Rule::Zone) => "an IANA zone name".into(),
        (_, Rule::ActionRef) => "YYYY-MM-DD/item".into(),
        (_, Rule::RitualDay) => {
            "mon … sun, or first\\|second\\|third\\|fourth\\|last-mon … -sun".into()
        }
        (_, Rule::Range { min, above, max }) => {
            let lower = if above {
                format!("> {min}")
            } else {
                format!("≥ {min}")
            };
            match max {
                Some(m) if m == min => format!("{m}"),
                Some(m) => format!("{lower}, ≤ {m}"),
                None => lower,
            }
        }
    }
}
