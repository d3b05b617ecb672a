#!/usr/bin/env python3
"""Build frontmap's basemap: clipped, simplified GeoJSON for Mali 2012-2013.

Writes (all GeoJSON FeatureCollections, RFC 7946, WGS84 lon/lat):

    gazetteer/basemap/countries.geojson   admin-0 (Natural Earth via npm world-atlas@2.0.2)
    gazetteer/basemap/regions.geojson     Mali's 9 regions of 2012-2013 (Who's On First)
    gazetteer/basemap/rivers.geojson      named rivers (Natural Earth 10m)
    gazetteer/basemap/lakes.geojson       lakes (Natural Earth 10m) + point lakes (GeoNames)

and copies the DejaVu Sans fonts + licence into assets/fonts/.

Python 3 standard library only. Deterministic: a rerun on the same inputs gives
byte-identical files. Usage (from the repository root or anywhere):

    python3 scripts/build_basemap.py                 # downloads world-atlas with `npm pack`
    python3 scripts/build_basemap.py --world-atlas /path/to/countries-10m.json
    python3 scripts/build_basemap.py --check         # rebuild in memory, compare with the repo

Pipeline: TopoJSON arcs are decoded (quantized, delta-encoded) and simplified
*per arc* with Douglas-Peucker (so shared borders stay identical between
neighbours), assembled into rings, clipped to the study box with
Sutherland-Hodgman, rounded to 4 decimals, cleaned of degenerate rings and
oriented (exterior counter-clockwise, holes clockwise).  Other polygons and
lines are clipped first and simplified afterwards.
"""

import argparse
import hashlib
import heapq
import json
import math
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

# --------------------------------------------------------------------------
# Configuration
# --------------------------------------------------------------------------

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DATA = os.path.normpath(os.path.join(REPO, "..", "shared", "data"))
DEFAULT_OUT = os.path.join(REPO, "gazetteer", "basemap")
DEFAULT_FONTS_OUT = os.path.join(REPO, "assets", "fonts")

# Study region: lon -13..6, lat 9..26 (Mali is about -12.3..4.3, 10.1..25.0).
BOX = (-13.0, 9.0, 6.0, 26.0)  # xmin, ymin, xmax, ymax

TOL_BORDERS = 0.005  # degrees, Douglas-Peucker, country borders (per TopoJSON arc)
TOL_RIVERS = 0.005   # degrees, rivers
TOL_LAKES = 0.005    # degrees, lake polygons
TOL_REGIONS = 0.01   # degrees, Malian regions
NDIGITS = 4          # coordinate rounding (about 11 m)
MIN_RING_AREA = 1e-5  # deg^2 (~0.12 km^2); smaller rings (slivers, clip leftovers) dropped

WORLD_ATLAS = "world-atlas@2.0.2"
WORLD_ATLAS_FILE = "countries-10m.json"
WORLD_ATLAS_SHA256 = "3bc6f1d367a9bcec479841bae0e76092f512838411d0cef124e92eec4db45f79"

# Staged inputs under --data (sha256 as listed in ../shared/data/README.md).
STAGED = {
    "whosonfirst/ml_regions.geojson":
        "9d11a1d6c75d4a5a17645a2b6d678e97d31dbb823298798569730833220168e1",
    "naturalearth/ne_10m_rivers_lake_centerlines.json":
        "784acb3c691109ed2f32b6efbc51d7082eb4b16ea8c12f4d83f76bb625845a3e",
    "naturalearth/ne_10m_lakes.json":
        "93c8fdf0e591e113f449d0d466e15c7a9841b9b6571c7afe41f95ba51b322452",
    "geonames/ML.txt":
        "c9172b8feb040cc50648b30278d0dffe14a64a1f549257b861de3a62cbc34d48",
}

