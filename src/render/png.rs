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

/// The frame (projection) a scene is drawn in, for `params`.
pub fn frame_for(scene: &Scene, basemap: &Basemap, params: &PngParams) -> MapFrame {
    let s = params.height as f64 / 1800.0;
    let panel = (640.0 * s).min(params.width as f64 * 0.4);
    let area = PixelRect {
        left: 0.0,
        top: 118.0 * s,
        right: params.width as f64 - panel,
        bottom: params.height as f64,
    };
    let bbox = scene.bbox.unwrap_or_else(|| default_bbox(scene, basemap));
    MapFrame::fit(bbox, area)
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

/// Renders `scene` into a new RGB buffer (3 bytes a pixel).
pub fn render_rgb(scene: &Scene, params: &PngParams) -> Result<Vec<u8>> {
    fonts()?;
    let basemap = Basemap::embedded()?;
    let (w, h) = (params.width, params.height);
    let frame = frame_for(scene, basemap, params);
    let mut buf = vec![0u8; (w as usize) * (h as usize) * 3];

    // 1. Fills straight into the buffer.
    {
        let mut canvas = Canvas {
            buf: &mut buf,
            width: w,
            height: h,
        };
        canvas.clear(Rgb(214, 226, 233));
        for c in &basemap.countries {
            let fill = if c.iso_a2 == "ML" {
                Rgb(250, 248, 242)
            } else {
                Rgb(236, 234, 228)
            };
            canvas.fill_rings(&rings_px(&c.shape, &frame), fill, 1.0);
        }
        for a in &scene.areas {
            let rings = rings_px(&a.shape, &frame);
            if a.contested {
                let (r, g, b) = side_colour("contested");
                canvas.fill_rings(&rings, Rgb(r, g, b), 0.12);
                canvas.hatch_rings(&rings, Rgb(r, g, b), 0.55, 14);
            } else {
                let (r, g, b) = side_colour(&a.side);
                canvas.fill_rings(&rings, Rgb(r, g, b), 0.26);
            }
        }
        for l in &basemap.lakes {
            if let Some(shape) = &l.shape {
                canvas.fill_rings(&rings_px(shape, &frame), Rgb(166, 206, 227), 1.0);
            }
        }
    }

    // 2. Lines, symbols and text with plotters.
    {
        let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
        let mut painter = Painter::new(&root, &frame, params);
        painter.basemap_lines(basemap)?;
        painter.frontline(scene)?;
        painter.distances(scene)?;
        painter.events(scene)?;
        painter.north_arrow()?;
        painter.scale_bar()?;
        painter.places(scene, basemap)?;
        painter.title(scene)?;
        painter.panel(scene)?;
        root.present().map_err(err)?;
    }
    Ok(buf)
}

type Area<'a> = DrawingArea<BitMapBackend<'a>, plotters::coord::Shift>;

struct Painter<'a, 'b> {
    root: &'b Area<'a>,
    frame: &'b MapFrame,
    s: f64,
    occupied: Vec<PixelRect>,
    width: f64,
}

impl<'a, 'b> Painter<'a, 'b> {
    fn new(root: &'b Area<'a>, frame: &'b MapFrame, params: &PngParams) -> Self {
        Painter {
            root,
            frame,
            s: params.height as f64 / 1800.0,
            occupied: Vec::new(),
            width: params.width as f64,
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

    fn pt(&self, lon: f64, lat: f64) -> (i32, i32) {
        let (x, y) = self.frame.to_px(lon, lat);
        (x.round() as i32, y.round() as i32)
    }

    fn path(&self, coords: impl Iterator<Item = (f64, f64)>, style: ShapeStyle) -> Result<()> {
        let pts: Vec<(i32, i32)> = coords.map(|(x, y)| self.pt(x, y)).collect();
        if pts.len() >= 2 {
            self.root.draw(&PathElement::new(pts, style)).map_err(err)?;
        }
        Ok(())
    }

    /// Text with a white halo so it stays readable over fills and lines.
    fn halo_text(&self, text: &str, x: i32, y: i32, style: &TextStyle, halo: i32) -> Result<()> {
        let halo_colour = WHITE.mix(0.9);
        let white = style.color(&halo_colour);
        for (dx, dy) in [
            (-1, -1),
            (0, -1),
            (1, -1),
            (-1, 0),
            (1, 0),
            (-1, 1),
            (0, 1),
            (1, 1),
        ] {
            self.root
                .draw(&Text::new(
                    text.to_string(),
                    (x + dx * halo, y + dy * halo),
                    white.clone(),
                ))
                .map_err(err)?;
        }
        self.root
            .draw(&Text::new(text.to_string(), (x, y), style.clone()))
            .map_err(err)
    }

    fn basemap_lines(&mut self, basemap: &Basemap) -> Result<()> {
        // Regions: thin lines and spaced capital names.
        for r in &basemap.regions {
            for poly in &r.shape.0 {
                self.path(
                    poly.exterior().coords().map(|c| (c.x, c.y)),
                    RGBColor(170, 160, 145).stroke_width(self.px(1.6).max(1) as u32),
                )?;
            }
        }
        // Rivers.
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
        // Borders: neighbours grey, Mali dark.
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
        // Region names (Mali) and neighbour names, in grey capitals.
        let region_font = self.font(19.0, false).color(&RGBColor(140, 128, 110));
        for r in &basemap.regions {
            if r.name == "Bamako" {
                continue; // the district is the capital's label
            }
            let text = spaced_caps(&r.name);
            self.centered_label(&text, r.label.x(), r.label.y(), &region_font, false)?;
        }
        let country_font = self.font(26.0, true).color(&RGBColor(150, 150, 150));
        for c in basemap.countries.iter().filter(|c| c.iso_a2 != "ML") {
            let (x, y) = self.frame.to_px(c.label.x(), c.label.y());
            if !self.inside_map(x, y, 60.0 * self.s) {
                continue;
            }
            self.centered_label(
                &c.name_fr.to_uppercase(),
                c.label.x(),
                c.label.y(),
                &country_font,
                false,
            )?;
        }
        let lake_font = self.font(17.0, false).color(&RGBColor(40, 100, 160));
        for l in &basemap.lakes {
            let (x, y) = self.frame.to_px(l.label.x(), l.label.y());
            if !self.inside_map(x, y, 10.0) {
                continue;
            }
            if l.shape.is_none() {
                self.root
                    .draw(&Circle::new(
                        (x as i32, y as i32),
                        self.px(6.0),
                        RGBColor(120, 180, 220).filled(),
                    ))
                    .map_err(err)?;
            }
            let style = lake_font.clone();
            let (tw, th) = self.text_size(&l.name, &style);
            let rect = PixelRect {
                left: x + 8.0 * self.s,
                top: y - th / 2.0,
                right: x + 8.0 * self.s + tw,
                bottom: y + th / 2.0,
            };
            if self.frame.area.contains_rect(&rect) {
                self.halo_text(&l.name, rect.left as i32, rect.top as i32, &style, 1)?;
                self.occupied.push(rect);
            }
        }
        Ok(())
    }

    fn inside_map(&self, x: f64, y: f64, margin: f64) -> bool {
        let a = self.frame.area;
        x > a.left + margin && x < a.right - margin && y > a.top + margin && y < a.bottom - margin
    }

    fn centered_label(
        &mut self,
        text: &str,
        lon: f64,
        lat: f64,
        style: &TextStyle,
        reserve: bool,
    ) -> Result<()> {
        let (x, y) = self.frame.to_px(lon, lat);
        let (tw, th) = self.text_size(text, style);
        let rect = PixelRect {
            left: x - tw / 2.0,
            top: y - th / 2.0,
            right: x + tw / 2.0,
            bottom: y + th / 2.0,
        };
        if !self.frame.area.contains_rect(&rect) {
            return Ok(());
        }
        self.root
            .draw(&Text::new(
                text.to_string(),
                (rect.left as i32, rect.top as i32),
                style.clone(),
            ))
            .map_err(err)?;
        if reserve {
            self.occupied.push(rect);
        }
        Ok(())
    }

    fn frontline(&mut self, scene: &Scene) -> Result<()> {
        for line in &scene.frontline.0 {
            let pts: Vec<(i32, i32)> = line.coords().map(|c| self.pt(c.x, c.y)).collect();
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
            let a = self.pt(d.from.0, d.from.1);
            let b = self.pt(d.to.0, d.to.1);
            self.root
                .draw(&DashedPathElement::new(
                    vec![a, b],
                    self.px(16.0),
                    self.px(9.0),
                    colour.stroke_width(self.px(4.0) as u32),
                ))
                .map_err(err)?;
            for p in [a, b] {
                self.root
                    .draw(&Circle::new(p, self.px(5.0), colour.filled()))
                    .map_err(err)?;
            }
            let text = match d.measured_km {
                Some(m) => format!("stated {} · measured {:.0} km", d.stated, m),
                None => format!("stated {} · not measurable", d.stated),
            };
            let (tw, th) = self.text_size(&text, &style);
            let (mx, my) = ((a.0 + b.0) as f64 / 2.0, (a.1 + b.1) as f64 / 2.0);
            // Beside the midpoint, on the side away from the line's slope, inside the map.
            let mut candidates = Vec::new();
            for (dx, dy) in [
                (12.0, -th - 6.0),
                (12.0, 6.0),
                (-tw - 12.0, -th - 6.0),
                (-tw - 12.0, 6.0),
                (-tw / 2.0, -th - 14.0),
                (-tw / 2.0, 14.0),
            ] {
                candidates.push(PixelRect {
                    left: mx + dx * if dx.abs() > 20.0 { 1.0 } else { self.s },
                    top: my + dy,
                    right: mx + dx + tw,
                    bottom: my + dy + th,
                });
            }
            let rect = candidates
                .iter()
                .find(|r| {
                    self.frame.area.contains_rect(r) && !self.occupied.iter().any(|o| o.overlaps(r))
                })
                .or(candidates.first())
                .copied();
            if let Some(r) = rect {
                let pad = 5.0 * self.s;
                self.root
                    .draw(&Rectangle::new(
                        [
                            ((r.left - pad) as i32, (r.top - pad) as i32),
                            ((r.right + pad) as i32, (r.bottom + pad) as i32),
                        ],
                        WHITE.mix(0.88).filled(),
                    ))
                    .map_err(err)?;
                self.root
                    .draw(&Rectangle::new(
                        [
                            ((r.left - pad) as i32, (r.top - pad) as i32),
                            ((r.right + pad) as i32, (r.bottom + pad) as i32),
                        ],
                        colour.stroke_width(self.px(2.0).max(1) as u32),
                    ))
                    .map_err(err)?;
                self.root
                    .draw(&Text::new(
                        text.clone(),
                        (r.left as i32, r.top as i32),
                        style.color(&colour.mix(1.0)),
                    ))
                    .map_err(err)?;
                self.occupied.push(PixelRect {
                    left: r.left - pad,
                    top: r.top - pad,
                    right: r.right + pad,
                    bottom: r.bottom + pad,
                });
            }
        }
        Ok(())
    }

    fn events(&mut self, scene: &Scene) -> Result<()> {
        // Earlier events first, the map's own date on top.
        let mut evs: Vec<&super::scene::SceneEvent> = scene.events.iter().collect();
        evs.sort_by_key(|e| e.on_date);
        for e in evs {
            let (x, y) = self.pt(e.lon, e.lat);
            let r = symbol_radius(e.fatalities) * self.s;
            let alpha = if e.on_date { 1.0 } else { 0.45 };
            draw_symbol(self.root, e.symbol, (x, y), r, alpha, self.s)?;
            self.occupied.push(PixelRect {
                left: x as f64 - r,
                top: y as f64 - r,
                right: x as f64 + r,
                bottom: y as f64 + r,
            });
        }
        Ok(())
    }

    fn places(&mut self, scene: &Scene, _basemap: &Basemap) -> Result<()> {
        let mut order: Vec<&super::scene::ScenePlace> = scene.places.iter().collect();
        order.sort_by(|a, b| a.priority.cmp(&b.priority).then(a.name.cmp(&b.name)));
        // Dots first (they are never dropped), then labels by priority.
        for p in &order {
            let (x, y) = self.pt(p.lon, p.lat);
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
            if p.priority == 0 {
                self.root
                    .draw(&Rectangle::new(
                        [(x - r as i32, y - r as i32), (x + r as i32, y + r as i32)],
                        WHITE.filled(),
                    ))
                    .map_err(err)?;
                self.root
                    .draw(&Rectangle::new(
                        [
                            (x - r as i32 + 3, y - r as i32 + 3),
                            (x + r as i32 - 3, y + r as i32 - 3),
                        ],
                        fill.filled(),
                    ))
                    .map_err(err)?;
            } else {
                self.root
                    .draw(&Circle::new(
                        (x, y),
                        (r + 2.0 * self.s) as i32,
                        WHITE.filled(),
                    ))
                    .map_err(err)?;
                self.root
                    .draw(&Circle::new((x, y), r as i32, fill.filled()))
                    .map_err(err)?;
            }
            self.occupied.push(PixelRect {
                left: x as f64 - r,
                top: y as f64 - r,
                right: x as f64 + r,
                bottom: y as f64 + r,
            });
        }
        for p in order {
            let (x, y) = self.frame.to_px(p.lon, p.lat);
            let (size, bold) = match p.priority {
                0 => (30.0, true),
                1 => (26.0, true),
                2 => (22.0, false),
                _ => (19.0, false),
            };
            let style = self.font(size, bold);
            let (tw, th) = self.text_size(&p.name, &style);
            let gap = 11.0 * self.s;
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
                if !self.frame.area.contains_rect(&rect)
                    || self.occupied.iter().any(|o| o.overlaps(&rect))
                {
                    continue;
                }
                self.halo_text(&p.name, lx as i32, ly as i32, &style, 2)?;
                self.occupied.push(rect);
                break;
            }
        }
        Ok(())
    }

    fn north_arrow(&mut self) -> Result<()> {
        let a = self.frame.area;
        let cx = (a.right - 70.0 * self.s) as i32;
        let top = (a.top + 30.0 * self.s) as i32;
        let h = self.px(70.0);
        let half = self.px(20.0);
        self.root
            .draw(&Polygon::new(
                vec![
                    (cx, top),
                    (cx + half, top + h),
                    (cx, top + h - self.px(18.0)),
                    (cx - half, top + h),
                ],
                RGBColor(40, 40, 40).filled(),
            ))
            .map_err(err)?;
        let style = self.font(28.0, true);
        let (tw, _) = self.text_size("N", &style);
        self.halo_text(
            "N",
            cx - (tw / 2.0) as i32,
            top + h + self.px(4.0),
            &style,
            2,
        )?;
        self.occupied.push(PixelRect {
            left: cx as f64 - 40.0 * self.s,
            top: top as f64,
            right: cx as f64 + 40.0 * self.s,
            bottom: (top + h) as f64 + 40.0 * self.s,
        });
        Ok(())
    }

    fn scale_bar(&mut self) -> Result<()> {
        let a = self.frame.area;
        let km_px = self.frame.km_per_px();
        let km = nice_km(a.width() * 0.22 * km_px);
        let len = km / km_px;
        let x0 = a.left + 40.0 * self.s;
        let y0 = a.bottom - 60.0 * self.s;
        let hbar = 12.0 * self.s;
        let pad = 14.0 * self.s;
        let style = self.font(20.0, false);
        let label = format!("{} km", km);
        let (lw, lh) = self.text_size(&label, &style);
        let bg = PixelRect {
            left: x0 - pad,
            top: y0 - lh - 2.0 * pad,
            right: x0 + len + lw + 2.0 * pad,
            bottom: y0 + hbar + pad + 24.0 * self.s,
        };
        self.root
            .draw(&Rectangle::new(
                [
                    (bg.left as i32, bg.top as i32),
                    (bg.right as i32, bg.bottom as i32),
                ],
                WHITE.mix(0.85).filled(),
            ))
            .map_err(err)?;
        for i in 0..4 {
            let xa = x0 + len * i as f64 / 4.0;
            let xb = x0 + len * (i + 1) as f64 / 4.0;
            let fill = if i % 2 == 0 { BLACK } else { WHITE };
            self.root
                .draw(&Rectangle::new(
                    [(xa as i32, y0 as i32), (xb as i32, (y0 + hbar) as i32)],
                    fill.filled(),
                ))
                .map_err(err)?;
        }
        self.root
            .draw(&Rectangle::new(
                [
                    (x0 as i32, y0 as i32),
                    ((x0 + len) as i32, (y0 + hbar) as i32),
                ],
                BLACK.stroke_width(self.px(2.0).max(1) as u32),
            ))
            .map_err(err)?;
        for (frac, text) in [
            (0.0, "0".to_string()),
            (0.5, format!("{}", km / 2.0)),
            (1.0, label.clone()),
        ] {
            let (tw, _) = self.text_size(&text, &style);
            let x = if frac == 1.0 {
                x0 + len - 12.0 * self.s
            } else {
                x0 + len * frac - tw / 2.0
            };
            self.root
                .draw(&Text::new(
                    text,
                    (x as i32, (y0 - lh - 6.0 * self.s) as i32),
                    style.clone(),
                ))
                .map_err(err)?;
        }
        let note = self.font(14.0, false).color(&RGBColor(90, 90, 90));
        self.root
            .draw(&Text::new(
                format!("true along {:.1}°N and along meridians", self.frame.lat0),
                (x0 as i32, (y0 + hbar + 6.0 * self.s) as i32),
                note,
            ))
            .map_err(err)?;
        self.occupied.push(bg);
        Ok(())
    }

    fn title(&mut self, scene: &Scene) -> Result<()> {
        let band = self.frame.area.top;
        self.root
            .draw(&Rectangle::new(
                [(0, 0), (self.width as i32, band as i32)],
                RGBColor(34, 40, 49).filled(),
            ))
            .map_err(err)?;
        let t = self.font(46.0, true).color(&WHITE);
        self.root
            .draw(&Text::new(
                scene.title.clone(),
                (self.px(36.0), self.px(14.0)),
                t,
            ))
            .map_err(err)?;
        let st = self.font(24.0, false).color(&RGBColor(210, 214, 220));
        self.root
            .draw(&Text::new(
                scene.subtitle.clone(),
                (self.px(38.0), self.px(72.0)),
                st,
            ))
            .map_err(err)?;
        // The date, large, on the right of the band.
        let d = self.font(52.0, true).color(&RGBColor(255, 214, 102));
        let (dw, _) = self.text_size(&scene.date, &d);
        self.root
            .draw(&Text::new(
                scene.date.clone(),
                ((self.width - dw - 36.0 * self.s) as i32, self.px(26.0)),
                d,
            ))
            .map_err(err)?;
        Ok(())
    }

    fn panel(&mut self, scene: &Scene) -> Result<()> {
        let left = self.frame.area.right;
        let top = self.frame.area.top;
        let bottom = self.frame.area.bottom;
        self.root
            .draw(&Rectangle::new(
                [
                    (left as i32, top as i32),
                    (self.width as i32, bottom as i32),
                ],
                RGBColor(248, 248, 246).filled(),
            ))
            .map_err(err)?;
        self.root
            .draw(&PathElement::new(
                vec![(left as i32, top as i32), (left as i32, bottom as i32)],
                RGBColor(180, 180, 180).stroke_width(2),
            ))
            .map_err(err)?;
        let x = left + 30.0 * self.s;
        let mut y = top + 26.0 * self.s;
        let head = self.font(26.0, true);
        let body = self.font(19.0, false);
        let small = self.font(15.5, false).color(&RGBColor(70, 70, 70));
        let line_h = 30.0 * self.s;
        let sw = 34.0 * self.s;

        self.root
            .draw(&Text::new(
                "Control (assessed)",
                (x as i32, y as i32),
                head.clone(),
            ))
            .map_err(err)?;
        y += 40.0 * self.s;
        for side in &scene.sides {
            let (r, g, b) = side_colour(&side.side);
            let c = RGBColor(r, g, b);
            self.root
                .draw(&Rectangle::new(
                    [
                        (x as i32, y as i32),
                        ((x + sw) as i32, (y + 22.0 * self.s) as i32),
                    ],
                    c.mix(0.35).filled(),
                ))
                .map_err(err)?;
            self.root
                .draw(&Circle::new(
                    ((x + sw / 2.0) as i32, (y + 11.0 * self.s) as i32),
                    self.px(6.0),
                    c.filled(),
                ))
                .map_err(err)?;
            self.root
                .draw(&Text::new(
                    side.label.clone(),
                    ((x + sw + 14.0 * self.s) as i32, y as i32),
                    body.clone(),
                ))
                .map_err(err)?;
            y += line_h;
        }
        let (r, g, b) = side_colour("contested");
        let c = RGBColor(r, g, b);
        for k in 0..4 {
            let xx = x + k as f64 * 9.0 * self.s;
            self.root
                .draw(&PathElement::new(
                    vec![
                        (xx as i32, (y + 22.0 * self.s) as i32),
                        ((xx + 12.0 * self.s) as i32, y as i32),
                    ],
                    c.stroke_width(self.px(2.0) as u32),
                ))
                .map_err(err)?;
        }
        self.root
            .draw(&Text::new(
                "contested (recent fighting)",
                ((x + sw + 14.0 * self.s) as i32, y as i32),
                body.clone(),
            ))
            .map_err(err)?;
        y += line_h;
        self.root
            .draw(&PathElement::new(
                vec![
                    (x as i32, (y + 11.0 * self.s) as i32),
                    ((x + sw) as i32, (y + 11.0 * self.s) as i32),
                ],
                RGBColor(20, 20, 20).stroke_width(self.px(6.0) as u32),
            ))
            .map_err(err)?;
        self.root
            .draw(&Text::new(
                "front line",
                ((x + sw + 14.0 * self.s) as i32, y as i32),
                body.clone(),
            ))
            .map_err(err)?;
        y += line_h + 18.0 * self.s;

        self.root
            .draw(&Text::new("Events", (x as i32, y as i32), head.clone()))
            .map_err(err)?;
        y += 40.0 * self.s;
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
                ((x + sw / 2.0) as i32, (y + 11.0 * self.s) as i32),
                11.0 * self.s,
                1.0,
                self.s,
            )?;
            self.root
                .draw(&Text::new(
                    sym.label(),
                    ((x + sw + 14.0 * self.s) as i32, y as i32),
                    body.clone(),
                ))
                .map_err(err)?;
            y += line_h;
        }
        self.root
            .draw(&Text::new(
                "size grows with fatalities; faded: earlier days",
                (x as i32, y as i32),
                small.clone(),
            ))
            .map_err(err)?;
        y += line_h + 14.0 * self.s;

        self.root
            .draw(&Text::new(
                "Stated distances",
                (x as i32, y as i32),
                head.clone(),
            ))
            .map_err(err)?;
        y += 40.0 * self.s;
        for (v, text) in [
            ("consistent", "consistent as the crow flies"),
            ("plausible_by_road", "plausible by road only"),
            ("inconsistent", "inconsistent"),
        ] {
            let c = rgb(verdict_colour(v));
            self.root
                .draw(&DashedPathElement::new(
                    vec![
                        (x as i32, (y + 11.0 * self.s) as i32),
                        ((x + sw) as i32, (y + 11.0 * self.s) as i32),
                    ],
                    self.px(9.0),
                    self.px(5.0),
                    c.stroke_width(self.px(4.0) as u32),
                ))
                .map_err(err)?;
            self.root
                .draw(&Text::new(
                    text,
                    ((x + sw + 14.0 * self.s) as i32, y as i32),
                    body.clone(),
                ))
                .map_err(err)?;
            y += line_h;
        }
        y += 10.0 * self.s;
        let max_w = self.width - x - 24.0 * self.s;
        for d in &scene.distances {
            let c = rgb(verdict_colour(&d.verdict));
            let line = match d.measured_km {
                Some(m) => format!(
                    "{}: stated {}, measured {:.0} km",
                    d.verdict.replace('_', " "),
                    d.stated,
                    m
                ),
                None => format!("{}: stated {}", d.verdict.replace('_', " "), d.stated),
            };
            for l in wrap(&line, &small, max_w, self) {
                self.root
                    .draw(&Text::new(l, (x as i32, y as i32), small.color(&c)))
                    .map_err(err)?;
                y += 22.0 * self.s;
            }
        }
        if scene.distances.is_empty() {
            self.root
                .draw(&Text::new(
                    "none stated for this date",
                    (x as i32, y as i32),
                    small.clone(),
                ))
                .map_err(err)?;
        }

        // Credits at the bottom of the panel.
        let mut lines: Vec<String> = Vec::new();
        for c in &scene.credits {
            lines.extend(wrap(c, &small, max_w, self));
        }
        lines.extend(wrap(&self.frame.describe(), &small, max_w, self));
        let mut cy = bottom - 20.0 * self.s - lines.len() as f64 * 21.0 * self.s;
        for l in lines {
            self.root
                .draw(&Text::new(l, (x as i32, cy as i32), small.clone()))
                .map_err(err)?;
            cy += 21.0 * self.s;
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
    (11.0 + 3.2 * f.sqrt()).min(42.0)
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
            // A flag: pole and pennant; retaken = pennant outlined.
            let pole = [(x - ri / 2, y + ri), (x - ri / 2, y - ri)];
            root.draw(&PathElement::new(pole.to_vec(), outline(dark)))
                .map_err(err)?;
            let pennant = vec![(x - ri / 2, y - ri), (x + ri, y - ri / 2), (x - ri / 2, y)];
            let fill = if sym == EventSymbol::Capture {
                RGBColor(178, 24, 43).mix(alpha)
            } else {
                RGBColor(33, 102, 172).mix(alpha)
            };
            root.draw(&Polygon::new(pennant.clone(), fill.filled()))
                .map_err(err)?;
            root.draw(&PathElement::new(
                [pennant, vec![(x - ri / 2, y - ri)]].concat(),
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
