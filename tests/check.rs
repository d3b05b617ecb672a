//! End-to-end tests of `frontmap check` through the real binary, with our own French and
//! English sentences (the real dispatches are only read from ../shared/articles).

mod util;

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_frontmap"))
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = bin().args(args).output().expect("run frontmap");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn check_text(text: &str) -> Vec<Value> {
    let (code, out, err) = run(&["check", "--json", "--country", "ML", "--text", text]);
    assert_eq!(code, 0, "stderr: {err}");
    let v: Value = serde_json::from_str(&out).expect("JSON");
    v.as_array().expect("array").clone()
}

fn one(text: &str) -> Value {
    let v = check_text(text);
    assert_eq!(v.len(), 1, "expected one claim in {text:?}, got {v:#?}");
    v[0].clone()
}

macro_rules! expect {
    ($c:expr, $field:literal, $want:expr) => {
        assert_eq!(
            $c[$field],
            serde_json::json!($want),
            "field {} of {:#}",
            $field,
            $c
        );
    };
}

fn articles() -> PathBuf {
    util::shared_articles()
}

// ---- patterns ---------------------------------------------------------------------------

#[test]
fn place_distance_direction_reference_fr() {
    let c = one("Les blindés ont quitté Sévaré, à 70 km au sud de Konna, dans la nuit.");
    expect!(c, "from", "Konna");
    expect!(c, "to", "Sévaré");
    expect!(c, "stated_km", 70.0);
    expect!(c, "qualifier", "exact");
    expect!(c, "direction", "S");
    expect!(c, "compass", "SSW");
    expect!(c, "verdict", "plausible_by_road");
    expect!(c, "direction_verdict", "agrees");
    let reason = c["reason"].as_str().unwrap();
    assert!(
        reason.starts_with("great-circle 51 km at 205° (SSW); the stated 70 km is 1.38× that"),
        "{reason}"
    );
    assert!(c["from_lat"].is_number() && c["to_lon"].is_number());
    assert_eq!(c["line"], 1);
    assert_eq!(c["start"], 0);
}

#[test]
fn place_distance_direction_reference_en() {
    let c = one("Reinforcements reached Hombori, some 190 km east of Douentza, on Monday.");
    expect!(c, "from", "Douentza");
    expect!(c, "to", "Hombori");
    expect!(c, "qualifier", "about");
    expect!(c, "direction", "E");
}

#[test]
fn reference_in_another_clause() {
    let c =
        one("Située à plus de 600 km de Bamako, la localité de Douentza a été prise sans combat.");
    expect!(c, "from", "Bamako");
    expect!(c, "to", "Douentza");
    expect!(c, "qualifier", "more_than");
    expect!(c, "direction", Value::Null);
    expect!(c, "verdict", "consistent");
    let c = one("Located more than 600 km from Bamako, the town of Douentza fell without a fight.");
    expect!(c, "from", "Bamako");
    expect!(c, "to", "Douentza");
}

#[test]
fn french_numbers() {
    for (text, km) in [
        (
            "La colonne a atteint Gao, à 1.200 km au nord-est de Bamako.",
            1200.0,
        ),
        (
            "La colonne a atteint Gao, à 1 200 km au nord-est de Bamako.",
            1200.0,
        ),
        (
            "La colonne a atteint Gao, à 1\u{a0}200 km au nord-est de Bamako.",
            1200.0,
        ),
        (
            "La colonne a atteint Gao, à 1\u{202f}200 km au nord-est de Bamako.",
            1200.0,
        ),
        ("Le poste est à Sévaré, à 12,5 km de Mopti.", 12.5),
    ] {
        let c = one(text);
        expect!(c, "stated_km", km);
    }
}

#[test]
fn english_numbers() {
    let c = one("Convoys reached Gao, 1,200 km northeast of Bamako.");
    expect!(c, "stated_km", 1200.0);
    expect!(c, "direction", "NE");
    let c = one("The checkpoint at Sévaré, 12.5 km from Mopti, was reinforced.");
    expect!(c, "stated_km", 12.5);
    expect!(c, "verdict", "consistent");
}

