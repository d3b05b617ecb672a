//! Speed of the per-date map job on one core: one date of the embedded Mali 2013 case, all
//! five layers with their styles and the 2400×1800 PNG, written to a temporary folder; and its
//! parts (analysis and layers alone, the PNG alone). Whole-case and 365-date runs on two cores
//! are timed on the binary by `scripts/bench_render.sh`.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use frontmap::analysis::distance_check::check_row;
use frontmap::claims::csv::parse_claims;
use frontmap::events::mali2013;
use frontmap::gazetteer::Gazetteer;
use frontmap::maps::{MapCase, MapOptions, write_date};
use frontmap::render::png::render_png;
use std::hint::black_box;

fn case(gaz: &Gazetteer) -> MapCase {
    let c = mali2013::embedded_case(gaz).expect("embedded case");
    let claims = parse_claims(mali2013::CLAIMS_CSV, "claims.csv")
        .expect("claims")
        .into_iter()
        .map(|r| check_row(r, gaz, &mali2013::resolve_options(), &Default::default()))
        .collect();
    MapCase::new(
        gaz,
        "Mali",
        c.events,
        c.timeline,
        claims,
        Some((c.start, c.end)),
    )
    .expect("map case")
}

fn bench(c: &mut Criterion) {
    let gaz = Gazetteer::embedded().expect("gazetteer");
    let mc = case(&gaz);
    let opts = MapOptions::default();
    let date = NaiveDate::from_ymd_opt(2013, 1, 12).expect("date");
    let dir = tempfile::tempdir().expect("temp dir");
    let mut g = c.benchmark_group("render");
    g.sample_size(20);
    g.bench_function(
        "one date: 5 layers + styles + PNG 2400x1800, written",
        |b| {
            b.iter(|| {
                let maps = mc.date_maps(&gaz, date, &opts).expect("maps");
                black_box(write_date(dir.path(), &maps, &mc, &opts).expect("write"))
            })
        },
    );
    g.bench_function("one date: analysis + 5 GeoJSON layers (no PNG)", |b| {
        b.iter(|| {
            let maps = mc.date_maps(&gaz, date, &opts).expect("maps");
            let n: usize = maps
                .layers
                .iter()
                .map(|l| l.to_geojson().expect("geojson").len())
                .sum();
            black_box(n)
        })
    });
    let maps = mc.date_maps(&gaz, date, &opts).expect("maps");
    g.bench_function("one date: PNG 2400x1800 only (draw + encode)", |b| {
        b.iter(|| black_box(render_png(&maps.scene, &opts.png).expect("png").len()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
