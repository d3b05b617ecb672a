//! End-to-end tests of `frontmap run` and `frontmap render`: the files every date gets, what
//! the layers say on the story's key dates, how OGR and QGIS read them, golden copies, and
//! what a failed or bad-input run leaves behind.

mod util;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;
use std::sync::OnceLock;

use chrono::NaiveDate;
use geo::{Contains, Intersects, Line, LineString, MultiPolygon, Point};
use serde_json::Value;
use util::{fixture, frontmap, stderr};

const LAYERS: [&str; 5] = ["events", "places", "control", "frontline", "distances"];

/// One full `frontmap run` shared by the tests of this file.
fn full_run() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::Builder::new()
            .prefix("frontmap-run-")
            .tempdir()
            .expect("temp dir")
            .keep();
        let out = frontmap()
            .args(["run", "--out"])
            .arg(&dir)
            .output()
            .expect("frontmap runs");
        assert!(out.status.success(), "run failed: {}", stderr(&out));
        dir
    })
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn layer(date: &str, name: &str) -> Value {
    read_json(&full_run().join(date).join(format!("{name}.geojson")))
}

fn features(v: &Value) -> &Vec<Value> {
    v["features"].as_array().expect("features")
}

fn geometry(f: &Value) -> geo::Geometry<f64> {
    let g: geojson::Geometry = serde_json::from_value(f["geometry"].clone()).expect("geometry");
    geo::Geometry::try_from(g).expect("geo geometry")
}

fn case_dates() -> Vec<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(2013, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(2013, 2, 28).unwrap();
    first.iter_days().take_while(|d| *d <= last).collect()
}

const KONNA: (f64, f64) = (-3.8947, 14.9413);
const SEVARE: (f64, f64) = (-4.0963, 14.5353);

