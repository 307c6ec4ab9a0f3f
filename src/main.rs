//! The `bazaar` binary: serves the marketplace and runs its maintenance commands.

#[cfg(feature = "ssr")]
mod cli;

#[cfg(feature = "ssr")]
fn main() -> std::process::ExitCode {
    cli::main()
}

/// Without `ssr` this file is compiled only so the package builds for the browser.
#[cfg(not(feature = "ssr"))]
fn main() {}
