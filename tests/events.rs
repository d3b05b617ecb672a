//! End-to-end tests of `frontmap import` and `frontmap control`, through the real binary.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/events")
        .join(name)
}

fn frontmap(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_frontmap"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("FRONTMAP_PLACES")
        .env("HOME", std::env::temp_dir())
        .output()
        .expect("run frontmap");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn import_json(file: &Path) -> (i32, Value) {
    let f = file.to_str().unwrap();
    let (code, out, err) = frontmap(&["import", "--json", "--country", "ML", f]);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out} {err}"));
    (code, v)
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

#[test]
fn three_formats_give_the_same_event_shape() {
    let mut shapes = Vec::new();
    let mut konna_ids = Vec::new();
    for (name, format) in [
        ("acled_sample.csv", "acled"),
        ("ucdp_sample.csv", "ucdp"),
        ("own.csv", "frontmap"),
    ] {
        let (code, v) = import_json(&fixture(name));
        assert_eq!(code, 0, "{name}: {v}");
        assert_eq!(v["files"][0]["format"], format);
        assert_eq!(v["summary"]["read"], 3, "{name}");
        assert_eq!(v["summary"]["imported"], 3, "{name}");
        assert_eq!(v["summary"]["rejected"], 0, "{name}");
        let events = v["events"].as_array().unwrap();
        for e in events {
            shapes.push((name, keys(e)));
        }
        // Every format puts its 10 January 2013 event at the same gazetteer place, Konna.
        let k = events
            .iter()
            .find(|e| e["date_start"] == "2013-01-10")
            .unwrap_or_else(|| panic!("{name}: no 10 January event"));
        assert!((k["lat"].as_f64().unwrap() - 14.94).abs() < 0.05, "{k}");
        assert!(
            k["sides"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s == "jihadist"),
            "{k}"
        );
        konna_ids.push(k["place_id"].clone());
    }
    let first = &shapes[0].1;
    for (name, s) in &shapes {
        assert_eq!(s, first, "{name} differs in shape");
    }
    for needed in [
        "id",
        "date_start",
        "date_end",
        "date_precision",
        "place",
        "place_as_written",
        "lat",
        "lon",
        "resolution",
        "confidence",
        "event_type",
        "sub_event_type",
        "actors",
        "sides",
        "fatalities",
        "source",
    ] {
        assert!(first.contains(needed), "missing {needed}");
    }
    assert!(
        konna_ids.iter().all(|i| *i == konna_ids[0] && !i.is_null()),
        "{konna_ids:?}"
    );
}

#[test]
fn acled_and_ucdp_precision_codes_are_kept_and_mapped() {
    let (_, v) = import_json(&fixture("acled_sample.csv"));
    let e = &v["events"][2];
    assert_eq!(e["date_precision"], "week");
    assert_eq!(e["date_start"], "2013-01-13");
    assert_eq!(e["date_end"], "2013-01-19");
    assert_eq!(e["location_precision"], "near");
    assert_eq!(e["source_codes"]["date_precision"], 2);
    assert_eq!(e["source_codes"]["location_precision"], 2);
    assert_eq!(e["extra"]["admin1"], "Segou");
    let (_, v) = import_json(&fixture("ucdp_sample.csv"));
    let e = &v["events"][0];
    assert_eq!(
        (
            e["fatalities"].as_u64(),
            e["fatalities_low"].as_u64(),
            e["fatalities_high"].as_u64()
        ),
        (Some(20), Some(15), Some(30))
    );
    assert_eq!(e["resolution"], "coordinates");
    let e = &v["events"][2];
    assert_eq!(e["date_precision"], "month");
    assert_eq!(e["location_precision"], "region");
    assert_eq!(e["source_codes"]["type_of_violence"], 3);
    assert_eq!(e["sub_event_type"], "Attack");
}

#[test]
fn own_csv_counts_fuzzy_matches_and_keeps_extra_columns() {
    let (_, v) = import_json(&fixture("own.csv"));
    assert_eq!(v["summary"]["resolved_fuzzy"], 1);
    assert_eq!(v["events"][2]["resolution"], "fuzzy");
    assert_eq!(v["events"][2]["place_as_written"], "Tombouctu");
    assert_eq!(
        v["events"][0]["extra"]["url"],
        "https://example.org/fixture/1"
    );
    assert_eq!(v["events"][0]["event_type"], "Battles");
    assert_eq!(v["events"][0]["kind"], "capture");
}

#[test]
fn bad_rows_are_all_reported_and_good_rows_still_imported() {
    let bad = fixture("bad.csv");
    let f = bad.to_str().unwrap();
    let (code, out, err) = frontmap(&["import", f]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.contains("read 5, imported 2, rejected 3"), "{out}");
    assert!(out.contains("Douentza"), "{out}");
    assert!(
        err.contains(&format!("{f}:3:1: bad date \"2013-01-32\"")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{f}:4:2: unknown place \"Konnnaaa\"")),
        "{err}"
    );
    assert!(err.contains("Konna"), "the nearest names are given: {err}");
    assert!(
        err.contains(&format!("{f}:5:5: wrong column count")),
        "{err}"
    );
    let (code, v) = import_json(&bad);
    assert_eq!(code, 2);
    assert_eq!(v["summary"]["rejected"], 3);
    let rejected = v["rejected"].as_array().unwrap();
    let at: Vec<(u64, u64)> = rejected
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), r["column"].as_u64().unwrap()))
        .collect();
    assert_eq!(at, [(3, 1), (4, 2), (5, 5)]);
    assert!(
        rejected
            .iter()
            .all(|r| r["file"] == f && r["reason"].is_string())
    );
}