# ISO 3166-1 numeric (the TopoJSON feature id) -> (iso_a2, name_fr, name_en).
# Every country whose geometry reaches the box must be listed (the script fails otherwise).
COUNTRIES = {
    "466": ("ML", "Mali", "Mali"),
    "012": ("DZ", "Algérie", "Algeria"),
    "562": ("NE", "Niger", "Niger"),
    "854": ("BF", "Burkina Faso", "Burkina Faso"),
    "384": ("CI", "Côte d'Ivoire", "Côte d'Ivoire"),
    "324": ("GN", "Guinée", "Guinea"),
    "686": ("SN", "Sénégal", "Senegal"),
    "478": ("MR", "Mauritanie", "Mauritania"),
    "288": ("GH", "Ghana", "Ghana"),
    "768": ("TG", "Togo", "Togo"),
    "204": ("BJ", "Bénin", "Benin"),
    "566": ("NG", "Nigeria", "Nigeria"),
    "694": ("SL", "Sierra Leone", "Sierra Leone"),
    "430": ("LR", "Liberia", "Liberia"),
    "270": ("GM", "Gambie", "Gambia"),
    "624": ("GW", "Guinée-Bissau", "Guinea-Bissau"),
    "732": ("EH", "Sahara occidental", "Western Sahara"),
    "504": ("MA", "Maroc", "Morocco"),
    "434": ("LY", "Libye", "Libya"),
    "148": ("TD", "Tchad", "Chad"),
}
# Dissolved into another country before clipping: Natural Earth 4.x (world-atlas 2)
# shows the de facto split of Western Sahara, so part of it is labelled Morocco.
# Inside the box (north edge 26 N, Morocco proper ends at 27.67 N) all of that is
# Western Sahara: merge it into "W. Sahara".
DISSOLVE = {"504": "732"}  # Morocco -> W. Sahara
UNCLIPPED = {"ML"}  # kept whole (Mali lies entirely inside the box; asserted below)

# Natural Earth name -> French display name (everything else kept as in NE).
RIVER_NAMES_FR = {"Gambia": "Gambie"}
LAKE_NAMES_FR = {
    "Lake Dbo": "Lac Débo",          # NE 10m lost the accented letter
    "Lake Debo": "Lac Débo",
    "Lake Volta": "Lac Volta",
    "Kainji Reservoir": "Lac de Kainji",
}
# Lakes without a Natural Earth polygon: GeoNames ids in geonames/ML.txt.
POINT_LAKES = [2457835]  # Lac Faguibine

# --------------------------------------------------------------------------
# Small geometry helpers
# --------------------------------------------------------------------------


def ring_area(ring):
    """Signed shoelace area (deg^2); > 0 for counter-clockwise in lon/lat."""
    a = 0.0
    for i in range(len(ring) - 1):
        x1, y1 = ring[i]
        x2, y2 = ring[i + 1]
        a += x1 * y2 - x2 * y1
    return a / 2.0


def seg_dist2(p, a, b):
    """Squared distance from p to segment ab."""
    ax, ay = a
    bx, by = b
    px, py = p
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return (px - ax) ** 2 + (py - ay) ** 2
    t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)
    t = max(0.0, min(1.0, t))
    qx, qy = ax + t * dx, ay + t * dy
    return (px - qx) ** 2 + (py - qy) ** 2


def dp_open(pts, tol):
    """Douglas-Peucker on an open polyline; both endpoints kept."""
    n = len(pts)
    if n <= 2:
        return list(pts)
    keep = [False] * n
    keep[0] = keep[-1] = True
    tol2 = tol * tol
    stack = [(0, n - 1)]
    while stack:
        i, j = stack.pop()
        best, idx = -1.0, -1
        for k in range(i + 1, j):
            d = seg_dist2(pts[k], pts[i], pts[j])
            if d > best:
                best, idx = d, k
        if idx >= 0 and best > tol2:
            keep[idx] = True
            stack.append((i, idx))
            stack.append((idx, j))
    return [p for p, k in zip(pts, keep) if k]


def dp_line(pts, tol):
    """Douglas-Peucker that also copes with closed lines (first == last)."""
    if len(pts) > 3 and pts[0] == pts[-1]:
        # split a closed line at the vertex farthest from its start
        far = max(range(1, len(pts) - 1),
                  key=lambda k: (pts[k][0] - pts[0][0]) ** 2 + (pts[k][1] - pts[0][1]) ** 2)
        a = dp_open(pts[: far + 1], tol)
        b = dp_open(pts[far:], tol)
        return a + b[1:]
    return dp_open(pts, tol)


def rnd(v):
    r = round(v, NDIGITS)
    return 0.0 if r == 0 else r  # no "-0.0"


