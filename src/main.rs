//! The `bazaar` binary: serves the marketplace and runs its maintenance commands.

#[cfg(feature = "ssr")]
mod cli;

/// Rendering a page allocates and frees many small strings. Under load glibc's
/// allocator took about 40% of the server's time, mimalloc under 20%, which
/// made the listing pages half as fast again (docs/decisions.md, "Speed").
#[cfg(feature = "ssr")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(feature = "ssr")]
fn main() -> std::process::ExitCode {
    cli::main()
}

/// Without `ssr` this file is compiled only so the package builds for the browser.
#[cfg(not(feature = "ssr"))]
fn main() {}
