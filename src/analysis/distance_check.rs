//! Verdicts on stated distances and directions.
//!
//! The truth is the geodesic on the WGS84 ellipsoid (Karney's algorithm, see
//! [`crate::geodesy::inverse`]) between the two places' gazetteer points. A stated distance
//! becomes an interval of km according to its qualifier, widened by a tolerance:
//!
//! - *exact* "70 km": the rounding the figure implies (half its last significant place:
//!   ±5 km for 70, ±50 km for 1,200), at most [`CheckParams::exact_max_rel`] of the figure,
//!   and never less than [`CheckParams::floor_km`] (a town's gazetteer point is its centre,
//!   and Sahel towns span a few km);
//! - *about* "environ 70 km": the exact tolerance or [`CheckParams::about_rel`] of the
//!   figure, whichever is larger;
//! - *more than* "plus de 700 km": from the figure less its exact tolerance upwards;
//! - *less than* "moins de 1000 km": up to the figure plus its exact tolerance;
//! - a range "50 à 60 km": from the low figure to the high one, each with its tolerance.
//!
//! Verdicts ([`ClaimVerdict`]): *consistent* when the great-circle distance lies in that
//! interval; *plausible by road* when the interval lies beyond it but starts within
//! [`CheckParams::detour_max`] times it (a road can be that much longer than the straight
//! line); *inconsistent* when the statement is shorter than the straight line (no road is) or
//! longer than the detour band allows; *unresolved* when a place is unknown.
//!
//! The direction is judged separately: the bearing from the reference place must fall within
//! the stated point's sector (±22.5° for the 8 main points, ±11.25° for the 16-point names)
//! widened by [`CheckParams::direction_tolerance_deg`]. A wrong direction makes the overall
//! verdict *inconsistent*; `distance_verdict` and `direction_verdict` keep both judgements.

use crate::claims::{Claim, ClaimPlace, FoundClaim, Qualifier, StatedDistance};
use crate::gazetteer::Gazetteer;
use crate::geodesy;

/// Parameters of the verdicts, with [`Default`] values justified in the README.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckParams {
    /// Largest road detour index (road ÷ great-circle distance) still called plausible
    /// (default 1.6).
    pub detour_max: f64,
    /// Relative tolerance of "about" figures (default 0.15 = ±15 %).
    pub about_rel: f64,
    /// Cap of the rounding tolerance of exact figures, relative (default 0.10).
    pub exact_max_rel: f64,
    /// Smallest tolerance in km, for town extents (default 2 km).
    pub floor_km: f64,
    /// Degrees added on each side of a compass sector (default 10°).
    pub direction_tolerance_deg: f64,
}

impl Default for CheckParams {
    fn default() -> Self {
        CheckParams {
            detour_max: 1.6,
            about_rel: 0.15,
            exact_max_rel: 0.10,
            floor_km: 2.0,
            direction_tolerance_deg: 10.0,
        }
    }
}

impl CheckParams {
    /// Sets the largest plausible road detour index.
    pub fn detour_max(mut self, v: f64) -> Self {
        self.detour_max = v;
        self
    }

    /// Sets the relative tolerance of "about" figures.
    pub fn about_rel(mut self, v: f64) -> Self {
        self.about_rel = v;
        self
    }

    /// Sets the cap of the rounding tolerance of exact figures.
    pub fn exact_max_rel(mut self, v: f64) -> Self {
        self.exact_max_rel = v;
        self
    }

    /// Sets the smallest tolerance in km.
    pub fn floor_km(mut self, v: f64) -> Self {
        self.floor_km = v;
        self
    }

    /// Sets the degrees added on each side of a compass sector.
    pub fn direction_tolerance_deg(mut self, v: f64) -> Self {
        self.direction_tolerance_deg = v;
        self
    }

