//! The publishable PNG map (plotters over an RGB buffer, fonts embedded).
//!
//! Layout: a title band on top; the map on the left (equirectangular projection, see
//! [`super::projection`]); a panel on the right with the legend, the stated distances and
//! their verdicts, and the credits. Labels are placed greedily by priority (capital, regional
//! seats, towns) at the first of eight positions around their point that overlaps nothing
//! already drawn; a label that fits nowhere is left out rather than drawn over another.

use std::sync::OnceLock;

use geo::{BoundingRect, MultiPolygon};
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};

use super::basemap::Basemap;
use super::projection::{BBox, MapFrame, PixelRect, nice_km};
use super::raster::{Canvas, Rgb, encode_png};
use super::scene::{EventSymbol, Scene, side_colour, verdict_colour};
use crate::error::{Error, Result};

const FONT: &str = "frontmap-sans";
static DEJAVU: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static DEJAVU_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

fn fonts() -> Result<()> {
    static DONE: OnceLock<bool> = OnceLock::new();
    let ok = *DONE.get_or_init(|| {
        register_font(FONT, FontStyle::Normal, DEJAVU).is_ok()
            && register_font(FONT, FontStyle::Bold, DEJAVU_BOLD).is_ok()
    });
    if ok {
        Ok(())
    } else {
        Err(Error::Embedded(
            "the embedded DejaVu fonts do not load".into(),
        ))
    }
}

/// Size and extent of the PNG.
#[derive(Debug, Clone, Copy)]
pub struct PngParams {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl Default for PngParams {
    fn default() -> Self {
        PngParams {
            width: 2400,
            height: 1800,
        }
    }
}

impl PngParams {
    /// Parses `WIDTHxHEIGHT` (e.g. `1200x900`).
    pub fn parse_size(s: &str) -> Option<(u32, u32)> {
        let (w, h) = s.split_once(['x', 'X', '×'])?;
        let w: u32 = w.trim().parse().ok()?;
        let h: u32 = h.trim().parse().ok()?;
        ((400..=10_000).contains(&w) && (300..=10_000).contains(&h)).then_some((w, h))
    }
}

fn err(e: impl std::fmt::Display) -> Error {
    Error::Render(e.to_string())
}

fn rgb(c: (u8, u8, u8)) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// Where things go on the image.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// The main map.
    pub main: MapFrame,
    /// The detail inset (a zoom on the day's events), when the scene has a focus small
    /// enough to be crowded on the main map.
    pub inset: Option<MapFrame>,
    /// The right-hand panel (legend, distances, credits).
    pub panel: PixelRect,
}

/// Lays out a scene for `params`.
pub fn layout(scene: &Scene, basemap: &Basemap, params: &PngParams) -> Layout {
    let s = params.height as f64 / 1800.0;
    let panel_w = (640.0 * s).min(params.width as f64 * 0.4);
    let top = 118.0 * s;
    let area = PixelRect {
        left: 0.0,
        top,
        right: params.width as f64 - panel_w,
        bottom: params.height as f64,
    };
    let bbox = scene.bbox.unwrap_or_else(|| default_bbox(scene, basemap));
    let main = MapFrame::fit(bbox, area);
    let panel = PixelRect {
        left: area.right,
        top,
        right: params.width as f64,
        bottom: params.height as f64,
    };
    // The inset sits in the lower half of the panel, above the credits.
    let inset = focus_bbox(scene).and_then(|fb| {
        let main_span = main.bbox.max_lat - main.bbox.min_lat;
        let span = (fb.max_lat - fb.min_lat).max(fb.max_lon - fb.min_lon);
        if span > main_span * 0.3 {
            return None;
        }
        // Only where the main map is crowded: three places or more in the focus.
        let inside = |lon: f64, lat: f64| {
            lon >= fb.min_lon && lon <= fb.max_lon && lat >= fb.min_lat && lat <= fb.max_lat
        };
        let crowd = scene.places.iter().filter(|p| inside(p.lon, p.lat)).count();
        if crowd < 3 {
            return None;
        }
        let rect = PixelRect {
            left: panel.left + 24.0 * s,
            top: panel.top + 930.0 * s,
            right: panel.right - 24.0 * s,
            bottom: panel.bottom - 215.0 * s,
        };
        (rect.height() > 200.0 * s).then(|| MapFrame::fit(fb, rect))
    });
    Layout { main, inset, panel }
}

/// The frame (projection) of the main map.
pub fn frame_for(scene: &Scene, basemap: &Basemap, params: &PngParams) -> MapFrame {
    layout(scene, basemap, params).main
}

/// Mali plus everything the scene draws, with margins.
fn default_bbox(scene: &Scene, basemap: &Basemap) -> BBox {
    let mut pts: Vec<(f64, f64)> = Vec::new();
    if let Some(r) = basemap.country("ML").and_then(|c| c.shape.bounding_rect()) {
        pts.push((r.min().x, r.min().y));
        pts.push((r.max().x, r.max().y));
    }
    pts.extend(scene.events.iter().map(|e| (e.lon, e.lat)));
    pts.extend(scene.places.iter().map(|p| (p.lon, p.lat)));
    for d in &scene.distances {
        pts.push(d.from);
        pts.push(d.to);
    }
    BBox::around(pts)
        .unwrap_or(BBox::new(-12.5, 10.0, 4.5, 25.0))
        .padded(0.03, 0.3)
}

