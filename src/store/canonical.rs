//! Canonical form, applied with `toml_edit` so that comments and hand-written
//! blank lines survive: key order as in DESIGN.md, one blank line before every
//! table, `key = value`, stable quoting. Formatting is idempotent, and saving a
//! changed model over an existing file changes only the lines whose values changed.

use serde::Serialize;
use serde_json::Value as Json;
use toml_edit::{
    Array, ArrayOfTables, Decor, DocumentMut, InlineTable, Item, RawString, Table, Value,
    value as scalar,
};

use crate::model::FileKind;
use crate::model::schema::{self, Key, Kind};

mod fast;
#[cfg(test)]
mod render_tests;

/// The keys of a table (named by its last path segment, `core_hours`) in canonical order:
/// the order of the format's table.
fn key_order(kind: FileKind, table: &str) -> &'static [Key] {
    schema::format(kind)
        .table_named(table)
        .map_or(&[], |t| t.keys)
}

/// Where `key` goes in a table whose keys are `order`: unknown keys last, in their order.
fn rank(order: &[Key], key: &str) -> usize {
    order
        .iter()
        .position(|o| o.name == key)
        .unwrap_or(order.len())
}

/// The key that identifies an entry of an array of tables, so edits match entries, not positions.
fn identity_key(kind: FileKind, table: &str) -> Option<&'static str> {
    schema::format(kind)
        .table_named(table)
        .and_then(|t| t.identity)
}

/// Whether an array under `key` is an array of tables in the format (`[[rituals]]`).
fn is_array_of_tables(kind: FileKind, key: &str) -> bool {
    schema::format(kind)
        .root()
        .key(key)
        .is_some_and(|k| k.ty.kind == Kind::ArrayOfTables)
}

/// Rewrites a parsed document in canonical form. The text must already parse as `kind`.
pub fn format(text: &str, kind: FileKind) -> Result<String, toml_edit::TomlError> {
    // Plain files are written line by line: no editable document of every value.
    if let Some(out) = fast::format(text, kind) {
        return Ok(out);
    }
    format_document(text, kind)
}

/// [`format`] through a `toml_edit` document: any file, comments included.
fn format_document(text: &str, kind: FileKind) -> Result<String, toml_edit::TomlError> {
    let mut doc: DocumentMut = text.parse()?;
    canonicalise(&mut doc, kind);
    Ok(finish(doc))
}

/// Writes `model` in canonical form; over `existing` text, keeps its comments, blank lines and the
/// entries that did not change, so that changing one value changes one line.
pub fn render<T: Serialize>(model: &T, kind: FileKind, existing: Option<&str>) -> String {
    let json = serde_json::to_value(model).expect("model types serialise to JSON");
    // A plain file holding the model's data (a schema 1 check-in being upgraded, a save that
    // changes a version) is written line by line: no editable document of every value.
    if let Some(out) = existing.and_then(|text| render_plain(&json, kind, text)) {
        return out;
    }
    render_document(json, kind, existing)
}

/// [`render`] through a `toml_edit` document of `existing`: any file, comments included.
fn render_document(json: Json, kind: FileKind, existing: Option<&str>) -> String {
    let new = to_table(json);
    let mut doc = existing
        .and_then(|t| t.parse::<DocumentMut>().ok())
        .unwrap_or_default();
    merge_table(doc.as_table_mut(), new, kind);
    canonicalise(&mut doc, kind);
    finish(doc)
}

