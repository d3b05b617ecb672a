//! Renderers: GeoJSON layers for QGIS and the publishable PNG map, drawn from a resolved
//! [`scene::Scene`].

pub mod basemap;
pub mod geojson;
pub mod png;
pub mod projection;
pub mod qml;
pub mod raster;
pub mod scene;
