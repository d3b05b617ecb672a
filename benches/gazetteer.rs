//! Gazetteer speed: load time of the embedded data, exact/alternate-name lookups per second,
//! fuzzy lookups of misspelt names per second, and resident memory after loading.
//!
//! Run: `cargo bench --bench gazetteer`. Throughput lines report elements (lookups) per second.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use frontmap::gazetteer::{Gazetteer, ResolveOptions};

const EXACT: &[&str] = &[
    "Konna",
    "Sévaré",
    "Mopti",
    "Bamako",
    "Gao",
    "Kidal",
    "Tombouctou",
    "Timbuktu",
    "Diabaly",
    "Douentza",
    "Tessalit",
    "Aguel'hoc",
    "Ménaka",
    "Léré",
    "Niafunké",
    "Hombori",
    "Gossi",
    "Ansongo",
    "Bourem",
    "Anéfis",
    "Ségou",
    "Markala",
    "Niono",
    "Banamba",
    "Kona",
    "San",
    "Tin Zaouatene",
    "Niamey",
    "Ouagadougou",
    "Nouakchott",
    "Dakar",
    "Sikasso",
];

const MISSPELT: &[&str] = &[
    "Konnaa",
    "Sevarre",
    "Mopi",
    "Bamakko",
    "Kidall",
    "Tombuctou",
    "Timbuctu",
    "Diabally",
    "Duentza",
    "Tesalit",
    "Aguelhock",
    "Menakka",
    "Niafunky",
    "Homborri",
    "Ansngo",
    "Boureem",
    "Segu",
    "Markalla",
    "Nionno",
    "Banambaa",
];

fn vm_kb(field: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn bench(c: &mut Criterion) {
    let before = vm_kb("VmRSS:").unwrap_or(0);
    let gaz = Gazetteer::embedded().expect("embedded gazetteer");
    let after = vm_kb("VmRSS:").unwrap_or(0);
    eprintln!(
        "gazetteer: {} places; resident memory {} kB after load (+{} kB for the gazetteer)",
        gaz.len(),
        after,
        after.saturating_sub(before)
    );

    c.bench_function("gazetteer/load_embedded", |b| {
        b.iter(|| black_box(Gazetteer::embedded().expect("loads")))
    });

    let mut g = c.benchmark_group("gazetteer/lookups");
    g.throughput(Throughput::Elements(EXACT.len() as u64));
    g.bench_function("lookup_exact", |b| {
        b.iter(|| {
            for n in EXACT {
                black_box(gaz.lookup_exact(black_box(n)));
            }
        })
    });
    let opts = ResolveOptions::default();
    g.bench_function("resolve_exact_ranked", |b| {
        b.iter(|| {
            for n in EXACT {
                black_box(gaz.resolve(black_box(n), &opts));
            }
        })
    });
    g.throughput(Throughput::Elements(MISSPELT.len() as u64));
    g.bench_function("resolve_fuzzy", |b| {
        b.iter(|| {
            for n in MISSPELT {
                black_box(gaz.resolve(black_box(n), &opts));
            }
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
