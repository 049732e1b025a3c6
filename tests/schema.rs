//! The JSON Schemas in assets/schema/ are generated from the Rust types and must not drift.

#[test]
fn schemas_match_the_types() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/schema");
    for (name, text) in accord::schema::all() {
        let on_disk = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
        assert!(
            on_disk == text,
            "assets/schema/{name} is out of date with the model types: run `cargo run --example write-schemas` and commit the result"
        );
    }
}

#[test]
fn schema_rejects_unknown_keys_and_names_required_ones() {
    let (_, text) = accord::schema::all().into_iter().next().unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["additionalProperties"], false);
    let required: Vec<&str> = v["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert_eq!(required, vec!["schema", "team", "version", "status"]);
    assert_eq!(
        v["$defs"]["Ritual"]["properties"]["cadence"]["$ref"],
        "#/$defs/Cadence"
    );
}