/// The day's events and the stated distances, with margins: what the inset zooms on.
fn focus_bbox(scene: &Scene) -> Option<BBox> {
    let mut pts: Vec<(f64, f64)> = scene
        .events
        .iter()
        .filter(|e| e.on_date)
        .map(|e| (e.lon, e.lat))
        .collect();
    for d in &scene.distances {
        if d.to.0.is_finite() && d.from.0.is_finite() {
            let span = (d.to.0 - d.from.0).abs().max((d.to.1 - d.from.1).abs());
            // A long distance line (Bamako–Gao) would make the inset the whole map.
            if span < 2.0 {
                pts.push(d.from);
                pts.push(d.to);
            }
        }
    }
    let b = BBox::around(pts)?;
    // At least ~1.6° across, so the surroundings show.
    let (cx, cy) = ((b.min_lon + b.max_lon) / 2.0, (b.min_lat + b.max_lat) / 2.0);
    let half = ((b.max_lon - b.min_lon).max(b.max_lat - b.min_lat) / 2.0 * 1.35).max(0.8);
    Some(BBox::new(cx - half, cy - half, cx + half, cy + half))
}

fn rings_px(shape: &MultiPolygon<f64>, frame: &MapFrame) -> Vec<Vec<(f64, f64)>> {
    let mut rings = Vec::new();
    for poly in &shape.0 {
        for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
            rings.push(ring.coords().map(|c| frame.to_px(c.x, c.y)).collect());
        }
    }
    rings
}

/// Renders `scene` to PNG bytes.
pub fn render_png(scene: &Scene, params: &PngParams) -> Result<Vec<u8>> {
    let buf = render_rgb(scene, params)?;
    encode_png(&buf, params.width, params.height).map_err(err)
}

fn fill_map(canvas: &mut Canvas, frame: &MapFrame, scene: &Scene, basemap: &Basemap) {
    let a = frame.area;
    canvas.clip = Some((
        a.left.max(0.0) as u32,
        a.top.max(0.0) as u32,
        a.right.max(0.0) as u32,
        a.bottom.max(0.0) as u32,
    ));
    canvas.clear(Rgb(214, 226, 233));
    for c in &basemap.countries {
        let fill = if c.iso_a2 == "ML" {
            Rgb(250, 248, 242)
        } else {
            Rgb(236, 234, 228)
        };
        canvas.fill_rings(&rings_px(&c.shape, frame), fill, 1.0);
    }
    for a in &scene.areas {
        let rings = rings_px(&a.shape, frame);
        if a.contested {
            let (r, g, b) = side_colour("contested");
            canvas.hatch_rings(&rings, Rgb(r, g, b), 0.6, 14);
        } else {
            let (r, g, b) = side_colour(&a.side);
            canvas.fill_rings(&rings, Rgb(r, g, b), 0.26);
        }
    }
    for l in &basemap.lakes {
        if let Some(shape) = &l.shape {
            canvas.fill_rings(&rings_px(shape, frame), Rgb(166, 206, 227), 1.0);
        }
    }
    canvas.clip = None;
}

/// Renders `scene` into a new RGB buffer (3 bytes a pixel).
pub fn render_rgb(scene: &Scene, params: &PngParams) -> Result<Vec<u8>> {
    fonts()?;
    let basemap = Basemap::embedded()?;
    let (w, h) = (params.width, params.height);
    let lay = layout(scene, basemap, params);
    let mut buf = vec![0u8; (w as usize) * (h as usize) * 3];

    // 1. Fills straight into the buffer.
    {
        let mut canvas = Canvas::new(&mut buf, w, h);
        canvas.clear(Rgb(248, 248, 246));
        fill_map(&mut canvas, &lay.main, scene, basemap);
        if let Some(inset) = &lay.inset {
            fill_map(&mut canvas, inset, scene, basemap);
        }
    }

    // 2. Lines, symbols and text with plotters, each map clipped to its own area.
    {
        let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
        let s = params.height as f64 / 1800.0;
        let main_area = sub_area(&root, &lay.main.area);
        let mut main = Painter::new(&main_area, &lay.main, s, false);
        main.draw_map(scene, basemap)?;
        main.north_arrow()?;
        main.reserve_scale_bar();
        main.places(scene)?;
        main.water_labels(basemap)?;
        main.scale_bar()?;
        if let Some(inset) = &lay.inset {
            // Show where the inset is on the main map.
            let (x0, y0) = main.at_geo(inset.bbox.min_lon, inset.bbox.max_lat);
            let (x1, y1) = main.at_geo(inset.bbox.max_lon, inset.bbox.min_lat);
            main_area
                .draw(&Rectangle::new(
                    [(x0, y0), (x1, y1)],
                    RGBColor(30, 30, 30).stroke_width((2.0 * s).max(1.0) as u32),
                ))
                .map_err(err)?;
            let inset_area = sub_area(&root, &inset.area);
            let mut p = Painter::new(&inset_area, inset, s, true);
            p.draw_map(scene, basemap)?;
            p.reserve_scale_bar();
            p.places(scene)?;
            p.water_labels(basemap)?;
            p.scale_bar()?;
            let a = inset.area;
            root.draw(&Rectangle::new(
                [
                    (a.left as i32, a.top as i32),
                    (a.right as i32, a.bottom as i32),
                ],
                RGBColor(30, 30, 30).stroke_width((2.0 * s).max(1.0) as u32),
            ))
            .map_err(err)?;
        }
        let mut chrome = Painter::new(&root, &lay.main, s, false);
        chrome.title(scene, w as f64)?;
        chrome.panel(scene, &lay)?;
        root.present().map_err(err)?;
    }
    Ok(buf)
}

fn sub_area<'a>(root: &Area<'a>, r: &PixelRect) -> Area<'a> {
    root.clone().shrink(
        (r.left.round() as i32, r.top.round() as i32),
        (r.width().round() as u32, r.height().round() as u32),
    )
}

type Area<'a> = DrawingArea<BitMapBackend<'a>, plotters::coord::Shift>;

/// The scale bar's geometry (pixels).
struct ScaleBar {
    km: f64,
    len: f64,
    x0: f64,
    y0: f64,
    hbar: f64,
    lh: f64,
    bg: PixelRect,
}

