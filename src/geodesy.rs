//! Distances and bearings on the WGS84 ellipsoid (Karney's algorithm, through geo's
//! [`geo::Geodesic`] metric backed by geographiclib-rs), and compass points.
//!
//! # Units
//! Inputs are decimal degrees (lat, lon); distances are metres (`_m`) or kilometres (`_km`)
//! as the name says; bearings are degrees clockwise from true north in `[0, 360)`.

use geo::{Bearing, Distance, Geodesic, Point};

/// Geodesic distance (m) and initial bearing (°, from `a` towards `b`) on WGS84.
///
/// ```
/// use frontmap::geodesy::inverse;
/// // Bamako → Gao
/// let (d_m, bearing) = inverse((12.65, -8.0), (16.27, -0.05));
/// assert!((d_m / 1000.0 - 950.0).abs() < 15.0);
/// assert!((bearing - 64.0).abs() < 2.0);
/// ```
pub fn inverse(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    let pa = Point::new(a.1, a.0);
    let pb = Point::new(b.1, b.0);
    let d = Geodesic.distance(pa, pb);
    let bearing = if d == 0.0 {
        0.0
    } else {
        Geodesic.bearing(pa, pb).rem_euclid(360.0)
    };
    (d, bearing)
}

/// Great-circle distance on a sphere of radius 6371.0088 km: fast, for indexes and
/// pre-filters only (up to ~0.5 % off the ellipsoid).
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().min(1.0).asin()
}

/// The 16 compass points, clockwise from north.
pub const COMPASS_16: [&str; 16] = [
    "N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW",
    "NNW",
];

/// The 16-point compass name of a bearing in degrees.
///
/// ```
/// assert_eq!(frontmap::geodesy::compass16(204.0), "SSW");
/// assert_eq!(frontmap::geodesy::compass16(359.0), "N");
/// ```
pub fn compass16(bearing_deg: f64) -> &'static str {
    let i = ((bearing_deg.rem_euclid(360.0) + 11.25) / 22.5).floor() as usize % 16;
    COMPASS_16[i]
}

/// The 8-point compass name of a bearing in degrees.
pub fn compass8(bearing_deg: f64) -> &'static str {
    let i = ((bearing_deg.rem_euclid(360.0) + 22.5) / 45.0).floor() as usize % 8;
    COMPASS_16[i * 2]
}

/// The bearing (°) a compass point names (`"NE"` → 45), for 8- and 16-point names.
pub fn compass_bearing(point: &str) -> Option<f64> {
    COMPASS_16
        .iter()
        .position(|p| p.eq_ignore_ascii_case(point))
        .map(|i| i as f64 * 22.5)
}

/// The smallest angle (°) between two bearings.
pub fn angle_between(a: f64, b: f64) -> f64 {
    let d = (a - b).rem_euclid(360.0);
    d.min(360.0 - d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    // Karney's published reference values are tested in analysis::distance_check.

    #[test]
    fn compass_names() {
        assert_eq!(compass16(0.0), "N");
        assert_eq!(compass16(11.0), "N");
        assert_eq!(compass16(12.0), "NNE");
        assert_eq!(compass16(225.0), "SW");
        assert_eq!(compass8(67.0), "NE");
        assert_eq!(compass8(68.0), "E");
        assert_eq!(compass_bearing("ssw"), Some(202.5));
        assert_abs_diff_eq!(angle_between(350.0, 10.0), 20.0);
    }

    #[test]
    fn haversine_is_close_to_geodesic() {
        let h = haversine_km(12.65, -8.0, 16.27, -0.05);
        let (g, _) = inverse((12.65, -8.0), (16.27, -0.05));
        assert!((h - g / 1000.0).abs() / h < 0.006);
    }
}
