//! End-to-end tests of `frontmap resolve` (issue 3: foundation and gazetteer).

mod util;

use serde_json::Value;
use util::{fixture, km, run, run_json, stderr};

/// Published coordinates (Wikipedia infoboxes, degrees-minutes rounded) of the places named in
/// the two dispatches and the main places of the 2012–2013 campaign, with French and English
/// spellings as the press writes them.
const CAMPAIGN: &[(&[&str], f64, f64)] = &[
    (&["Konna", "KONNA"], 14.95, -3.883),
    (&["Sévaré", "Sevare", "Sévare"], 14.533, -4.10),
    (&["Mopti", "Mopti-ville"], 14.483, -4.183),
    (&["Bamako"], 12.65, -8.0),
    (&["Gao"], 16.267, -0.05),
    (&["Kidal", "Kidal-ville"], 18.433, 1.40),
    (&["Tombouctou", "Timbuktu", "Timbuctoo"], 16.776, -3.009),
    (&["Diabaly", "Diabali"], 14.683, -6.017),
    (&["Douentza"], 15.0, -2.95),
    (&["Tessalit"], 20.2, 1.017),
    (
        &[
            "Aguelhok",
            "Aguelhoc",
            "Aguel'hoc",
            "Aguel’hoc",
            "AGUEL-HOC",
        ],
        19.467,
        0.85,
    ),
    (&["Ménaka", "Menaka"], 15.917, 2.40),
    (&["Léré", "Lere"], 15.717, -4.917),
    (&["Niafunké", "Niafunke"], 15.933, -3.983),
    (&["Hombori"], 15.283, -1.70),
    (&["Gossi"], 15.817, -1.30),
    (&["Ansongo"], 15.667, 0.50),
    (&["Bourem"], 16.95, -0.35),
    (&["Anéfis", "Anefis"], 18.05, 0.60),
    (&["Ber", "Bèr"], 16.85, -2.52),
    (
        &["Tin Zaouatene", "Tin-Zaouatene", "Tinzaouaten"],
        19.95,
        2.96,
    ),
    (&["Ségou", "Segou"], 13.433, -6.267),
    (&["Markala"], 13.70, -6.067),
    (&["Niono"], 14.25, -5.983),
    (&["Banamba"], 13.55, -7.45),
    (&["Hamakouladji"], 16.60, -0.08),
];

fn results(args: &[&str]) -> Vec<Value> {
    let (v, out) = run_json(args);
    assert!(
        out.status.success() || out.status.code() == Some(2),
        "{}",
        stderr(&out)
    );
    v.as_array().expect("an array").clone()
}

