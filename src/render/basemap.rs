//! The embedded basemap: countries, Mali's 2012 regions, rivers and lakes (see
//! `gazetteer/basemap/README.md` for sources and licences).

use std::sync::OnceLock;

use geo::{Coord, Geometry, LineString, MultiLineString, MultiPolygon, Point, Polygon};

use crate::error::{Error, Result};

static COUNTRIES: &str = include_str!("../../gazetteer/basemap/countries.geojson");
static REGIONS: &str = include_str!("../../gazetteer/basemap/regions.geojson");
static RIVERS: &str = include_str!("../../gazetteer/basemap/rivers.geojson");
static LAKES: &str = include_str!("../../gazetteer/basemap/lakes.geojson");

/// A country of the basemap.
#[derive(Debug, Clone)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub iso_a2: String,
    /// French name.
    pub name_fr: String,
    /// English name.
    pub name_en: String,
    /// Where to put its label (lon, lat).
    pub label: Point<f64>,
    /// Its outline (clipped to the study box, except Mali).
    pub shape: MultiPolygon<f64>,
}

/// A first-level region of Mali (2012 division).
#[derive(Debug, Clone)]
pub struct Region {
    /// French name.
    pub name: String,
    /// HASC code (`ML.GA`…).
    pub hasc: String,
    /// Label point (lon, lat).
    pub label: Point<f64>,
    /// Outline.
    pub shape: MultiPolygon<f64>,
}

/// A river.
#[derive(Debug, Clone)]
pub struct River {
    /// Name (Niger, Bani…).
    pub name: String,
    /// Natural Earth scale rank (lower = more important).
    pub scalerank: i64,
    /// Course.
    pub course: MultiLineString<f64>,
}

/// A lake: a polygon, or only a labelled point where no polygon is published (Faguibine).
#[derive(Debug, Clone)]
pub struct Lake {
    /// Name (Lac Débo…).
    pub name: String,
    /// Outline, if known.
    pub shape: Option<MultiPolygon<f64>>,
    /// Label point (lon, lat).
    pub label: Point<f64>,
}

/// Every basemap layer.
#[derive(Debug, Clone)]
pub struct Basemap {
    /// Countries in the study box.
    pub countries: Vec<Country>,
    /// Mali's regions.
    pub regions: Vec<Region>,
    /// Rivers.
    pub rivers: Vec<River>,
    /// Lakes.
    pub lakes: Vec<Lake>,
}

impl Basemap {
    /// The embedded basemap, parsed once.
    pub fn embedded() -> Result<&'static Basemap> {
        static MAP: OnceLock<std::result::Result<Basemap, String>> = OnceLock::new();
        MAP.get_or_init(|| parse().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| Error::Embedded(e.clone()))
    }

    /// The country with this ISO code.
    pub fn country(&self, iso_a2: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.iso_a2 == iso_a2)
    }
}

fn features(src: &str, what: &str) -> Result<Vec<geojson::Feature>> {
    let fc: geojson::FeatureCollection = src
        .parse()
        .map_err(|e| Error::Embedded(format!("basemap {what}: {e}")))?;
    Ok(fc.features)
}

