//! Areas of control: Thiessen (Voronoi) cells of the places whose controller is known,
//! merged per side and clipped to the study area (Mali's borders).
//!
//! # What an area means
//! An area of side S is the set of points of the study area closer to a place S holds than
//! to any place another side holds — *assessed* control in the sense ISW uses: a reading of
//! the reported control of towns, not a claim that anyone patrols the empty desert between
//! them. Its edges are only as good as the list of places with a known controller: a side
//! holding every town of a region gets the region, including land nobody holds. Contested
//! places (recent fighting, no capture) keep their last controller's colour and are hatched.
//!
//! Distances are compared in an equirectangular plane with the standard parallel at the
//! study area's centre, so cells follow true distances to within ±4 % over Mali.

use geo::{BooleanOps, BoundingRect, Coord, LineString, MultiPolygon, Polygon};
use spade::{DelaunayTriangulation, Point2, Triangulation};

/// A place with a known controller, as the analysis needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct ControlSite {
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
    /// The side holding it (`government`, `jihadist`, `mnla`…).
    pub side: String,
    /// Whether it is contested.
    pub contested: bool,
}

/// The area one side holds (or the contested part of it).
#[derive(Debug, Clone)]
pub struct ControlArea {
    /// Side id.
    pub side: String,
    /// Whether this is the contested part (hatched on maps).
    pub contested: bool,
    /// The area (lon/lat, exterior rings counter-clockwise).
    pub shape: MultiPolygon<f64>,
    /// Places it was derived from.
    pub sites: usize,
}

/// One site's cell (lon/lat), for the front lines.
#[derive(Debug, Clone)]
pub struct SiteCell {
    /// The site.
    pub site: ControlSite,
    /// Its Voronoi cell, unclipped except to a box around the study area (lon/lat).
    pub cell: Polygon<f64>,
}

/// The plane the cells are computed in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Plane {
    cos0: f64,
}

impl Plane {
    pub(crate) fn for_area(area: &MultiPolygon<f64>) -> Plane {
        let lat0 = area
            .bounding_rect()
            .map_or(17.0, |r| (r.min().y + r.max().y) / 2.0);
        Plane {
            cos0: lat0.to_radians().cos(),
        }
    }
    pub(crate) fn fwd(&self, c: Coord<f64>) -> Coord<f64> {
        Coord {
            x: c.x * self.cos0,
            y: c.y,
        }
    }
    pub(crate) fn inv(&self, c: Coord<f64>) -> Coord<f64> {
        Coord {
            x: c.x / self.cos0,
            y: c.y,
        }
    }
}

/// The sites' Delaunay triangulation in the analysis plane, shared by the areas and the front
/// lines so that both come from the same diagram.
///
/// Four far "ghost" sites keep every real site inside the hull: each real site's Voronoi cell
/// is then bounded (the polygon of the circumcentres of the triangles around it), and two or
/// collinear sites still give a well-formed diagram.
pub(crate) struct SiteTriangulation {
    /// The plane the triangulation lives in.
    pub(crate) plane: Plane,
    /// The triangulation (real and ghost sites).
    pub(crate) tri: DelaunayTriangulation<Point2<f64>>,
    /// Vertex index → index of the site in the caller's slice (`None` for ghosts). A site at
    /// the same point as an earlier one (within 1e-6°) is left out.
    pub(crate) site_of: Vec<Option<usize>>,
}

/// Triangulates `sites` (those with finite coordinates) for the study `area`.
pub(crate) fn triangulate(sites: &[ControlSite], area: &MultiPolygon<f64>) -> SiteTriangulation {
    let plane = Plane::for_area(area);
    let mut tri: DelaunayTriangulation<Point2<f64>> = DelaunayTriangulation::new();
    let mut site_of: Vec<Option<usize>> = Vec::new();
    let mut add =
        |tri: &mut DelaunayTriangulation<Point2<f64>>, p: Coord<f64>, site: Option<usize>| {
            if let Ok(h) = tri.insert(Point2::new(p.x, p.y)) {
                let i = h.index();
                if i >= site_of.len() {
                    site_of.resize(i + 1, None);
                    site_of[i] = site;
                }
            }
        };
    let mut kept: Vec<&ControlSite> = Vec::new();
    for (i, s) in sites.iter().enumerate() {
        if !(s.lon.is_finite() && s.lat.is_finite())
            || kept
                .iter()
                .any(|u| (u.lon - s.lon).abs() < 1e-6 && (u.lat - s.lat).abs() < 1e-6)
        {
            continue;
        }
        kept.push(s);
        add(&mut tri, plane.fwd(Coord { x: s.lon, y: s.lat }), Some(i));
    }
    if !kept.is_empty() {
        let centre = area
            .bounding_rect()
            .map(|r| plane.fwd(r.center()))
            .unwrap_or(Coord { x: 0.0, y: 0.0 });
        let far = 500.0;
        for (dx, dy) in [(far, 0.0), (-far, 0.0), (0.0, far), (0.0, -far)] {
            add(
                &mut tri,
                Coord {
                    x: centre.x + dx,
                    y: centre.y + dy,
                },
                None,
            );
        }
    }
    SiteTriangulation {
        plane,
        tri,
        site_of,
    }
}