    /// Checks that the values make sense (a detour index ≥ 1, tolerances ≥ 0, < 90°).
    pub fn validate(&self) -> Result<(), String> {
        if !(self.detour_max.is_finite() && self.detour_max >= 1.0) {
            return Err(format!(
                "the detour index must be a number ≥ 1 (road ÷ straight line), not {}",
                self.detour_max
            ));
        }
        for (name, v) in [
            ("about tolerance", self.about_rel),
            ("exact tolerance", self.exact_max_rel),
            ("floor", self.floor_km),
        ] {
            if !(v.is_finite() && v >= 0.0) {
                return Err(format!("the {name} must be ≥ 0, not {v}"));
            }
        }
        if !(0.0..90.0).contains(&self.direction_tolerance_deg) {
            return Err(format!(
                "the direction tolerance must be in [0, 90) degrees, not {}",
                self.direction_tolerance_deg
            ));
        }
        Ok(())
    }
}

/// The verdict on a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimVerdict {
    /// Holds as the crow flies.
    Consistent,
    /// Too long for a straight line, but within what road detours give.
    PlausibleByRoad,
    /// Shorter than the straight line, longer than any plausible road, or in the wrong
    /// direction.
    Inconsistent,
    /// A place could not be resolved.
    Unresolved,
}

impl ClaimVerdict {
    /// `consistent`, `plausible_by_road`, `inconsistent`, `unresolved`.
    pub fn label(self) -> &'static str {
        match self {
            ClaimVerdict::Consistent => "consistent",
            ClaimVerdict::PlausibleByRoad => "plausible_by_road",
            ClaimVerdict::Inconsistent => "inconsistent",
            ClaimVerdict::Unresolved => "unresolved",
        }
    }
}

/// The judgement on a stated direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DirectionVerdict {
    /// The bearing is within the stated sector (plus tolerance).
    Agrees,
    /// It is not.
    Disagrees,
}

/// A checked claim: the `check` object of the CLI contract plus details.
///
/// # Units
/// Distances in km, bearings in degrees clockwise from true north, from `from` to `to`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CheckedClaim {
    /// The sentence the claim was found in (`null` for claims read from a table).
    pub sentence: Option<String>,
    /// The reference place as written.
    pub from: String,
    /// The located place as written.
    pub to: String,
    /// The stated distance in km (midpoint of a range), `null` for direction-only claims.
    pub stated_km: Option<f64>,
    /// The qualifier.
    pub qualifier: Qualifier,
    /// The stated direction of `to` from `from`.
    pub direction: Option<crate::claims::Direction>,
    /// Geodesic distance, km.
    pub geodesic_km: Option<f64>,
    /// Initial bearing from `from` to `to`, degrees.
    pub bearing_deg: Option<f64>,
    /// 16-point compass name of the bearing.
    pub compass: Option<&'static str>,
    /// The overall verdict.
    pub verdict: ClaimVerdict,
    /// One publishable sentence explaining it.
    pub reason: String,
    /// The stated figure as written (value, unit) and its bounds in km.
    pub stated: Option<StatedDistance>,
    /// The verdict on the distance alone.
    pub distance_verdict: Option<ClaimVerdict>,
    /// The verdict on the direction alone.
    pub direction_verdict: Option<DirectionVerdict>,
    /// Stated ÷ geodesic distance (low bound for ranges).
    pub ratio: Option<f64>,
    /// Tolerance applied to the figure, km.
    pub tolerance_km: Option<f64>,
    /// Gazetteer id of the reference place.
    pub from_id: Option<String>,
    /// Gazetteer id of the located place.
    pub to_id: Option<String>,
    /// Gazetteer name of the reference place.
    pub from_name: Option<String>,
    /// Gazetteer name of the located place.
    pub to_name: Option<String>,
    /// Reference place latitude.
    pub from_lat: Option<f64>,
    /// Reference place longitude.
    pub from_lon: Option<f64>,
    /// Located place latitude.
    pub to_lat: Option<f64>,
    /// Located place longitude.
    pub to_lon: Option<f64>,
    /// Resolution confidence of the reference place.
    pub from_confidence: f64,
    /// Resolution confidence of the located place.
    pub to_confidence: f64,
    /// Whether the located place was taken from an earlier sentence ("la ville, située…").
    pub to_from_context: bool,
    /// Byte offset of the sentence's start in the input.
    pub start: Option<usize>,
    /// Byte offset of the sentence's end.
    pub end: Option<usize>,
    /// 1-based line of the sentence (or of the table row).
    pub line: Option<u64>,
    /// Date of the statement (claims tables only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Source of the statement (claims tables only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Checks a claim found in a text (keeps its sentence, offsets and line).