def round_pts(pts):
    """Round to NDIGITS and drop consecutive duplicates."""
    out = []
    for x, y in pts:
        p = [rnd(x), rnd(y)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def clean_ring(ring):
    """Rounded, closed ring without duplicate, collinear or back-tracking vertices
    (zero-width spikes, runs along the clip box); None if degenerate."""
    pts = round_pts(ring)
    if pts and pts[0] == pts[-1]:
        pts.pop()
    pts = _drop_flat(pts)
    if len(pts) < 3:
        return None
    ring = pts + [pts[0]]
    if abs(ring_area(ring)) < MIN_RING_AREA:
        return None
    return ring


def _flat(a, m, c):
    cross = (m[0] - a[0]) * (c[1] - m[1]) - (m[1] - a[1]) * (c[0] - m[0])
    return cross == 0 or a == c


def _drop_flat(pts):
    """Remove vertices m whose neighbours a, c make a, m, c collinear (incl. a == c)."""
    out = []
    for b in pts:
        if out and out[-1] == b:
            continue
        out.append(b)
        while len(out) >= 3 and _flat(out[-3], out[-2], out[-1]):
            del out[-2]
            if len(out) >= 2 and out[-1] == out[-2]:
                del out[-1]
    # the same around the closing point
    changed = True
    while changed and len(out) >= 3:
        changed = False
        n = len(out)
        if out[0] == out[-1]:
            out.pop()
            changed = True
        elif _flat(out[-2], out[-1], out[0]):
            out.pop()
            changed = True
        elif _flat(out[-1], out[0], out[1]):
            out.pop(0)
            changed = True
    return out


def orient(ring, ccw):
    a = ring_area(ring)
    if (a > 0) != ccw:
        return ring[::-1]
    return ring


# --------------------------------------------------------------------------
# Clipping to the box
# --------------------------------------------------------------------------


def _intersect(p, q, axis, c):
    """Point where segment pq crosses the line coord[axis] == c.

    Computed from the lexicographically smaller endpoint so that a shared border
    traversed in opposite directions by two neighbours yields the same point.
    """
    if q < p:
        p, q = q, p
    t = (c - p[axis]) / (q[axis] - p[axis])
    if axis == 0:
        return (c, p[1] + t * (q[1] - p[1]))
    return (p[0] + t * (q[0] - p[0]), c)


def _split_halfplane(ring, axis, c, keep_ge):
    """Clip one ring (open list of points) to a half-plane, splitting it into several
    rings where it leaves and re-enters (no zero-width bridges as plain
    Sutherland-Hodgman would leave).  The parts of the clip line inside the polygon
    are found by sorting the crossings along the line and pairing them (1st-2nd,
    3rd-4th, ...), which is exact for a simple ring."""
    if keep_ge:
        flags = [p[axis] >= c for p in ring]
    else:
        flags = [p[axis] <= c for p in ring]
    if all(flags):
        return [ring]
    if not any(flags):
        return []
    s = flags.index(False)  # start outside so no inside run wraps around
    pts = ring[s:] + ring[:s]
    fl = flags[s:] + flags[:s]
    n = len(pts)
    chains = []
    cur = None
    for i in range(n):
        p, q = pts[i], pts[(i + 1) % n]
        pin, qin = fl[i], fl[(i + 1) % n]
        if pin:
            cur.append(p)
        if pin != qin:
            x = _intersect(p, q, axis, c)
            if qin:
                cur = [x]
            else:
                cur.append(x)
                chains.append(cur)
                cur = None
    other = 1 - axis
    events = []
    for k, ch in enumerate(chains):
        events.append((ch[0][other], 0, k))   # entry
        events.append((ch[-1][other], 1, k))  # exit
    events.sort()
    nxt = {}
    for e in range(0, len(events), 2):
        (_, ka, a), (_, kb, b) = events[e], events[e + 1]
        if ka == kb:  # not a simple ring: fall back to Sutherland-Hodgman order
            return [[p for ch in chains for p in ch]]
        if ka == 1:
            nxt[a] = b
        else:
            nxt[b] = a
    out = []
    seen = [False] * len(chains)
    for k in range(len(chains)):
        r = []
        j = k
        while not seen[j]:
            seen[j] = True
            r.extend(chains[j])
            j = nxt[j]
        if len(r) >= 3:
            out.append(r)
    return out


def clip_ring(ring, box=BOX):
    """Clip a closed ring to the box; returns a list of open rings (maybe empty)."""
    xmin, ymin, xmax, ymax = box
    pts = [tuple(p[:2]) for p in ring]
    if pts and pts[0] == pts[-1]:
        pts = pts[:-1]
    rings = [pts]
    for axis, c, ge in ((0, xmin, True), (0, xmax, False), (1, ymin, True), (1, ymax, False)):
        rings = [piece for r in rings for piece in _split_halfplane(r, axis, c, ge)]
    return rings


def point_in_ring(x, y, ring):
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        ax, ay = ring[i][:2]
        bx, by = ring[j][:2]
        if (ay > y) != (by > y) and x < (bx - ax) * (y - ay) / (by - ay) + ax:
            inside = not inside
        j = i
    return inside


def clip_line(pts, box=BOX):
    """Clip a polyline to the box (Liang-Barsky per segment); returns a list of parts."""
    xmin, ymin, xmax, ymax = box
    parts = []
    cur = None
    for i in range(len(pts) - 1):
        (x0, y0), (x1, y1) = pts[i][:2], pts[i + 1][:2]
        dx, dy = x1 - x0, y1 - y0
        t0, t1 = 0.0, 1.0
        ok = True
        for p, q in ((-dx, x0 - xmin), (dx, xmax - x0), (-dy, y0 - ymin), (dy, ymax - y0)):
            if p == 0:
                if q < 0:
                    ok = False
                    break
            else:
                r = q / p
                if p < 0:
                    if r > t1:
                        ok = False
                        break
                    t0 = max(t0, r)
                else:
                    if r < t0:
                        ok = False
                        break
                    t1 = min(t1, r)
        if not ok:
            cur = None
            continue
        a = (x0 + t0 * dx, y0 + t0 * dy) if t0 > 0 else (x0, y0)
        b = (x0 + t1 * dx, y0 + t1 * dy) if t1 < 1 else (x1, y1)
        if cur is not None and t0 == 0:
            cur.append(b)
        else:
            cur = [a, b]
            parts.append(cur)
        if t1 < 1:
            cur = None
    return parts


def bbox_of(coords_iter):
    xs, ys = [], []
    for x, y in coords_iter:
        xs.append(x)
        ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def bbox_overlaps(bb, box=BOX):
    return not (bb[2] < box[0] or bb[0] > box[2] or bb[3] < box[1] or bb[1] > box[3])


def bbox_inside(bb, box=BOX):
    return bb[0] >= box[0] and bb[1] >= box[1] and bb[2] <= box[2] and bb[3] <= box[3]


# --------------------------------------------------------------------------
# Polygons: finish (clip / simplify / round / orient)
# --------------------------------------------------------------------------


def _finish_ring(r, tol, ccw):
    r = list(r)
    if r[0] != r[-1]:
        r.append(r[0])
    if tol and len(r) >= 4:
        r = dp_line(r, tol)
    r = clean_ring(r) if len(r) >= 4 else None
    return orient(r, ccw) if r else None


def _probe(ring, box=BOX):
    """A vertex of the ring not lying on the box boundary (for hole assignment)."""
    for p in ring:
        if box[0] < p[0] < box[2] and box[1] < p[1] < box[3]:
            return p
    return ring[0]


def finish_polygons(polys, clip, tol):
    """polys: list of polygons (list of rings, first exterior).  Returns GeoJSON-ready
    polygons: rings clipped to the box (an exterior may split into several polygons),
    simplified, rounded, closed and oriented (exterior CCW, holes CW).  Degenerate
    exteriors are dropped with their holes, degenerate holes are dropped."""
    out = []
    for poly in polys:
        ext_parts = clip_ring(poly[0]) if clip else [poly[0]]
        exts = [e for e in (_finish_ring(r, tol, True) for r in ext_parts) if e]
        if not exts:
            continue
        holes = [[] for _ in exts]
        for hole in poly[1:]:
            for r in (clip_ring(hole) if clip else [hole]):
                h = _finish_ring(r, tol, False)
                if not h:
                    continue
                x, y = _probe(h)
                for k, e in enumerate(exts):
                    if point_in_ring(x, y, e):
                        holes[k].append(h)
                        break
        for e, hs in zip(exts, holes):
            out.append([e] + hs)
    return out


def geometry_from_polys(polys):
    if len(polys) == 1:
        return {"type": "Polygon", "coordinates": polys[0]}
    return {"type": "MultiPolygon", "coordinates": polys}


def polys_of_geojson(geom):
    if geom["type"] == "Polygon":
        return [geom["coordinates"]]
    if geom["type"] == "MultiPolygon":
        return list(geom["coordinates"])
    raise ValueError("not a polygon: %s" % geom["type"])


# --------------------------------------------------------------------------
# Label point: pole of inaccessibility (polylabel, Mapbox's algorithm)
# --------------------------------------------------------------------------


def _point_to_polygon_dist(x, y, poly):
    inside = False
    best = float("inf")
    for ring in poly:
        n = len(ring)
        j = n - 1
        for i in range(n):
            ax, ay = ring[i]
            bx, by = ring[j]
            if (ay > y) != (by > y) and x < (bx - ax) * (y - ay) / (by - ay) + ax:
                inside = not inside
            best = min(best, seg_dist2((x, y), (ax, ay), (bx, by)))
            j = i
    d = math.sqrt(best)
    return d if inside else -d


def polylabel(poly, precision):
    ext = poly[0]
    minx, miny, maxx, maxy = bbox_of((p[0], p[1]) for p in ext)
    w, h = maxx - minx, maxy - miny
    size = min(w, h)
    if size == 0:
        return minx, miny
    h2 = size / 2.0
    heap = []
    counter = 0

    def cell(cx, cy, hh):
        d = _point_to_polygon_dist(cx, cy, poly)
        return (d, d + hh * math.sqrt(2), cx, cy, hh)

    x = minx
    while x < maxx:
        y = miny
        while y < maxy:
            c = cell(x + h2, y + h2, h2)
            counter += 1
            heapq.heappush(heap, (-c[1], counter, c))
            y += size
        x += size

    # initial best: area centroid, or bbox centre
    a = 0.0
    cx = cy = 0.0
    for i in range(len(ext) - 1):
        x1, y1 = ext[i]
        x2, y2 = ext[i + 1]
        f = x1 * y2 - x2 * y1
        cx += (x1 + x2) * f
        cy += (y1 + y2) * f
        a += f * 3
    best = cell(cx / a, cy / a, 0) if a else cell(minx + w / 2, miny + h / 2, 0)
    bb = cell(minx + w / 2, miny + h / 2, 0)
    if bb[0] > best[0]:
        best = bb

    while heap:
        _, _, c = heapq.heappop(heap)
        if c[0] > best[0]:
            best = c
        if c[1] - best[0] <= precision:
            continue
        hh = c[4] / 2.0
        for dx in (-hh, hh):
            for dy in (-hh, hh):
                n = cell(c[2] + dx, c[3] + dy, hh)
                counter += 1
                heapq.heappush(heap, (-n[1], counter, n))
    return best[2], best[3]


def label_point(polys):
    """Pole of inaccessibility of the largest part (by area)."""
    big = max(polys, key=lambda p: abs(ring_area(p[0])))
    minx, miny, maxx, maxy = bbox_of((p[0], p[1]) for p in big[0])
    precision = max(1e-4, min(0.01, min(maxx - minx, maxy - miny) / 200.0))
    x, y = polylabel(big, precision)
    return round(x, 3), round(y, 3)


# --------------------------------------------------------------------------
# TopoJSON
# --------------------------------------------------------------------------


def decode_arcs(topo):
    tf = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if tf:
            (sx, sy), (tx, ty) = tf["scale"], tf["translate"]
            x = y = 0
            pts = []
            for p in arc:
                x += p[0]
                y += p[1]
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(p[0], p[1]) for p in arc]
        arcs.append(pts)
    return arcs