#[test]
fn every_campaign_place_resolves_within_5_km_under_every_spelling() {
    let mut args = vec!["resolve", "--json", "--country", "ML"];
    let names: Vec<&str> = CAMPAIGN
        .iter()
        .flat_map(|(n, _, _)| n.iter().copied())
        .collect();
    args.extend(&names);
    let res = results(&args);
    assert_eq!(res.len(), names.len());
    let mut i = 0;
    let mut failures = Vec::new();
    for (spellings, lat, lon) in CAMPAIGN {
        for name in spellings.iter() {
            let r = &res[i];
            i += 1;
            assert_eq!(r["query"], *name);
            let status = r["status"].as_str().unwrap();
            let p = &r["place"];
            if status != "resolved" || p.is_null() {
                failures.push(format!("{name}: {status}"));
                continue;
            }
            let d = km(
                *lat,
                *lon,
                p["lat"].as_f64().unwrap(),
                p["lon"].as_f64().unwrap(),
            );
            if d > 5.0 {
                failures.push(format!("{name}: {} is {d:.1} km off", p["name"]));
            }
            assert_eq!(p["country"], "ML", "{name}");
            let c = r["confidence"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&c));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn campaign_places_resolve_without_a_country_bias_too() {
    let names = [
        "Konna",
        "Sévaré",
        "Gao",
        "Kidal",
        "Tombouctou",
        "Diabaly",
        "Tessalit",
    ];
    let mut args = vec!["resolve", "--json"];
    args.extend(names);
    for (r, (_, lat, lon)) in results(&args).iter().zip(
        names
            .iter()
            .map(|n| CAMPAIGN.iter().find(|c| c.0.contains(n)).unwrap()),
    ) {
        assert_eq!(r["status"], "resolved", "{r}");
        let d = km(
            *lat,
            *lon,
            r["place"]["lat"].as_f64().unwrap(),
            r["place"]["lon"].as_f64().unwrap(),
        );
        assert!(d < 5.0, "{r}");
    }
}

#[test]
fn json_follows_the_contract() {
    let res = results(&["resolve", "--json", "Tombouctou"]);
    let r = &res[0];
    for key in [
        "query",
        "status",
        "place",
        "confidence",
        "alternatives",
        "suggestions",
    ] {
        assert!(r.get(key).is_some(), "missing {key}: {r}");
    }
    for key in [
        "id",
        "name",
        "lat",
        "lon",
        "country",
        "admin1",
        "kind",
        "population",
    ] {
        assert!(r["place"].get(key).is_some(), "missing place.{key}: {r}");
    }
    assert_eq!(r["place"]["kind"], "PPLA");
    assert_eq!(r["place"]["admin1"], "Tombouctou");
    assert!(r["place"]["id"].as_str().unwrap().starts_with("gn:"));
    for alt in r["alternatives"].as_array().unwrap() {
        for key in ["name", "lat", "lon", "country", "confidence"] {
            assert!(alt.get(key).is_some(), "alternative lacks {key}");
        }
    }
}

#[test]
fn the_capital_wins_over_streams_named_bamako() {
    let r = &results(&["resolve", "--json", "Bamako"])[0];
    assert_eq!(r["status"], "resolved");
    assert_eq!(r["place"]["kind"], "PPLC");
    assert!(r["confidence"].as_f64().unwrap() > 0.8);
}

#[test]
fn konna_wins_over_the_villages_named_kona() {
    let r = &results(&["resolve", "--json", "--country", "ML", "Kona"])[0];
    assert_eq!(r["status"], "resolved", "{r}");
    assert!(
        km(
            14.95,
            -3.883,
            r["place"]["lat"].as_f64().unwrap(),
            r["place"]["lon"].as_f64().unwrap()
        ) < 5.0
    );
    // The villages are still listed, with lower confidence.
    let alts = r["alternatives"].as_array().unwrap();
    assert!(alts.len() >= 5, "{r}");
    assert!(
        alts.iter()
            .all(|a| a["confidence"].as_f64() < r["confidence"].as_f64())
    );
}

#[test]
fn homonyms_give_the_town_or_an_honest_ambiguous() {
    // Diré, the cercle seat, among several Dire; San, the town, among villages named San.
    for (name, lat, lon) in [
        ("Diré", 16.27, -3.40),
        ("Dire", 16.27, -3.40),
        ("San", 13.30, -4.90),
    ] {
        let r = &results(&["resolve", "--json", "--country", "ML", name])[0];
        match r["status"].as_str().unwrap() {
            "resolved" => {
                let d = km(
                    lat,
                    lon,
                    r["place"]["lat"].as_f64().unwrap(),
                    r["place"]["lon"].as_f64().unwrap(),
                );
                assert!(d < 5.0, "{name} resolved to the wrong homonym: {r}");
            }
            "ambiguous" => {
                let all: Vec<&Value> = std::iter::once(&r["place"])
                    .chain(r["alternatives"].as_array().unwrap())
                    .collect();
                assert!(
                    all.iter().any(|p| km(
                        lat,
                        lon,
                        p["lat"].as_f64().unwrap(),
                        p["lon"].as_f64().unwrap()
                    ) < 5.0),
                    "{r}"
                );
            }
            s => panic!("{name}: {s}"),
        }
    }
}

#[test]
fn tin_zaouatene_straddles_the_border() {
    let r = &results(&["resolve", "--json", "Tin Zaouatene"])[0];
    assert_eq!(r["status"], "ambiguous", "{r}");
    let countries: Vec<&str> = std::iter::once(&r["place"])
        .chain(r["alternatives"].as_array().unwrap())
        .map(|p| p["country"].as_str().unwrap())
        .collect();
    assert!(
        countries.contains(&"ML") && countries.contains(&"DZ"),
        "{countries:?}"
    );
    let r = &results(&["resolve", "--json", "--country", "ML", "Tin Zaouatene"])[0];
    assert_eq!(r["status"], "resolved");
    assert_eq!(r["place"]["country"], "ML");
    let r = &results(&["resolve", "--json", "--country", "DZ", "Tin Zaouatene"])[0];
    assert_eq!(r["place"]["country"], "DZ");
}

#[test]
fn near_pulls_an_ambiguous_name_toward_the_document() {
    // Several places in Mali are called Kona; near Bamako's Koulikoro villages the nearest wins.
    let far = &results(&["resolve", "--json", "--near", "13.07,-7.71", "Kona"])[0];
    let p = &far["place"];
    assert!(
        km(
            13.07,
            -7.71,
            p["lat"].as_f64().unwrap(),
            p["lon"].as_f64().unwrap()
        ) < 20.0,
        "{far}"
    );
}

#[test]
fn misspellings_get_suggestions_and_a_low_confidence_match() {
    let res = results(&["resolve", "--json", "Tombuctou", "Sevarre", "Kidall"]);
    for (r, want) in res.iter().zip(["Timbuktu", "Sévaré", "Kidal"]) {
        assert_eq!(r["match"], "fuzzy", "{r}");
        assert_eq!(r["place"]["name"], want, "{r}");
        assert!(r["confidence"].as_f64().unwrap() < 0.75);
    }
    let out = run(&["resolve", "--json", "--no-fuzzy", "Tombuctou"]);
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["status"], "unknown");
    let sugg: Vec<&str> = v[0]["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(
        sugg.iter()
            .any(|s| s.starts_with("Tombouctou") || *s == "Timbuktu"),
        "{sugg:?}"
    );
}

#[test]
fn unknown_name_exits_2_with_nearest_names() {
    let out = run(&["resolve", "Gaoo-Bakhmout"]);
    assert_eq!(out.status.code(), Some(2));
    let text = util::stdout(&out);
    assert!(text.contains("unknown"), "{text}");
    let out = run(&["resolve", "--json", "Bakhmout"]);
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["status"], "unknown");
    assert!(v[0]["place"].is_null());
    assert!(!v[0]["suggestions"].as_array().unwrap().is_empty());
}