fn finish(doc: DocumentMut) -> String {
    let mut out = doc.to_string().replace("\r\n", "\n");
    let trimmed = out.trim_end_matches(['\n', ' ', '\t']).len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

/// [`render`] by the line writer: when `text` is plain and holds the data of `json` except
/// some root integers (which are then written anew), what the document path would write.
/// The data are compared on the line writer's own entries: no tree of the file is built.
fn render_plain(json: &Json, kind: FileKind, text: &str) -> Option<String> {
    fast::render(text, kind, json)
}

// ---------------------------------------------------------------- model → TOML

fn to_table(json: Json) -> Table {
    let mut table = Table::new();
    if let Json::Object(map) = json {
        for (k, v) in map {
            if let Some(item) = json_to_item(&k, v) {
                table.insert(&k, item);
            }
        }
    }
    table
}

/// Top-level objects become `[tables]`, arrays of objects `[[arrays]]`, anything deeper inline values.
fn json_to_item(key: &str, v: Json) -> Option<Item> {
    match v {
        Json::Object(map) => {
            let mut t = Table::new();
            for (k, v) in map {
                match v {
                    // `[[pulse.questions]]`: arrays of tables one level down stay tables.
                    Json::Array(items)
                        if !items.is_empty() && items.iter().all(Json::is_object) =>
                    {
                        let mut aot = ArrayOfTables::new();
                        for it in items {
                            if let Some(Item::Table(sub)) = json_to_item(&k, it) {
                                aot.push(sub);
                            }
                        }
                        t.insert(&k, Item::ArrayOfTables(aot));
                    }
                    v => {
                        if let Some(val) = json_to_value(&k, v) {
                            t.insert(&k, Item::Value(val));
                        }
                    }
                }
            }
            Some(Item::Table(t))
        }
        Json::Array(items) if !items.is_empty() && items.iter().all(Json::is_object) => {
            let mut aot = ArrayOfTables::new();
            for it in items {
                if let Some(Item::Table(t)) = json_to_item(key, it) {
                    aot.push(t);
                }
            }
            Some(Item::ArrayOfTables(aot))
        }
        other => json_to_value(key, other).map(Item::Value),
    }
}

fn json_to_value(key: &str, v: Json) -> Option<Value> {
    Some(match v {
        Json::Null => return None,
        Json::Bool(b) => Value::from(b),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::from(i),
            None => Value::from(n.as_f64().unwrap_or(0.0)),
        },
        // Dates and times are TOML values; JSON carries them as strings.
        Json::String(s) if schema::is_datetime(key) => match s.parse::<toml_edit::Datetime>() {
            Ok(dt) => Value::from(dt),
            Err(_) => Value::from(s),
        },
        Json::String(s) => Value::from(s),
        Json::Array(items) => Value::Array(
            items
                .into_iter()
                .filter_map(|i| json_to_value(key, i))
                .collect(),
        ),
        Json::Object(map) => {
            let mut t = InlineTable::new();
            for (k, v) in map {
                if let Some(val) = json_to_value(&k, v) {
                    t.insert(&k, val);
                }
            }
            Value::InlineTable(t)
        }
    })
}

// ---------------------------------------------------------------- merging into an existing file

fn merge_table(old: &mut Table, new: Table, kind: FileKind) {
    let stale: Vec<String> = old
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| !new.contains_key(k))
        .collect();
    for k in stale {
        old.remove(&k);
    }
    for (key, new_item) in new {
        let key = key.as_str();
        match old.get_mut(key) {
            None => {
                old.insert(key, new_item);
            }
            Some(old_item) => merge_item(old_item, new_item, kind, key),
        }
    }
}

fn merge_item(old: &mut Item, new: Item, kind: FileKind, key: &str) {
    match (old, new) {
        (Item::Table(o), Item::Table(n)) => merge_table(o, n, kind),
        (Item::ArrayOfTables(o), Item::ArrayOfTables(n)) => merge_array(o, n, kind, key),
        (Item::Value(o), Item::Value(n)) => merge_value(o, n),
        (o, n) => *o = n,
    }
}

fn merge_value(old: &mut Value, new: Value) {
    match (&mut *old, new) {
        (Value::InlineTable(o), Value::InlineTable(n)) => {
            let stale: Vec<String> = o
                .iter()
                .map(|(k, _)| k.to_string())
                .filter(|k| !n.contains_key(k))
                .collect();
            for k in stale {
                o.remove(&k);
            }
            for (k, v) in n {
                match o.get_mut(&k) {
                    Some(ov) => merge_value(ov, v),
                    None => {
                        o.insert(&k, v);
                    }
                }
            }
        }
        (o, n) => {
            if !same_value(o, &n) {
                let decor = o.decor().clone();
                *o = n;
                *o.decor_mut() = decor;
            }
        }
    }
}

/// Equal as data, whatever the spelling (`'a'` and `"a"`, `0.80` and `0.8`, `15:00` and `15:00:00`).
fn same_value(a: &Value, b: &Value) -> bool {
    if let (Value::Datetime(x), Value::Datetime(y)) = (a, b) {
        let (x, y) = (x.value(), y.value());
        let time = |t: Option<toml_edit::Time>| {
            t.map(|t| {
                (
                    t.hour,
                    t.minute,
                    t.second.unwrap_or(0),
                    t.nanosecond.unwrap_or(0),
                )
            })
        };
        return x.date == y.date && x.offset == y.offset && time(x.time) == time(y.time);
    }
    let bare = |v: &Value| {
        let mut v = v.clone();
        v.decor_mut().clear();
        normalise_repr(&mut v);
        v.to_string()
    };
    bare(a) == bare(b)
}