/// Voronoi cells of the sites (duplicates at one point keep the first), in lon/lat.
///
/// Neighbouring cells take their shared vertices from the same triangles, so they match
/// exactly and the union per side dissolves the edges between them. Cells are not clipped
/// here: the boolean operations quantise coordinates on a grid set by their input's extent,
/// so cells clipped one by one would no longer match; they are merged per side in one
/// operation, then clipped to the study area.
pub fn site_cells(sites: &[ControlSite], area: &MultiPolygon<f64>) -> Vec<SiteCell> {
    let st = triangulate(sites, area);
    let mut out = Vec::new();
    for v in st.tri.vertices() {
        let Some(Some(site)) = st.site_of.get(v.index()).copied() else {
            continue;
        };
        let mut ring: Vec<Coord<f64>> = Vec::new();
        let mut bounded = true;
        for e in v.out_edges() {
            match e.face().as_inner() {
                Some(f) => {
                    let c = f.circumcenter();
                    ring.push(st.plane.inv(Coord { x: c.x, y: c.y }));
                }
                None => bounded = false,
            }
        }
        if bounded && ring.len() >= 3 {
            out.push(SiteCell {
                site: sites[site].clone(),
                cell: Polygon::new(LineString::new(ring), vec![]),
            });
        }
    }
    out
}

/// Areas of control per side (and their contested parts), clipped to `area`.
pub fn control_areas(sites: &[ControlSite], area: &MultiPolygon<f64>) -> Vec<ControlArea> {
    let cells = site_cells(sites, area);
    areas_from_cells(&cells, area)
}

/// Merges cells per side and clips them to `area`.
pub fn areas_from_cells(cells: &[SiteCell], area: &MultiPolygon<f64>) -> Vec<ControlArea> {
    let mut sides: Vec<String> = Vec::new();
    for c in cells {
        if !sides.contains(&c.site.side) {
            sides.push(c.site.side.clone());
        }
    }
    let mut out = Vec::new();
    for side in sides {
        for contested in [false, true] {
            let parts: Vec<&SiteCell> = cells
                .iter()
                .filter(|c| c.site.side == side && (!contested || c.site.contested))
                .collect();
            if parts.is_empty() {
                continue;
            }
            let polys: Vec<MultiPolygon<f64>> = parts
                .iter()
                .map(|c| MultiPolygon::new(vec![c.cell.clone()]))
                .collect();
            let merged = geo::unary_union(polys.iter());
            let clipped = merged.intersection(area);
            if clipped.0.is_empty() {
                continue;
            }
            out.push(ControlArea {
                side: side.clone(),
                contested,
                shape: orient_ccw(clipped),
                sites: parts.len(),
            });
        }
    }
    out
}

/// Exterior rings counter-clockwise, holes clockwise (RFC 7946 §3.1.6).
pub fn orient_ccw(mp: MultiPolygon<f64>) -> MultiPolygon<f64> {
    use geo::orient::{Direction, Orient};
    mp.orient(Direction::Default)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use geo::{Area, Contains, Point};

    /// A 4° × 4° square study area (shared with the front-line tests).
    pub(crate) fn square() -> MultiPolygon<f64> {
        MultiPolygon::new(vec![Polygon::new(
            LineString::from(vec![
                (0.0, 0.0),
                (4.0, 0.0),
                (4.0, 4.0),
                (0.0, 4.0),
                (0.0, 0.0),
            ]),
            vec![],
        )])
    }

    /// A held (not contested) site.
    pub(crate) fn site(lon: f64, lat: f64, side: &str) -> ControlSite {
        ControlSite {
            lon,
            lat,
            side: side.into(),
            contested: false,
        }
    }

    #[test]
    fn two_sides_split_the_area_and_cover_it() {
        let area = square();
        let sites = [site(1.0, 2.0, "government"), site(3.0, 2.0, "jihadist")];
        let areas = control_areas(&sites, &area);
        assert_eq!(areas.len(), 2);
        let total: f64 = areas.iter().map(|a| a.shape.unsigned_area()).sum();
        assert!((total - area.unsigned_area()).abs() < 1e-4, "{total}");
        let gov = areas.iter().find(|a| a.side == "government").unwrap();
        assert!(gov.shape.contains(&Point::new(0.5, 2.0)));
        assert!(!gov.shape.contains(&Point::new(3.5, 2.0)));
    }

    #[test]
    fn one_side_holds_everything_with_one_site() {
        let areas = control_areas(&[site(1.0, 1.0, "government")], &square());
        assert_eq!(areas.len(), 1);
        assert!((areas[0].shape.unsigned_area() - 16.0).abs() < 1e-4);
    }

    #[test]
    fn contested_sites_also_give_a_contested_area() {
        let mut s = site(3.0, 3.0, "jihadist");
        s.contested = true;
        let areas = control_areas(&[site(1.0, 1.0, "government"), s], &square());
        assert!(areas.iter().any(|a| a.contested && a.side == "jihadist"));
        assert!(areas.iter().any(|a| !a.contested && a.side == "jihadist"));
    }

    #[test]
    fn exteriors_are_counter_clockwise() {
        use geo::Winding;
        let areas = control_areas(
            &[
                site(1.0, 1.0, "a"),
                site(3.0, 3.0, "b"),
                site(1.0, 3.0, "a"),
            ],
            &square(),
        );
        for a in areas {
            for p in &a.shape.0 {
                assert!(p.exterior().is_ccw());
            }
        }
    }
}