#[test]
fn ranges_keep_both_bounds() {
    for text in [
        "Konna, à 50 à 60 km au nord de Sévaré, est tombée.",
        "Konna, between 50 and 60 km north of Sévaré, fell.",
        "Konna, 50-60 km north of Sévaré, fell.",
        "Konna, à entre 50 et 60 km au nord de Sévaré, est tombée.",
    ] {
        let c = one(text);
        expect!(c, "stated_km", 55.0);
        assert_eq!(c["stated"]["low_km"], 50.0, "{text}");
        assert_eq!(c["stated"]["high_km"], 60.0, "{text}");
        expect!(c, "verdict", "consistent");
    }
}

#[test]
fn miles_and_nautical_miles_are_converted() {
    let c = one("Gao, some 590 miles northeast of Bamako, was quiet.");
    assert_eq!(c["stated"]["unit"], "mi");
    assert_eq!(c["stated"]["value"], 590.0);
    assert!((c["stated_km"].as_f64().unwrap() - 949.5).abs() < 0.5);
    expect!(c, "verdict", "consistent");
    let c = one("Gao, à quelque 590 milles au nord-est de Bamako, était calme.");
    assert_eq!(c["stated"]["unit"], "mi");
    let c = one("Gao, about 510 nautical miles northeast of Bamako, was quiet.");
    assert_eq!(c["stated"]["unit"], "nmi");
    assert!((c["stated_km"].as_f64().unwrap() - 944.5).abs() < 0.5);
    let c = one("Gao, à environ 510 milles nautiques au nord-est de Bamako.");
    assert_eq!(c["stated"]["unit"], "nmi");
}

#[test]
fn metres() {
    let c = one("Le camp de Kidal-ville est à 800 m de Kidal.");
    assert_eq!(c["stated"]["unit"], "m");
    assert_eq!(c["stated_km"], 0.8);
}

#[test]
fn qualifiers() {
    for (text, q) in [
        ("Konna, à plus de 40 km de Sévaré.", "more_than"),
        ("Konna, à au moins 40 km de Sévaré.", "more_than"),
        ("Konna, more than 40 km from Sévaré.", "more_than"),
        ("Konna, over 40 km from Sévaré.", "more_than"),
        ("Konna, at least 40 km from Sévaré.", "more_than"),
        ("Konna, à moins de 80 km de Sévaré.", "less_than"),
        ("Konna, less than 80 km from Sévaré.", "less_than"),
        ("Konna, under 80 km from Sévaré.", "less_than"),
        ("Konna, within 80 km of Sévaré.", "less_than"),
        ("Konna, à environ 50 km de Sévaré.", "about"),
        ("Konna, à quelque 50 km de Sévaré.", "about"),
        ("Konna, à près de 50 km de Sévaré.", "about"),
        (
            "Konna, à une cinquantaine de kilomètres de Sévaré.",
            "about",
        ),
        ("Konna, about 50 km from Sévaré.", "about"),
        ("Konna, some 50 km from Sévaré.", "about"),
        ("Konna, around 50 km from Sévaré.", "about"),
        ("Konna, roughly 50 km from Sévaré.", "about"),
        ("Konna, nearly 50 km from Sévaré.", "about"),
        ("Konna, approximately 50 km from Sévaré.", "about"),
        ("Konna, 50 km from Sévaré.", "exact"),
    ] {
        let c = one(text);
        assert_eq!(c["qualifier"], q, "{text}");
        assert_eq!(c["verdict"], "consistent", "{text}: {}", c["reason"]);
    }
}

