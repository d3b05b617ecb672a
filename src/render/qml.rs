//! QGIS layer styles (`.qml`, QGIS 3.x) written beside each GeoJSON with the same base name,
//! so QGIS styles a layer the moment it is opened: colours per side, one symbol per event
//! type sized by fatalities, labels for places and distances, and, for the all-dates events
//! layer, Temporal Controller settings.
//!
//! Temporal settings work around two QGIS 3.22 traps: start and end are read as date-times
//! with `to_datetime()` (plain Date fields drop one-day events), and the limit mode includes
//! the end of the range (the default excludes an event on its last day).

use super::scene::{EventSymbol, side_colour, verdict_colour};

fn rgba(c: (u8, u8, u8), a: u8) -> String {
    format!("{},{},{},{}", c.0, c.1, c.2, a)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

fn opt(name: &str, value: &str) -> String {
    format!(
        r#"<Option name="{}" type="QString" value="{}"/>"#,
        esc(name),
        esc(value)
    )
}

fn head() -> &'static str {
    "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version=\"3.22.0\" styleCategories=\"AllStyleCategories\">\n"
}

fn fill_symbol(name: &str, fill: String, outline: String, style: &str) -> String {
    format!(
        r#"<symbol type="fill" name="{name}" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleFill" enabled="1" locked="0" pass="0"><Option type="Map">{}{}{}{}{}</Option></layer></symbol>"#,
        opt("color", &fill),
        opt("outline_color", &outline),
        opt("outline_width", "0.3"),
        opt("outline_width_unit", "MM"),
        opt("style", style),
    )
}

fn line_symbol(name: &str, colour: String, width_mm: f64, dashed: bool) -> String {
    format!(
        r#"<symbol type="line" name="{name}" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleLine" enabled="1" locked="0" pass="0"><Option type="Map">{}{}{}{}{}</Option></layer></symbol>"#,
        opt("line_color", &colour),
        opt("line_width", &width_mm.to_string()),
        opt("line_width_unit", "MM"),
        opt("line_style", if dashed { "dash" } else { "solid" }),
        opt("capstyle", "round"),
    )
}

fn marker_symbol(name: &str, shape: &str, colour: String, size_expr: Option<&str>) -> String {
    let dd = size_expr.map_or(String::new(), |e| {
        format!(
            r#"<data_defined_properties><Option type="Map">{}<Option name="properties" type="Map"><Option name="size" type="Map"><Option name="active" type="bool" value="true"/>{}<Option name="type" type="int" value="3"/></Option></Option>{}</Option></data_defined_properties>"#,
            opt("name", ""),
            opt("expression", e),
            opt("type", "collection"),
        )
    });
    format!(
        r#"<symbol type="marker" name="{name}" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" locked="0" pass="0"><Option type="Map">{}{}{}{}{}{}{}</Option>{dd}</layer></symbol>"#,
        opt("name", shape),
        opt("color", &colour),
        opt("outline_color", "35,35,35,255"),
        opt("outline_width", "0.3"),
        opt("size", "3"),
        opt("size_unit", "MM"),
        opt("angle", "0"),
    )
}

fn categorized(attr: &str, cats: &[(String, String, String)]) -> String {
    let mut s = format!(
        r#"<renderer-v2 type="categorizedSymbol" attr="{}" symbollevels="0" enableorderby="0" forceraster="0"><categories>"#,
        esc(attr)
    );
    for (i, (value, label, _)) in cats.iter().enumerate() {
        s.push_str(&format!(
            r#"<category render="true" symbol="{i}" value="{}" label="{}"/>"#,
            esc(value),
            esc(label)
        ));
    }
    s.push_str("</categories><symbols>");
    for (_, _, sym) in cats {
        s.push_str(sym);
    }
    s.push_str("</symbols></renderer-v2>\n");
    s
}

fn labels(expr: &str, is_expression: bool, size_pt: f64, placement: u8) -> String {
    format!(
        r#"<labeling type="simple"><settings calloutType="simple"><text-style fieldName="{}" isExpression="{}" fontFamily="DejaVu Sans" fontSize="{size_pt}" fontSizeUnit="Point" textColor="20,20,20,255" textOpacity="1" fontWeight="50" namedStyle="Regular"><text-buffer bufferDraw="1" bufferSize="1" bufferSizeUnits="MM" bufferColor="255,255,255,255" bufferOpacity="0.9"/></text-style><placement placement="{placement}" dist="1.5" distUnits="MM" priority="5"/><rendering obstacle="1" scaleVisibility="0" drawLabels="1"/></settings></labeling>
"#,
        esc(expr),
        if is_expression { 1 } else { 0 }
    )
}