#[test]
fn user_places_add_places_and_alternate_names() {
    let f = fixture("places/user_places.csv");
    let res = results(&[
        "resolve",
        "--json",
        "--places",
        f.to_str().unwrap(),
        "Camp Nord Bravo",
        "Duwanza",
        "Gao",
    ]);
    assert_eq!(res[0]["status"], "resolved");
    assert_eq!(res[0]["place"]["lat"], 16.31);
    assert_eq!(res[1]["place"]["name"], "Douentza");
    assert_eq!(res[1]["match"], "alternate");
    assert_eq!(res[2]["status"], "resolved");
}

#[test]
fn user_places_from_the_environment_are_read() {
    let f = fixture("places/user_places.csv");
    let out = util::frontmap()
        .env("FRONTMAP_PLACES", f.to_str().unwrap())
        .args(["resolve", "--json", "Duwanza"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["place"]["name"], "Douentza");
}

#[test]
fn a_broken_user_csv_is_refused_with_positions_and_exit_2() {
    let f = fixture("places/broken_places.csv");
    let out = run(&["resolve", "--places", f.to_str().unwrap(), "Gao"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let file = f.to_str().unwrap();
    assert!(
        err.contains(&format!("{file}:3:2: lat \"14,9,1\"")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{file}:4:3: lon 200 is out of range")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{file}:5:3: this row has 2 fields")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{file}:6:1: a new place needs a name")),
        "{err}"
    );
    // Nothing half-loaded: no output on stdout.
    assert!(out.stdout.is_empty());
}

#[test]
fn a_missing_places_file_is_bad_input() {
    let out = run(&["resolve", "--places", "/nonexistent/places.csv", "Gao"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/nonexistent/places.csv"));
}

#[test]
fn human_table_lists_each_query() {
    let out = run(&["resolve", "Gao", "Kidal", "Tin Zaouatene"]);
    assert!(out.status.success());
    let text = util::stdout(&out);
    assert!(text.starts_with("query"), "{text}");
    assert!(text.contains("Gao") && text.contains("Kidal") && text.contains("ambiguous"));
}
