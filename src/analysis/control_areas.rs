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

use geo::{
    BooleanOps, BoundingRect, Coord, LineString, MapCoords, MultiPoint, MultiPolygon, Point,
    Polygon, Voronoi, VoronoiClip, VoronoiParams,
};

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

/// Voronoi cells of the sites (duplicates at one point keep the first), in lon/lat.
pub fn site_cells(sites: &[ControlSite], area: &MultiPolygon<f64>) -> Vec<SiteCell> {
    let plane = Plane::for_area(area);
    let mut unique: Vec<&ControlSite> = Vec::new();
    for s in sites {
        if !(s.lon.is_finite() && s.lat.is_finite()) {
            continue;
        }
        if !unique
            .iter()
            .any(|u| (u.lon - s.lon).abs() < 1e-6 && (u.lat - s.lat).abs() < 1e-6)
        {
            unique.push(s);
        }
    }
    if unique.is_empty() {
        return Vec::new();
    }
    let bounds = area
        .bounding_rect()
        .map(|r| (r.min(), r.max()))
        .unwrap_or((Coord { x: -13.0, y: 9.0 }, Coord { x: 6.0, y: 26.0 }));
    let pad = 2.0;
    let boxed = Polygon::new(
        LineString::from(vec![
            plane.fwd(Coord {
                x: bounds.0.x - pad,
                y: bounds.0.y - pad,
            }),
            plane.fwd(Coord {
                x: bounds.1.x + pad,
                y: bounds.0.y - pad,
            }),
            plane.fwd(Coord {
                x: bounds.1.x + pad,
                y: bounds.1.y + pad,
            }),
            plane.fwd(Coord {
                x: bounds.0.x - pad,
                y: bounds.1.y + pad,
            }),
            plane.fwd(Coord {
                x: bounds.0.x - pad,
                y: bounds.0.y - pad,
            }),
        ]),
        vec![],
    );
    if unique.len() == 1 {
        return vec![SiteCell {
            site: unique[0].clone(),
            cell: boxed.map_coords(|c| plane.inv(c)),
        }];
    }
    // Four far "ghost" sites keep the triangulation well-formed for two or collinear sites;
    // their cells lie far outside the study area and are dropped.
    let centre = plane.fwd(Coord {
        x: (bounds.0.x + bounds.1.x) / 2.0,
        y: (bounds.0.y + bounds.1.y) / 2.0,
    });
    let far = 500.0;
    let mut pts: Vec<Point<f64>> = unique
        .iter()
        .map(|s| Point::from(plane.fwd(Coord { x: s.lon, y: s.lat })))
        .collect();
    for (dx, dy) in [(far, 0.0), (-far, 0.0), (0.0, far), (0.0, -far)] {
        pts.push(Point::new(centre.x + dx, centre.y + dy));
    }
    let mp = MultiPoint::new(pts);
    let Ok(cells) =
        mp.voronoi_cells_with_params(VoronoiParams::new().clip(VoronoiClip::Polygon(&boxed)))
    else {
        return Vec::new();
    };
    // Match cells to sites by containment (robust to any reordering by the library).
    let mut out = Vec::with_capacity(unique.len());
    for s in unique {
        let p = Point::from(plane.fwd(Coord { x: s.lon, y: s.lat }));
        use geo::Intersects;
        if let Some(cell) = cells.iter().find(|c| c.intersects(&p)) {
            out.push(SiteCell {
                site: s.clone(),
                cell: cell.map_coords(|c| plane.inv(c)),
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
mod tests {
    use super::*;
    use geo::{Area, Contains};

    fn square() -> MultiPolygon<f64> {
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

    fn site(lon: f64, lat: f64, side: &str) -> ControlSite {
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
