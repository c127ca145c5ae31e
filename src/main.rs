//! The `quarry` binary: the GUI by default, headless subcommands otherwise (see [`quarry::cli`]).

fn main() -> std::process::ExitCode {
    quarry::cli::main()
}
