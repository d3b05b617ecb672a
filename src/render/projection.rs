//! The map projection: an equirectangular (plate carrée) projection whose standard parallel
//! is the map's central latitude, scaled to pixels.
//!
//! Over Mali (10°–25° N) this keeps shapes recognisable and makes the scale exact along every
//! meridian and along the standard parallel; along other parallels the east–west scale is off
//! by `cos φ / cos φ₀` (at most ±4 % over Mali's extent). The scale bar is measured on the
//! ellipsoid along the standard parallel.
//!
//! # Units
//! Geographic coordinates in degrees (x = lon, y = lat); pixels with y growing downwards.

use crate::geodesy;

/// A bounding box in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    /// West edge (lon).
    pub min_lon: f64,
    /// South edge (lat).
    pub min_lat: f64,
    /// East edge (lon).
    pub max_lon: f64,
    /// North edge (lat).
    pub max_lat: f64,
}

impl BBox {
    /// A box from its edges.
    pub fn new(min_lon: f64, min_lat: f64, max_lon: f64, max_lat: f64) -> Self {
        BBox {
            min_lon,
            min_lat,
            max_lon,
            max_lat,
        }
    }

    /// The smallest box holding every point, if any.
    pub fn around(points: impl IntoIterator<Item = (f64, f64)>) -> Option<BBox> {
        let mut b: Option<BBox> = None;
        for (lon, lat) in points {
            if !lon.is_finite() || !lat.is_finite() {
                continue;
            }
            b = Some(match b {
                None => BBox::new(lon, lat, lon, lat),
                Some(b) => BBox::new(
                    b.min_lon.min(lon),
                    b.min_lat.min(lat),
                    b.max_lon.max(lon),
                    b.max_lat.max(lat),
                ),
            });
        }
        b
    }

    /// This box grown by `fraction` of its size on each side (at least `min_deg`).
    pub fn padded(self, fraction: f64, min_deg: f64) -> BBox {
        let dx = ((self.max_lon - self.min_lon) * fraction).max(min_deg);
        let dy = ((self.max_lat - self.min_lat) * fraction).max(min_deg);
        BBox::new(
            self.min_lon - dx,
            (self.min_lat - dy).max(-89.0),
            self.max_lon + dx,
            (self.max_lat + dy).min(89.0),
        )
    }

    /// Parses `MIN_LON,MIN_LAT,MAX_LON,MAX_LAT`.
    pub fn parse(s: &str) -> Option<BBox> {
        let v: Vec<f64> = s
            .split(',')
            .map(|p| p.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .ok()?;
        let [a, b, c, d] = v.as_slice() else {
            return None;
        };
        let ok = a < c
            && b < d
            && b.abs() < 90.0
            && d.abs() < 90.0
            && a.abs() <= 180.0
            && c.abs() <= 180.0;
        ok.then(|| BBox::new(*a, *b, *c, *d))
    }
}

/// A pixel rectangle: left, top, right, bottom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PixelRect {
    /// Left edge.
    pub left: f64,
    /// Top edge.
    pub top: f64,
    /// Right edge.
    pub right: f64,
    /// Bottom edge.
    pub bottom: f64,
}

impl PixelRect {
    /// Width in pixels.
    pub fn width(&self) -> f64 {
        self.right - self.left
    }
    /// Height in pixels.
    pub fn height(&self) -> f64 {
        self.bottom - self.top
    }
    /// Whether two rectangles overlap.
    pub fn overlaps(&self, o: &PixelRect) -> bool {
        self.left < o.right && o.left < self.right && self.top < o.bottom && o.top < self.bottom
    }
    /// Whether `o` lies entirely inside.
    pub fn contains_rect(&self, o: &PixelRect) -> bool {
        o.left >= self.left && o.right <= self.right && o.top >= self.top && o.bottom <= self.bottom
    }
}

/// The projection of a geographic box into a pixel rectangle.
#[derive(Debug, Clone, Copy)]
pub struct MapFrame {
    /// The geographic extent actually shown (grown to the pixel rectangle's aspect).
    pub bbox: BBox,
    /// Where the map is drawn on the image.
    pub area: PixelRect,
    /// Standard parallel (°N).
    pub lat0: f64,
    cos0: f64,
    px_per_unit: f64,
    x0: f64,
    y0: f64,
}

