//! JSON Schemas for editor support (taplo / Even Better TOML), generated from the model types.
//! `assets/schema/*.json` are these, written out; a test fails when they drift.

use schemars::schema_for;

use crate::model::{Agreement, CheckIn, Settings};

/// (file name under `assets/schema/`, schema text) for every kind of file.
pub fn all() -> Vec<(&'static str, String)> {
    let pretty = |s: schemars::Schema| crate::render::json::to_string_pretty(&s) + "\n";
    vec![
        ("agreement.schema.json", pretty(schema_for!(Agreement))),
        ("checkin.schema.json", pretty(schema_for!(CheckIn))),
        ("settings.schema.json", pretty(schema_for!(Settings))),
    ]
}