#[test]
fn run_writes_five_layers_styles_and_a_png_for_every_date() {
    let dir = full_run();
    for d in case_dates() {
        let folder = dir.join(d.to_string());
        for name in LAYERS {
            let path = folder.join(format!("{name}.geojson"));
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            // The geojson crate reads it back as a FeatureCollection.
            let gj: geojson::GeoJson = text.parse().expect("valid GeoJSON");
            let geojson::GeoJson::FeatureCollection(fc) = gj else {
                panic!("{}: not a FeatureCollection", path.display());
            };
            let v: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(v["name"], name, "{}: layer name", path.display());
            if !fc.features.is_empty() {
                assert_eq!(
                    fc.bbox.as_ref().map(Vec::len),
                    Some(4),
                    "{}",
                    path.display()
                );
            }
            let qml = folder.join(format!("{name}.qml"));
            let style = std::fs::read_to_string(&qml).expect("style beside the layer");
            assert!(style.contains("<qgis") && style.contains("renderer-v2"));
        }
        let png = std::fs::read(folder.join("map.png")).expect("map.png");
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let reader = decoder.read_info().expect("a PNG");
        assert_eq!(
            (reader.info().width, reader.info().height),
            (2400, 1800),
            "{d}"
        );
    }
    let all = read_json(&dir.join("events.geojson"));
    assert_eq!(all["name"], "events");
    assert!(features(&all).len() >= 20);
    let qml = std::fs::read_to_string(dir.join("events.qml")).unwrap();
    assert!(qml.contains("<temporal enabled=\"1\"") && qml.contains("limitMode=\"1\""));
    // Nothing left behind by the atomic writes.
    for entry in walk(dir) {
        let name = entry.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            !name.starts_with('.'),
            "temporary file left: {}",
            entry.display()
        );
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn exterior_is_ccw(ring: &LineString<f64>) -> bool {
    use geo::Winding;
    ring.is_ccw()
}

fn side_at(control: &Value, (lon, lat): (f64, f64)) -> Option<String> {
    features(control).iter().find_map(|f| {
        let g = geometry(f);
        g.contains(&Point::new(lon, lat))
            .then(|| f["properties"]["side"].as_str().unwrap().to_string())
    })
}

#[test]
fn on_11_january_konna_is_on_the_jihadist_side_of_the_front_and_sevare_on_the_government_side() {
    let control = layer("2013-01-11", "control");
    assert_eq!(side_at(&control, KONNA).as_deref(), Some("jihadist"));
    assert_eq!(side_at(&control, SEVARE).as_deref(), Some("government"));
    // The day before the capture, Konna was the army's.
    let before = layer("2013-01-09", "control");
    assert_eq!(side_at(&before, KONNA).as_deref(), Some("government"));
    for f in features(&control) {
        let geo::Geometry::MultiPolygon(mp) = geometry(f) else {
            panic!("control areas are MultiPolygons");
        };
        assert!(mp.0.iter().all(|p| exterior_is_ccw(p.exterior())));
    }
    // The front line separates the two towns, inside Mali.
    let front = layer("2013-01-11", "frontline");
    let fs = features(&front);
    assert_eq!(fs.len(), 1, "one pair of sides faces each other");
    assert_eq!(fs[0]["properties"]["sides"], "government / jihadist");
    let geo::Geometry::MultiLineString(line) = geometry(&fs[0]) else {
        panic!("front lines are MultiLineStrings");
    };
    let between = Line::new(SEVARE, KONNA);
    assert!(
        line.intersects(&between),
        "the front passes between Sévaré and Konna"
    );
    let mali = mali_outline();
    let inside = line
        .0
        .iter()
        .flat_map(|l| l.0.iter())
        .filter(|c| mali.contains(&Point::new(c.x, c.y)) || on_edge(&mali, c))
        .count();
    let total: usize = line.0.iter().map(|l| l.0.len()).sum();
    assert_eq!(inside, total, "the front line stays inside Mali");
    assert!(fs[0]["properties"]["length_km"].as_f64().unwrap() > 100.0);
    // Unchanged while nothing changes hands: the 12th has the same front as the 11th
    // except for contested status, which does not move the line.
    let front12 = layer("2013-01-12", "frontline");
    assert_eq!(
        features(&front12)[0]["geometry"],
        fs[0]["geometry"],
        "no change of hands between the 11th and the 12th"
    );
}

/// Areas are clean for QGIS: no repeated vertices, no zero-width spikes, and the cells of one
/// side merged (Konna's side is one piece on 9 January, not one polygon per town).
#[test]
fn control_areas_are_dissolved_without_spikes_or_repeated_vertices() {
    for d in case_dates() {
        let control = layer(&d.to_string(), "control");
        for f in features(&control) {
            let geo::Geometry::MultiPolygon(mp) = geometry(f) else {
                panic!("{d}: MultiPolygon");
            };
            for ring in
                mp.0.iter()
                    .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            {
                let c = &ring.0;
                for w in c.windows(3) {
                    assert_ne!(w[0], w[1], "{d}: repeated vertex");
                    let (u, v) = (
                        (w[1].x - w[0].x, w[1].y - w[0].y),
                        (w[2].x - w[1].x, w[2].y - w[1].y),
                    );
                    let cross = u.0 * v.1 - u.1 * v.0;
                    let dot = u.0 * v.0 + u.1 * v.1;
                    let (lu, lv) = (u.0.hypot(u.1), v.0.hypot(v.1));
                    assert!(
                        !(dot < 0.0 && cross.abs() < 1e-6 * lu * lv),
                        "{d}: spike at {:?} in {} area",
                        w[1],
                        f["properties"]["side"]
                    );
                }
            }
        }
    }
    let control = layer("2013-01-09", "control");
    let gov = features(&control)
        .iter()
        .find(|f| f["properties"]["side"] == "government" && f["properties"]["status"] == "held")
        .unwrap();
    let geo::Geometry::MultiPolygon(mp) = geometry(gov) else {
        panic!()
    };
    assert_eq!(
        mp.0.len(),
        1,
        "the government's towns make one area on 9 January"
    );
}

fn on_edge(mali: &MultiPolygon<f64>, c: &geo::Coord<f64>) -> bool {
    use geo::{Distance, Euclidean};
    mali.0
        .iter()
        .any(|p| Euclidean.distance(p.exterior(), &Point::from(*c)) < 1e-5)
}

fn mali_outline() -> MultiPolygon<f64> {
    frontmap::render::basemap::mali_outline().unwrap().clone()
}

#[test]
fn on_12_january_the_map_draws_the_70_km_claim_with_its_verdict() {
    let d = layer("2013-01-12", "distances");
    let fs = features(&d);
    let konna = fs
        .iter()
        .find(|f| f["properties"]["from"] == "Konna" && f["properties"]["to"] == "Sévaré")
        .expect("the Konna–Sévaré claim is drawn on the 12th");
    let p = &konna["properties"];
    assert_eq!(p["stated_km"], 70.0);
    assert_eq!(p["direction"], "S");
    assert_eq!(p["claim_date"], "2013-01-12");
    let measured = p["geodesic_km"].as_f64().unwrap();
    assert!((measured - 51.0).abs() < 3.0, "{measured}");
    let verdict = p["verdict"].as_str().unwrap();
    assert!(
        ["consistent", "plausible_by_road", "inconsistent"].contains(&verdict),
        "{verdict}"
    );
    assert!(p["label"].as_str().unwrap().contains("stated 70 km S"));
    let geo::Geometry::LineString(l) = geometry(konna) else {
        panic!("a distance is a LineString");
    };
    let (a, b) = (l.0[0], l.0[l.0.len() - 1]);
    assert!((a.x - KONNA.0).abs() < 0.05 && (a.y - KONNA.1).abs() < 0.05);
    assert!((b.x - SEVARE.0).abs() < 0.05 && (b.y - SEVARE.1).abs() < 0.05);
    // Claims are drawn on their own date only.
    assert!(features(&layer("2013-01-13", "distances")).is_empty());
    // And the PNG draws it: pixels of the verdict's colour along the line on the main map.
    let colour = frontmap::render::scene::verdict_colour(verdict);
    let (png, w, _) = decode(&full_run().join("2013-01-12/map.png"));
    let frame = main_frame("2013-01-12");
    let (x0, y0) = frame.to_px(KONNA.0, KONNA.1);
    let (x1, y1) = frame.to_px(SEVARE.0, SEVARE.1);
    let mut hits = 0;
    for i in 0..=40 {
        let t = i as f64 / 40.0;
        let (x, y) = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
        for dy in -2..=2 {
            for dx in -2..=2 {
                let (px, py) = ((x as i64 + dx) as usize, (y as i64 + dy) as usize);
                let k = (py * w + px) * 3;
                if (png[k], png[k + 1], png[k + 2]) == colour {
                    hits += 1;
                }
            }
        }
    }
    assert!(
        hits > 20,
        "the claim's line is drawn in its verdict colour ({hits} pixels)"
    );
}

fn decode(path: &Path) -> (Vec<u8>, usize, usize) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgb);
    buf.truncate(info.buffer_size());
    (buf, info.width as usize, info.height as usize)
}