pub fn check_found(found: &FoundClaim, gaz: &Gazetteer, params: &CheckParams) -> CheckedClaim {
    let mut c = check(&found.claim, gaz, params);
    c.sentence = Some(found.sentence.clone());
    c.start = Some(found.start);
    c.end = Some(found.end);
    c.line = Some(found.line);
    c
}

/// Resolves and checks one row of a claims table; the result keeps the row's line, date and
/// source.
pub fn check_row(
    mut row: crate::claims::csv::ClaimRow,
    gaz: &Gazetteer,
    resolve: &crate::gazetteer::ResolveOptions,
    params: &CheckParams,
) -> CheckedClaim {
    row.claim.resolve_places(gaz, resolve);
    let mut c = check(&row.claim, gaz, params);
    c.line = Some(row.line);
    c.date = Some(row.date.format("%Y-%m-%d").to_string());
    c.source = Some(row.source);
    c
}

/// Checks one claim whose places are resolved (an unresolved place gives `unresolved`).
pub fn check(claim: &Claim, gaz: &Gazetteer, params: &CheckParams) -> CheckedClaim {
    let place = |p: &ClaimPlace| p.place.map(|i| gaz.place(i));
    let (pf, pt) = (place(&claim.from), place(&claim.to));
    let mut out = CheckedClaim {
        sentence: None,
        from: claim.from.text.clone(),
        to: claim.to.text.clone(),
        stated_km: claim.distance.as_ref().map(|d| round(d.km(), 3)),
        qualifier: claim.qualifier,
        direction: claim.direction,
        geodesic_km: None,
        bearing_deg: None,
        compass: None,
        verdict: ClaimVerdict::Unresolved,
        reason: String::new(),
        stated: claim.distance.clone(),
        distance_verdict: None,
        direction_verdict: None,
        ratio: None,
        tolerance_km: None,
        from_id: pf.map(|p| p.id.to_string()),
        to_id: pt.map(|p| p.id.to_string()),
        from_name: pf.map(|p| p.name.to_string()),
        to_name: pt.map(|p| p.name.to_string()),
        from_lat: pf.map(|p| p.lat),
        from_lon: pf.map(|p| p.lon),
        to_lat: pt.map(|p| p.lat),
        to_lon: pt.map(|p| p.lon),
        from_confidence: round(claim.from.confidence, 3),
        to_confidence: round(claim.to.confidence, 3),
        to_from_context: claim.to.from_context,
        start: None,
        end: None,
        line: None,
        date: None,
        source: None,
    };
    let (Some(a), Some(b)) = (pf, pt) else {
        let mut parts = Vec::new();
        for p in [&claim.from, &claim.to] {
            if p.place.is_none() {
                let near = if p.suggestions.is_empty() {
                    "no similar name".to_string()
                } else {
                    format!("nearest names: {}", p.suggestions.join(", "))
                };
                parts.push(format!("{:?} is not in the gazetteer ({near})", p.text));
            }
        }
        out.reason = format!("{}: cannot check", parts.join("; "));
        return out;
    };
    let (d_m, bearing) = geodesy::inverse((a.lat, a.lon), (b.lat, b.lon));
    let g = d_m / 1000.0;
    let compass = geodesy::compass16(bearing);
    out.geodesic_km = Some(round(g, 3));
    out.bearing_deg = Some(round(bearing, 1));
    out.compass = Some(compass);
    let mut reason = format!("great-circle {} at {:.0}° ({compass})", fmt_km(g), bearing);
    let dist = claim.distance.as_ref().map(|d| {
        let j = judge_distance(d, claim.qualifier, g, params);
        out.ratio = (g > 0.0).then(|| round(d.km_low / g, 3));
        out.tolerance_km = Some(round(j.tol_km, 3));
        reason.push_str("; ");
        reason.push_str(&j.text);
        j.verdict
    });
    out.distance_verdict = dist;
    let dir = claim.direction.map(|dir| {
        let off = geodesy::angle_between(bearing, dir.bearing_deg());
        let allowed = dir.half_sector_deg() + params.direction_tolerance_deg;
        reason.push_str("; ");
        if g < params.floor_km {
            reason.push_str(&format!(
                "direction {} not judged: the places are under {} km apart",
                dir.label(),
                params.floor_km
            ));
            None
        } else if off <= allowed {
            reason.push_str(&format!("direction {} agrees", dir.label()));
            Some(DirectionVerdict::Agrees)
        } else {
            reason.push_str(&format!(
                "direction {} is wrong: the true direction is {compass}, {off:.0}° off (±{allowed:.1}° allowed)",
                dir.label()
            ));
            Some(DirectionVerdict::Disagrees)
        }
    });
    out.direction_verdict = dir.flatten();
    out.verdict = match (dist, out.direction_verdict) {
        (_, Some(DirectionVerdict::Disagrees)) => ClaimVerdict::Inconsistent,
        (Some(v), _) => v,
        (None, _) => ClaimVerdict::Consistent,
    };
    out.reason = reason;
    out
}

