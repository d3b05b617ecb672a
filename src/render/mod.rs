//! Renderers: GeoJSON layers for QGIS and the publishable PNG map, drawn from a resolved
//! [`scene::Scene`].

pub mod basemap;
pub mod png;
pub mod projection;
pub mod raster;
pub mod scene;
