//! Import and timeline benches.
//!
//! - writes a generated 1,000,000-row ACLED-shaped CSV to a temporary file, imports it once
//!   (time and peak memory, VmHWM from /proc/self/status, printed), then benches the import;
//! - benches control-timeline queries: 365 dates × 10,000 places.
//!
//! Run: `cargo bench --bench import -- --warm-up-time 1 --measurement-time 3`.
//! `FRONTMAP_BENCH_ROWS` changes the row count.

use std::io::Write;
use std::time::Instant;

use chrono::{Duration, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use frontmap::events::Side;
use frontmap::events::{ImportOptions, load_events, load_events_from_str};
use frontmap::gazetteer::Gazetteer;
use frontmap::timeline::{ControlTimeline, InitialControl, TimelineOptions};

const ACTORS: &[&str] = &[
    "Military Forces of Mali (2002-2021)",
    "MUJAO: Movement for Unity and Jihad in West Africa",
    "Ansar Dine",
    "AQIM: Al Qaeda in the Islamic Maghreb",
    "MNLA: National Movement for the Liberation of Azawad",
    "Military Forces of France",
    "Civilians (Mali)",
    "Unidentified Armed Group (Mali)",
    "Military Forces of Chad (1990-2021)",
    "Police Forces of Mali (2002-2021)",
];
const SUBS: &[(&str, &str)] = &[
    ("Battles", "Armed clash"),
    ("Battles", "Non-state actor overtakes territory"),
    ("Battles", "Government regains territory"),
    ("Explosions/Remote violence", "Air/drone strike"),
    (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    ),
    ("Violence against civilians", "Attack"),
    ("Strategic developments", "Looting/property destruction"),
];

fn mali_places(gaz: &Gazetteer, n: usize) -> Vec<(String, f64, f64)> {
    gaz.places()
        .iter()
        .filter(|p| p.country == "ML" && p.is_populated() && !p.name.contains(','))
        .take(n)
        .map(|p| (p.name.to_string(), p.lat, p.lon))
        .collect()
}

fn write_acled(path: &std::path::Path, rows: usize, places: &[(String, f64, f64)]) {
    let f = std::fs::File::create(path).expect("temp file");
    let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
    writeln!(w, "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp").unwrap();
    let start = NaiveDate::from_ymd_opt(2012, 1, 1).unwrap();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in 0..rows {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let (name, lat, lon) = &places[(x % places.len() as u64) as usize];
        let d = start + Duration::days((x >> 20) as i64 % 3000);
        let date = if i % 2 == 0 {
            d.format("%Y-%m-%d").to_string()
        } else {
            d.format("%-d %B %Y").to_string()
        };
        let (et, st) = SUBS[((x >> 8) % SUBS.len() as u64) as usize];
        let a1 = ACTORS[((x >> 12) % ACTORS.len() as u64) as usize];
        let a2 = ACTORS[((x >> 16) % ACTORS.len() as u64) as usize];
        let gp = 1 + (x >> 24) % 2;
        writeln!(
            w,
            "MLI{i},{date},{y},1,Political violence,{et},{st},{a1},,2,{a2},,1,12,,466,Western Africa,Mali,Mopti,Mopti,,{name},{lat:.4},{lon:.4},{gp},Generated Wire; Local Radio,National,\"On {date}, generated row {i}: {a1} and {a2} were reported near {name}; no further detail given.\",{f},,1700000000",
            y = 2012,
            f = (x >> 28) % 7,
        )
        .unwrap();
    }
    w.flush().unwrap();
}

fn vm_hwm() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.to_string())
        })
        .unwrap_or_else(|| "VmHWM: unavailable".into())
}

fn bench_import(c: &mut Criterion) {
    let gaz = Gazetteer::embedded().unwrap();
    let rows: usize = std::env::var("FRONTMAP_BENCH_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let places = mali_places(&gaz, 2000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acled_generated.csv");
    write_acled(&path, rows, &places);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let opts = ImportOptions::default();
    let before = vm_hwm();
    let t = Instant::now();
    let r = load_events(&path, &gaz, &opts).unwrap();
    let el = t.elapsed();
    println!(
        "import of {rows} ACLED-shaped rows ({:.0} MB): {:.2} s, {} imported, {} rejected, {} unattached; peak memory after the run: {} (before: {})",
        size as f64 / 1e6,
        el.as_secs_f64(),
        r.summary.imported,
        r.summary.rejected,
        r.summary.unattached,
        vm_hwm(),
        before
    );
    assert_eq!(r.summary.read as usize, rows);
    drop(r);
    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    g.bench_function(format!("acled_{rows}_rows"), |b| {
        b.iter(|| load_events(&path, &gaz, &opts).unwrap().summary.imported)
    });
    g.finish();
}

fn bench_timeline(c: &mut Criterion) {
    let gaz = Gazetteer::embedded().unwrap();
    let places = mali_places(&gaz, 10_000);
    let start = NaiveDate::from_ymd_opt(2013, 1, 1).unwrap();
    // Initial control and 3 events per place over the year (captures, retakes, clashes).
    let mut csv = String::from("date,lat,lon,event_type,actor1,actor2\n");
    let mut initial = Vec::new();
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    for (i, (_, lat, lon)) in places.iter().enumerate() {
        for k in 0..3u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let d = start + Duration::days((x % 365) as i64);
            let (t, a) = match (i as u64 + k) % 3 {
                0 => ("capture", "MUJAO"),
                1 => ("retake", "Military Forces of Mali"),
                _ => ("clash", "Ansar Dine"),
            };
            csv.push_str(&format!("{d},{lat},{lon},{t},{a},\n"));
        }
    }
    let r = load_events_from_str(&csv, "timeline.csv", &gaz, &ImportOptions::default()).unwrap();
    for e in &r.events {
        if let Some(idx) = e.place.idx {
            initial.push(InitialControl {
                idx,
                name: e.place.name.to_string(),
                side: Side::government(),
                since: start,
                source: String::new(),
                line: 0,
            });
        }
    }
    let t = Instant::now();
    let tl = ControlTimeline::build(&gaz, &initial, &r.events, TimelineOptions::default());
    println!(
        "timeline: {} places, {} events, built in {:.1} ms",
        tl.len(),
        r.events.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let mut n = 0usize;
    for day in 0..365 {
        n += tl.state_on(start + Duration::days(day)).len();
    }
    println!(
        "timeline: 365 dates × {} places = {n} place states in {:.1} ms",
        tl.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    c.bench_function("timeline_365_dates", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for day in 0..365 {
                n += tl.state_on(start + Duration::days(day)).len();
            }
            n
        })
    });
}

criterion_group!(benches, bench_import, bench_timeline);
criterion_main!(benches);
