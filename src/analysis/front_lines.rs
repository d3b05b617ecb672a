//! Front lines: where the areas of two different sides meet, inside the study area (never
//! along the border, where a side's area simply ends).
//!
//! Each front line segment is the Voronoi edge dual to a Delaunay edge between two places
//! held by different sides (computed with spade in the same plane as the areas); segments
//! are clipped to the study area and chained into lines.

use geo::{BooleanOps, Coord, LineString, MultiLineString, MultiPolygon};
use spade::Triangulation;
use spade::handles::VoronoiVertex;

use super::control_areas::{ControlSite, triangulate};

/// The front line between two sides.
#[derive(Debug, Clone)]
pub struct FrontLine {
    /// The two sides, in alphabetical order.
    pub sides: (String, String),
    /// The line (lon/lat), chained, longest piece first.
    pub line: MultiLineString<f64>,
}

/// The front lines between the sides holding `sites`, inside `area` (lon/lat), all pairs of
/// sides together.
pub fn front_lines(sites: &[ControlSite], area: &MultiPolygon<f64>) -> MultiLineString<f64> {
    let mut all: Vec<LineString<f64>> = Vec::new();
    for f in front_lines_by_sides(sites, area) {
        all.extend(f.line.0);
    }
    MultiLineString::new(all)
}

/// The front lines between each pair of sides facing each other, in pair order.
pub fn front_lines_by_sides(sites: &[ControlSite], area: &MultiPolygon<f64>) -> Vec<FrontLine> {
    let st = triangulate(sites, area);
    let (plane, tri, site_of) = (st.plane, st.tri, st.site_of);
    let mut segments: std::collections::BTreeMap<(String, String), Vec<LineString<f64>>> =
        std::collections::BTreeMap::new();
    for edge in tri.undirected_voronoi_edges() {
        let dir = edge.as_directed();
        let del = dir.as_delaunay_edge();
        let (a, b) = (del.from(), del.to());
        let (Some(Some(ia)), Some(Some(ib))) = (site_of.get(a.index()), site_of.get(b.index()))
        else {
            continue;
        };
        if sites[*ia].side == sites[*ib].side {
            continue;
        }
        let (pa, pb) = (a.position(), b.position());
        let seg = match (dir.from(), dir.to()) {
            (VoronoiVertex::Inner(f1), VoronoiVertex::Inner(f2)) => {
                let (c1, c2) = (f1.circumcenter(), f2.circumcenter());
                Some((Coord { x: c1.x, y: c1.y }, Coord { x: c2.x, y: c2.y }))
            }
            (VoronoiVertex::Inner(f), VoronoiVertex::Outer(_))
            | (VoronoiVertex::Outer(_), VoronoiVertex::Inner(f)) => {
                // A ray from the circumcentre, away from the face's third vertex.
                let c = f.circumcenter();
                let third = f
                    .vertices()
                    .iter()
                    .map(|v| v.position())
                    .find(|p| (p.x, p.y) != (pa.x, pa.y) && (p.x, p.y) != (pb.x, pb.y));
                let mut d = (-(pb.y - pa.y), pb.x - pa.x);
                if let Some(t) = third {
                    let mid = ((pa.x + pb.x) / 2.0, (pa.y + pb.y) / 2.0);
                    if d.0 * (t.x - mid.0) + d.1 * (t.y - mid.1) > 0.0 {
                        d = (-d.0, -d.1);
                    }
                }
                let n = (d.0 * d.0 + d.1 * d.1).sqrt().max(1e-12);
                let len = 100.0;
                Some((
                    Coord { x: c.x, y: c.y },
                    Coord {
                        x: c.x + d.0 / n * len,
                        y: c.y + d.1 / n * len,
                    },
                ))
            }
            _ => None,
        };
        if let Some((p, q)) = seg {
            let (sa, sb) = (&sites[*ia].side, &sites[*ib].side);
            let key = if sa <= sb {
                (sa.clone(), sb.clone())
            } else {
                (sb.clone(), sa.clone())
            };
            segments
                .entry(key)
                .or_default()
                .push(LineString::from(vec![plane.inv(p), plane.inv(q)]));
        }
    }
    segments
        .into_iter()
        .map(|(sides, segs)| FrontLine {
            sides,
            line: chain(area.clip(&MultiLineString::new(segs), false)),
        })
        .filter(|f| !f.line.0.is_empty())
        .collect()
}

