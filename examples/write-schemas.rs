//! Regenerates `assets/schema/*.json` from the model types: `cargo run --example write-schemas`.

fn main() -> std::io::Result<()> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/schema");
    std::fs::create_dir_all(&dir)?;
    for (name, text) in accord::schema::all() {
        std::fs::write(dir.join(name), text)?;
        println!("wrote assets/schema/{name}");
    }
    Ok(())
}
