//! Shell completions and man pages, generated from the clap definition at run time (so
//! they always match the binary; no build script runs clap). Hidden commands: the release
//! workflow runs them to put both in the archive, and packagers can do the same.

use std::io::Write;
use std::path::Path;

use accord::diag::Diagnostic;
use clap::CommandFactory;

use super::args::{Cli, CompletionsArgs, ManArgs};
use super::{Failure, Outcome, exit};

pub fn completions(args: CompletionsArgs) -> Outcome {
    let mut cmd = Cli::command();
    match &args.out {
        None => {
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut cmd, "accord", &mut script);
            raw_print(&script);
        }
        Some(dir) => {
            clap_complete::generate_to(args.shell, &mut cmd, "accord", dir)
                .map_err(|e| write_failure(dir, &e))?;
        }
    }
    Ok(exit::OK)
}

pub fn man(args: ManArgs) -> Outcome {
    let cmd = Cli::command();
    match &args.out {
        None => {
            // Built as clap_mangen::generate_to builds it, so both print the same accord.1.
            let mut cmd = cmd.disable_help_subcommand(true);
            cmd.build();
            let mut page = Vec::new();
            clap_mangen::Man::new(cmd)
                .render(&mut page)
                .expect("writing to memory cannot fail");
            raw_print(&page);
        }
        // accord.1 and one page per command (accord-diff.1 …).
        Some(dir) => clap_mangen::generate_to(cmd, dir).map_err(|e| write_failure(dir, &e))?,
    }
    Ok(exit::OK)
}

/// Generated scripts go out byte for byte: the terminal pass of `print` is for documents.
fn raw_print(bytes: &[u8]) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(bytes);
    let _ = out.flush();
}

fn write_failure(dir: &Path, e: &std::io::Error) -> Failure {
    Diagnostic::error("write", format!("cannot write into this folder: {e}"))
        .at_file(dir)
        .with_hint("give an existing folder you can write to, or no folder to print to stdout")
        .into()
}
