//! GeoJSON layers for QGIS (RFC 7946): lon/lat WGS84, exterior rings counter-clockwise,
//! a `bbox`, coordinates rounded to 6 decimals (about 0.1 m), and the FeatureCollection's
//! `name` set to the layer name (a foreign member, §6.1, which OGR reads as the layer name).
//!
//! Properties come from typed structs, so every feature of a layer has the same fields with
//! the same JSON types: OGR types ISO `YYYY-MM-DD` strings as Date, integers as Integer,
//! numbers with a fraction as Real.

use geo::{BoundingRect, Geometry, MapCoords};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// One layer: a name and features (geometry + properties).
#[derive(Debug, Clone)]
pub struct Layer {
    /// Layer name (`events`, `places`, `control`, `frontline`, `distances`).
    pub name: String,
    /// Features.
    pub features: Vec<(Geometry<f64>, Map<String, Value>)>,
}

impl Layer {
    /// An empty layer.
    pub fn new(name: &str) -> Self {
        Layer {
            name: name.to_string(),
            features: Vec::new(),
        }
    }

    /// Adds a feature whose properties are the fields of `props` (a struct).
    pub fn push<T: Serialize>(&mut self, geometry: Geometry<f64>, props: &T) -> Result<()> {
        let v = serde_json::to_value(props).map_err(|e| Error::Render(e.to_string()))?;
        let Value::Object(map) = v else {
            return Err(Error::Render("layer properties must be a struct".into()));
        };
        self.features.push((geometry, map));
        Ok(())
    }

    /// The layer as a GeoJSON FeatureCollection text.
    pub fn to_geojson(&self) -> Result<String> {
        let mut features = Vec::with_capacity(self.features.len());
        let mut bbox: Option<[f64; 4]> = None;
        for (g, props) in &self.features {
            let g = round(&orient(g.clone()));
            let fb = g
                .bounding_rect()
                .map(|r| [r.min().x, r.min().y, r.max().x, r.max().y]);
            if let Some(fb) = fb {
                bbox = Some(match bbox {
                    None => fb,
                    Some(b) => [
                        b[0].min(fb[0]),
                        b[1].min(fb[1]),
                        b[2].max(fb[2]),
                        b[3].max(fb[3]),
                    ],
                });
            }
            features.push(geojson::Feature {
                bbox: None,
                geometry: Some(geojson::Geometry::from(&g)),
                id: None,
                properties: Some(props.clone()),
                foreign_members: None,
            });
        }
        let mut foreign = Map::new();
        foreign.insert("name".into(), Value::String(self.name.clone()));
        let fc = geojson::FeatureCollection {
            bbox: bbox.map(|b| b.iter().map(|v| round6(*v)).collect()),
            features,
            foreign_members: Some(foreign),
        };
        serde_json::to_string(&fc).map_err(|e| Error::Render(e.to_string()))
    }
}

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// Rounds to 6 decimals and drops the consecutive repeated vertices rounding makes (rings stay
/// closed and keep at least four positions).
fn round(g: &Geometry<f64>) -> Geometry<f64> {
    use geo::{LineString, MultiLineString, MultiPolygon, Polygon};
    let g = g.map_coords(|c| geo::Coord {
        x: round6(c.x),
        y: round6(c.y),
    });
    let dedup = |l: LineString<f64>, min: usize| {
        let mut v = l.0.clone();
        v.dedup();
        if v.len() >= min {
            LineString::new(v)
        } else {
            l
        }
    };
    let poly = |p: Polygon<f64>| {
        let (ext, holes) = p.into_inner();
        Polygon::new(
            dedup(ext, 4),
            holes.into_iter().map(|h| dedup(h, 4)).collect(),
        )
    };
    match g {
        Geometry::LineString(l) => Geometry::LineString(dedup(l, 2)),
        Geometry::MultiLineString(m) => Geometry::MultiLineString(MultiLineString::new(
            m.0.into_iter().map(|l| dedup(l, 2)).collect(),
        )),
        Geometry::Polygon(p) => Geometry::Polygon(poly(p)),
        Geometry::MultiPolygon(m) => {
            Geometry::MultiPolygon(MultiPolygon::new(m.0.into_iter().map(poly).collect()))
        }
        other => other,
    }
}

/// Exterior rings counter-clockwise, holes clockwise (RFC 7946 §3.1.6).
fn orient(g: Geometry<f64>) -> Geometry<f64> {
    use geo::orient::{Direction, Orient};
    match g {
        Geometry::Polygon(p) => Geometry::Polygon(p.orient(Direction::Default)),
        Geometry::MultiPolygon(p) => Geometry::MultiPolygon(p.orient(Direction::Default)),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{LineString, Point, Polygon};

    #[derive(Serialize)]
    struct Props {
        name: String,
        date: String,
        count: u32,
        confidence: f64,
    }

    #[test]
    fn layers_have_name_bbox_rounded_ccw_coordinates() {
        let mut l = Layer::new("places");
        l.push(
            Geometry::Point(Point::new(-3.894_740_123, 14.943_29)),
            &Props {
                name: "Konna".into(),
                date: "2013-01-10".into(),
                count: 3,
                confidence: 1.0,
            },
        )
        .unwrap();
        // A clockwise square comes out counter-clockwise.
        let cw = Polygon::new(
            LineString::from(vec![
                (0.0, 0.0),
                (0.0, 1.0),
                (1.0, 1.0),
                (1.0, 0.0),
                (0.0, 0.0),
            ]),
            vec![],
        );
        l.push(
            Geometry::Polygon(cw),
            &Props {
                name: "sq".into(),
                date: "2013-01-11".into(),
                count: 0,
                confidence: 0.5,
            },
        )
        .unwrap();
        let v: Value = serde_json::from_str(&l.to_geojson().unwrap()).unwrap();
        assert_eq!(v["name"], "places");
        assert_eq!(v["type"], "FeatureCollection");
        assert_eq!(v["features"][0]["geometry"]["coordinates"][0], -3.89474);
        assert_eq!(v["bbox"], serde_json::json!([-3.89474, 0.0, 1.0, 14.94329]));
        // Confidence 1.0 stays a real number in the text, so OGR types the field Real.
        assert!(l.to_geojson().unwrap().contains("\"confidence\":1.0"));
        let ring = v["features"][1]["geometry"]["coordinates"][0]
            .as_array()
            .unwrap();
        let pts: Vec<(f64, f64)> = ring
            .iter()
            .map(|p| (p[0].as_f64().unwrap(), p[1].as_f64().unwrap()))
            .collect();
        let area2: f64 = pts
            .windows(2)
            .map(|w| w[0].0 * w[1].1 - w[1].0 * w[0].1)
            .sum();
        assert!(area2 > 0.0, "exterior ring must be counter-clockwise");
    }
}