def topo_polys(geom):
    if geom["type"] == "Polygon":
        return [geom["arcs"]]
    if geom["type"] == "MultiPolygon":
        return geom["arcs"]
    return []


def assemble_ring(arc_idx, arcs):
    ring = []
    for i in arc_idx:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        if ring:
            a = a[1:]
        ring.extend(a)
    return ring


def merge_topo_polys(tpolys, arcs):
    """Dissolve TopoJSON polygons (lists of arc-index rings): drop the arcs used by
    two rings (shared borders) and stitch the rest into rings (topojson.merge)."""
    rings = [r for p in tpolys for r in p]
    use = {}
    for r in rings:
        for i in r:
            k = i if i >= 0 else ~i
            use[k] = use.get(k, 0) + 1
    directed = [i for r in rings for i in r if use[i if i >= 0 else ~i] == 1]

    def ends(i):
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        return a[0], a[-1]

    by_start = {}
    for i in directed:
        by_start.setdefault(ends(i)[0], []).append(i)
    used = set()
    out_rings = []
    for i in directed:
        if i in used:
            continue
        ring = [i]
        used.add(i)
        start, end = ends(i)
        while end != start:
            j = next(j for j in by_start[end] if j not in used)
            ring.append(j)
            used.add(j)
            end = ends(j)[1]
        out_rings.append(ring)
    ext_sign = ring_area(assemble_ring(tpolys[0][0], arcs)) > 0
    exts = [r for r in out_rings if (ring_area(assemble_ring(r, arcs)) > 0) == ext_sign]
    holes = [r for r in out_rings if (ring_area(assemble_ring(r, arcs)) > 0) != ext_sign]
    polys = [[e] for e in exts]
    for h in holes:
        x, y = assemble_ring(h, arcs)[0]
        for p in polys:
            if point_in_ring(x, y, assemble_ring(p[0], arcs)):
                p.append(h)
                break
    return polys