/// The main map's projection for a date of the embedded case, as the renderer lays it out.
fn main_frame(date: &str) -> frontmap::render::projection::MapFrame {
    use frontmap::events::mali2013;
    use frontmap::maps::{MapCase, MapOptions};
    let gaz = frontmap::gazetteer::Gazetteer::embedded().unwrap();
    let case = mali2013::embedded_case(&gaz).unwrap();
    let rows = frontmap::claims::csv::parse_claims(mali2013::CLAIMS_CSV, "claims.csv").unwrap();
    let claims = rows
        .into_iter()
        .map(|r| {
            frontmap::analysis::distance_check::check_row(
                r,
                &gaz,
                &mali2013::resolve_options(),
                &Default::default(),
            )
        })
        .collect();
    let mc = MapCase::new(
        &gaz,
        "Mali",
        case.events,
        case.timeline,
        claims,
        Some((case.start, case.end)),
    )
    .unwrap();
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    let opts = MapOptions::default();
    let maps = mc.date_maps(&gaz, date, &opts).unwrap();
    let basemap = frontmap::render::basemap::Basemap::embedded().unwrap();
    frontmap::render::png::layout(&maps.scene, basemap, &opts.png).main
}

#[test]
fn on_21_february_events_at_gao_and_kidal() {
    let ev = layer("2013-02-21", "events");
    let today: Vec<&Value> = features(&ev)
        .iter()
        .filter(|f| f["properties"]["age_days"] == 0)
        .collect();
    let places: Vec<&str> = today
        .iter()
        .map(|f| f["properties"]["place"].as_str().unwrap())
        .collect();
    assert!(places.contains(&"Gao"), "{places:?}");
    assert!(places.contains(&"Kidal"), "{places:?}");
    let kidal = today
        .iter()
        .find(|f| f["properties"]["place"] == "Kidal")
        .unwrap();
    assert_eq!(kidal["properties"]["symbol"], "explosion");
    assert!(
        today
            .iter()
            .any(|f| f["properties"]["place"] == "Gao" && f["properties"]["symbol"] == "clash")
    );
    // Gao's fighting contests it.
    let control = layer("2013-02-21", "control");
    assert!(
        features(&control)
            .iter()
            .any(|f| f["properties"]["status"] == "contested"
                && geometry(f).contains(&Point::new(-0.0417, 16.2717)))
    );
    let gj = layer("2013-02-21", "distances");
    assert!(
        features(&gj)
            .iter()
            .any(|f| f["properties"]["from"] == "Bamako" && f["properties"]["to"] == "Gao")
    );
}