struct Judgement {
    verdict: ClaimVerdict,
    tol_km: f64,
    text: String,
}

/// Half the place value of a figure's last significant digit, in its unit.
fn rounding_half_step(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 0.0;
    }
    if v.fract().abs() > 1e-9 {
        let mut step = 0.1;
        for _ in 0..4 {
            if ((v / step).round() * step - v).abs() < 1e-9 {
                break;
            }
            step /= 10.0;
        }
        return step / 2.0;
    }
    let mut n = v.round() as u64;
    let mut step = 1.0;
    while n >= 10 && n.is_multiple_of(10) {
        n /= 10;
        step *= 10.0;
    }
    step / 2.0
}

/// The tolerance in km of an exact figure `v` in unit `u` (`per_unit` km per unit).
fn exact_tol_km(value: f64, per_unit: f64, params: &CheckParams) -> f64 {
    let km = value * per_unit;
    (rounding_half_step(value) * per_unit)
        .min(params.exact_max_rel * km)
        .max(params.floor_km)
}

fn judge_distance(d: &StatedDistance, q: Qualifier, g: f64, p: &CheckParams) -> Judgement {
    let per = d.unit.km_per_unit();
    let (lo_v, hi_v) = (d.km_low / per, d.km_high / per);
    let mut tol_lo = exact_tol_km(lo_v, per, p);
    let mut tol_hi = exact_tol_km(hi_v, per, p);
    if q == Qualifier::About || d.in_words {
        tol_lo = tol_lo.max(p.about_rel * d.km_low);
        tol_hi = tol_hi.max(p.about_rel * d.km_high);
    }
    let (lo, hi) = match q {
        Qualifier::MoreThan => (d.km_low - tol_lo, f64::INFINITY),
        Qualifier::LessThan => (0.0, d.km_high + tol_hi),
        _ => (d.km_low - tol_lo, d.km_high + tol_hi),
    };
    let tol_km = if q == Qualifier::LessThan {
        tol_hi
    } else {
        tol_lo
    };
    let stated = describe_stated(d, q);
    if g >= lo && g <= hi {
        let text = match q {
            Qualifier::MoreThan => {
                format!("the stated {stated} holds as the crow flies: consistent")
            }
            Qualifier::LessThan => format!("the stated {stated} holds: consistent"),
            Qualifier::About => format!(
                "the stated {stated} is within ±{} of it: consistent",
                fmt_km(tol_km)
            ),
            Qualifier::Exact if d.range => {
                format!("it lies within the stated {stated}: consistent")
            }
            Qualifier::Exact => format!(
                "the stated {stated} matches within ±{}: consistent",
                fmt_km(tol_km)
            ),
        };
        return Judgement {
            verdict: ClaimVerdict::Consistent,
            tol_km,
            text,
        };
    }
    if g > hi {
        let short = (g - d.km_high) / g * 100.0;
        let text = match q {
            Qualifier::LessThan => format!(
                "the stated {stated} fails: the straight line alone is {} longer, and roads are only longer: inconsistent",
                fmt_km(g - d.km_high)
            ),
            _ => format!(
                "the stated {stated} is {short:.0}% shorter than the straight line, which no road can be: inconsistent"
            ),
        };
        return Judgement {
            verdict: ClaimVerdict::Inconsistent,
            tol_km,
            text,
        };
    }
    // Too long for a straight line: is it within the road-detour band?
    let ratio = if g > 0.0 { d.km_low / g } else { f64::INFINITY };
    if g > 0.0 && lo <= g * p.detour_max {
        Judgement {
            verdict: ClaimVerdict::PlausibleByRoad,
            tol_km,
            text: format!(
                "the stated {stated} is {ratio:.2}× that: plausible by road, not as the crow flies"
            ),
        }
    } else {
        Judgement {
            verdict: ClaimVerdict::Inconsistent,
            tol_km,
            text: format!(
                "the stated {stated} is {}× that, more than the {:.2}× a road detour explains: inconsistent",
                if ratio.is_finite() {
                    format!("{ratio:.2}")
                } else {
                    "∞".into()
                },
                p.detour_max
            ),
        }
    }
}