fn merge_array(old: &mut ArrayOfTables, new: ArrayOfTables, kind: FileKind, key: &str) {
    let id_key = identity_key(kind, key);
    let ident = |t: &Table| {
        id_key
            .and_then(|k| t.get(k))
            .and_then(Item::as_value)
            .map(|v| {
                let mut v = v.clone();
                v.decor_mut().clear();
                normalise_repr(&mut v);
                v.to_string()
            })
    };
    let mut pool: Vec<Option<Table>> = old.iter().cloned().map(Some).collect();
    // The old entries of each identity, first first: a lookup per entry, not a scan of all.
    let mut by_id: std::collections::HashMap<String, std::collections::VecDeque<usize>> =
        std::collections::HashMap::new();
    for (i, t) in pool.iter().enumerate() {
        if let Some(id) = t.as_ref().and_then(ident) {
            by_id.entry(id).or_default().push_back(i);
        }
    }
    let mut out = ArrayOfTables::new();
    for n in new {
        let found = ident(&n)
            .and_then(|id| by_id.get_mut(&id))
            .and_then(std::collections::VecDeque::pop_front);
        match found.and_then(|i| pool[i].take()) {
            Some(mut t) => {
                merge_table(&mut t, n, kind);
                out.push(t);
            }
            None => out.push(n),
        }
    }
    *old = out;
}

// ---------------------------------------------------------------- canonical form

fn canonicalise(doc: &mut DocumentMut, kind: FileKind) {
    let root = doc.as_table_mut();
    // The comment at the top of a file belongs to the file, not to whichever key comes first.
    let header = take_header(root);
    normalise_structure(root, kind);
    if kind == FileKind::CheckIn {
        sort_pulse(root);
    }
    order_and_tidy(root, kind, "", true);
    let mut position = 1;
    for key in key_order(kind, "") {
        if let Some(item) = root.get_mut(key.name) {
            place(item, &mut position);
        }
    }
    put_header(root, header);
    let trailing = doc.trailing().as_str().unwrap_or("").to_string();
    doc.set_trailing(
        tidy_prefix(&trailing, Blank::Keep)
            .trim_end_matches('\n')
            .to_string()
            + "\n",
    );
}

/// Numbers a table and the tables under it (`[[pulse.questions]]`) in the order they are written.
fn place(item: &mut Item, position: &mut isize) {
    let one = |t: &mut Table, position: &mut isize| {
        t.set_position(Some(*position));
        *position += 1;
        let keys: Vec<String> = t.iter().map(|(k, _)| k.to_string()).collect();
        for k in keys {
            if let Some(sub) = t
                .get_mut(&k)
                .filter(|i| i.is_table() || i.is_array_of_tables())
            {
                place(sub, position);
            }
        }
    };
    match item {
        Item::Table(t) => one(t, position),
        Item::ArrayOfTables(a) => a.iter_mut().for_each(|t| one(t, position)),
        _ => {}
    }
}

/// Structure that parses the same but is not canonical: dotted keys, inline tables where
/// DESIGN.md writes tables, arrays of inline tables, a `[presence.core_hours]` sub-table.
fn normalise_structure(root: &mut Table, kind: FileKind) {
    let keys: Vec<String> = root.iter().map(|(k, _)| k.to_string()).collect();
    for key in keys {
        let item = root.get_mut(&key).expect("key listed above");
        let is_array_table = is_array_of_tables(kind, &key);
        match item {
            Item::Value(Value::InlineTable(_)) => {
                let Item::Value(Value::InlineTable(t)) = std::mem::take(item) else {
                    unreachable!()
                };
                *item = Item::Table(t.into_table());
            }
            Item::Value(Value::Array(a))
                if is_array_table && a.iter().all(Value::is_inline_table) =>
            {
                let Item::Value(Value::Array(a)) = std::mem::take(item) else {
                    unreachable!()
                };
                let mut aot = ArrayOfTables::new();
                for v in a {
                    if let Value::InlineTable(t) = v {
                        aot.push(t.into_table());
                    }
                }
                *item = Item::ArrayOfTables(aot);
            }
            _ => {}
        }
        match item {
            Item::Table(t) => {
                t.set_dotted(false);
                t.set_implicit(false);
                inline_subtables(t);
            }
            Item::ArrayOfTables(a) => a.iter_mut().for_each(inline_subtables),
            _ => {}
        }
    }
}