#[test]
fn unknown_header_is_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("x.csv");
    std::fs::write(&p, "when,where\n2013-01-10,Konna\n").unwrap();
    let (code, _, err) = frontmap(&["import", p.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("x.csv:1:1: cannot tell the format"), "{err}");
    let (code, _, err) = frontmap(&["import", "--format", "acled", p.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("ACLED export needs"), "{err}");
}

fn control(date: &str, extra: &[&str]) -> (i32, Vec<Value>, String) {
    let mut args = vec!["control", "--json", "--date", date];
    args.extend_from_slice(extra);
    let (code, out, err) = frontmap(&args);
    let v: Vec<Value> = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out} {err}"));
    (code, v, err)
}

fn place<'a>(v: &'a [Value], name: &str) -> &'a Value {
    v.iter()
        .find(|p| p["place"] == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

#[test]
fn konna_changes_hands_on_10_january_2013() {
    let (code, before, _) = control("2013-01-09", &[]);
    assert_eq!(code, 0);
    let (_, after, _) = control("2013-01-11", &[]);
    let b = place(&before, "Konna");
    let a = place(&after, "Konna");
    assert_eq!(b["side"], "government");
    assert_eq!(b["status"], "held");
    assert_eq!(a["side"], "jihadist");
    assert_eq!(a["since"], "2013-01-10");
    assert_eq!(a["status"], "contested", "counter-offensive of 11 January");
    assert!(a["event_id"].is_string());
    for key in ["place", "lat", "lon", "side", "status", "since", "event_id"] {
        assert!(a.get(key).is_some(), "missing {key}");
    }
    // The north stays jihadist until the French-Malian push.
    assert_eq!(place(&after, "Gao")["side"], "jihadist");
    let (_, feb, _) = control("2013-02-21", &[]);
    assert_eq!(place(&feb, "Gao")["side"], "government");
    assert_eq!(place(&feb, "Gao")["status"], "contested");
    assert_eq!(place(&feb, "Kidal")["status"], "contested");
    let (_, later, _) = control("2013-02-21", &["--contested-days", "1"]);
    assert_eq!(place(&later, "Konna")["status"], "held");
}

#[test]
fn conflicting_capture_dates_are_reported() {
    let f = fixture("conflict.csv");
    let (code, v, err) = control("2013-01-28", &["--events", f.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(err.contains("conflicting dates"), "{err}");
    assert!(
        err.contains("2013-01-26") && err.contains("2013-01-27"),
        "{err}"
    );
    assert_eq!(place(&v, "Gao")["side"], "government");
    assert_eq!(place(&v, "Gao")["since"], "2013-01-26");
    // The embedded case reports its own two dates for Konna's recapture.
    let (_, _, err) = control("2013-01-20", &[]);
    assert!(
        err.contains("Konna") && err.contains("conflicting dates"),
        "{err}"
    );
}

#[test]
fn control_rejects_a_bad_date() {
    let (code, _, err) = frontmap(&["control", "--date", "2013-02-30"]);
    assert_eq!(code, 2);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
}
