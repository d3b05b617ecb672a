//! End-to-end tests of `frontmap extract` through the real binary: the two real dispatches
//! (read from ../shared/articles), our own French and English fixture dispatches with a
//! precision/recall harness, JSONL batches, the CSV round trip through `frontmap import`,
//! encodings and bad input.

mod util;

use std::path::{Path, PathBuf};

use serde_json::Value;
use util::{fixture, frontmap, run, run_json, shared_articles, stderr, stdout};

fn article(name: &str) -> String {
    shared_articles().join(name).display().to_string()
}

fn events(v: &Value) -> &Vec<Value> {
    v["events"].as_array().expect("events array")
}

/// The first event of `event_type` at `place` (as written or the gazetteer's name).
fn find<'a>(v: &'a Value, event_type: &str, place: &str) -> Option<&'a Value> {
    events(v).iter().find(|e| {
        e["event_type"] == event_type && (e["place"] == place || e["place_name"] == place)
    })
}

fn has_actor(e: &Value, name: &str) -> bool {
    e["actors"]
        .as_array()
        .is_some_and(|a| a.iter().any(|x| x == name))
}

#[test]
fn issue_7_konna_dispatch() {
    let (v, out) = run_json(&[
        "extract",
        "--json",
        "--country",
        "ML",
        &article("000_e2b5f6e151e22216.txt"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(v["dateline"], "2013-01-12");
    assert_eq!(v["date_source"], "dateline");
    // The capture of Konna, on Thursday 10 January.
    let cap = find(&v, "capture", "Konna").expect("capture of Konna");
    assert_eq!(cap["date"], "2013-01-10");
    assert_eq!(cap["date_precision"], "day");
    assert_eq!(cap["date_text"], "jeudi");
    assert!(has_actor(cap, "Islamist militants"), "{cap}");
    assert!(
        cap["sentence"]
            .as_str()
            .unwrap()
            .contains("tombée jeudi aux mains")
    );
    // The counter-offensive from Sévaré, on Friday 11 January, with French support; about
    // a hundred islamists killed.
    let counter = find(&v, "clash", "Sévaré").expect("counter-offensive from Sévaré");
    assert_eq!(counter["date"], "2013-01-11");
    assert!(has_actor(counter, "Military Forces of Mali"));
    assert!(has_actor(counter, "Military Forces of France"));
    assert_eq!(counter["fatalities"], 100);
    assert_eq!(counter["fatalities_precision"], "about");
    let mentions: Vec<&str> = counter["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["trigger"].as_str().unwrap())
        .collect();
    assert!(
        mentions.contains(&"contre-offensive") && mentions.contains(&"contre-attaque"),
        "{mentions:?}"
    );
    // The air strikes "cette nuit et ce matin": the night of 11 to 12 January; the French
    // soldier killed in a helicopter raid.
    let strikes: Vec<&Value> = events(&v)
        .iter()
        .filter(|e| e["event_type"] == "airstrike")
        .collect();
    assert_eq!(strikes.len(), 1, "{strikes:?}");
    let s = strikes[0];
    assert_eq!(s["date"], "2013-01-11");
    assert_eq!(s["date_end"], "2013-01-12");
    assert_eq!(s["date_precision"], "night");
    assert!(has_actor(s, "Military Forces of France"));
    assert_eq!(s["fatalities"], 1);
    assert!(s["fatalities_text"].as_str().unwrap().contains("soldat"));
    // Nothing is dated 2012 or on the dateline by "depuis avril 2012".
    assert!(
        events(&v)
            .iter()
            .all(|e| e["date"].as_str().unwrap().starts_with("2013-01"))
    );
    let since = v["dates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["text"] == "Depuis avril 2012")
        .unwrap();
    assert_eq!(since["role"], "since");
    assert_eq!(since["precision"], "month");
    assert_eq!(since["date_start"], "2012-04-01");
    // The Sévaré–Konna and Konna–Bamako claims, checked.
    let claims = v["claims"].as_array().unwrap();
    let pair = |from: &str, to: &str| claims.iter().find(|c| c["from"] == from && c["to"] == to);
    let sk = pair("Konna", "Sévaré").expect("Sévaré–Konna claim");
    assert_eq!(sk["stated_km"], 70.0);
    assert_eq!(sk["direction"], "S");
    let kb = pair("Bamako", "Konna").expect("Konna–Bamako claim");
    assert_eq!(kb["qualifier"], "more_than");
    assert_eq!(kb["stated_km"], 700.0);
}

#[test]
fn issue_7_gao_dispatch_with_a_date_option() {
    let f = article("003_e79d555fdb79c92d.txt");
    let (v, out) = run_json(&[
        "extract",
        "--json",
        "--country",
        "ML",
        "--date",
        "2013-02-21",
        &f,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(v["dateline"], "2013-02-21");
    assert_eq!(v["date_source"], "option");
    let gao: Vec<&Value> = events(&v)
        .iter()
        .filter(|e| e["event_type"] == "clash" && e["place"] == "Gao")
        .collect();
    // The outskirts during the night of 20 to 21 February (Nigerien soldiers, 3 islamists
    // killed), then the centre on the 21st (Malian troops, French helicopters, 5 killed).
    let night = gao
        .iter()
        .find(|e| e["date_precision"] == "night")
        .expect("night fighting");
    assert_eq!(night["date"], "2013-02-20");
    assert_eq!(night["date_end"], "2013-02-21");
    assert!(has_actor(night, "Military Forces of Niger"));
    assert_eq!(night["fatalities"], 3);
    let day = gao
        .iter()
        .find(|e| e["date_precision"] == "day")
        .expect("fighting in the centre");
    assert_eq!(day["date"], "2013-02-21");
    assert!(
        has_actor(day, "Military Forces of Mali") && has_actor(day, "Military Forces of France")
    );
    assert_eq!(day["fatalities"], 5);
    // The vehicle explosion at Kidal near the French and Chadian camp.
    let kidal = find(&v, "explosion", "Kidal").expect("explosion at Kidal");
    assert_eq!(kidal["date"], "2013-02-21");
    assert!(
        kidal["sentence"]
            .as_str()
            .unwrap()
            .contains("camp militaire français et tchadien")
    );
    assert!(has_actor(kidal, "Military Forces of Chad"));
    // The man with the explosive belt was overpowered: no explosion.
    assert!(find(&v, "disrupted weapons use", "Gao").is_some());
    // The Gao–Bamako claim.
    let c = &v["claims"].as_array().unwrap()[0];
    assert_eq!(
        (c["from"].as_str(), c["to"].as_str()),
        (Some("Bamako"), Some("Gao"))
    );
    assert_eq!(c["stated_km"], 1200.0);
    // "pendant neuf mois en 2012" is a duration, and no event is of 2012.
    let nine = v["dates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["text"] == "pendant neuf mois en 2012")
        .unwrap();
    assert_eq!(nine["role"], "duration");
    assert_eq!(nine["precision"], "duration");
    assert_eq!(nine["background"], true);
    assert!(
        events(&v)
            .iter()
            .all(|e| e["date"].as_str().unwrap().starts_with("2013-02-2"))
    );
    assert!(
        find(&v, "capture", "Gao").is_none(),
        "the 2012 occupation is not a 2013 capture"
    );
}

#[test]
fn without_dateline_or_date_relative_dates_stay_open() {
    let f = article("003_e79d555fdb79c92d.txt");
    let (v, out) = run_json(&["extract", "--json", "--country", "ML", &f]);
    assert!(out.status.success());
    assert_eq!(v["dateline"], Value::Null);
    assert_eq!(v["date_source"], "none");
    assert!(events(&v).iter().all(|e| e["date"].is_null()));
    let (text, _) = (stdout(&run(&["extract", "--country", "ML", &f])), ());
    assert!(text.contains("relative dates unresolved"), "{text}");
}

#[test]
fn human_output_lists_events_by_date_with_their_sentences() {
    let out = run(&[
        "extract",
        "--country",
        "ML",
        &article("000_e2b5f6e151e22216.txt"),
    ]);
    assert!(out.status.success());
    let t = stdout(&out);
    let capture = t.find("2013-01-10").expect("capture date");
    let strikes = t.find("2013-01-11…01-12").expect("strike night");
    assert!(capture < strikes, "{t}");
    assert!(
        t.contains("La contre-offensive malienne a été lancée vendredi"),
        "{t}"
    );
    assert!(t.contains("plausible_by_road"));
}

// ---- Precision and recall over our own fixture dispatches ----

struct Score {
    name: String,
    expected: usize,
    extracted: usize,
    matched: usize,
    dates_ok: usize,
    dates: usize,
    claims_ok: usize,
    claims: usize,
}

fn key(s: &str) -> String {
    frontmap::normalize::name_key(s)
}

/// Whether extracted event `e` is expected event `x`: the fields `x` gives must agree
/// (places compared accent- and case-insensitively; actors listed must be present).
fn event_matches(x: &Value, e: &Value) -> bool {
    let o = x.as_object().unwrap();
    o.iter().all(|(k, want)| match k.as_str() {
        "place" => {
            let w = key(want.as_str().unwrap());
            [&e["place"], &e["place_name"]]
                .iter()
                .any(|p| p.as_str().is_some_and(|p| key(p) == w))
        }
        "actors" => want
            .as_array()
            .unwrap()
            .iter()
            .all(|a| has_actor(e, a.as_str().unwrap())),
        _ => &e[k] == want,
    })
}

fn score_fixture(name: &str) -> Score {
    let txt = fixture(&format!("extract/{name}.txt"));
    let exp_path = fixture(&format!("extract/{name}.expected.json"));
    let exp: Value = serde_json::from_str(&std::fs::read_to_string(&exp_path).unwrap()).unwrap();
    let mut args: Vec<String> = vec![
        "extract".into(),
        "--json".into(),
        "--country".into(),
        "ML".into(),
    ];
    for a in exp["args"].as_array().into_iter().flatten() {
        args.push(a.as_str().unwrap().into());
    }
    args.push(txt.display().to_string());
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let (v, out) = run_json(&argv);
    assert!(out.status.success(), "{name}: {}", stderr(&out));
    assert_eq!(v["dateline"], exp["dateline"], "{name}: dateline");
    if let Some(src) = exp.get("date_source") {
        assert_eq!(&v["date_source"], src, "{name}");
    }
    let got = events(&v);
    let want = exp["events"].as_array().unwrap();
    let mut used = vec![false; got.len()];
    let mut matched = 0;
    for x in want {
        match got
            .iter()
            .enumerate()
            .find(|(i, e)| !used[*i] && event_matches(x, e))
        {
            Some((i, _)) => {
                used[i] = true;
                matched += 1;
            }
            None => eprintln!("{name}: missed {x}"),
        }
    }
    for (i, e) in got.iter().enumerate().filter(|(i, _)| !used[*i]) {
        eprintln!(
            "{name}: unexpected #{i} {} {} {} ({})",
            e["event_type"], e["place"], e["date"], e["sentence"]
        );
    }
    let dates = v["dates"].as_array().unwrap();
    let wd = exp["dates"].as_array().unwrap();
    let dates_ok = wd
        .iter()
        .filter(|x| {
            let ok = dates.iter().any(|d| event_matches(x, d));
            if !ok {
                eprintln!("{name}: date expression not found as expected: {x}");
            }
            ok
        })
        .count();
    let claims = v["claims"].as_array().unwrap();
    let wc = exp["claims"].as_array().unwrap();
    let claims_ok = wc
        .iter()
        .filter(|x| {
            claims
                .iter()
                .any(|c| c["from"] == x["from"] && c["to"] == x["to"])
        })
        .count();
    Score {
        name: name.into(),
        expected: want.len(),
        extracted: got.len(),
        matched,
        dates_ok,
        dates: wd.len(),
        claims_ok,
        claims: wc.len(),
    }
}

/// Precision and recall of events over the fixtures (an event counts when its type, place,
/// dates and every field the sidecar gives agree), plus date expressions and claims.
///
/// Threshold: each fixture states every pattern once or twice, so a broken pattern costs
/// one event of five or six (≈ 0.17 of that fixture, ≈ 0.07 overall). Overall precision and
/// recall must stay at or above 0.9 — at most one event wrong in the whole set — and every
/// expected date expression and claim must be found.
#[test]
fn fixtures_precision_and_recall() {
    // Every fixture with an expected sidecar takes part.
    let mut names: Vec<String> = std::fs::read_dir(fixture("extract"))
        .unwrap()
        .filter_map(|e| {
            let n = e.unwrap().file_name().to_string_lossy().into_owned();
            n.strip_suffix(".expected.json").map(String::from)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 8, "{names:?}");
    let scores: Vec<Score> = names.iter().map(|n| score_fixture(n)).collect();
    println!(
        "{:<20} {:>8} {:>9} {:>7} {:>9} {:>7} {:>6} {:>6}",
        "fixture", "expected", "extracted", "matched", "precision", "recall", "dates", "claims"
    );
    let (mut e, mut x, mut m, mut d, mut dt, mut c, mut ct) = (0, 0, 0, 0, 0, 0, 0);
    for s in &scores {
        println!(
            "{:<20} {:>8} {:>9} {:>7} {:>9.2} {:>7.2} {:>3}/{:<2} {:>3}/{:<2}",
            s.name,
            s.expected,
            s.extracted,
            s.matched,
            s.matched as f64 / s.extracted.max(1) as f64,
            s.matched as f64 / s.expected.max(1) as f64,
            s.dates_ok,
            s.dates,
            s.claims_ok,
            s.claims
        );
        e += s.expected;
        x += s.extracted;
        m += s.matched;
        d += s.dates_ok;
        dt += s.dates;
        c += s.claims_ok;
        ct += s.claims;
    }
    let (p, r) = (m as f64 / x.max(1) as f64, m as f64 / e.max(1) as f64);
    println!(
        "{:<20} {:>8} {:>9} {:>7} {:>9.2} {:>7.2} {:>3}/{:<2} {:>3}/{:<2}",
        "all", e, x, m, p, r, d, dt, c, ct
    );
    assert!(p >= 0.9, "precision {p:.2} < 0.9");
    assert!(r >= 0.9, "recall {r:.2} < 0.9");
    assert_eq!(d, dt, "date expressions");
    assert_eq!(c, ct, "claims");
}

// ---- JSONL ----

#[test]
fn jsonl_batch_keeps_order_ids_and_reports_bad_lines() {
    let fr = std::fs::read_to_string(fixture("extract/fr_sans_date.txt")).unwrap();
    let en = std::fs::read_to_string(fixture("extract/en_ansongo.txt")).unwrap();
    let mut input = String::new();
    for i in 0..40 {
        let (text, date) = if i % 2 == 0 {
            (&fr, "2013-02-21")
        } else {
            (&en, "")
        };
        input.push_str(
            &serde_json::json!({"id": format!("d{i}"), "text": text, "date": date}).to_string(),
        );
        input.push('\n');
        if i == 10 {
            input.push_str("{not json\n");
            input.push('\n');
            input.push_str("{\"id\": 7, \"text\": \"Jeudi à Gao.\", \"date\": \"21/02/2013\"}\n");
        }
    }
    let out = frontmap()
        .args(["extract", "--jsonl", "--country", "ML"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "bad lines make exit code 2");
    let err = stderr(&out);
    assert!(err.contains("<stdin>:12:"), "{err}");
    assert!(err.contains("not JSON"), "{err}");
    assert!(
        err.contains("<stdin>:14:1: \"date\" \"21/02/2013\" is not a date"),
        "{err}"
    );
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 42, "every input line has one output line");
    let ids: Vec<String> = lines
        .iter()
        .filter(|l| l.get("error").is_none())
        .map(|l| l["id"].as_str().unwrap().to_string())
        .collect();
    let want: Vec<String> = (0..40).map(|i| format!("d{i}")).collect();
    assert_eq!(ids, want);
    let first = &lines[0];
    assert_eq!(first["dateline"], "2013-02-21");
    assert!(find(first, "capture", "Léré").is_some());
    let second = &lines[1];
    assert_eq!(second["dateline"], "2013-02-09");
    assert!(find(second, "retake", "Ansongo").is_some());
    let bad: Vec<&Value> = lines.iter().filter(|l| l.get("error").is_some()).collect();
    assert_eq!(bad.len(), 2);
    assert_eq!(bad[1]["id"], 7);
    assert_eq!(bad[1]["line"], 14);
}

// ---- CSV round trip ----

#[test]
fn csv_round_trips_through_import() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        fixture("extract/fr_diabaly.txt"),
        fixture("extract/en_ansongo.txt"),
    ];
    let out = run(&[
        "extract",
        "--csv",
        "--country",
        "ML",
        &files[0].display().to_string(),
        &files[1].display().to_string(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = stdout(&out);
    assert!(csv.starts_with(
        "id,date_start,date_end,date_precision,place,event_type,actor1,assoc_actor_1,actor2,fatalities,source,url,notes"
    ));
    let path = dir.path().join("extracted.csv");
    std::fs::write(&path, &csv).unwrap();
    let (v, out) = run_json(&[
        "import",
        "--json",
        "--country",
        "ML",
        &path.display().to_string(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let n_rows = csv.lines().count() - 1;
    assert_eq!(v["summary"]["imported"], n_rows as u64);
    assert_eq!(v["summary"]["rejected"], 0);
    // The same events come back: dates, types, places and tolls.
    let (x, _) = run_json(&[
        "extract",
        "--json",
        "--country",
        "ML",
        &files[0].display().to_string(),
    ]);
    let back = v["events"].as_array().unwrap();
    for e in events(&x) {
        let hit = back.iter().find(|b| {
            b["date_start"] == e["date"]
                && b["date_end"] == e["date_end"]
                && b["kind"] == e["kind"]
                && b["sub_event_type"] == e["sub_event_type"]
                && b["fatalities"] == e["fatalities"]
                && (b["place"] == e["place_name"])
        });
        assert!(hit.is_some(), "not read back: {e}");
    }
    let retake = back.iter().find(|b| b["kind"] == "retake").unwrap();
    assert_eq!(retake["place_as_written"], "Diabaly");
    assert_eq!(retake["actors"][0], "Military Forces of Mali");
    assert_eq!(retake["sides"][0], "government");
}

#[test]
fn csv_reports_events_it_cannot_write() {
    // No dateline and no --date: the events have no date, which a CSV row needs.
    let f = fixture("extract/fr_sans_date.txt").display().to_string();
    let out = run(&["extract", "--csv", "--country", "ML", &f]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("has no date"), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 1, "header only");
}

// ---- Encodings and bad input ----

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn windows_1252_bom_and_crlf_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Samedi 19 janvier 2013\r\n\r\nLa ville de Diabaly était tombée lundi aux mains des islamistes.\r\n";
    let (cp, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let p1 = write(dir.path(), "cp1252.txt", &cp);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    let p2 = write(dir.path(), "bom.txt", &bom);
    for p in [&p1, &p2] {
        let (v, out) = run_json(&[
            "extract",
            "--json",
            "--country",
            "ML",
            &p.display().to_string(),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(v["dateline"], "2013-01-19");
        let cap = find(&v, "capture", "Diabaly").expect("capture");
        assert_eq!(cap["date"], "2013-01-14");
        assert!(cap["sentence"].as_str().unwrap().contains("était tombée"));
    }
    let out = run(&["extract", "--country", "ML", &p1.display().to_string()]);
    assert!(stderr(&out).contains("Windows-1252"));
}

#[test]
fn several_files_give_an_array() {
    let a = fixture("extract/fr_diabaly.txt").display().to_string();
    let b = fixture("extract/en_ansongo.txt").display().to_string();
    let (v, out) = run_json(&["extract", "--json", "--country", "ML", &a, &b]);
    assert!(out.status.success());
    let arr = v.as_array().expect("an array for several files");
    assert_eq!(arr.len(), 2);
    assert_eq!(arr[0]["file"], a.as_str());
    assert_eq!(arr[1]["language"], "en");
}

#[test]
fn bad_input_is_reported_with_exit_code_2() {
    let f = fixture("extract/fr_diabaly.txt").display().to_string();
    let out = run(&["extract", "--date", "2013-13-01", &f]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("YYYY-MM-DD"), "{}", stderr(&out));
    let out = run(&["extract", "/nonexistent/dispatch.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/nonexistent/dispatch.txt"));
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.txt", b"  \n");
    let out = run(&["extract", &empty.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("empty.txt:1:1: the file is empty"),
        "{}",
        stderr(&out)
    );
    let lex = write(
        dir.path(),
        "lex.csv",
        b"kind,lang,phrase,value,side\ntrigger,fr,razzia,pillage,,\n",
    );
    let out = run(&["extract", "--lexicon", &lex.display().to_string(), &f]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("lex.csv:2:4: unknown event_type"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_user_lexicon_adds_triggers_and_actors() {
    let dir = tempfile::tempdir().unwrap();
    let lex = write(
        dir.path(),
        "lex.csv",
        "kind,lang,phrase,value,side,weight\n\
         trigger,fr,razzia,attack,,0.9\n\
         actor,fr,Katiba Macina,Katiba Macina,jihadist,\n"
            .as_bytes(),
    );
    let txt = write(
        dir.path(),
        "d.txt",
        "Mardi 12 mars 2013\n\nLa Katiba Macina a mené lundi une razzia à Ténenkou.\n".as_bytes(),
    );
    let (v, out) = run_json(&[
        "extract",
        "--json",
        "--country",
        "ML",
        "--lexicon",
        &lex.display().to_string(),
        &txt.display().to_string(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let e = find(&v, "attack", "Ténenkou").expect("user trigger");
    assert_eq!(e["date"], "2013-03-11");
    assert_eq!(e["actor_details"][0]["name"], "Katiba Macina");
    assert_eq!(e["actor_details"][0]["side"], "jihadist");
}

/// The dev dispatches all run cleanly (their content is reviewed by hand, not pinned).
#[test]
fn dev_dispatches_run() {
    let dir = shared_articles().join("dev");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    assert_eq!(files.len(), 12);
    let mut args = vec!["extract", "--json", "--country", "ML"];
    args.extend(files.iter().map(String::as_str));
    let (v, out) = run_json(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let all = v.as_array().unwrap();
    assert_eq!(all.len(), 12);
    // 01_en: the attack on Ménaka, on Tuesday 17 January 2012, at least one soldier killed.
    let e = events(&all[0])
        .iter()
        .find(|e| {
            e["event_type"] == "clash" && e["place"].as_str().is_some_and(|p| key(p) == "menaka")
        })
        .expect("Ménaka");
    assert_eq!(e["date"], "2012-01-17");
    assert_eq!(e["fatalities_precision"], "at_least");
}