# --------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_world_atlas(path, tmp):
    if path is None:
        print("fetching %s with npm pack ..." % WORLD_ATLAS, file=sys.stderr)
        subprocess.run(["npm", "pack", "--silent", WORLD_ATLAS], cwd=tmp, check=True,
                       stdout=subprocess.DEVNULL)
        tgz = [f for f in os.listdir(tmp) if f.endswith(".tgz")]
        if len(tgz) != 1:
            sys.exit("npm pack did not produce one tarball: %r" % tgz)
        path = os.path.join(tmp, tgz[0])
    if os.path.isdir(path):
        for cand in (os.path.join(path, WORLD_ATLAS_FILE),
                     os.path.join(path, "package", WORLD_ATLAS_FILE)):
            if os.path.exists(cand):
                path = cand
                break
    if path.endswith(".tgz") or path.endswith(".tar.gz"):
        with tarfile.open(path) as tf:
            member = tf.getmember("package/" + WORLD_ATLAS_FILE)
            data = tf.extractfile(member).read()
        out = os.path.join(tmp, WORLD_ATLAS_FILE)
        with open(out, "wb") as f:
            f.write(data)
        path = out
    digest = sha256_file(path)
    if digest != WORLD_ATLAS_SHA256:
        print("WARNING: %s sha256 %s differs from the expected %s (output may differ)"
              % (path, digest, WORLD_ATLAS_SHA256), file=sys.stderr)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def all_xy(coords):
    if isinstance(coords[0], (int, float)):
        yield coords[0], coords[1]
    else:
        for c in coords:
            yield from all_xy(c)


