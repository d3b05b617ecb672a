//! Speed of `frontmap check`: sentences parsed and checked per second on one core (no I/O),
//! and geodesic computations per second.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use frontmap::analysis::distance_check::{CheckParams, check_found};
use frontmap::claims::{ClaimParser, ParseOptions};
use frontmap::gazetteer::{Gazetteer, ResolveOptions};
use std::hint::black_box;

/// A generated 1,000-sentence dispatch: a third carry a claim (French and English, with
/// qualifiers, directions, ranges), the rest are ordinary reporting with place names.
fn workload() -> String {
    let towns = [
        "Konna",
        "Sévaré",
        "Mopti",
        "Gao",
        "Kidal",
        "Tombouctou",
        "Douentza",
        "Hombori",
        "Ségou",
        "Bamako",
        "Diabaly",
        "Tessalit",
        "Aguelhok",
        "Ménaka",
        "Bourem",
        "Ansongo",
    ];
    let dirs_fr = [
        "au nord de",
        "au sud-est de",
        "à l'ouest de",
        "au Nord-Est de",
        "",
    ];
    let dirs_en = ["north of", "south-east of", "west of", "NNE of", "from"];
    let quals_fr = ["", "plus de ", "environ ", "moins de "];
    let quals_en = ["", "more than ", "about ", "some "];
    let mut s = String::new();
    for i in 0..1000usize {
        let a = towns[i % towns.len()];
        let b = towns[(i * 7 + 3) % towns.len()];
        let km = 20 + (i * 37) % 1200;
        match i % 6 {
            0 => s.push_str(&format!(
                "La colonne a atteint {a}, à {}{} km {} {b}, dans la nuit.\n",
                quals_fr[i % 4],
                if km >= 1000 { format!("{}.{:03}", km / 1000, km % 1000) } else { km.to_string() },
                match dirs_fr[i % 5] { "" => "de", d => d }
            )),
            1 => s.push_str(&format!(
                "Troops entered {a}, {}{km} km {} {b}, on Friday.\n",
                quals_en[i % 4],
                dirs_en[i % 5]
            )),
            2 => s.push_str(&format!(
                "Selon une source militaire, les combats se poursuivaient à {a} et près de {b} jeudi soir.\n"
            )),
            3 => s.push_str(&format!(
                "Witnesses in {a} said the army had pulled back towards {b} after a day of clashes.\n"
            )),
            4 => s.push_str(
                "Le ministre a fait état de frappes aériennes cette nuit et ce matin dans le nord du pays.\n",
            ),
            _ => s.push_str(
                "The statement said the government had chosen to build up troops in the region.\n",
            ),
        }
    }
    s
}

fn bench(c: &mut Criterion) {
    let gaz = Gazetteer::embedded().expect("embedded gazetteer");
    let parser = ClaimParser::new(&gaz);
    let opts = ParseOptions::default().resolve(ResolveOptions::default().country(Some("ML")));
    let params = CheckParams::default();
    let text = workload();
    let n_claims = parser.find_claims(&text, &opts).len();
    assert!(n_claims >= 300, "workload has {n_claims} claims");
    let mut g = c.benchmark_group("check");
    g.throughput(Throughput::Elements(1000));
    g.bench_function("parse_and_check_1000_sentences", |b| {
        b.iter(|| {
            let found = parser.find_claims(black_box(&text), &opts);
            let checked: Vec<_> = found
                .iter()
                .map(|f| check_found(f, &gaz, &params))
                .collect();
            black_box(checked)
        })
    });
    g.finish();
    let mut g = c.benchmark_group("geodesy");
    let pts: Vec<((f64, f64), (f64, f64))> = (0..1000)
        .map(|i| {
            let f = i as f64;
            (
                (10.0 + (f * 0.37) % 12.0, -12.0 + (f * 0.73) % 16.0),
                (11.0 + (f * 0.91) % 10.0, -10.0 + (f * 0.53) % 14.0),
            )
        })
        .collect();
    g.throughput(Throughput::Elements(pts.len() as u64));
    g.bench_function("inverse_1000", |b| {
        b.iter(|| {
            let mut acc = 0.0;
            for &(a, p) in &pts {
                let (d, az) = frontmap::geodesy::inverse(black_box(a), black_box(p));
                acc += d + az;
            }
            acc
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
