//! Command-line structure (clap derive). Each subcommand's flags live beside its handler in
//! `src/cmd/`; this file only lists them.

use clap::{Parser, Subcommand};

use crate::cmd;

/// frontmap: turn conflict reporting into checked maps.
///
/// Resolves place names, checks stated distances and directions, imports event tables
/// (own CSV, ACLED, UCDP GED), derives who controls what on each date, and draws maps.
#[derive(Debug, Parser)]
#[command(name = "frontmap", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Resolve place names to coordinates (with confidence, homonyms and suggestions).
    Resolve(cmd::resolve::ResolveArgs),
    /// Check stated distances and directions ("à 70 km au sud de Konna") against geodesy.
    Check(cmd::check::CheckArgs),
    /// The main job: maps of the embedded Mali 2013 case, every date, into output/.
    Run(cmd::run::RunArgs),
    /// Import event tables (own CSV, ACLED, UCDP GED) and list the events.
    Import(cmd::import::ImportArgs),
    /// Who controls each place on a date (default: the embedded Mali 2013 case).
    Control(cmd::control::ControlArgs),
    /// Per-date GeoJSON layers, QGIS styles and PNG maps from event tables.
    Render(cmd::render::RenderArgs),
    /// Propose events, dates, places and claims from French or English dispatches.
    Extract(cmd::extract::ExtractArgs),
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn resolve_flags_parse() {
        let cli = Cli::try_parse_from([
            "frontmap",
            "resolve",
            "--json",
            "--country",
            "ML",
            "--near",
            "14.5,-4.1",
            "Konna",
            "Gao",
        ])
        .unwrap();
        let Command::Resolve(a) = cli.command else {
            panic!()
        };
        assert!(a.json);
        assert_eq!(a.names, ["Konna", "Gao"]);
        assert_eq!(a.gazetteer.country.as_deref(), Some("ML"));
        assert_eq!(a.near.as_deref(), Some("14.5,-4.1"));
    }

    #[test]
    fn check_flags_parse() {
        let cli = Cli::try_parse_from([
            "frontmap",
            "check",
            "--json",
            "--detour-max",
            "1.8",
            "--about-tolerance",
            "0.2",
            "--direction-tolerance",
            "5",
            "--country",
            "ML",
            "--text",
            "Gao, 1.200 km au nord-est de Bamako",
        ])
        .unwrap();
        let Command::Check(a) = cli.command else {
            panic!()
        };
        assert!(a.json);
        assert_eq!(a.detour_max, 1.8);
        assert_eq!(a.about_tolerance, 0.2);
        assert_eq!(a.direction_tolerance, 5.0);
        assert!(a.text.is_some());
        assert!(Cli::try_parse_from(["frontmap", "check"]).is_err());
        assert!(Cli::try_parse_from(["frontmap", "check", "--text", "x", "f.txt"]).is_err());
        let cli = Cli::try_parse_from(["frontmap", "check", "--claims", "c.csv"]).unwrap();
        let Command::Check(a) = cli.command else {
            panic!()
        };
        assert_eq!(a.claims.as_deref(), Some(std::path::Path::new("c.csv")));
    }

    #[test]
    fn import_flags_parse() {
        let cli = Cli::try_parse_from([
            "frontmap",
            "import",
            "--json",
            "--format",
            "acled",
            "--sides",
            "s.csv",
            "--no-fuzzy",
            "a.csv",
            "b.csv",
        ])
        .unwrap();
        let Command::Import(a) = cli.command else {
            panic!()
        };
        assert!(a.json && a.no_fuzzy);
        assert_eq!(a.format, frontmap::events::Format::Acled);
        assert_eq!(a.files.len(), 2);
        assert!(Cli::try_parse_from(["frontmap", "import", "--format", "xls", "a.csv"]).is_err());
    }

    #[test]
    fn control_flags_parse() {
        let cli = Cli::try_parse_from([
            "frontmap",
            "control",
            "--date",
            "2013-01-11",
            "--events",
            "e.csv",
            "--initial",
            "i.csv",
            "--contested-days",
            "5",
        ])
        .unwrap();
        let Command::Control(a) = cli.command else {
            panic!()
        };
        assert_eq!(a.date, "2013-01-11");
        assert_eq!(a.timeline.contested_days, 5);
        assert_eq!(a.events.len(), 1);
        assert!(Cli::try_parse_from(["frontmap", "control"]).is_err());
        assert!(
            Cli::try_parse_from([
                "frontmap",
                "control",
                "--date",
                "2013-01-11",
                "--contested-days",
                "0"
            ])
            .is_err()
        );
    }

    #[test]
    fn extract_flags_parse() {
        let cli = Cli::try_parse_from([
            "frontmap",
            "extract",
            "--json",
            "--date",
            "2013-02-21",
            "--lexicon",
            "lex.csv",
            "--min-confidence",
            "0.3",
            "--country",
            "ML",
            "a.txt",
            "b.txt",
        ])
        .unwrap();
        let Command::Extract(a) = cli.command else {
            panic!()
        };
        assert!(a.json && !a.csv && !a.jsonl);
        assert_eq!(a.date.as_deref(), Some("2013-02-21"));
        assert_eq!(a.files.len(), 2);
        assert_eq!(a.lexicon.len(), 1);
        assert_eq!(a.min_confidence, 0.3);
        let cli = Cli::try_parse_from(["frontmap", "extract", "--jsonl"]).unwrap();
        let Command::Extract(a) = cli.command else {
            panic!()
        };
        assert!(a.jsonl);
        let cli = Cli::try_parse_from(["frontmap", "extract", "--csv", "a.txt"]).unwrap();
        let Command::Extract(a) = cli.command else {
            panic!()
        };
        assert!(a.csv);
        // A file is needed unless --jsonl; --jsonl reads stdin only; one output format.
        assert!(Cli::try_parse_from(["frontmap", "extract"]).is_err());
        assert!(Cli::try_parse_from(["frontmap", "extract", "--jsonl", "a.txt"]).is_err());
        assert!(Cli::try_parse_from(["frontmap", "extract", "--json", "--csv", "a.txt"]).is_err());
    }

    #[test]
    fn resolve_needs_a_name() {
        assert!(Cli::try_parse_from(["frontmap", "resolve"]).is_err());
    }
}