/// `ogrinfo -ro -al -so` on a layer: geometry type and field types.
fn ogrinfo(path: &Path) -> (String, BTreeMap<String, String>) {
    let out = StdCommand::new("ogrinfo")
        .args(["-ro", "-al", "-so"])
        .arg(path)
        .output()
        .unwrap_or_else(|e| {
            panic!("ogrinfo (gdal-bin) is needed for this test; .ci/run installs it: {e}")
        });
    assert!(
        out.status.success(),
        "ogrinfo {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut geometry = String::new();
    let mut fields = BTreeMap::new();
    let mut layer_name = String::new();
    for line in text.lines() {
        if let Some(g) = line.strip_prefix("Geometry: ") {
            geometry = g.trim().to_string();
        } else if let Some(n) = line.strip_prefix("Layer name: ") {
            layer_name = n.trim().to_string();
        } else if let Some((name, ty)) = line.split_once(": ")
            && !line.starts_with(' ')
            && ty.ends_with(')')
            && let Some((ty, _)) = ty.split_once(' ')
        {
            fields.insert(name.to_string(), ty.to_string());
        }
    }
    fields.insert("__layer".into(), layer_name);
    (geometry, fields)
}

/// A layer, its OGR geometry type and some (field, OGR type) pairs.
type LayerTypes = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

#[test]
fn ogr_reads_every_layer_with_the_designed_geometry_and_field_types() {
    let dir = full_run().join("2013-01-12");
    let expect: [LayerTypes; 5] = [
        (
            "events",
            "Point",
            &[
                ("map_date", "Date"),
                ("date_start", "Date"),
                ("date_end", "Date"),
                ("age_days", "Integer"),
                ("fatalities", "Integer"),
                ("confidence", "Real"),
                ("lat", "Real"),
                ("place", "String"),
                ("event_type", "String"),
                ("origin_line", "Integer"),
            ],
        ),
        (
            "places",
            "Point",
            &[
                ("name", "String"),
                ("population", "Integer"),
                ("since", "Date"),
                ("lon", "Real"),
                ("label_priority", "Integer"),
                ("side", "String"),
            ],
        ),
        (
            "control",
            "Multi Polygon",
            &[
                ("side", "String"),
                ("status", "String"),
                ("places", "Integer"),
                ("area_km2", "Real"),
                ("map_date", "Date"),
            ],
        ),
        (
            "frontline",
            "Multi Line String",
            &[
                ("sides", "String"),
                ("length_km", "Real"),
                ("since", "Date"),
            ],
        ),
        (
            "distances",
            "Line String",
            &[
                ("stated_km", "Real"),
                ("geodesic_km", "Real"),
                ("bearing_deg", "Real"),
                ("verdict", "String"),
                ("claim_date", "Date"),
                ("from", "String"),
            ],
        ),
    ];
    for (name, geom, fields) in expect {
        let (g, f) = ogrinfo(&dir.join(format!("{name}.geojson")));
        assert_eq!(f["__layer"], name, "OGR layer name");
        assert_eq!(g, geom, "{name}: geometry");
        for (field, ty) in fields {
            assert_eq!(
                f.get(*field).map(String::as_str),
                Some(*ty),
                "{name}.{field}: {f:?}"
            );
        }
    }
    let (g, f) = ogrinfo(&full_run().join("events.geojson"));
    assert_eq!(g, "Point");
    assert_eq!(f["date_start"], "Date");
    assert_eq!(f["date_end"], "Date");
    assert_eq!(f["fatalities"], "Integer");
}

/// QGIS itself (Debian's python3-qgis, headless): every layer opens with its style, and the
/// Temporal Controller shows each day's events, one-day events and last days included.
#[test]
fn qgis_opens_the_layers_with_their_styles_and_plays_the_events_by_date() {
    let python = ["/usr/bin/python3", "python3"]
        .into_iter()
        .find(|p| {
            StdCommand::new(p)
                .args(["-c", "import qgis.core"])
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .expect("QGIS's Python bindings (Debian: python3-qgis) are needed; .ci/run installs them");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/qgis/check_layers.py");
    let out = StdCommand::new(python)
        .arg(script)
        .arg(full_run())
        .args([
            "2013-01-10",
            "2013-01-11",
            "2013-01-12",
            "2013-01-30",
            "2013-02-21",
        ])
        .env("QT_QPA_PLATFORM", "offscreen")
        .output()
        .expect("python runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let report: Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
        panic!(
            "no report from QGIS ({e}): {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert_eq!(report["failures"], Value::Array(vec![]), "{report}");
    assert!(out.status.success());
    assert_eq!(report["layers"].as_array().unwrap().len(), 25);
    let t = report["temporal"].as_array().unwrap();
    let on = |d: &str| -> Vec<String> {
        t.iter().find(|x| x["date"] == d).unwrap()["visible"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    // A one-day event (the capture of Konna) and a night event on its last day.
    assert!(on("2013-01-10").contains(&"mali2013-001".to_string()));
    assert!(on("2013-01-12").contains(&"mali2013-003".to_string()));
}

// --- golden copies -------------------------------------------------------------------------

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/2013-01-11")
}

fn bless() -> bool {
    std::env::var_os("FRONTMAP_BLESS").is_some()
}

/// JSON equality with numbers equal to within 1e-6.
fn same_json(a: &Value, b: &Value, path: &str, diffs: &mut Vec<String>) {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            if (x - y).abs() > 1e-6 {
                diffs.push(format!("{path}: {x} ≠ {y}"));
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                diffs.push(format!("{path}: {} items ≠ {}", x.len(), y.len()));
            } else {
                for (i, (p, q)) in x.iter().zip(y).enumerate() {
                    same_json(p, q, &format!("{path}[{i}]"), diffs);
                }
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for k in keys {
                match (x.get(k), y.get(k)) {
                    (Some(p), Some(q)) => same_json(p, q, &format!("{path}.{k}"), diffs),
                    _ => diffs.push(format!("{path}.{k}: present on one side only")),
                }
            }
        }
        _ if a != b => diffs.push(format!("{path}: {a} ≠ {b}")),
        _ => {}
    }
}

fn golden_render() -> PathBuf {
    let dir = tempfile::tempdir().unwrap().keep();
    let out = frontmap()
        .args(["run", "--date", "2013-01-11", "--size", "1200x900", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    dir.join("2013-01-11")
}

#[test]
fn golden_geojson_layers_of_11_january() {
    let got = golden_render();
    let mut diffs = Vec::new();
    for name in LAYERS {
        let file = format!("{name}.geojson");
        let golden = golden_dir().join(&file);
        if bless() {
            std::fs::create_dir_all(golden_dir()).unwrap();
            std::fs::copy(got.join(&file), &golden).unwrap();
            continue;
        }
        same_json(
            &read_json(&got.join(&file)),
            &read_json(&golden),
            name,
            &mut diffs,
        );
    }
    assert!(
        diffs.is_empty(),
        "the layers differ from tests/golden (FRONTMAP_BLESS=1 to accept):\n{}",
        diffs
            .iter()
            .take(30)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn golden_png_of_11_january() {
    let got = golden_render().join("map.png");
    let golden = golden_dir().join("map.png");
    if bless() {
        std::fs::create_dir_all(golden_dir()).unwrap();
        std::fs::copy(&got, &golden).unwrap();
        return;
    }
    let (a, w, h) = decode(&got);
    let (b, gw, gh) = decode(&golden);
    assert_eq!((w, h), (gw, gh), "size");
    // A pixel differs when a channel moves by more than 24; up to 0.2 % may (antialiasing).
    let mut diff = vec![255u8; a.len()];
    let mut n = 0usize;
    for i in (0..a.len()).step_by(3) {
        let d = (0..3)
            .map(|k| (a[i + k] as i32 - b[i + k] as i32).abs())
            .max()
            .unwrap();
        if d > 24 {
            n += 1;
            diff[i] = 230;
            diff[i + 1] = 0;
            diff[i + 2] = 0;
        } else {
            // Faded copy of the expected image for context.
            for k in 0..3 {
                diff[i + k] = 200 + b[i + k] / 5;
            }
        }
    }
    let share = n as f64 / (w * h) as f64;
    if share > 0.002 {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diffs");
        std::fs::create_dir_all(&dir).unwrap();
        let mut enc = png::Encoder::new(
            std::io::BufWriter::new(
                std::fs::File::create(dir.join("map-2013-01-11-diff.png")).unwrap(),
            ),
            w as u32,
            h as u32,
        );
        enc.set_color(png::ColorType::Rgb);
        enc.write_header().unwrap().write_image_data(&diff).unwrap();
        std::fs::copy(&got, dir.join("map-2013-01-11-actual.png")).unwrap();
        panic!(
            "{:.2} % of the pixels differ from tests/golden/2013-01-11/map.png; see tests/diffs/ (FRONTMAP_BLESS=1 to accept)",
            share * 100.0
        );
    }
}

// --- render on user files, failures and bad input -------------------------------------------

#[test]
fn render_reads_an_event_table_and_writes_the_dates_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let out = frontmap()
        .args(["render", "--events"])
        .arg(fixture("events/own.csv"))
        .args([
            "--from",
            "2013-01-10",
            "--to",
            "2013-01-12",
            "--no-png",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let mut dates: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("2013"))
        .collect();
    dates.sort();
    assert_eq!(dates, ["2013-01-10", "2013-01-11", "2013-01-12"]);
    assert!(!dir.path().join("2013-01-10/map.png").exists(), "--no-png");
    let control = read_json(&dir.path().join("2013-01-11/control.geojson"));
    assert_eq!(side_at(&control, KONNA).as_deref(), Some("jihadist"));
    assert!(stderr(&out).contains("wrote"));
}

#[test]
fn a_failed_date_leaves_its_earlier_files_intact_and_says_what_it_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("2013-01-11");
    std::fs::create_dir_all(&folder).unwrap();
    // An earlier map, and a directory where the events layer should go: that write fails.
    std::fs::write(folder.join("map.png"), b"earlier map").unwrap();
    std::fs::create_dir(folder.join("events.geojson")).unwrap();
    let out = frontmap()
        .args([
            "run",
            "--from",
            "2013-01-10",
            "--to",
            "2013-01-12",
            "--size",
            "800x600",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("2013-01-11 not written"), "{err}");
    assert!(err.contains("events.geojson"), "{err}");
    assert_eq!(
        std::fs::read(folder.join("map.png")).unwrap(),
        b"earlier map"
    );
    // The other dates are complete.
    for d in ["2013-01-10", "2013-01-12"] {
        assert!(dir.path().join(d).join("map.png").exists(), "{d}");
        assert!(dir.path().join(d).join("control.geojson").exists(), "{d}");
    }
    let leftovers: Vec<PathBuf> = walk(dir.path())
        .into_iter()
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn bad_rows_and_unknown_claim_places_are_reported_with_positions_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let claims = dir.path().join("claims.csv");
    std::fs::write(
        &claims,
        "date,from,to,stated_km,qualifier,direction,source\n\
         2013-01-12,Konna,Sévaré,70,exact,S,test\n\
         2013-01-12,Konnna,Sevarre,70,exact,S,test\n",
    )
    .unwrap();
    let out = frontmap()
        .args(["render", "--events"])
        .arg(fixture("events/bad.csv"))
        .arg("--claims")
        .arg(&claims)
        .args(["--date", "2013-01-12", "--no-png", "--out"])
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("bad.csv:"), "{err}");
    assert!(err.contains("claims.csv:3:1: claim not drawn"), "{err}");
    assert!(err.contains("Konna"), "nearest names offered: {err}");
    // The good rows were still used.
    let d = read_json(&dir.path().join("out/2013-01-12/distances.geojson"));
    assert_eq!(features(&d).len(), 1);
}

#[test]
fn bad_flags_are_usage_errors() {
    for (flag, value, says) in [
        ("--size", "huge", "WIDTHxHEIGHT"),
        ("--bbox", "1,2,3", "MIN_LON"),
        ("--date", "11/01/2013", "YYYY-MM-DD"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = frontmap()
            .args(["run", flag, value, "--out"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{flag}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{flag}: {}", stderr(&out));
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "{flag}: nothing written"
        );
    }
    let out = frontmap().args(["render"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--events"));
}

#[test]
fn a_bbox_frames_the_main_map() {
    let dir = tempfile::tempdir().unwrap();
    let out = frontmap()
        .args([
            "run",
            "--date",
            "2013-01-11",
            "--size",
            "800x600",
            "--bbox",
            "-5.5,13.5,-2.5,16",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let (_, w, h) = decode(&dir.path().join("2013-01-11/map.png"));
    assert_eq!((w, h), (800, 600));
    // Same layers whatever the framing.
    let control = read_json(&dir.path().join("2013-01-11/control.geojson"));
    assert_eq!(side_at(&control, KONNA).as_deref(), Some("jihadist"));
}

#[test]
fn ctrl_c_finishes_the_dates_in_progress_and_lists_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_frontmap"))
        .args(["run", "--jobs", "1", "--out"])
        .arg(dir.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for the first date to be complete, then interrupt.
    let first = dir.path().join("2013-01-01/map.png");
    let started = std::time::Instant::now();
    while !first.exists() {
        assert!(
            started.elapsed().as_secs() < 60,
            "no date written in a minute"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // The shell's own `kill` (no procps needed).
    let status = StdCommand::new("sh")
        .args(["-c", &format!("kill -INT {}", child.id())])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("interrupted:") && err.contains("2013-02-28"),
        "{err}"
    );
    // Every date folder there is complete; nothing half-written is left.
    let mut complete = 0;
    for d in case_dates() {
        let folder = dir.path().join(d.to_string());
        if folder.exists() {
            let n = std::fs::read_dir(&folder).unwrap().count();
            assert_eq!(n, 11, "{d}: {n} files");
            complete += 1;
        }
    }
    assert!((1..59).contains(&complete), "{complete} dates written");
    assert!(
        walk(dir.path())
            .iter()
            .all(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
    );
}

#[test]
fn land_beyond_the_reach_of_every_held_place_stays_blank() {
    // Taoudenni lies about 650 km north of Tombouctou, the nearest place with a controller.
    let taoudenni = (-3.983, 22.678);
    let control = layer("2013-02-21", "control");
    assert_eq!(side_at(&control, taoudenni), None);
    // With no limit, the whole country is shared out.
    let dir = tempfile::tempdir().unwrap();
    let out = frontmap()
        .args([
            "run",
            "--date",
            "2013-02-21",
            "--no-png",
            "--reach",
            "0",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let all = read_json(&dir.path().join("2013-02-21/control.geojson"));
    assert!(side_at(&all, taoudenni).is_some());
}

#[test]
fn run_with_articles_draws_extracted_events_and_their_claims_on_their_dates() {
    let articles = tempfile::tempdir().unwrap();
    // Our own dispatch (dateline 19 January 2013), and an undated one named with its date.
    std::fs::copy(
        fixture("extract/fr_diabaly.txt"),
        articles.path().join("fr_diabaly.txt"),
    )
    .unwrap();
    let undated = std::fs::read_to_string(fixture("extract/fr_diabaly.txt"))
        .unwrap()
        .replace("Samedi 19 janvier 2013 - 09:40 GMT", "");
    std::fs::write(articles.path().join("2013-01-19_copy.txt"), undated).unwrap();
    std::fs::write(articles.path().join("notes.md"), "not a dispatch").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = frontmap()
        .args([
            "run",
            "--no-png",
            "--from",
            "2013-01-18",
            "--to",
            "2013-01-20",
            "--articles",
        ])
        .arg(articles.path())
        .arg("--out")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("read 2 dispatches"),
        "{}",
        stderr(&out)
    );
    let ev = read_json(&dir.path().join("2013-01-18/events.geojson"));
    let extracted: Vec<&Value> = features(&ev)
        .iter()
        .filter(|f| f["properties"]["origin"] == "extracted")
        .collect();
    assert!(
        extracted
            .iter()
            .any(|f| f["properties"]["place_as_written"] == "Diabaly"
                && f["properties"]["age_days"] == 0
                && f["properties"]["sentence"].is_string()),
        "{extracted:?}"
    );
    assert!(extracted.iter().all(|f| {
        let c = f["properties"]["confidence"].as_f64().unwrap();
        c > 0.0 && c <= 1.0
    }));
    // The dispatch's claims on its date, once each although two files state them.
    let d = read_json(&dir.path().join("2013-01-19/distances.geojson"));
    let pairs: Vec<(String, String)> = features(&d)
        .iter()
        .map(|f| {
            (
                f["properties"]["from"].as_str().unwrap().to_string(),
                f["properties"]["to"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        pairs.contains(&("Bamako".into(), "Diabaly".into())),
        "{pairs:?}"
    );
    let bamako_diabaly = pairs
        .iter()
        .filter(|p| p.0 == "Bamako" && p.1 == "Diabaly")
        .count();
    assert_eq!(bamako_diabaly, 1, "{pairs:?}");
    assert!(features(&read_json(&dir.path().join("2013-01-20/distances.geojson"))).is_empty());
    // Extracted events are drawn, not used for control: the embedded table decides.
    let control = read_json(&dir.path().join("2013-01-19/control.geojson"));
    assert_eq!(side_at(&control, KONNA).as_deref(), Some("government"));
}