# --------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------


def build_countries(topo):
    obj = topo["objects"]["countries"]
    arcs = decode_arcs(topo)
    cache = {}

    def simple_arc(i):
        if i not in cache:
            cache[i] = dp_line(arcs[i], TOL_BORDERS)
        return cache[i]

    class Simple:
        def __getitem__(self, i):
            return simple_arc(i)

    simple = Simple()
    feats = []
    geoms = {g.get("id"): g for g in obj["geometries"] if g.get("id")}
    absorbed = {}
    for src, dst in DISSOLVE.items():
        absorbed.setdefault(dst, []).append(src)
    for g in obj["geometries"]:
        if g.get("id") in DISSOLVE:
            continue
        tpolys = topo_polys(g)
        if not tpolys:
            continue
        if g.get("id") in absorbed:
            for src in absorbed[g.get("id")]:
                tpolys = tpolys + topo_polys(geoms[src])
            tpolys = merge_topo_polys(tpolys, arcs)
        raw = [[assemble_ring(r, arcs) for r in p] for p in tpolys]
        bb = bbox_of(xy for p in raw for xy in p[0])
        if not bbox_overlaps(bb):
            continue
        # does anything survive the clip (unsimplified)?
        if not finish_polygons(raw, clip=True, tol=0):
            continue
        gid = g.get("id")
        name = g.get("properties", {}).get("name")
        if gid not in COUNTRIES:
            sys.exit("country %r (id %r) reaches the box but is not in COUNTRIES" % (name, gid))
        iso, name_fr, name_en = COUNTRIES[gid]
        simp = [[assemble_ring(r, simple) for r in p] for p in tpolys]
        clip = iso not in UNCLIPPED
        if not clip and not bbox_inside(bb):
            sys.exit("%s is meant to be unclipped but leaves the box: %r" % (iso, bb))
        polys = finish_polygons(simp, clip=clip, tol=0)
        if not polys:
            continue
        lx, ly = label_point(polys)
        feats.append({
            "type": "Feature",
            "properties": {
                "iso_a2": iso,
                "name_fr": name_fr,
                "name_en": name_en,
                "label_lon": lx,
                "label_lat": ly,
                "clipped": clip and not bbox_inside(bb),
            },
            "geometry": geometry_from_polys(polys),
        })
    feats.sort(key=lambda f: f["properties"]["iso_a2"])
    return feats