#[test]
fn compass_points_in_both_languages() {
    for (text, dir) in [
        ("Gao, à 950 km au Nord-Est de Bamako.", "NE"),
        ("Gao, à 950 km au nord-est de Bamako.", "NE"),
        ("Gao, 950 km north-east of Bamako.", "NE"),
        ("Gao, 950 km northeast of Bamako.", "NE"),
        ("Gao, 950 km NE of Bamako.", "NE"),
        ("Gao, 950 km ENE of Bamako.", "ENE"),
        ("Gao, à 950 km à l'est-nord-est de Bamako.", "ENE"),
        ("Gao, 950 km east-northeast of Bamako.", "ENE"),
        ("Gao, 950 km to the east-north-east of Bamako.", "ENE"),
        ("Sévaré, à 50 km au sud-sud-ouest de Konna.", "SSW"),
        ("Sévaré, 50 km SSW of Konna.", "SSW"),
        ("Konna, à 50 km au nord-nord-est de Sévaré.", "NNE"),
        ("Ségou, à 200 km à l'est de Bamako.", "E"),
        ("Bamako, à 200 km à l'ouest de Ségou.", "W"),
        ("Bamako, 200 km west of Ségou.", "W"),
    ] {
        let c = one(text);
        assert_eq!(c["direction"], dir, "{text}");
        assert_eq!(c["direction_verdict"], "agrees", "{text}: {}", c["reason"]);
    }
}

#[test]
fn direction_only_claims() {
    let c = one("Les soldats ont gagné Tessalit, au nord de Kidal, avant l'aube.");
    expect!(c, "from", "Kidal");
    expect!(c, "to", "Tessalit");
    expect!(c, "stated_km", Value::Null);
    expect!(c, "direction", "N");
    expect!(c, "verdict", "consistent");
    let c = one("The patrol reached Tessalit, north of Kidal, at dawn.");
    expect!(c, "direction", "N");
    expect!(c, "verdict", "consistent");
}

#[test]
fn regions_named_by_compass_words_are_not_claims() {
    for text in [
        "Les combats continuent dans le nord du Mali depuis avril.",
        "Fighting goes on in northern Mali, officials said.",
        "Une explosion a eu lieu à Kidal (nord du Mali) samedi.",
        "Une explosion a eu lieu à Kidal (est du Mali) samedi.",
        "Troops moved into the north Kidal region on Friday.",
        "Une source basée au nord du Mali l'a confirmé.",
        "The army holds the north of Mali.",
    ] {
        assert!(check_text(text).is_empty(), "{text}");
    }
}

#[test]
fn lengths_without_a_pair_of_places_are_not_claims() {
    for text in [
        "Engineers built a 12 km causeway near Mopti.",
        "Une colonne de 5 km de véhicules a quitté Gao.",
        "La route Bamako-Ségou, longue de 240 km, a été réparée.",
        "Le trajet Bamako-Gao via Mopti est de 1200 km.",
        "Les otages ont été tués à une quinzaine de kilomètres de la ville.",
        "The blast hit a garage in Gao about 500 meters (550 yards) from a military base.",
        "The column stopped 20 km outside the town.",
    ] {
        assert!(
            check_text(text).is_empty(),
            "{text}: {:#?}",
            check_text(text)
        );
    }
}

#[test]
fn several_claims_in_one_sentence() {
    let v = check_text(
        "Konna, à 50 km au nord de Sévaré, et Douentza, à 145 km au nord-est de Mopti, sont menacées.",
    );
    assert_eq!(v.len(), 2, "{v:#?}");
    assert_eq!(v[0]["to"], "Konna");
    assert_eq!(v[1]["to"], "Douentza");
    assert_eq!(v[1]["from"], "Mopti");
}

#[test]
fn one_claim_per_sentence_across_a_file_with_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.txt");
    let text = "Titre de la dépêche\n\nLa ville de Konna, à 50 km au nord de Sévaré, est tombée. Rien ne bouge à Gao.\nL'armée tient Douentza, à 150 km au nord-est de Mopti.\n";
    std::fs::write(&path, text).unwrap();
    let (code, out, _) = run(&["check", "--json", "--country", "ML", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    let v: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(v.len(), 2);
    for c in &v {
        let (s, e) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], c["sentence"].as_str().unwrap());
    }
    assert_eq!(v[0]["line"], 3);
    assert_eq!(v[1]["line"], 4);
}

