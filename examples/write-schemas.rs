//! Regenerates `assets/schema/*.json` and `docs/format.md` from the table of the format (`src/model/schema.rs`): `cargo run --example write-schemas`.

fn main() -> std::io::Result<()> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/schema");
    std::fs::create_dir_all(&dir)?;
    for (name, text) in accord::schema::all() {
        std::fs::write(dir.join(name), text)?;
        println!("wrote assets/schema/{name}");
    }
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/format.md");
    std::fs::write(&docs, accord::schema::reference())?;
    println!("wrote docs/format.md");
    Ok(())
}