struct Painter<'a, 'b> {
    root: &'b Area<'a>,
    frame: &'b MapFrame,
    s: f64,
    /// Pixel rectangles already used (absolute image coordinates).
    occupied: Vec<PixelRect>,
    /// Top-left of `root` in image coordinates.
    origin: (f64, f64),
    inset: bool,
}

impl<'a, 'b> Painter<'a, 'b> {
    fn new(root: &'b Area<'a>, frame: &'b MapFrame, s: f64, inset: bool) -> Self {
        let (x, y) = root.get_base_pixel();
        Painter {
            root,
            frame,
            s,
            occupied: Vec::new(),
            origin: (x as f64, y as f64),
            inset,
        }
    }

    fn px(&self, v: f64) -> i32 {
        (v * self.s).round() as i32
    }

    fn font(&self, size: f64, bold: bool) -> TextStyle<'static> {
        let style = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        (FONT, size * self.s, style).into_font().color(&BLACK)
    }

    fn text_size(&self, text: &str, style: &TextStyle) -> (f64, f64) {
        self.root
            .estimate_text_size(text, style)
            .map(|(w, h)| (w as f64, h as f64))
            .unwrap_or((text.chars().count() as f64 * 10.0 * self.s, 20.0 * self.s))
    }

    /// Image coordinates → this painter's drawing coordinates.
    fn at(&self, x: f64, y: f64) -> (i32, i32) {
        (
            (x - self.origin.0).round() as i32,
            (y - self.origin.1).round() as i32,
        )
    }

    /// A geographic point in this painter's drawing coordinates.
    fn at_geo(&self, lon: f64, lat: f64) -> (i32, i32) {
        let (x, y) = self.frame.to_px(lon, lat);
        self.at(x, y)
    }

    fn path(&self, coords: impl Iterator<Item = (f64, f64)>, style: ShapeStyle) -> Result<()> {
        let pts: Vec<(i32, i32)> = coords.map(|(x, y)| self.at_geo(x, y)).collect();
        if pts.len() >= 2 {
            self.root.draw(&PathElement::new(pts, style)).map_err(err)?;
        }
        Ok(())
    }

    fn text(&self, text: &str, x: f64, y: f64, style: &TextStyle) -> Result<()> {
        self.root
            .draw(&Text::new(text.to_string(), self.at(x, y), style.clone()))
            .map_err(err)
    }

    /// Text with a white halo so it stays readable over fills and lines.
    fn halo_text(&self, text: &str, x: f64, y: f64, style: &TextStyle, halo: f64) -> Result<()> {
        let halo_colour = WHITE.mix(0.9);
        let white = style.color(&halo_colour);
        for (dx, dy) in [
            (-1.0, -1.0),
            (0.0, -1.0),
            (1.0, -1.0),
            (-1.0, 0.0),
            (1.0, 0.0),
            (-1.0, 1.0),
            (0.0, 1.0),
            (1.0, 1.0),
        ] {
            self.text(text, x + dx * halo, y + dy * halo, &white)?;
        }
        self.text(text, x, y, style)
    }

    fn free(&self, r: &PixelRect) -> bool {
        self.frame.area.contains_rect(r) && !self.occupied.iter().any(|o| o.overlaps(r))
    }

    fn draw_map(&mut self, scene: &Scene, basemap: &Basemap) -> Result<()> {
        self.basemap_lines(basemap)?;
        self.frontline(scene)?;
        self.events(scene)?;
        self.distances(scene)?;
        Ok(())
    }

    fn basemap_lines(&mut self, basemap: &Basemap) -> Result<()> {
        for r in &basemap.regions {
            for poly in &r.shape.0 {
                self.path(
                    poly.exterior().coords().map(|c| (c.x, c.y)),
                    RGBColor(170, 160, 145).stroke_width(self.px(1.6).max(1) as u32),
                )?;
            }
        }
        for river in &basemap.rivers {
            let width = match river.scalerank {
                0..=3 => 3.4,
                4..=6 => 2.2,
                _ => 1.5,
            };
            for line in &river.course.0 {
                self.path(
                    line.coords().map(|c| (c.x, c.y)),
                    RGBColor(80, 140, 200).stroke_width(self.px(width).max(1) as u32),
                )?;
            }
        }
        for c in basemap.countries.iter().filter(|c| c.iso_a2 != "ML") {
            for poly in &c.shape.0 {
                self.path(
                    poly.exterior().coords().map(|c| (c.x, c.y)),
                    RGBColor(150, 150, 150).stroke_width(self.px(1.6).max(1) as u32),
                )?;
            }
        }
        if let Some(mali) = basemap.country("ML") {
            for poly in &mali.shape.0 {
                self.path(
                    poly.exterior().coords().map(|c| (c.x, c.y)),
                    RGBColor(60, 60, 60).stroke_width(self.px(3.0).max(1) as u32),
                )?;
            }
        }
        if !self.inset {
            let region_font = self.font(19.0, false).color(&RGBColor(140, 128, 110));
            for r in &basemap.regions {
                if r.name == "Bamako" {
                    continue; // the district is the capital's label
                }
                self.centered_label(
                    &spaced_caps(&r.name),
                    r.label.x(),
                    r.label.y(),
                    &region_font,
                )?;
            }
            let country_font = self.font(26.0, true).color(&RGBColor(150, 150, 150));
            for c in basemap.countries.iter().filter(|c| c.iso_a2 != "ML") {
                self.centered_label(
                    &c.name_fr.to_uppercase(),
                    c.label.x(),
                    c.label.y(),
                    &country_font,
                )?;
            }
        }
        for l in basemap.lakes.iter().filter(|l| l.shape.is_none()) {
            let (x, y) = self.frame.to_px(l.label.x(), l.label.y());
            self.root
                .draw(&Circle::new(
                    self.at(x, y),
                    self.px(6.0),
                    RGBColor(120, 180, 220).filled(),
                ))
                .map_err(err)?;
        }
        Ok(())
    }

    /// Lake and river names, after the places so that towns keep their labels.
    fn water_labels(&mut self, basemap: &Basemap) -> Result<()> {
        let lake_font = self.font(17.0, false).color(&RGBColor(40, 100, 160));
        for l in &basemap.lakes {
            let (x, y) = self.frame.to_px(l.label.x(), l.label.y());
            let (tw, th) = self.text_size(&l.name, &lake_font);
            let rect = PixelRect {
                left: x + 8.0 * self.s,
                top: y - th / 2.0,
                right: x + 8.0 * self.s + tw,
                bottom: y + th / 2.0,
            };
            if self.free(&rect) {
                self.halo_text(&l.name, rect.left, rect.top, &lake_font, 1.0)?;
                self.occupied.push(rect);
            }
        }
        // The main rivers, once each, at the first free spot along their longest course
        // inside the map (from its middle outwards).
        let river_font = self.font(19.0, false).color(&RGBColor(40, 100, 160));
        for river in basemap
            .rivers
            .iter()
            .filter(|r| r.scalerank <= 5 || r.name == "Bani")
        {
            let a = self.frame.area;
            let inside = |p: &(f64, f64)| {
                p.0 > a.left + 20.0
                    && p.0 < a.right - 20.0
                    && p.1 > a.top + 20.0
                    && p.1 < a.bottom - 20.0
            };
            let mut best: Vec<(f64, f64)> = Vec::new();
            for line in &river.course.0 {
                let pts: Vec<(f64, f64)> = line
                    .coords()
                    .map(|c| self.frame.to_px(c.x, c.y))
                    .filter(inside)
                    .collect();
                if pts.len() > best.len() {
                    best = pts;
                }
            }
            if best.len() < 4 {
                continue;
            }
            let (tw, th) = self.text_size(&river.name, &river_font);
            let n = best.len();
            let mut order: Vec<usize> = (n / 5..n - n / 5).collect();
            order.sort_by_key(|i| (*i as i64 - n as i64 / 2).abs());
            for i in order {
                let (x, y) = best[i];
                let rect = PixelRect {
                    left: x - tw / 2.0,
                    top: y + 6.0 * self.s,
                    right: x + tw / 2.0,
                    bottom: y + 6.0 * self.s + th,
                };
                if self.free(&rect) && self.frame.area.contains_rect(&rect) {
                    self.halo_text(&river.name, rect.left, rect.top, &river_font, 1.0)?;
                    self.occupied.push(rect);
                    break;
                }
            }
        }
        Ok(())
    }

    fn centered_label(&mut self, text: &str, lon: f64, lat: f64, style: &TextStyle) -> Result<()> {
        let (x, y) = self.frame.to_px(lon, lat);
        let (tw, th) = self.text_size(text, style);
        let rect = PixelRect {
            left: x - tw / 2.0,
            top: y - th / 2.0,
            right: x + tw / 2.0,
            bottom: y + th / 2.0,
        };
        if self.frame.area.contains_rect(&rect) {
            self.text(text, rect.left, rect.top, style)?;
        }
        Ok(())
    }

    fn frontline(&mut self, scene: &Scene) -> Result<()> {
        for line in &scene.frontline.0 {
            let pts: Vec<(i32, i32)> = line.coords().map(|c| self.at_geo(c.x, c.y)).collect();
            if pts.len() < 2 {
                continue;
            }
            self.root
                .draw(&PathElement::new(
                    pts.clone(),
                    WHITE.stroke_width(self.px(11.0) as u32),
                ))
                .map_err(err)?;
            self.root
                .draw(&PathElement::new(
                    pts,
                    RGBColor(20, 20, 20).stroke_width(self.px(6.0) as u32),
                ))
                .map_err(err)?;
        }
        Ok(())
    }

    fn distances(&mut self, scene: &Scene) -> Result<()> {
        let style = self.font(18.0, false);
        for d in &scene.distances {
            let colour = rgb(verdict_colour(&d.verdict));
            let a = self.frame.to_px(d.from.0, d.from.1);
            let b = self.frame.to_px(d.to.0, d.to.1);
            self.root
                .draw(&DashedPathElement::new(
                    vec![self.at(a.0, a.1), self.at(b.0, b.1)],
                    self.px(16.0),
                    self.px(9.0),
                    colour.stroke_width(self.px(4.0) as u32),
                ))
                .map_err(err)?;
            for p in [a, b] {
                self.root
                    .draw(&Circle::new(
                        self.at(p.0, p.1),
                        self.px(5.0),
                        colour.filled(),
                    ))
                    .map_err(err)?;
            }
            let text = match d.measured_km {
                Some(m) => format!("stated {} · measured {:.0} km", d.stated, m),
                None => format!("stated {} · not measurable", d.stated),
            };
            let (tw, th) = self.text_size(&text, &style);
            let (mx, my) = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
            let g = 12.0 * self.s;
            let mut cands = Vec::new();
            for k in [0.0f64, 1.5, 3.5] {
                for (dx, dy) in [
                    (g, -th - g),
                    (g, g),
                    (-tw - g, -th - g),
                    (-tw - g, g),
                    (-tw / 2.0, -th - 2.0 * g),
                    (-tw / 2.0, 2.0 * g),
                ] {
                    let (x, y) = (mx + dx + k * g * dx.signum(), my + dy + k * g * dy.signum());
                    cands.push(PixelRect {
                        left: x,
                        top: y,
                        right: x + tw,
                        bottom: y + th,
                    });
                }
            }
            let Some(r) = cands.iter().find(|r| self.free(r)).copied() else {
                continue; // no room: the panel lists it
            };
            let pad = 5.0 * self.s;
            let (p0, p1) = (
                self.at(r.left - pad, r.top - pad),
                self.at(r.right + pad, r.bottom + pad),
            );
            self.root
                .draw(&Rectangle::new([p0, p1], WHITE.mix(0.9).filled()))
                .map_err(err)?;
            self.root
                .draw(&Rectangle::new(
                    [p0, p1],
                    colour.stroke_width(self.px(2.0).max(1) as u32),
                ))
                .map_err(err)?;
            self.text(&text, r.left, r.top, &style.color(&colour))?;
            self.occupied.push(PixelRect {
                left: r.left - pad,
                top: r.top - pad,
                right: r.right + pad,
                bottom: r.bottom + pad,
            });
        }
        Ok(())
    }

    fn events(&mut self, scene: &Scene) -> Result<()> {
        // Earlier events first, the map's own date on top.
        let mut evs: Vec<&super::scene::SceneEvent> = scene.events.iter().collect();
        evs.sort_by_key(|e| e.on_date);
        // The day's events of different kinds at one place are spread on a small circle
        // around it, so none hides another.
        let mut groups: Vec<((f64, f64), Vec<super::scene::EventSymbol>)> = Vec::new();
        for e in evs.iter().filter(|e| e.on_date) {
            let p = self.frame.to_px(e.lon, e.lat);
            match groups
                .iter_mut()
                .find(|(q, _)| (q.0 - p.0).abs() < 3.0 && (q.1 - p.1).abs() < 3.0)
            {
                Some((_, syms)) if !syms.contains(&e.symbol) => syms.push(e.symbol),
                Some(_) => {}
                None => groups.push((p, vec![e.symbol])),
            }
        }
        for e in evs {
            let (mut x, mut y) = self.frame.to_px(e.lon, e.lat);
            let r = symbol_radius(e.fatalities) * self.s;
            if e.on_date
                && let Some((_, syms)) = groups
                    .iter()
                    .find(|(q, _)| (q.0 - x).abs() < 3.0 && (q.1 - y).abs() < 3.0)
                && syms.len() > 1
                && let Some(k) = syms.iter().position(|s| *s == e.symbol)
            {
                let a = std::f64::consts::TAU * k as f64 / syms.len() as f64
                    - std::f64::consts::FRAC_PI_2;
                let d = 16.0 * self.s;
                x += d * a.cos();
                y += d * a.sin();
            }
            let alpha = if e.on_date { 1.0 } else { 0.4 };
            draw_symbol(self.root, e.symbol, self.at(x, y), r, alpha, self.s)?;
            if e.on_date {
                let flag = matches!(e.symbol, EventSymbol::Capture | EventSymbol::Retake);
                self.occupied.push(PixelRect {
                    left: x - r,
                    top: if flag { y - 2.0 * r } else { y - r },
                    right: if flag { x + 1.5 * r } else { x + r },
                    bottom: y + r,
                });
            }
        }
        Ok(())
    }

    fn places(&mut self, scene: &Scene) -> Result<()> {
        let mut order: Vec<&super::scene::ScenePlace> = scene
            .places
            .iter()
            .filter(|p| {
                let (x, y) = self.frame.to_px(p.lon, p.lat);
                x > self.frame.area.left
                    && x < self.frame.area.right
                    && y > self.frame.area.top
                    && y < self.frame.area.bottom
            })
            .collect();
        order.sort_by(|a, b| a.priority.cmp(&b.priority).then(a.name.cmp(&b.name)));
        // Dots first (they are never dropped), then labels by priority.
        let mut dots = Vec::new();
        for p in &order {
            let (x, y) = self.frame.to_px(p.lon, p.lat);
            let r = match p.priority {
                0 => 9.0,
                1 => 7.0,
                _ => 5.5,
            } * self.s;
            let fill = match (&p.side, p.contested) {
                (_, true) => rgb(side_colour("contested")),
                (Some(s), _) => rgb(side_colour(s)),
                (None, _) => RGBColor(60, 60, 60),
            };
            let c = self.at(x, y);
            let ri = r.round() as i32;
            if p.priority == 0 {
                self.root
                    .draw(&Rectangle::new(
                        [(c.0 - ri - 2, c.1 - ri - 2), (c.0 + ri + 2, c.1 + ri + 2)],
                        WHITE.filled(),
                    ))
                    .map_err(err)?;
                self.root
                    .draw(&Rectangle::new(
                        [(c.0 - ri, c.1 - ri), (c.0 + ri, c.1 + ri)],
                        fill.filled(),
                    ))
                    .map_err(err)?;
            } else {
                self.root
                    .draw(&Circle::new(c, ri + self.px(2.0), WHITE.filled()))
                    .map_err(err)?;
                self.root
                    .draw(&Circle::new(c, ri, fill.filled()))
                    .map_err(err)?;
            }
            dots.push(PixelRect {
                left: x - r,
                top: y - r,
                right: x + r,
                bottom: y + r,
            });
        }
        self.occupied.extend(dots);
        for p in order {
            let (x, y) = self.frame.to_px(p.lon, p.lat);
            let (size, bold) = match p.priority {
                0 => (30.0, true),
                1 => (25.0, true),
                2 => (21.0, false),
                _ => (18.0, false),
            };
            let style = self.font(size, bold);
            let (tw, th) = self.text_size(&p.name, &style);
            // Clear the day's event symbol drawn on the place, if any.
            let under = scene
                .events
                .iter()
                .filter(|e| e.on_date)
                .filter(|e| {
                    let (ex, ey) = self.frame.to_px(e.lon, e.lat);
                    (ex - x).abs() < 4.0 && (ey - y).abs() < 4.0
                })
                .map(|e| symbol_radius(e.fatalities) * self.s)
                .fold(0.0, f64::max);
            let mut placed = false;
            for k in [1.0, 1.9, 3.0] {
                let gap = 10.0 * self.s * k + under;
                let cands = [
                    (x + gap, y - th / 2.0),
                    (x - gap - tw, y - th / 2.0),
                    (x - tw / 2.0, y - gap - th),
                    (x - tw / 2.0, y + gap),
                    (x + gap * 0.7, y - gap * 0.7 - th),
                    (x + gap * 0.7, y + gap * 0.7),
                    (x - gap * 0.7 - tw, y - gap * 0.7 - th),
                    (x - gap * 0.7 - tw, y + gap * 0.7),
                ];
                for (lx, ly) in cands {
                    let rect = PixelRect {
                        left: lx,
                        top: ly,
                        right: lx + tw,
                        bottom: ly + th,
                    };
                    if self.free(&rect) {
                        self.halo_text(&p.name, lx, ly, &style, 2.0)?;
                        self.occupied.push(rect);
                        placed = true;
                        break;
                    }
                }
                if placed {
                    break;
                }
            }
        }
        Ok(())
    }

    fn north_arrow(&mut self) -> Result<()> {
        let a = self.frame.area;
        let cx = a.right - 70.0 * self.s;
        let top = a.top + 30.0 * self.s;
        let h = 70.0 * self.s;
        let half = 20.0 * self.s;
        let pts = vec![
            self.at(cx, top),
            self.at(cx + half, top + h),
            self.at(cx, top + h - 18.0 * self.s),
            self.at(cx - half, top + h),
        ];
        self.root
            .draw(&Polygon::new(pts, RGBColor(40, 40, 40).filled()))
            .map_err(err)?;
        let style = self.font(28.0, true);
        let (tw, _) = self.text_size("N", &style);
        self.halo_text("N", cx - tw / 2.0, top + h + 4.0 * self.s, &style, 2.0)?;
        self.occupied.push(PixelRect {
            left: cx - 40.0 * self.s,
            top,
            right: cx + 40.0 * self.s,
            bottom: top + h + 40.0 * self.s,
        });
        Ok(())
    }

    /// Keeps the scale bar's corner free of labels (the bar is drawn after the places, over
    /// any dot there).
    fn reserve_scale_bar(&mut self) {
        let bar = self.scale_bar_layout();
        self.occupied.push(bar.bg);
    }

    /// Where the scale bar goes: its length in km and pixels, its origin and its box.
    fn scale_bar_layout(&self) -> ScaleBar {
        let a = self.frame.area;
        let km_px = self.frame.km_per_px();
        let km = nice_km(a.width() * if self.inset { 0.4 } else { 0.22 } * km_px);
        let len = km / km_px;
        let (x0, y0) = (a.left + 28.0 * self.s, a.bottom - 52.0 * self.s);
        let (hbar, pad) = (11.0 * self.s, 12.0 * self.s);
        let (lw, lh) = self.text_size(&format!("{km} km"), &self.font(19.0, false));
        ScaleBar {
            km,
            len,
            x0,
            y0,
            hbar,
            lh,
            bg: PixelRect {
                left: x0 - pad,
                top: y0 - lh - 2.0 * pad,
                right: x0 + len + lw + pad,
                bottom: y0 + hbar + 2.0 * pad + 8.0 * self.s,
            },
        }
    }

    fn scale_bar(&mut self) -> Result<()> {
        let ScaleBar {
            km,
            len,
            x0,
            y0,
            hbar,
            lh,
            bg,
        } = self.scale_bar_layout();
        let style = self.font(19.0, false);
        let label = format!("{km} km");
        self.root
            .draw(&Rectangle::new(
                [self.at(bg.left, bg.top), self.at(bg.right, bg.bottom)],
                WHITE.mix(0.85).filled(),
            ))
            .map_err(err)?;
        for i in 0..4 {
            let xa = x0 + len * i as f64 / 4.0;
            let xb = x0 + len * (i + 1) as f64 / 4.0;
            let fill = if i % 2 == 0 { BLACK } else { WHITE };
            self.root
                .draw(&Rectangle::new(
                    [self.at(xa, y0), self.at(xb, y0 + hbar)],
                    fill.filled(),
                ))
                .map_err(err)?;
        }
        self.root
            .draw(&Rectangle::new(
                [self.at(x0, y0), self.at(x0 + len, y0 + hbar)],
                BLACK.stroke_width(self.px(2.0).max(1) as u32),
            ))
            .map_err(err)?;
        let half = km / 2.0;
        for (frac, text) in [
            (0.0, "0".to_string()),
            (0.5, format!("{half}")),
            (1.0, label.clone()),
        ] {
            let (tw, _) = self.text_size(&text, &style);
            let x = if frac == 1.0 {
                x0 + len - 10.0 * self.s
            } else {
                x0 + len * frac - tw / 2.0
            };
            self.text(&text, x, y0 - lh - 6.0 * self.s, &style)?;
        }
        if !self.inset {
            let note = self.font(14.0, false).color(&RGBColor(90, 90, 90));
            self.text(
                &format!("true along {:.1}°N and along meridians", self.frame.lat0),
                x0,
                y0 + hbar + 5.0 * self.s,
                &note,
            )?;
        }
        self.occupied.push(bg);
        Ok(())
    }

    fn title(&mut self, scene: &Scene, width: f64) -> Result<()> {
        let band = self.frame.area.top;
        self.root
            .draw(&Rectangle::new(
                [(0, 0), (width as i32, band as i32)],
                RGBColor(34, 40, 49).filled(),
            ))
            .map_err(err)?;
        let t = self.font(44.0, true).color(&WHITE);
        self.text(&scene.title, 36.0 * self.s, 14.0 * self.s, &t)?;
        let st = self.font(23.0, false).color(&RGBColor(210, 214, 220));
        self.text(&scene.subtitle, 38.0 * self.s, 72.0 * self.s, &st)?;
        let d = self.font(52.0, true).color(&RGBColor(255, 214, 102));
        let (dw, _) = self.text_size(&scene.date, &d);
        self.text(&scene.date, width - dw - 36.0 * self.s, 26.0 * self.s, &d)?;
        Ok(())
    }

    fn panel(&mut self, scene: &Scene, lay: &Layout) -> Result<()> {
        let p = lay.panel;
        self.root
            .draw(&PathElement::new(
                vec![
                    (p.left as i32, p.top as i32),
                    (p.left as i32, p.bottom as i32),
                ],
                RGBColor(180, 180, 180).stroke_width(2),
            ))
            .map_err(err)?;
        let x = p.left + 28.0 * self.s;
        let mut y = p.top + 22.0 * self.s;
        let head = self.font(25.0, true);
        let body = self.font(18.5, false);
        let small = self.font(15.5, false).color(&RGBColor(70, 70, 70));
        let line_h = 29.0 * self.s;
        let sw = 34.0 * self.s;
        let tx = x + sw + 14.0 * self.s;
        let max_w = p.right - x - 24.0 * self.s;

        self.text("Control (assessed)", x, y, &head)?;
        y += 38.0 * self.s;
        for side in &scene.sides {
            let c = rgb(side_colour(&side.side));
            self.root
                .draw(&Rectangle::new(
                    [self.at(x, y), self.at(x + sw, y + 22.0 * self.s)],
                    c.mix(0.35).filled(),
                ))
                .map_err(err)?;
            self.root
                .draw(&Circle::new(
                    self.at(x + sw / 2.0, y + 11.0 * self.s),
                    self.px(6.0),
                    c.filled(),
                ))
                .map_err(err)?;
            self.text(&side.label, tx, y, &body)?;
            y += line_h;
        }
        let c = rgb(side_colour("contested"));
        for k in 0..4 {
            let xx = x + k as f64 * 9.0 * self.s;
            self.root
                .draw(&PathElement::new(
                    vec![
                        self.at(xx, y + 22.0 * self.s),
                        self.at(xx + 12.0 * self.s, y),
                    ],
                    c.stroke_width(self.px(2.0) as u32),
                ))
                .map_err(err)?;
        }
        self.text("contested (fighting, no capture)", tx, y, &body)?;
        y += line_h;
        self.root
            .draw(&PathElement::new(
                vec![
                    self.at(x, y + 11.0 * self.s),
                    self.at(x + sw, y + 11.0 * self.s),
                ],
                RGBColor(20, 20, 20).stroke_width(self.px(6.0) as u32),
            ))
            .map_err(err)?;
        self.text("front line", tx, y, &body)?;
        y += line_h + 14.0 * self.s;

        self.text("Events", x, y, &head)?;
        y += 38.0 * self.s;
        let present: Vec<EventSymbol> = EventSymbol::ALL
            .into_iter()
            .filter(|s| scene.events.iter().any(|e| e.symbol == *s))
            .collect();
        let shown = if present.is_empty() {
            vec![EventSymbol::Clash, EventSymbol::Capture]
        } else {
            present
        };
        for sym in shown {
            draw_symbol(
                self.root,
                sym,
                self.at(x + sw / 2.0, y + 11.0 * self.s),
                11.0 * self.s,
                1.0,
                self.s,
            )?;
            self.text(sym.label(), tx, y, &body)?;
            y += line_h;
        }
        self.text(
            "size grows with fatalities; faded: the days before",
            x,
            y,
            &small,
        )?;
        y += line_h + 10.0 * self.s;

        self.text("Stated distances", x, y, &head)?;
        y += 38.0 * self.s;
        for (v, text) in [
            ("consistent", "consistent as the crow flies"),
            ("plausible_by_road", "plausible by road only"),
            ("inconsistent", "inconsistent"),
        ] {
            let c = rgb(verdict_colour(v));
            self.root
                .draw(&DashedPathElement::new(
                    vec![
                        self.at(x, y + 11.0 * self.s),
                        self.at(x + sw, y + 11.0 * self.s),
                    ],
                    self.px(9.0),
                    self.px(5.0),
                    c.stroke_width(self.px(4.0) as u32),
                ))
                .map_err(err)?;
            self.text(text, tx, y, &body)?;
            y += line_h;
        }
        y += 6.0 * self.s;
        let list_bottom = lay
            .inset
            .map_or(p.bottom - 160.0 * self.s, |i| i.area.top - 40.0 * self.s);
        for d in &scene.distances {
            let c = rgb(verdict_colour(&d.verdict));
            let line = match d.measured_km {
                Some(m) => format!(
                    "{}: stated {}, measured {:.0} km — {}",
                    d.label,
                    d.stated,
                    m,
                    d.verdict.replace('_', " ")
                ),
                None => format!(
                    "{}: stated {} — {}",
                    d.label,
                    d.stated,
                    d.verdict.replace('_', " ")
                ),
            };
            for l in wrap(&line, &small, max_w, self) {
                if y > list_bottom {
                    break;
                }
                self.text(&l, x, y, &small.color(&c))?;
                y += 21.0 * self.s;
            }
        }
        if scene.distances.is_empty() {
            self.text("none stated for this date", x, y, &small)?;
        }
        if let Some(inset) = &lay.inset {
            self.text(
                "Detail: the day's events",
                inset.area.left,
                inset.area.top - 32.0 * self.s,
                &head,
            )?;
        }

        // Credits at the bottom of the panel.
        let mut lines: Vec<String> = Vec::new();
        for c in &scene.credits {
            lines.extend(wrap(c, &small, max_w, self));
        }
        lines.extend(wrap(&lay.main.describe(), &small, max_w, self));
        let mut cy = p.bottom - 16.0 * self.s - lines.len() as f64 * 20.0 * self.s;
        for l in lines {
            self.text(&l, x, cy, &small)?;
            cy += 20.0 * self.s;
        }
        Ok(())
    }
}