#[test]
fn the_town_named_in_an_earlier_sentence() {
    let v = check_text(
        "Les rebelles ont attaqué Aguelhok mardi. Ils ont encerclé la ville, située à 130 km au nord-nord-ouest de Kidal.",
    );
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["to"], "Aguelhok");
    assert_eq!(v[0]["to_from_context"], true);
    assert_eq!(v[0]["verdict"], "consistent");
}

#[test]
fn capitalisation_keeps_common_words_out() {
    // "ber" and "gao" in lower case are words here, not the towns.
    assert!(check_text("Le ber est à 5 km de la gao.").is_empty());
}

// ---- one deliberately wrong claim per verdict kind, in both languages -----------------------

#[test]
fn verdict_kinds_french() {
    let c = one("Hombori, à 140 km à l'est de Douentza, a été reprise.");
    expect!(c, "verdict", "consistent");
    let c = one("Hombori, à 190 km à l'est de Douentza, a été reprise.");
    expect!(c, "verdict", "plausible_by_road");
    let c = one("Hombori, à 60 km à l'est de Douentza, a été reprise.");
    expect!(c, "verdict", "inconsistent");
    assert!(
        c["reason"]
            .as_str()
            .unwrap()
            .contains("shorter than the straight line")
    );
    let c = one("Hombori, à 900 km à l'est de Douentza, a été reprise.");
    expect!(c, "verdict", "inconsistent");
    assert!(
        c["reason"]
            .as_str()
            .unwrap()
            .contains("more than the 1.60×")
    );
    let c = one("Hombori, à 140 km au nord de Douentza, a été reprise.");
    expect!(c, "verdict", "inconsistent");
    expect!(c, "distance_verdict", "consistent");
    expect!(c, "direction_verdict", "disagrees");
    assert!(
        c["reason"]
            .as_str()
            .unwrap()
            .contains("the true direction is E"),
        "{}",
        c["reason"]
    );
    let c = one("L'embuscade a eu lieu dans l'Oued de Tin-Zzyqx, à 15 km au sud de Tessalit.");
    expect!(c, "verdict", "unresolved");
    expect!(c, "to", "Oued de Tin-Zzyqx");
    assert!(
        c["reason"]
            .as_str()
            .unwrap()
            .contains("is not in the gazetteer")
    );
}

#[test]
fn verdict_kinds_english() {
    let c = one("Hombori, about 140 km east of Douentza, was retaken.");
    expect!(c, "verdict", "consistent");
    let c = one("Hombori, 190 km east of Douentza, was retaken.");
    expect!(c, "verdict", "plausible_by_road");
    let c = one("Hombori, 60 km east of Douentza, was retaken.");
    expect!(c, "verdict", "inconsistent");
    let c = one("Hombori, 140 km west of Douentza, was retaken.");
    expect!(c, "verdict", "inconsistent");
    expect!(c, "direction_verdict", "disagrees");
    let c = one("The ambush took place at Wadi Zzyqxtown, 15 km south of Tessalit.");
    expect!(c, "verdict", "unresolved");
}

#[test]
fn detour_band_flag_changes_the_verdict() {
    let args = |d: &str| {
        let (code, out, _) = run(&[
            "check",
            "--json",
            "--country",
            "ML",
            "--detour-max",
            d,
            "--text",
            "Hombori, 190 km east of Douentza, was retaken.",
        ]);
        assert_eq!(code, 0);
        let v: Vec<Value> = serde_json::from_str(&out).unwrap();
        v[0]["verdict"].as_str().unwrap().to_string()
    };
    assert_eq!(args("1.6"), "plausible_by_road");
    assert_eq!(args("1.25"), "inconsistent");
    let (code, _, err) = run(&["check", "--detour-max", "0.5", "--text", "x"]);
    assert_eq!(code, 2, "{err}");
}

// ---- the real dispatches ------------------------------------------------------------------