/// Joins segments that share endpoints into longer lines.
pub fn chain(mls: MultiLineString<f64>) -> MultiLineString<f64> {
    const EPS: f64 = 1e-6;
    let same = |a: &Coord<f64>, b: &Coord<f64>| (a.x - b.x).abs() < EPS && (a.y - b.y).abs() < EPS;
    let mut pieces: Vec<Vec<Coord<f64>>> = mls
        .0
        .into_iter()
        .map(|l| l.0)
        .filter(|l| l.len() >= 2)
        .collect();
    let mut out: Vec<LineString<f64>> = Vec::new();
    while let Some(mut line) = pieces.pop() {
        loop {
            let mut grown = false;
            let mut i = 0;
            while i < pieces.len() {
                let p = &pieces[i];
                let (first, last) = (p[0], p[p.len() - 1]);
                let (lf, ll) = (line[0], line[line.len() - 1]);
                if same(&ll, &first) {
                    let p = pieces.swap_remove(i);
                    line.extend_from_slice(&p[1..]);
                    grown = true;
                } else if same(&ll, &last) {
                    let mut p = pieces.swap_remove(i);
                    p.reverse();
                    line.extend_from_slice(&p[1..]);
                    grown = true;
                } else if same(&lf, &last) {
                    let mut p = pieces.swap_remove(i);
                    p.extend_from_slice(&line[1..]);
                    line = p;
                    grown = true;
                } else if same(&lf, &first) {
                    let mut p = pieces.swap_remove(i);
                    p.reverse();
                    p.extend_from_slice(&line[1..]);
                    line = p;
                    grown = true;
                } else {
                    i += 1;
                }
            }
            if !grown {
                break;
            }
        }
        out.push(LineString::from(line));
    }
    // Deterministic order: longest first.
    use geo::{Euclidean, Length};
    out.sort_by(|a, b| Euclidean.length(b).total_cmp(&Euclidean.length(a)));
    MultiLineString::new(out)
}

#[cfg(test)]
mod tests {
    use super::super::control_areas::tests::{site, square};
    use super::*;
    use geo::coord;

    #[test]
    fn the_front_runs_between_opposing_places_inside_the_area() {
        let fl = front_lines(
            &[site(1.0, 2.0, "government"), site(3.0, 2.0, "jihadist")],
            &square(),
        );
        assert_eq!(fl.0.len(), 1, "{fl:?}");
        let l = &fl.0[0];
        // The bisector x = 2, from the bottom edge to the top edge.
        for c in l.coords() {
            assert!((c.x - 2.0).abs() < 1e-6, "{c:?}");
            assert!(c.y >= -1e-9 && c.y <= 4.0 + 1e-9);
        }
        let ys: Vec<f64> = l.coords().map(|c| c.y).collect();
        assert!(ys.iter().cloned().fold(f64::INFINITY, f64::min) < 1e-6);
        assert!(ys.iter().cloned().fold(0.0, f64::max) > 4.0 - 1e-6);
    }

    #[test]
    fn no_front_between_places_of_one_side() {
        let fl = front_lines(
            &[site(1.0, 2.0, "government"), site(3.0, 2.0, "government")],
            &square(),
        );
        assert!(fl.0.is_empty());
    }

    #[test]
    fn chaining_joins_segments() {
        let mls = MultiLineString::new(vec![
            LineString::from(vec![coord! {x: 0.0, y: 0.0}, coord! {x: 1.0, y: 0.0}]),
            LineString::from(vec![coord! {x: 2.0, y: 0.0}, coord! {x: 1.0, y: 0.0}]),
            LineString::from(vec![coord! {x: 5.0, y: 5.0}, coord! {x: 6.0, y: 5.0}]),
        ]);
        let out = chain(mls);
        assert_eq!(out.0.len(), 2);
        assert_eq!(out.0[0].0.len(), 3);
    }
}