fn prop_str(f: &geojson::Feature, key: &str) -> String {
    f.property(key)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

fn prop_f64(f: &geojson::Feature, key: &str) -> Option<f64> {
    f.property(key).and_then(|v| v.as_f64())
}

fn geometry(f: &geojson::Feature, what: &str) -> Result<Geometry<f64>> {
    let g = f
        .geometry
        .as_ref()
        .ok_or_else(|| Error::Embedded(format!("basemap {what}: feature without geometry")))?;
    Geometry::<f64>::try_from(g.clone())
        .map_err(|e| Error::Embedded(format!("basemap {what}: {e}")))
}

fn polygons(g: Geometry<f64>) -> MultiPolygon<f64> {
    match g {
        Geometry::Polygon(p) => MultiPolygon::new(vec![p]),
        Geometry::MultiPolygon(mp) => mp,
        _ => MultiPolygon::new(vec![]),
    }
}

fn label_of(f: &geojson::Feature, shape: &MultiPolygon<f64>) -> Point<f64> {
    match (prop_f64(f, "label_lon"), prop_f64(f, "label_lat")) {
        (Some(x), Some(y)) => Point::new(x, y),
        _ => {
            use geo::InteriorPoint;
            shape.interior_point().unwrap_or(Point::new(0.0, 0.0))
        }
    }
}

fn parse() -> Result<Basemap> {
    let mut countries = Vec::new();
    for f in features(COUNTRIES, "countries")? {
        let shape = polygons(geometry(&f, "countries")?);
        countries.push(Country {
            iso_a2: prop_str(&f, "iso_a2"),
            name_fr: prop_str(&f, "name_fr"),
            name_en: prop_str(&f, "name_en"),
            label: label_of(&f, &shape),
            shape,
        });
    }
    let mut regions = Vec::new();
    for f in features(REGIONS, "regions")? {
        let shape = polygons(geometry(&f, "regions")?);
        regions.push(Region {
            name: prop_str(&f, "name"),
            hasc: prop_str(&f, "hasc"),
            label: label_of(&f, &shape),
            shape,
        });
    }
    let mut rivers = Vec::new();
    for f in features(RIVERS, "rivers")? {
        let course = match geometry(&f, "rivers")? {
            Geometry::LineString(l) => MultiLineString::new(vec![l]),
            Geometry::MultiLineString(m) => m,
            _ => continue,
        };
        rivers.push(River {
            name: prop_str(&f, "name"),
            scalerank: f
                .property("scalerank")
                .and_then(|v| v.as_i64())
                .unwrap_or(10),
            course,
        });
    }
    let mut lakes = Vec::new();
    for f in features(LAKES, "lakes")? {
        let g = geometry(&f, "lakes")?;
        let name = prop_str(&f, "name");
        match g {
            Geometry::Point(p) => lakes.push(Lake {
                name,
                shape: None,
                label: p,
            }),
            g => {
                let shape = polygons(g);
                use geo::InteriorPoint;
                let label = shape.interior_point().unwrap_or(Point::new(0.0, 0.0));
                lakes.push(Lake {
                    name,
                    shape: Some(shape),
                    label,
                });
            }
        }
    }
    Ok(Basemap {
        countries,
        regions,
        rivers,
        lakes,
    })
}

/// Mali's outline, the study area that control areas are clipped to.
pub fn mali_outline() -> Result<&'static MultiPolygon<f64>> {
    Basemap::embedded()?
        .country("ML")
        .map(|c| &c.shape)
        .ok_or_else(|| Error::Embedded("basemap has no Mali (ML) outline".into()))
}

/// A rectangle as a polygon (lon/lat).
pub fn rect_polygon(min_lon: f64, min_lat: f64, max_lon: f64, max_lat: f64) -> Polygon<f64> {
    Polygon::new(
        LineString::from(vec![
            Coord {
                x: min_lon,
                y: min_lat,
            },
            Coord {
                x: max_lon,
                y: min_lat,
            },
            Coord {
                x: max_lon,
                y: max_lat,
            },
            Coord {
                x: min_lon,
                y: max_lat,
            },
            Coord {
                x: min_lon,
                y: min_lat,
            },
        ]),
        vec![],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Contains;

    #[test]
    fn embedded_basemap_has_mali_its_regions_and_the_niger() {
        let b = Basemap::embedded().unwrap();
        let mali = b.country("ML").unwrap();
        assert_eq!(mali.name_fr, "Mali");
        // Gao and Bamako are inside Mali, Niamey is not.
        assert!(mali.shape.contains(&Point::new(-0.04, 16.27)));
        assert!(mali.shape.contains(&Point::new(-8.0, 12.65)));
        assert!(!mali.shape.contains(&Point::new(2.11, 13.51)));
        assert_eq!(b.regions.len(), 9);
        assert!(b.regions.iter().any(|r| r.name == "Tombouctou"));
        assert!(b.rivers.iter().any(|r| r.name == "Niger"));
        assert!(
            b.lakes
                .iter()
                .any(|l| l.name == "Lac Débo" && l.shape.is_some())
        );
        assert!(
            b.lakes
                .iter()
                .any(|l| l.name == "Lac Faguibine" && l.shape.is_none())
        );
    }
}
