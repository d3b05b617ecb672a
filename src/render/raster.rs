//! Area fills straight into an RGB buffer: even-odd scanline filling with alpha, so polygons
//! with holes (an enclave inside an area of control) and translucent fills come out right.

/// An RGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// A pixel buffer (RGB, row-major, 3 bytes a pixel) the caller owns.
pub struct Canvas<'a> {
    /// The pixels.
    pub buf: &'a mut [u8],
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Fills stay inside this rectangle (left, top, right, bottom; right/bottom exclusive).
    pub clip: Option<(u32, u32, u32, u32)>,
}

impl<'a> Canvas<'a> {
    /// A canvas over `buf` with no clipping.
    pub fn new(buf: &'a mut [u8], width: u32, height: u32) -> Self {
        Canvas {
            buf,
            width,
            height,
            clip: None,
        }
    }

    fn bounds(&self) -> (i64, i64, i64, i64) {
        let (l, t, r, b) = self.clip.unwrap_or((0, 0, self.width, self.height));
        (
            l as i64,
            t as i64,
            (r.min(self.width)) as i64,
            (b.min(self.height)) as i64,
        )
    }

    /// Fills the whole canvas (or its clip rectangle).
    pub fn clear(&mut self, c: Rgb) {
        let (l, t, r, b) = self.bounds();
        for y in t..b {
            for x in l..r {
                let i = ((y as usize) * self.width as usize + x as usize) * 3;
                self.buf[i] = c.0;
                self.buf[i + 1] = c.1;
                self.buf[i + 2] = c.2;
            }
        }
    }

    /// Fills the rings (pixel coordinates; exterior and holes together, even-odd rule) with
    /// `colour` at opacity `alpha` in `[0, 1]`. Each pixel centre is tested once, so shared
    /// edges are neither doubled nor left open.
    pub fn fill_rings(&mut self, rings: &[Vec<(f64, f64)>], colour: Rgb, alpha: f64) {
        let alpha = alpha.clamp(0.0, 1.0);
        if alpha == 0.0 {
            return;
        }
        let (mut ymin, mut ymax) = (f64::INFINITY, f64::NEG_INFINITY);
        for r in rings {
            for &(_, y) in r {
                ymin = ymin.min(y);
                ymax = ymax.max(y);
            }
        }
        if !ymin.is_finite() {
            return;
        }
        let (cl, ct, cr, cb) = self.bounds();
        let y_start = (ymin.floor() as i64).max(ct);
        let y_end = (ymax.ceil() as i64).min(cb - 1);
        let mut xs: Vec<f64> = Vec::new();
        for py in y_start..=y_end {
            let yc = py as f64 + 0.5;
            xs.clear();
            for r in rings {
                let n = r.len();
                if n < 3 {
                    continue;
                }
                for i in 0..n {
                    let (x1, y1) = r[i];
                    let (x2, y2) = r[(i + 1) % n];
                    if (y1 <= yc && y2 > yc) || (y2 <= yc && y1 > yc) {
                        xs.push(x1 + (yc - y1) / (y2 - y1) * (x2 - x1));
                    }
                }
            }
            xs.sort_by(f64::total_cmp);
            for pair in xs.chunks_exact(2) {
                let xa = ((pair[0] - 0.5).ceil() as i64).max(cl);
                let xb = ((pair[1] - 0.5).ceil() as i64).min(cr);
                for px in xa..xb {
                    self.blend(px as u32, py as u32, colour, alpha);
                }
            }
        }
    }

    fn blend(&mut self, x: u32, y: u32, c: Rgb, a: f64) {
        let i = ((y * self.width + x) * 3) as usize;
        let p = &mut self.buf[i..i + 3];
        let mix = |dst: u8, src: u8| ((dst as f64) * (1.0 - a) + (src as f64) * a).round() as u8;
        p[0] = mix(p[0], c.0);
        p[1] = mix(p[1], c.1);
        p[2] = mix(p[2], c.2);
    }

    /// Paints diagonal hatching (lines every `spacing` px) inside the rings.
    pub fn hatch_rings(
        &mut self,
        rings: &[Vec<(f64, f64)>],
        colour: Rgb,
        alpha: f64,
        spacing: u32,
    ) {
        let spacing = spacing.max(2) as i64;
        // Fill into a mask first, then keep the pixels on the hatch lines.
        let (w, h) = (self.width, self.height);
        let mut mask = vec![0u8; (w * h * 3) as usize];
        let mut m = Canvas {
            buf: &mut mask,
            width: w,
            height: h,
            clip: self.clip,
        };
        m.fill_rings(rings, Rgb(255, 255, 255), 1.0);
        let (mut x0, mut y0, mut x1, mut y1) = (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        );
        for &(x, y) in rings.iter().flatten() {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        if !x0.is_finite() {
            return;
        }
        let xr = (x0.floor().max(0.0) as u32)..(x1.ceil().max(0.0) as u32).min(w);
        let yr = (y0.floor().max(0.0) as u32)..(y1.ceil().max(0.0) as u32).min(h);
        for y in yr {
            for x in xr.clone() {
                let i = ((y * w + x) * 3) as usize;
                if mask[i] == 255 && (x as i64 + y as i64) % spacing < 2 {
                    self.blend(x, y, colour, alpha);
                }
            }
        }
    }

    /// The colour at a pixel.
    pub fn pixel(&self, x: u32, y: u32) -> Rgb {
        let i = ((y * self.width + x) * 3) as usize;
        Rgb(self.buf[i], self.buf[i + 1], self.buf[i + 2])
    }
}

/// Encodes an RGB buffer as PNG.
pub fn encode_png(buf: &[u8], width: u32, height: u32) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(buf.len() / 8);
    {
        let mut enc = png::Encoder::new(&mut out, width, height);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Fast);
        let mut w = enc.write_header().map_err(std::io::Error::other)?;
        w.write_image_data(buf).map_err(std::io::Error::other)?;
        w.finish().map_err(std::io::Error::other)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn square_with_hole_is_filled_even_odd() {
        let mut buf = vec![0u8; 20 * 20 * 3];
        let mut c = Canvas::new(&mut buf, 20, 20);
        let outer = vec![(2.0, 2.0), (18.0, 2.0), (18.0, 18.0), (2.0, 18.0)];
        let hole = vec![(8.0, 8.0), (12.0, 8.0), (12.0, 12.0), (8.0, 12.0)];
        c.fill_rings(&[outer, hole], Rgb(200, 0, 0), 1.0);
        assert_eq!(c.pixel(3, 3), Rgb(200, 0, 0));
        assert_eq!(c.pixel(10, 10), Rgb(0, 0, 0));
        assert_eq!(c.pixel(1, 1), Rgb(0, 0, 0));
        assert_eq!(c.pixel(17, 17), Rgb(200, 0, 0));
        assert_eq!(c.pixel(18, 18), Rgb(0, 0, 0));
    }

    #[test]
    fn alpha_blends() {
        let mut buf = vec![255u8; 4 * 4 * 3];
        let mut c = Canvas::new(&mut buf, 4, 4);
        c.fill_rings(
            &[vec![(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0)]],
            Rgb(0, 0, 0),
            0.5,
        );
        assert_eq!(c.pixel(1, 1), Rgb(128, 128, 128));
    }

    #[test]
    fn png_encodes_and_decodes() {
        let buf = vec![10u8; 3 * 5 * 3];
        let bytes = encode_png(&buf, 3, 5).unwrap();
        let dec = png::Decoder::new(std::io::Cursor::new(bytes));
        let reader = dec.read_info().unwrap();
        assert_eq!((reader.info().width, reader.info().height), (3, 5));
    }
}