def build_regions(data_dir):
    src = load_json(os.path.join(data_dir, "whosonfirst", "ml_regions.geojson"))
    feats = []
    for f in src["features"]:
        p = f["properties"]
        polys = finish_polygons(polys_of_geojson(f["geometry"]), clip=True, tol=TOL_REGIONS)
        if not polys:
            sys.exit("region %r vanished" % p.get("name"))
        lx, ly = label_point(polys)
        feats.append({
            "type": "Feature",
            "properties": {
                "name": p["name_fra"],
                "hasc": p["hasc"],
                "wof_id": p["wof_id"],
                "label_lon": lx,
                "label_lat": ly,
            },
            "geometry": geometry_from_polys(polys),
        })
    feats.sort(key=lambda f: f["properties"]["hasc"])
    if len(feats) != 9:
        sys.exit("expected 9 regions, got %d" % len(feats))
    return feats


def merge_lines(parts):
    """Join parts whose endpoints coincide exactly where only two ends meet.
    Deterministic: the input order decides the direction of the merged lines."""
    parts = [list(p) for p in parts if len(p) >= 2]
    while True:
        ends = {}
        for i, p in enumerate(parts):
            ends.setdefault(p[0], []).append((i, 0))
            ends.setdefault(p[-1], []).append((i, 1))
        joined = False
        for i, p in enumerate(parts):
            # try to append something at p's end
            for k, side in ends.get(p[-1], []):
                if k == i or len(ends[p[-1]]) != 2:
                    continue
                q = parts[k]
                q = q if side == 0 else q[::-1]
                parts[i] = p + q[1:]
                del parts[k]
                joined = True
                break
            if joined:
                break
        if not joined:
            return parts


def build_rivers(data_dir):
    src = load_json(os.path.join(data_dir, "naturalearth", "ne_10m_rivers_lake_centerlines.json"))
    groups = {}
    order = []
    for f in src["features"]:
        g = f["geometry"]
        p = f["properties"]
        if g is None or not p.get("name"):
            continue
        lines = [g["coordinates"]] if g["type"] == "LineString" else g["coordinates"]
        if not bbox_overlaps(bbox_of(all_xy(lines))):
            continue
        clipped = []
        for ln in lines:
            clipped.extend(clip_line([tuple(q[:2]) for q in ln]))
        if not clipped:
            continue
        key = (p["name"], p.get("rivernum"))
        if key not in groups:
            groups[key] = {"props": p, "parts": [], "scalerank": p["scalerank"]}
            order.append(key)
        grp = groups[key]
        grp["parts"].extend(clipped)
        grp["scalerank"] = min(grp["scalerank"], p["scalerank"])
    feats = []
    for key in order:
        grp = groups[key]
        p = grp["props"]
        lines = []
        for part in merge_lines(grp["parts"]):
            q = round_pts(dp_line(part, TOL_RIVERS))
            if len(q) >= 2:
                lines.append(q)
        if not lines:
            continue
        geom = ({"type": "LineString", "coordinates": lines[0]} if len(lines) == 1
                else {"type": "MultiLineString", "coordinates": lines})
        name = RIVER_NAMES_FR.get(p["name"], p["name"])
        feats.append({
            "type": "Feature",
            "properties": {
                "name": name,
                "name_en": p.get("name_en") or p["name"],
                "scalerank": int(grp["scalerank"]),
            },
            "geometry": geom,
        })
    feats.sort(key=lambda f: (f["properties"]["scalerank"], f["properties"]["name"],
                              f["geometry"]["coordinates"][0][0] if f["geometry"]["type"] == "LineString"
                              else f["geometry"]["coordinates"][0][0][0]))
    return feats


def geonames_point(data_dir, gid):
    with open(os.path.join(data_dir, "geonames", "ML.txt"), encoding="utf-8") as f:
        for line in f:
            col = line.rstrip("\n").split("\t")
            if col[0] == str(gid):
                return col[1], float(col[5]), float(col[4])
    sys.exit("GeoNames id %s not found" % gid)


def build_lakes(data_dir):
    src = load_json(os.path.join(data_dir, "naturalearth", "ne_10m_lakes.json"))
    feats = []
    for f in src["features"]:
        g = f["geometry"]
        if g is None or g["type"] not in ("Polygon", "MultiPolygon"):
            continue
        if not bbox_overlaps(bbox_of(all_xy(g["coordinates"]))):
            continue
        polys = finish_polygons(polys_of_geojson(g), clip=True, tol=TOL_LAKES)
        if not polys:
            continue
        name = f["properties"].get("name") or ""
        feats.append({
            "type": "Feature",
            "properties": {"name": LAKE_NAMES_FR.get(name, name), "kind": "polygon"},
            "geometry": geometry_from_polys(polys),
        })
    for gid in POINT_LAKES:
        name, lon, lat = geonames_point(data_dir, gid)
        feats.append({
            "type": "Feature",
            "properties": {"name": name, "kind": "point"},
            "geometry": {"type": "Point", "coordinates": [rnd(lon), rnd(lat)]},
        })
    feats.sort(key=lambda f: (f["properties"]["kind"], f["properties"]["name"]))
    return feats


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------