/// Style of the `control` layer: one translucent fill per side, contested hatched.
pub fn control(sides: &[(String, String)]) -> String {
    let mut cats: Vec<(String, String, String)> = sides
        .iter()
        .enumerate()
        .map(|(i, (side, label))| {
            let c = side_colour(side);
            (
                side.clone(),
                label.clone(),
                fill_symbol(&i.to_string(), rgba(c, 90), rgba(c, 255), "solid"),
            )
        })
        .collect();
    let c = side_colour("contested");
    let n = cats.len().to_string();
    cats.push((
        "contested".into(),
        "contested".into(),
        fill_symbol(&n, rgba(c, 200), rgba(c, 255), "b_diagonal"),
    ));
    format!(
        "{}{}<blendMode>0</blendMode><layerOpacity>1</layerOpacity>\n</qgis>\n",
        head(),
        categorized(r#"if("status" = 'contested', 'contested', "side")"#, &cats)
    )
}

/// Style of the `frontline` layer: a bold dark line.
pub fn frontline() -> String {
    format!(
        "{}<renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\"><symbols>{}</symbols></renderer-v2>\n</qgis>\n",
        head(),
        line_symbol("0", "20,20,20,255".into(), 1.4, false)
    )
}

fn event_shape(sym: EventSymbol) -> (&'static str, (u8, u8, u8)) {
    match sym {
        EventSymbol::Capture => ("triangle", (178, 24, 43)),
        EventSymbol::Retake => ("triangle", (33, 102, 172)),
        EventSymbol::Withdrawal => ("arrowhead", (255, 255, 255)),
        EventSymbol::Clash => ("cross_fill", (200, 20, 20)),
        EventSymbol::AirStrike => ("equilateral_triangle", (30, 90, 200)),
        EventSymbol::Explosion => ("star", (245, 160, 0)),
        EventSymbol::Civilians => ("circle", (120, 40, 140)),
        EventSymbol::Other => ("diamond", (120, 120, 120)),
    }
}

/// Style of an `events` layer: one symbol per event type (field `symbol`), sized by the
/// `fatalities` field; `temporal` adds Temporal Controller settings on `date_start` /
/// `date_end` and labels (the per-date layers leave labels to the places layer).
pub fn events(temporal: bool) -> String {
    let size = r#"3 + 0.45 * sqrt(coalesce("fatalities", 0))"#;
    let cats: Vec<(String, String, String)> = EventSymbol::ALL
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (shape, c) = event_shape(*s);
            let value = serde_json::to_value(s)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default();
            (
                value,
                s.label().to_string(),
                marker_symbol(&i.to_string(), shape, rgba(c, 255), Some(size)),
            )
        })
        .collect();
    let temporal_xml = if temporal {
        r#"<temporal enabled="1" mode="4" limitMode="1" startField="date_start" endField="date_end" durationField="" durationUnit="min" fixedDuration="0" accumulate="0" startExpression="to_datetime(&quot;date_start&quot;)" endExpression="to_datetime(&quot;date_end&quot;)"><fixedRange><start></start><end></end></fixedRange></temporal>
"#
    } else {
        ""
    };
    // The per-date layers sit under the places layer, which labels the towns; the all-dates
    // layer is often opened alone, so it labels its events with the place as written.
    let labelling = if temporal {
        labels("place_as_written", false, 8.0, 0)
    } else {
        String::new()
    };
    format!(
        "{}{}{}{}</qgis>\n",
        head(),
        temporal_xml,
        categorized("symbol", &cats),
        labelling
    )
}

/// Style of the `places` layer: dots coloured by the side holding them, labelled by name.
pub fn places(sides: &[(String, String)]) -> String {
    let mut cats: Vec<(String, String, String)> = sides
        .iter()
        .enumerate()
        .map(|(i, (side, label))| {
            (
                side.clone(),
                label.clone(),
                marker_symbol(&i.to_string(), "circle", rgba(side_colour(side), 255), None),
            )
        })
        .collect();
    cats.push((
        String::new(),
        "no known controller".into(),
        marker_symbol(
            &sides.len().to_string(),
            "circle",
            "70,70,70,255".into(),
            None,
        ),
    ));
    format!(
        "{}{}{}</qgis>\n",
        head(),
        categorized("side", &cats),
        labels("name", false, 9.0, 0)
    )
}

/// Style of the `distances` layer: dashed lines coloured by verdict, labelled with the
/// stated and measured figures.
pub fn distances() -> String {
    let cats: Vec<(String, String, String)> = [
        "consistent",
        "plausible_by_road",
        "inconsistent",
        "unresolved",
    ]
    .iter()
    .enumerate()
    .map(|(i, v)| {
        (
            v.to_string(),
            v.replace('_', " "),
            line_symbol(&i.to_string(), rgba(verdict_colour(v), 255), 0.8, true),
        )
    })
    .collect();
    format!(
        "{}{}{}</qgis>\n",
        head(),
        categorized("verdict", &cats),
        labels(
            r#"'stated ' || "stated" || ' · measured ' || format_number("geodesic_km", 0) || ' km'"#,
            true,
            8.0,
            2
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn well_formed(xml: &str) {
        // Balanced tags and no raw ampersands: enough to catch template mistakes.
        assert!(xml.starts_with("<!DOCTYPE qgis"));
        assert!(xml.trim_end().ends_with("</qgis>"));
        let opens = xml.matches("<symbol ").count();
        let closes = xml.matches("</symbol>").count();
        assert_eq!(opens, closes);
        for (i, _) in xml.match_indices('&') {
            let rest = &xml[i..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                    .iter()
                    .any(|e| rest.starts_with(e)),
                "raw & at {i}"
            );
        }
    }

    #[test]
    fn styles_are_well_formed() {
        let sides = vec![
            ("government".to_string(), "Government".to_string()),
            ("jihadist".to_string(), "Jihadists".to_string()),
        ];
        for xml in [
            control(&sides),
            frontline(),
            events(false),
            events(true),
            places(&sides),
            distances(),
        ] {
            well_formed(&xml);
        }
        let t = events(true);
        assert!(t.contains(r#"limitMode="1""#) && t.contains("to_datetime"));
    }
}
