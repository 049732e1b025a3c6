//! Links the `accord` binary as a fixed-address (non-PIE) executable on Linux.
//!
//! Why: the dependencies' tables of pointers (`.data.rel.ro`, about 1.3 MB and 44,000
//! relocations) must be patched by the dynamic loader at every start of a PIE binary,
//! which copies every page of them. That was half of the run time of a short command such
//! as `accord diff` (2.7 ms to print `--version`, against 1.5 ms without). The code itself
//! is still compiled position-independent; only the final link differs, and only for the
//! binary (tests and the library are untouched). Opt out with `ACCORD_PIE=1`.
//! Figures: docs/benchmarks-git.md.

fn main() {
    println!("cargo:rerun-if-env-changed=ACCORD_PIE");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" && std::env::var_os("ACCORD_PIE").is_none() {
        println!("cargo:rustc-link-arg-bin=accord=-no-pie");
    }
}
