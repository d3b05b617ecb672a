//! Helpers shared by the end-to-end tests: run the real binary in a fresh folder.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The `frontmap` binary, with no user places from the environment.
pub fn frontmap() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_frontmap"));
    c.env_remove("FRONTMAP_PLACES")
        .env("XDG_CONFIG_HOME", "/nonexistent-frontmap-test")
        .env("NO_COLOR", "1");
    c
}

/// Runs `frontmap args…` and returns its output.
pub fn run(args: &[&str]) -> Output {
    frontmap().args(args).output().expect("frontmap runs")
}

/// Runs and parses stdout as JSON.
pub fn run_json(args: &[&str]) -> (serde_json::Value, Output) {
    let out = run(args);
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (v, out)
}

/// A test fixture's path.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// The shared articles folder: `$FRONTMAP_SHARED_ARTICLES` if set, else `shared/articles` in
/// the repository's parent folder or one of its ancestors (a clone may sit deeper than the
/// workplace's `main/`). Panics with a clear message when there is none: the tests that read
/// the real dispatches must not pass without them.
pub fn shared_articles() -> PathBuf {
    if let Some(p) = std::env::var_os("FRONTMAP_SHARED_ARTICLES") {
        return PathBuf::from(p);
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in repo.ancestors().skip(1) {
        let p = dir.join("shared/articles");
        if p.join("000_e2b5f6e151e22216.txt").is_file() {
            return p;
        }
    }
    for p in ["/work/shared/articles"] {
        if Path::new(p).join("000_e2b5f6e151e22216.txt").is_file() {
            return PathBuf::from(p);
        }
    }
    panic!(
        "the real dispatches (shared/articles) are not beside this repository; set FRONTMAP_SHARED_ARTICLES"
    )
}

/// Great-circle distance in km (spherical; for tolerance checks).
pub fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// stderr as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// stdout as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}