def dump_fc(feats):
    lines = ['{"type":"FeatureCollection","features":[']
    for i, f in enumerate(feats):
        s = json.dumps(f, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        lines.append(s + ("," if i < len(feats) - 1 else ""))
    lines.append("]}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def copy_fonts(source, out_dir, tmp):
    if source == "none":
        return {}
    if source == "debian":
        base = "/usr/share/fonts/truetype/dejavu"
        lic = "/usr/share/doc/fonts-dejavu-core/copyright"
        if not os.path.exists(os.path.join(base, "DejaVuSans.ttf")):
            sys.exit("DejaVu fonts not found: apt-get install -y fonts-dejavu-core "
                     "(or use --fonts npm / --fonts none)")
    else:  # npm
        subprocess.run(["npm", "pack", "--silent", "dejavu-fonts-ttf@2.37.3"], cwd=tmp,
                       check=True, stdout=subprocess.DEVNULL)
        base = lic_dir = os.path.join(tmp, "dejavu")
        os.makedirs(base)
        with tarfile.open(os.path.join(tmp, "dejavu-fonts-ttf-2.37.3.tgz")) as tf:
            for name in ("ttf/DejaVuSans.ttf", "ttf/DejaVuSans-Bold.ttf", "LICENSE"):
                data = tf.extractfile("package/" + name).read()
                with open(os.path.join(base, os.path.basename(name)), "wb") as f:
                    f.write(data)
        lic = os.path.join(lic_dir, "LICENSE")
    files = {}
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        with open(os.path.join(base, name), "rb") as f:
            files[os.path.join(out_dir, name)] = f.read()
    with open(lic, "rb") as f:
        files[os.path.join(out_dir, "LICENSE-DejaVu.txt")] = f.read()
    return files


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--world-atlas", metavar="PATH",
                    help="countries-10m.json, the world-atlas .tgz or its unpacked directory "
                         "(default: npm pack %s into a temp dir)" % WORLD_ATLAS)
    ap.add_argument("--data", default=DEFAULT_DATA, help="staged source data (default: %(default)s)")
    ap.add_argument("--out", default=DEFAULT_OUT, help="output directory (default: %(default)s)")
    ap.add_argument("--fonts", choices=("debian", "npm", "none"), default="debian",
                    help="where to copy DejaVu Sans from (default: %(default)s, "
                         "package fonts-dejavu-core)")
    ap.add_argument("--fonts-out", default=DEFAULT_FONTS_OUT)
    ap.add_argument("--check", action="store_true",
                    help="do not write; fail if the files on disk differ from a fresh build")
    args = ap.parse_args()

    for rel, want in sorted(STAGED.items()):
        path = os.path.join(args.data, rel)
        if not os.path.exists(path):
            sys.exit("missing input %s (see ../shared/data/README.md)" % path)
        if sha256_file(path) != want:
            print("WARNING: %s differs from the staged version (sha256 %s...)" % (path, want[:16]),
                  file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="frontmap-basemap-") as tmp:
        topo = load_world_atlas(args.world_atlas, tmp)
        outputs = {
            os.path.join(args.out, "countries.geojson"): dump_fc(build_countries(topo)),
            os.path.join(args.out, "regions.geojson"): dump_fc(build_regions(args.data)),
            os.path.join(args.out, "rivers.geojson"): dump_fc(build_rivers(args.data)),
            os.path.join(args.out, "lakes.geojson"): dump_fc(build_lakes(args.data)),
        }
        outputs.update(copy_fonts(args.fonts, args.fonts_out, tmp))

    bad = 0
    for path, data in sorted(outputs.items()):
        rel = os.path.relpath(path, REPO)
        if args.check:
            try:
                with open(path, "rb") as f:
                    same = f.read() == data
            except FileNotFoundError:
                same = False
            print("%-40s %s" % (rel, "ok" if same else "DIFFERS"))
            bad += not same
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)
            print("%-40s %9d bytes  sha256 %s" % (rel, len(data), hashlib.sha256(data).hexdigest()[:16]))
    if bad:
        sys.exit(1)


if __name__ == "__main__":
    main()