fn wrap(text: &str, style: &TextStyle, max_w: f64, p: &Painter) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let trial = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if p.text_size(&trial, style).0 > max_w && !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
            cur = word.to_string();
        } else {
            cur = trial;
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

fn spaced_caps(name: &str) -> String {
    name.to_uppercase()
        .chars()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Symbol radius in pixels (at 1800 px height) for a death toll.
pub fn symbol_radius(fatalities: Option<u32>) -> f64 {
    let f = fatalities.unwrap_or(0) as f64;
    (10.0 + 1.8 * f.sqrt()).min(30.0)
}

fn draw_symbol(
    root: &Area,
    sym: EventSymbol,
    (x, y): (i32, i32),
    r: f64,
    alpha: f64,
    s: f64,
) -> Result<()> {
    let dark = RGBColor(25, 25, 25).mix(alpha);
    let ri = r.round() as i32;
    let outline = |c: RGBAColor| c.stroke_width((2.5 * s).max(1.0) as u32);
    match sym {
        EventSymbol::Capture | EventSymbol::Retake => {
            // A flag planted on the place (so the place's dot never hides it): pole and
            // pennant, red for a capture, blue for a place retaken.
            let pole = [(x, y), (x, y - 2 * ri)];
            root.draw(&PathElement::new(pole.to_vec(), outline(dark)))
                .map_err(err)?;
            let pennant = vec![
                (x, y - 2 * ri),
                (x + ri + ri / 2, y - ri - ri / 2),
                (x, y - ri),
            ];
            let fill = if sym == EventSymbol::Capture {
                RGBColor(178, 24, 43).mix(alpha)
            } else {
                RGBColor(33, 102, 172).mix(alpha)
            };
            root.draw(&Polygon::new(pennant.clone(), fill.filled()))
                .map_err(err)?;
            root.draw(&PathElement::new(
                [pennant, vec![(x, y - 2 * ri)]].concat(),
                outline(dark),
            ))
            .map_err(err)?;
        }
        EventSymbol::Withdrawal => {
            root.draw(&Polygon::new(
                vec![(x - ri, y - ri / 2), (x + ri, y - ri / 2), (x, y + ri)],
                WHITE.mix(alpha).filled(),
            ))
            .map_err(err)?;
            root.draw(&PathElement::new(
                vec![
                    (x - ri, y - ri / 2),
                    (x + ri, y - ri / 2),
                    (x, y + ri),
                    (x - ri, y - ri / 2),
                ],
                outline(dark),
            ))
            .map_err(err)?;
        }
        EventSymbol::Clash => {
            let w = (4.0 * s).max(2.0) as u32;
            root.draw(&Circle::new((x, y), ri, WHITE.mix(0.75 * alpha).filled()))
                .map_err(err)?;
            root.draw(&PathElement::new(
                vec![(x - ri, y - ri), (x + ri, y + ri)],
                RGBColor(200, 20, 20).mix(alpha).stroke_width(w),
            ))
            .map_err(err)?;
            root.draw(&PathElement::new(
                vec![(x - ri, y + ri), (x + ri, y - ri)],
                RGBColor(200, 20, 20).mix(alpha).stroke_width(w),
            ))
            .map_err(err)?;
        }
        EventSymbol::AirStrike => {
            let pts = vec![(x, y + ri), (x - ri, y - ri), (x + ri, y - ri)];
            root.draw(&Polygon::new(
                pts.clone(),
                RGBColor(30, 90, 200).mix(alpha).filled(),
            ))
            .map_err(err)?;
            root.draw(&PathElement::new(
                [pts.clone(), vec![pts[0]]].concat(),
                outline(dark),
            ))
            .map_err(err)?;
        }
        EventSymbol::Explosion => {
            let mut pts = Vec::new();
            for k in 0..16 {
                let ang = k as f64 * std::f64::consts::PI / 8.0;
                let rr = if k % 2 == 0 { r } else { r * 0.45 };
                pts.push((
                    x + (rr * ang.cos()).round() as i32,
                    y + (rr * ang.sin()).round() as i32,
                ));
            }
            root.draw(&Polygon::new(
                pts.clone(),
                RGBColor(245, 160, 0).mix(alpha).filled(),
            ))
            .map_err(err)?;
            root.draw(&PathElement::new(
                [pts.clone(), vec![pts[0]]].concat(),
                outline(dark),
            ))
            .map_err(err)?;
        }
        EventSymbol::Civilians => {
            root.draw(&Circle::new(
                (x, y),
                ri,
                RGBColor(120, 40, 140).mix(alpha).filled(),
            ))
            .map_err(err)?;
            root.draw(&Circle::new((x, y), ri, outline(dark)))
                .map_err(err)?;
        }
        EventSymbol::Other => {
            let pts = vec![(x, y - ri), (x + ri, y), (x, y + ri), (x - ri, y)];
            root.draw(&Polygon::new(
                pts.clone(),
                RGBColor(120, 120, 120).mix(alpha).filled(),
            ))
            .map_err(err)?;
            root.draw(&PathElement::new(
                [pts.clone(), vec![pts[0]]].concat(),
                outline(dark),
            ))
            .map_err(err)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(PngParams::parse_size("1200x900"), Some((1200, 900)));
        assert_eq!(PngParams::parse_size("12x9"), None);
        assert_eq!(PngParams::parse_size("abc"), None);
    }

    #[test]
    fn an_empty_scene_renders_a_basemap() {
        let scene = Scene {
            date: "2013-01-11".into(),
            title: "Mali".into(),
            ..Scene::default()
        };
        let p = PngParams {
            width: 800,
            height: 600,
        };
        let buf = render_rgb(&scene, &p).unwrap();
        assert_eq!(buf.len(), 800 * 600 * 3);
        // The title band is dark, the map is not.
        assert!(buf[(10 * 800 + 10) * 3] < 60);
        let mid = ((400 * 800) + 300) * 3;
        assert!(buf[mid] > 150);
    }
}
