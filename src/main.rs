//! The `quarry` binary: the GUI by default, headless subcommands otherwise (see [`cli`]).

mod cli;

/// mimalloc: the pipeline's many small per-sentence allocations are cheaper than with glibc's
/// allocator (measured with `quarry bench`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
