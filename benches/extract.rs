//! Speed of `frontmap extract`: 2–3 kB French and English dispatches processed per second
//! on one core (dateline, dates, places, triggers, actors, tolls, merging, claims checked),
//! and the JSON serialisation of the result.
//!
//! The dispatches are built from the test fixtures (our own texts), two fixtures per
//! dispatch with the towns rotated so that the place resolution cache does not see the same
//! names every time. For the `--jsonl` path on two cores, see the README (a generated JSONL
//! file through the release binary, timed).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use frontmap::extract::{ExtractOptions, Extractor};
use frontmap::gazetteer::{Gazetteer, ResolveOptions};
use std::hint::black_box;

const FR: [&str; 2] = [
    include_str!("../tests/fixtures/extract/fr_diabaly.txt"),
    include_str!("../tests/fixtures/extract/fr_gao_menaka.txt"),
];
const EN: [&str; 2] = [
    include_str!("../tests/fixtures/extract/en_ansongo.txt"),
    include_str!("../tests/fixtures/extract/en_douentza.txt"),
];

const TOWNS: [&str; 12] = [
    "Diabaly", "Gao", "Ménaka", "Ansongo", "Douentza", "Hombori", "Konna", "Sévaré", "Kidal",
    "Tessalit", "Bourem", "Niono",
];

/// `n` dispatches of 2–3 kB, alternately French and English.
pub fn dispatches(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let (a, b) = if i % 2 == 0 {
                (FR[0], FR[1])
            } else {
                (EN[0], EN[1])
            };
            // The first fixture, then the bodies (without headline and dateline) of the
            // second and the first: 2.4–2.6 kB, like the real dispatches.
            let body = |t: &str| t.lines().skip(4).collect::<Vec<_>>().join("\n");
            let mut s = format!("{a}\n{}\n{}\n", body(b), body(a));
            if i % 2 == 1 {
                s.push_str(&body(b));
                s.push('\n');
            }
            let from = TOWNS[i % TOWNS.len()];
            let to = TOWNS[(i * 5 + 1) % TOWNS.len()];
            s.replace(from, "@@").replace(to, from).replace("@@", to)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let gaz = Gazetteer::embedded().expect("gazetteer");
    let ex = Extractor::new(&gaz).expect("extractor");
    let opts = ExtractOptions::default().resolve(ResolveOptions::default().country(Some("ML")));
    let docs = dispatches(200);
    let bytes: usize = docs.iter().map(String::len).sum();
    eprintln!(
        "{} dispatches, {:.1} kB on average",
        docs.len(),
        bytes as f64 / docs.len() as f64 / 1000.0
    );
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.bench_function("200 dispatches, one core", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for d in &docs {
                n += ex.extract(black_box(d), &opts).events.len();
            }
            n
        })
    });
    g.bench_function("200 dispatches to JSON, one core", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for d in &docs {
                let x = ex.extract(black_box(d), &opts);
                n += serde_json::to_string(&x).map_or(0, |s| s.len());
            }
            n
        })
    });
    g.finish();
    // The two real dispatches, when ../shared/articles is there.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/articles");
    let real: Vec<String> = ["000_e2b5f6e151e22216.txt", "003_e79d555fdb79c92d.txt"]
        .iter()
        .filter_map(|f| std::fs::read_to_string(dir.join(f)).ok())
        .collect();
    if real.len() < 2 {
        return;
    }
    let mut g = c.benchmark_group("extract_real");
    g.throughput(Throughput::Elements(2));
    g.bench_function("the two real dispatches", |b| {
        b.iter(|| {
            real.iter()
                .map(|d| ex.extract(black_box(d), &opts).events.len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