fn describe_stated(d: &StatedDistance, q: Qualifier) -> String {
    let prefix = match q {
        Qualifier::Exact => "",
        Qualifier::About => "about ",
        Qualifier::MoreThan => "more than ",
        Qualifier::LessThan => "less than ",
    };
    let unit = d.unit.label();
    let per = d.unit.km_per_unit();
    let figure = if d.range {
        format!(
            "{}–{} {unit}",
            fmt_num(d.km_low / per),
            fmt_num(d.km_high / per)
        )
    } else {
        format!("{} {unit}", fmt_num(d.value))
    };
    if d.unit == crate::claims::Unit::Km {
        format!("{prefix}{figure}")
    } else {
        format!("{prefix}{figure} ({})", fmt_km(d.km()))
    }
}

fn fmt_num(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v}")
    }
}

fn fmt_km(km: f64) -> String {
    if km >= 10.0 {
        format!("{km:.0} km")
    } else if km >= 1.0 {
        format!("{km:.1} km")
    } else {
        format!("{:.0} m", km * 1000.0)
    }
}

fn round(v: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (v * f).round() / f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::{Direction, Unit};
    use crate::gazetteer::ResolveOptions;

    fn gaz() -> Gazetteer {
        Gazetteer::embedded().unwrap()
    }

    fn claim(
        gaz: &Gazetteer,
        from: &str,
        to: &str,
        km: Option<f64>,
        q: Qualifier,
        dir: Option<&str>,
    ) -> Claim {
        let o = ResolveOptions::default().country(Some("ML"));
        let place = |n: &str| {
            let r = gaz.resolve(n, &o);
            ClaimPlace {
                place: r.place(),
                confidence: r.confidence(),
                suggestions: r.suggestions.clone(),
                ..ClaimPlace::named(n)
            }
        };
        Claim {
            from: place(from),
            to: place(to),
            distance: km.map(|k| StatedDistance::new(k, Unit::Km)),
            qualifier: q,
            direction: dir.and_then(Direction::from_label),
        }
    }

    #[test]
    fn geodesics_match_published_geographiclib_values_to_the_millimetre() {
        // Karney (2013), "Algorithms for geodesics", J. Geodesy 87:43–55, worked examples on
        // WGS84. Direct problem (Table 2): φ1 = 40°, α1 = 30°, s12 = 10 000 km gives
        // φ2 = 41.79331020506°, λ12 = 137.84490004377°; the inverse must give them back.
        let (d, az) = geodesy::inverse((40.0, 0.0), (41.79331020506, 137.84490004377));
        assert!((d - 10_000_000.0).abs() < 1e-3, "{d}");
        assert!((az - 30.0).abs() < 1e-9, "{az}");
        // Inverse problem, nearly antipodal (§4): φ1 = −30°, φ2 = 29.9°, λ12 = 179.8° gives
        // α1 = 161.890524736°, s12 = 19 989 832.827610 m.
        let (d, az) = geodesy::inverse((-30.0, 0.0), (29.9, 179.8));
        assert!((d - 19_989_832.827_610).abs() < 1e-3, "{d}");
        assert!((az - 161.890_524_736).abs() < 1e-8, "{az}");
    }

    #[test]
    fn rounding_implied_by_figures() {
        assert_eq!(rounding_half_step(70.0), 5.0);
        assert_eq!(rounding_half_step(1200.0), 50.0);
        assert_eq!(rounding_half_step(145.0), 0.5);
        assert_eq!(rounding_half_step(2.5), 0.05);
    }

    #[test]
    fn verdict_kinds() {
        let g = gaz();
        let p = CheckParams::default();
        // Konna → Sévaré: about 51 km SSW.
        let c = check(
            &claim(
                &g,
                "Konna",
                "Sévaré",
                Some(70.0),
                Qualifier::Exact,
                Some("S"),
            ),
            &g,
            &p,
        );
        assert_eq!(c.verdict, ClaimVerdict::PlausibleByRoad, "{}", c.reason);
        assert_eq!(c.direction_verdict, Some(DirectionVerdict::Agrees));
        assert!(c.reason.contains("plausible by road"), "{}", c.reason);
        let c = check(
            &claim(&g, "Konna", "Sévaré", Some(50.0), Qualifier::About, None),
            &g,
            &p,
        );
        assert_eq!(c.verdict, ClaimVerdict::Consistent, "{}", c.reason);
        let c = check(
            &claim(&g, "Konna", "Sévaré", Some(20.0), Qualifier::Exact, None),
            &g,
            &p,
        );
        assert_eq!(c.verdict, ClaimVerdict::Inconsistent, "{}", c.reason);
        let c = check(
            &claim(&g, "Konna", "Sévaré", Some(500.0), Qualifier::Exact, None),
            &g,
            &p,
        );
        assert_eq!(c.verdict, ClaimVerdict::Inconsistent, "{}", c.reason);
        let c = check(
            &claim(
                &g,
                "Konna",
                "Sévaré",
                Some(50.0),
                Qualifier::Exact,
                Some("N"),
            ),
            &g,
            &p,
        );
        assert_eq!(c.verdict, ClaimVerdict::Inconsistent, "{}", c.reason);
        assert_eq!(c.distance_verdict, Some(ClaimVerdict::Consistent));
        assert!(c.reason.contains("true direction is SSW"), "{}", c.reason);
        let c = check(
            &claim(&g, "Konna", "Zzyzxqq", Some(50.0), Qualifier::Exact, None),
            &g,
            &p,
        );
        assert_eq!(c.verdict, ClaimVerdict::Unresolved);
    }

    #[test]
    fn qualifiers_bound_the_figure() {
        let g = gaz();
        let p = CheckParams::default();
        // Bamako → Douentza ≈ 605 km.
        let c = check(
            &claim(
                &g,
                "Bamako",
                "Douentza",
                Some(1000.0),
                Qualifier::LessThan,
                None,
            ),
            &g,
            &p,
        );
        assert_eq!(c.verdict, ClaimVerdict::Consistent, "{}", c.reason);
        let c = check(
            &claim(
                &g,
                "Bamako",
                "Douentza",
                Some(500.0),
                Qualifier::LessThan,
                None,
            ),
            &g,
            &p,
        );
        assert_eq!(c.verdict, ClaimVerdict::Inconsistent, "{}", c.reason);
        let c = check(
            &claim(
                &g,
                "Bamako",
                "Douentza",
                Some(500.0),
                Qualifier::MoreThan,
                None,
            ),
            &g,
            &p,
        );
        assert_eq!(c.verdict, ClaimVerdict::Consistent, "{}", c.reason);
        let c = check(
            &claim(
                &g,
                "Bamako",
                "Douentza",
                Some(800.0),
                Qualifier::MoreThan,
                None,
            ),
            &g,
            &p,
        );
        assert_eq!(c.verdict, ClaimVerdict::PlausibleByRoad, "{}", c.reason);
    }

    #[test]
    fn detour_band_is_a_parameter() {
        let g = gaz();
        let c = claim(&g, "Konna", "Sévaré", Some(70.0), Qualifier::Exact, None);
        let tight = CheckParams::default().detour_max(1.1);
        assert_eq!(check(&c, &g, &tight).verdict, ClaimVerdict::Inconsistent);
        assert!(CheckParams::default().detour_max(0.5).validate().is_err());
    }
}