#[test]
fn the_three_claims_of_the_source_dispatches() {
    let mut all = Vec::new();
    for f in ["000_e2b5f6e151e22216.txt", "003_e79d555fdb79c92d.txt"] {
        let p = articles().join(f);
        let (code, out, err) = run(&["check", "--json", "--country", "ML", p.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        let v: Vec<Value> = serde_json::from_str(&out).unwrap();
        all.extend(v);
    }
    assert_eq!(all.len(), 3, "{all:#?}");
    let want = [
        ("Bamako", "Konna", 700.0, "more_than", Value::Null),
        ("Konna", "Sévaré", 70.0, "exact", serde_json::json!("S")),
        ("Bamako", "Gao", 1200.0, "exact", serde_json::json!("NE")),
    ];
    for (c, (from, to, km, q, dir)) in all.iter().zip(want) {
        assert_eq!(c["from"], from);
        assert_eq!(c["to"], to);
        assert_eq!(c["stated_km"], km);
        assert_eq!(c["qualifier"], q);
        assert_eq!(c["direction"], dir);
        assert!(c["verdict"].is_string() && !c["reason"].as_str().unwrap().is_empty());
    }
}

#[test]
fn the_claims_table_of_the_case() {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/mali2013/claims.csv");
    let (code, out, err) = run(&[
        "check",
        "--json",
        "--country",
        "ML",
        "--claims",
        p.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let v: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(v.len(), 3);
    assert_eq!(v[2]["date"], "2013-02-21");
    assert_eq!(v[1]["direction_verdict"], "agrees");
    assert_eq!(v[0]["line"], 2);
}

// ---- bad input ----------------------------------------------------------------------------

#[test]
fn empty_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("empty.txt");
    std::fs::write(&p, "").unwrap();
    let (code, _, err) = run(&["check", p.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("empty.txt:1:1:") && err.contains("empty"),
        "{err}"
    );
}

#[test]
fn binary_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("map.png");
    std::fs::write(&p, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap();
    let (code, _, err) = run(&["check", p.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("map.png:") && err.contains("binary"), "{err}");
}

#[test]
fn missing_file_exits_2() {
    let (code, _, err) = run(&["check", "/nonexistent/dispatch.txt"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn windows_1252_is_decoded_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("cp1252.txt");
    // "Sévaré, à 70 km au sud de Konna." in Windows-1252.
    std::fs::write(
        &p,
        b"Les troupes sont \xe0 S\xe9var\xe9, \xe0 70 km au sud de Konna.",
    )
    .unwrap();
    let (code, out, err) = run(&["check", "--json", "--country", "ML", p.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(err.contains("Windows-1252"), "{err}");
    let v: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["to"], "Sévaré");
}

#[test]
fn stdin_is_read() {
    use std::io::Write;
    let mut child = bin()
        .args(["check", "--json", "--country", "ML", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Konna, 50 km north of Sévaré, fell.".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.len(), 1);
}

#[test]
fn a_50_mb_file_gives_a_correct_result() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.txt");
    let filler = "Les pluies ont été abondantes cette année dans la région de Mopti, selon les \
                  agriculteurs interrogés à Sévaré et à Konna.\n";
    let claim = "Konna, à 50 km au nord de Sévaré, reste calme.\n";
    let mut s = String::with_capacity(51 * 1024 * 1024);
    let mut n = 0;
    let mut i = 0u64;
    while s.len() < 50 * 1024 * 1024 {
        if i.is_multiple_of(5000) {
            s.push_str(claim);
            n += 1;
        } else {
            s.push_str(filler);
        }
        i += 1;
    }
    std::fs::write(&p, &s).unwrap();
    let (code, out, err) = run(&["check", "--json", "--country", "ML", p.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let v: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(v.len(), n);
    assert!(v.iter().all(|c| c["verdict"] == "consistent"));
}

#[test]
fn human_table_lists_verdicts_and_reasons() {
    let (code, out, _) = run(&[
        "check",
        "--country",
        "ML",
        "--text",
        "Sévaré, à 70 km au sud de Konna.",
    ]);
    assert_eq!(code, 0);
    assert!(
        out.contains("verdict") && out.contains("plausible_by_road"),
        "{out}"
    );
    assert!(out.contains("1. great-circle 51 km"), "{out}");
    assert!(!out.contains('\x1b'), "no colour when not a terminal");
}