impl MapFrame {
    /// Fits `bbox` into `area`, centred, keeping the projection's aspect.
    pub fn fit(bbox: BBox, area: PixelRect) -> MapFrame {
        let lat0 = (bbox.min_lat + bbox.max_lat) / 2.0;
        let cos0 = lat0.to_radians().cos();
        let w_units = (bbox.max_lon - bbox.min_lon) * cos0;
        let h_units = bbox.max_lat - bbox.min_lat;
        let px_per_unit = (area.width() / w_units).min(area.height() / h_units);
        // Grow the box to fill the area.
        let cx = (bbox.min_lon + bbox.max_lon) / 2.0;
        let cy = (bbox.min_lat + bbox.max_lat) / 2.0;
        let half_w_deg = area.width() / px_per_unit / cos0 / 2.0;
        let half_h_deg = area.height() / px_per_unit / 2.0;
        let shown = BBox::new(
            cx - half_w_deg,
            cy - half_h_deg,
            cx + half_w_deg,
            cy + half_h_deg,
        );
        MapFrame {
            bbox: shown,
            area,
            lat0,
            cos0,
            px_per_unit,
            x0: shown.min_lon,
            y0: shown.max_lat,
        }
    }

    /// Pixel position of a point.
    pub fn to_px(&self, lon: f64, lat: f64) -> (f64, f64) {
        (
            self.area.left + (lon - self.x0) * self.cos0 * self.px_per_unit,
            self.area.top + (self.y0 - lat) * self.px_per_unit,
        )
    }

    /// Geographic position of a pixel.
    pub fn to_geo(&self, x: f64, y: f64) -> (f64, f64) {
        (
            self.x0 + (x - self.area.left) / self.px_per_unit / self.cos0,
            self.y0 - (y - self.area.top) / self.px_per_unit,
        )
    }

    /// Kilometres per pixel along the standard parallel, measured on the WGS84 ellipsoid.
    pub fn km_per_px(&self) -> f64 {
        let cx = (self.bbox.min_lon + self.bbox.max_lon) / 2.0;
        let (x1, _) = self.to_px(cx - 0.5, self.lat0);
        let (x2, _) = self.to_px(cx + 0.5, self.lat0);
        let (d_m, _) = geodesy::inverse((self.lat0, cx - 0.5), (self.lat0, cx + 0.5));
        d_m / 1000.0 / (x2 - x1)
    }

    /// A short description for map credits.
    pub fn describe(&self) -> String {
        format!(
            "Equirectangular projection, standard parallel {:.1}°N, WGS84",
            self.lat0
        )
    }
}

/// A round scale-bar length (km) close to `target_km`.
pub fn nice_km(target_km: f64) -> f64 {
    let steps = [1.0, 2.0, 2.5, 5.0];
    let mag = 10f64.powf(target_km.max(1e-9).log10().floor());
    let mut best = mag;
    for s in steps {
        if s * mag <= target_km {
            best = s * mag;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_aspect() {
        let f = MapFrame::fit(
            BBox::new(-12.0, 10.0, 4.0, 25.0),
            PixelRect {
                left: 0.0,
                top: 100.0,
                right: 1600.0,
                bottom: 1700.0,
            },
        );
        let (x, y) = f.to_px(-4.0, 17.5);
        let (lon, lat) = f.to_geo(x, y);
        assert!((lon + 4.0).abs() < 1e-9 && (lat - 17.5).abs() < 1e-9);
        // Centre of the box at the centre of the area.
        assert!((x - 800.0).abs() < 1e-6 && (y - 900.0).abs() < 1e-6);
        // North is up.
        assert!(f.to_px(-4.0, 20.0).1 < y);
    }

    #[test]
    fn scale_matches_the_ellipsoid() {
        let f = MapFrame::fit(
            BBox::new(-12.0, 10.0, 4.0, 25.0),
            PixelRect {
                left: 0.0,
                top: 0.0,
                right: 1600.0,
                bottom: 1600.0,
            },
        );
        // Gao → Bamako measured on the map along... check a meridian segment instead:
        // 1° of latitude near 17.5°N is ~110.7 km on the ellipsoid.
        let (_, y1) = f.to_px(0.0, 17.0);
        let (_, y2) = f.to_px(0.0, 18.0);
        let km_per_px_meridian = 110.7 / (y1 - y2);
        assert!((f.km_per_px() - km_per_px_meridian).abs() / km_per_px_meridian < 0.01);
    }

    #[test]
    fn nice_lengths() {
        assert_eq!(nice_km(230.0), 200.0);
        assert_eq!(nice_km(270.0), 250.0);
        assert_eq!(nice_km(90.0), 50.0);
        assert_eq!(nice_km(1.2), 1.0);
    }

    #[test]
    fn bbox_parsing() {
        assert_eq!(
            BBox::parse("-12,10,4,25"),
            Some(BBox::new(-12.0, 10.0, 4.0, 25.0))
        );
        assert_eq!(BBox::parse("4,10,-12,25"), None);
        assert_eq!(BBox::parse("1,2,3"), None);
    }
}