/// Tables below the first level (only `core_hours` in Accord's files) are written inline.
fn inline_subtables(t: &mut Table) {
    let keys: Vec<String> = t
        .iter()
        .filter(|(_, i)| i.is_table())
        .map(|(k, _)| k.to_string())
        .collect();
    for k in keys {
        if let Some(Item::Table(sub)) = t.remove(&k) {
            t.insert(&k, Item::Value(Value::InlineTable(sub.into_inline_table())));
        }
    }
}

fn sort_pulse(root: &mut Table) {
    let Some(pulse) = root.get_mut("pulse").and_then(Item::as_table_like_mut) else {
        return;
    };
    sort_arrays(pulse, &["scores", "comments"]);
    if let Some(qs) = pulse
        .get_mut("questions")
        .and_then(Item::as_array_of_tables_mut)
    {
        for q in qs.iter_mut() {
            sort_arrays(q, &["scores"]);
        }
    }
    if let Some(gs) = pulse
        .get_mut("groups")
        .and_then(Item::as_array_of_tables_mut)
    {
        for g in gs.iter_mut() {
            if let Some(qs) = g.get_mut("questions").and_then(Item::as_table_like_mut) {
                let ids: Vec<String> = qs.iter().map(|(k, _)| k.to_string()).collect();
                let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
                sort_arrays(qs, &ids);
            }
        }
    }
}

/// Sorts the arrays under `keys` (answers are stored sorted, so their order tells nothing).
fn sort_arrays(t: &mut dyn toml_edit::TableLike, keys: &[&str]) {
    for key in keys {
        if let Some(arr) = t.get_mut(key).and_then(Item::as_array_mut) {
            let mut vals: Vec<Value> = arr.iter().cloned().collect();
            vals.sort_by(|a, b| match (a.as_integer(), b.as_integer()) {
                (Some(x), Some(y)) => x.cmp(&y),
                _ => a.as_str().unwrap_or("").cmp(b.as_str().unwrap_or("")),
            });
            if vals
                .iter()
                .map(Value::to_string)
                .ne(arr.iter().map(Value::to_string))
            {
                let mut sorted: Array = vals.into_iter().collect();
                sorted.fmt();
                *arr = sorted;
            }
        }
    }
}

/// Orders the keys of a table and its sub-tables, and normalises spacing and quoting.
fn order_and_tidy(t: &mut Table, kind: FileKind, name: &str, is_root: bool) {
    let order = key_order(kind, name);
    t.sort_values_by(|k1, _, k2, _| rank(order, k1.get()).cmp(&rank(order, k2.get())));
    if !is_root {
        let prefix = t
            .decor()
            .prefix()
            .and_then(RawString::as_str)
            .unwrap_or("")
            .to_string();
        let suffix = t
            .decor()
            .suffix()
            .and_then(RawString::as_str)
            .unwrap_or("")
            .to_string();
        *t.decor_mut() = Decor::new(tidy_prefix(&prefix, Blank::One), keep_comment(&suffix));
    }
    let keys: Vec<String> = t.iter().map(|(k, _)| k.to_string()).collect();
    for key in keys {
        let is_value = t.get(&key).is_some_and(Item::is_value);
        if let Some(mut k) = t.key_mut(&key) {
            let prefix = k
                .leaf_decor()
                .prefix()
                .and_then(RawString::as_str)
                .unwrap_or("")
                .to_string();
            let d = k.leaf_decor_mut();
            if is_value {
                d.set_prefix(tidy_prefix(&prefix, Blank::Keep));
                d.set_suffix(" ");
            } else {
                // Header keys: `[presence]`, no spaces inside the brackets.
                d.set_prefix("");
                d.set_suffix("");
            }
        }
        match t.get_mut(&key).expect("key listed above") {
            Item::Value(v) => tidy_value(v, kind, &key),
            Item::Table(sub) => order_and_tidy(sub, kind, &key, false),
            Item::ArrayOfTables(a) => {
                for sub in a.iter_mut() {
                    order_and_tidy(sub, kind, &key, false);
                }
            }
            Item::None => {}
        }
    }
}

