//! The `frontmap` binary: parse flags, run one subcommand, map the outcome to an exit code
//! (0 success, 1 failure, 2 bad input; a closed stdout pipe counts as success).

mod cli;
mod cmd;

use clap::Parser;

fn main() {
    let cli = cli::Cli::parse();
    let outcome = match &cli.command {
        cli::Command::Resolve(a) => cmd::resolve::run(a),
        cli::Command::Check(a) => cmd::check::run(a),
        cli::Command::Run(a) => cmd::run::run(a),
        cli::Command::Import(a) => cmd::import::run(a),
        cli::Command::Control(a) => cmd::control::run(a),
        cli::Command::Render(a) => cmd::render::run(a),
        cli::Command::Extract(a) => cmd::extract::run(a),
    };
    let code = match outcome {
        Ok(true) => 0,
        // The command ran and printed its result, but some input was bad (unknown place,
        // rejected rows): exit 2 as the contract says.
        Ok(false) => 2,
        Err(e) => {
            if is_broken_pipe(&e) {
                0
            } else {
                eprintln!("error: {e}");
                if e.is_bad_input() { 2 } else { 1 }
            }
        }
    };
    std::process::exit(code);
}

fn is_broken_pipe(e: &frontmap::Error) -> bool {
    matches!(e, frontmap::Error::Write { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
}
