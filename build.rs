//! Precompiles the embedded gazetteer's name index.
//!
//! Reads `gazetteer/places.tsv` and writes to `OUT_DIR`:
//! - `names.fst`: an fst map from each name key (see `src/normalize.rs`) to a range of
//!   postings, encoded as `start << 16 | len`;
//! - `postings.bin`: little-endian `u32` postings, `row << 1 | is_alternate`, where `row` is
//!   the place's data row in `places.tsv` (0 = first row after the header).
//!
//! Loading the gazetteer then costs one pass over the TSV and no index building.

#[path = "src/normalize.rs"]
#[allow(dead_code)]
mod normalize;

use std::collections::BTreeMap;
use std::env;
use std::fs;
use std::path::PathBuf;

fn main() {
    let tsv_path = "gazetteer/places.tsv";
    println!("cargo:rerun-if-changed={tsv_path}");
    println!("cargo:rerun-if-changed=src/normalize.rs");
    let tsv = fs::read_to_string(tsv_path).expect("gazetteer/places.tsv must be readable UTF-8");

    let mut keys: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (row, line) in tsv.lines().skip(1).enumerate() {
        let mut fields = line.split('\t');
        let _id = fields.next();
        let name = fields.next().unwrap_or("");
        let alts = fields.next().unwrap_or("");
        let row = u32::try_from(row).expect("fewer than 2^31 places");
        let name_key = normalize::name_key(name);
        if !name_key.is_empty() {
            keys.entry(name_key.clone()).or_default().push(row << 1);
        }
        for alt in alts.split('|').filter(|a| !a.is_empty()) {
            let key = normalize::name_key(alt);
            if key.is_empty() || key == name_key {
                continue;
            }
            keys.entry(key).or_default().push((row << 1) | 1);
        }
    }

    let mut postings: Vec<u8> = Vec::new();
    let mut builder = fst::MapBuilder::memory();
    let mut count: u64 = 0;
    for (key, mut list) in keys {
        list.sort_unstable();
        // One posting per place: the name wins over an alternate that folds the same.
        list.dedup_by_key(|p| *p >> 1);
        let start = count;
        for p in &list {
            postings.extend_from_slice(&p.to_le_bytes());
        }
        count += list.len() as u64;
        builder
            .insert(key.as_bytes(), (start << 16) | list.len() as u64)
            .expect("keys are inserted in order");
    }
    let fst_bytes = builder.into_inner().expect("fst builds in memory");

    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out.join("names.fst"), fst_bytes).expect("write names.fst");
    fs::write(out.join("postings.bin"), postings).expect("write postings.bin");
}