fn tidy_value(v: &mut Value, kind: FileKind, key: &str) {
    let suffix = v
        .decor()
        .suffix()
        .and_then(RawString::as_str)
        .unwrap_or("")
        .to_string();
    match &mut *v {
        Value::InlineTable(t) => {
            let order = key_order(kind, key);
            t.sort_values_by(|k1, _, k2, _| rank(order, k1.get()).cmp(&rank(order, k2.get())));
            for (_, inner) in t.iter_mut() {
                normalise_repr(inner);
            }
            t.fmt();
        }
        Value::Array(a) => {
            for inner in a.iter_mut() {
                normalise_repr(inner);
            }
            if !has_comment(a) {
                a.fmt();
            }
        }
        _ => normalise_repr(v),
    }
    v.decor_mut().set_prefix(" ");
    v.decor_mut().set_suffix(keep_comment(&suffix));
}

/// Re-spells a scalar the one way Accord writes it, keeping its decor.
fn normalise_repr(v: &mut Value) {
    let decor = v.decor().clone();
    let fresh = match v {
        Value::String(s) => scalar(s.value().as_str()),
        Value::Integer(i) => scalar(*i.value()),
        Value::Float(f) => scalar(*f.value()),
        Value::Boolean(b) => scalar(*b.value()),
        Value::Datetime(d) => scalar(toml_one(*d.value())),
        Value::Array(a) => {
            a.iter_mut().for_each(normalise_repr);
            return;
        }
        Value::InlineTable(t) => {
            t.iter_mut().for_each(|(_, v)| normalise_repr(v));
            return;
        }
    };
    if let Item::Value(fresh) = fresh {
        *v = fresh;
        *v.decor_mut() = decor;
    }
}

/// Accord writes TOML 1.0, where a time has seconds: TOML 1.1's `15:00` becomes `15:00:00`.
fn toml_one(mut dt: toml_edit::Datetime) -> toml_edit::Datetime {
    if let Some(t) = dt.time.as_mut() {
        t.second.get_or_insert(0);
    }
    dt
}

fn has_comment(a: &Array) -> bool {
    let decor_has = |d: &Decor| {
        [d.prefix(), d.suffix()]
            .into_iter()
            .flatten()
            .any(|r| r.as_str().is_some_and(|s| s.contains('#')))
    };
    a.iter().any(|v| decor_has(v.decor())) || a.trailing().as_str().is_some_and(|s| s.contains('#'))
}

/// A value's suffix is kept only when it holds a comment (alignment included).
fn keep_comment(suffix: &str) -> String {
    if suffix.contains('#') {
        suffix.trim_end().to_string()
    } else {
        String::new()
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Blank {
    /// Keep one blank line if the author wrote any (between keys).
    Keep,
    /// Exactly one blank line first (before a table header).
    One,
}

/// Keeps comment lines (without indentation) and single blank lines; drops everything else.
fn tidy_prefix(raw: &str, blank: Blank) -> String {
    let raw = raw.replace("\r\n", "\n");
    let mut lines: Vec<&str> = Vec::new();
    let mut complete: Vec<&str> = raw.split('\n').collect();
    complete.pop(); // what follows the last newline is the indentation before the key
    for line in complete {
        let l = line.trim();
        if l.is_empty() {
            if lines.last().is_some_and(|p: &&str| p.is_empty()) {
                continue;
            }
            lines.push("");
        } else {
            lines.push(l);
        }
    }
    // A trailing single-line comment without newline (end of file) is kept too.
    let tail = raw.rsplit('\n').next().unwrap_or("").trim();
    let mut out = String::new();
    match blank {
        Blank::One => {
            while lines.first() == Some(&"") {
                lines.remove(0);
            }
            out.push('\n');
        }
        Blank::Keep => {}
    }
    for l in lines {
        out.push_str(l);
        out.push('\n');
    }
    if tail.starts_with('#') {
        out.push_str(tail);
    }
    out
}

fn take_header(root: &mut Table) -> Option<String> {
    let first = root.iter().next().map(|(k, _)| k.to_string())?;
    let mut key = root.key_mut(&first)?;
    let prefix = key
        .leaf_decor()
        .prefix()
        .and_then(RawString::as_str)?
        .to_string();
    key.leaf_decor_mut().set_prefix("");
    Some(prefix)
}

fn put_header(root: &mut Table, header: Option<String>) {
    let Some(header) = header else { return };
    let mut header = tidy_prefix(&header, Blank::Keep);
    while header.starts_with('\n') {
        header.remove(0);
    }
    let Some(first) = root
        .iter()
        .find(|(_, i)| i.is_value())
        .map(|(k, _)| k.to_string())
    else {
        return;
    };
    if let Some(mut key) = root.key_mut(&first) {
        key.leaf_decor_mut().set_prefix(header);
    }
}
