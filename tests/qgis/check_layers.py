"""Open frontmap's layers in real QGIS (headless) and check what a user would see.

Usage: python3 check_layers.py OUT_DIR DATE [DATE...]

For each DATE, loads OUT_DIR/DATE/{events,places,control,frontline,distances}.geojson, applies the
.qml beside each, and checks that the layer is valid, has its features, and that the style took
(renderer type and categories). Then loads OUT_DIR/events.geojson with its temporal .qml and steps
a one-day Temporal Controller frame through each DATE, checking that exactly the events whose
date span covers that day are visible (one-day events included, an event visible on its last day).
Prints one JSON object; exit status 0 when every check passed.
"""

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402
    Qgis,
    QgsApplication,
    QgsDateTimeRange,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeatureRequest,
    QgsVectorLayer,
    QgsVectorLayerTemporalContext,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QTime  # noqa: E402

LAYERS = {
    "events": ("categorizedSymbol", "symbol"),
    "places": ("categorizedSymbol", "side"),
    "control": ("categorizedSymbol", "side"),
    "frontline": ("singleSymbol", None),
    "distances": ("categorizedSymbol", "verdict"),
}


def day_range(iso):
    y, m, d = (int(x) for x in iso.split("-"))
    start = QDateTime(QDate(y, m, d), QTime(0, 0, 0))
    return QgsDateTimeRange(start, start.addDays(1), True, False)


def main():
    out_dir, dates = sys.argv[1], sys.argv[2:]
    app = QgsApplication([], False)
    app.initQgis()
    failures = []
    report = {"qgis": Qgis.version(), "layers": [], "temporal": []}
    for date in dates:
        for name, (renderer, attr) in LAYERS.items():
            path = os.path.join(out_dir, date, name + ".geojson")
            layer = QgsVectorLayer(path, name, "ogr")
            if not layer.isValid():
                failures.append(f"{path}: QGIS cannot open it")
                continue
            msg, ok = layer.loadNamedStyle(path[: -len(".geojson")] + ".qml")
            if not ok:
                failures.append(f"{path}: style not applied: {msg}")
                continue
            r = layer.renderer()
            kind = r.type() if r else None
            entry = {"date": date, "layer": name, "features": layer.featureCount(),
                     "renderer": kind}
            if layer.featureCount() == 0:
                # An empty FeatureCollection has no geometry type: QGIS opens it as a table.
                report["layers"].append(entry)
                continue
            if kind != renderer:
                failures.append(f"{path}: renderer {kind}, expected {renderer}")
            if attr is not None and kind == "categorizedSymbol":
                if attr not in r.classAttribute():
                    failures.append(f"{path}: categories on {r.classAttribute()}, expected {attr}")
                entry["categories"] = [c.value() for c in r.categories()]
                # Every feature falls in a category (nothing drawn with a fallback symbol).
                values = {c.value() for c in r.categories()}
                expr = QgsExpression(r.classAttribute())
                ctx = QgsExpressionContext()
                ctx.appendScopes(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
                for f in layer.getFeatures():
                    ctx.setFeature(f)
                    v = expr.evaluate(ctx)
                    v = "" if v is None or (hasattr(v, "isNull") and v.isNull()) else v
                    if v not in values:
                        failures.append(f"{path}: feature {r.classAttribute()}={v!r} has no category")
            if name in ("places", "distances") and layer.featureCount() > 0:
                lab = layer.labeling()
                if lab is None or not layer.labelsEnabled():
                    failures.append(f"{path}: labels are off")
            report["layers"].append(entry)
    # Temporal Controller on the all-dates layer.
    path = os.path.join(out_dir, "events.geojson")
    layer = QgsVectorLayer(path, "events", "ogr")
    if not layer.isValid():
        failures.append(f"{path}: QGIS cannot open it")
    else:
        msg, ok = layer.loadNamedStyle(path[: -len(".geojson")] + ".qml")
        props = layer.temporalProperties()
        if not layer.labelsEnabled():
            failures.append(f"{path}: the all-dates events are not labelled")
        if not ok or not props.isActive():
            failures.append(f"{path}: temporal settings not active after loading the style ({msg})")
        else:
            start_i = layer.fields().indexOf("date_start")
            end_i = layer.fields().indexOf("date_end")
            feats = list(layer.getFeatures())
            for date in dates:
                rng = day_range(date)
                ctx = QgsVectorLayerTemporalContext()
                ctx.setLayer(layer)
                expr = props.createFilterString(ctx, rng)
                req = QgsFeatureRequest()
                if expr:
                    req.setFilterExpression(expr)
                visible = sorted(f["id"] for f in layer.getFeatures(req))

                def covers(f):
                    s = f.attribute(start_i).toString("yyyy-MM-dd")
                    e = f.attribute(end_i).toString("yyyy-MM-dd")
                    return s <= date <= e

                expected = sorted(f["id"] for f in feats if covers(f))
                report["temporal"].append({"date": date, "visible": visible})
                if visible != expected:
                    failures.append(
                        f"temporal frame {date}: QGIS shows {visible}, the events of that day are {expected}"
                    )
    report["failures"] = failures
    print(json.dumps(report))
    sys.stdout.flush()
    return 1 if failures else 0


if __name__ == "__main__":
    # QGIS 3.22 can crash while tearing down a headless application: leave without it.
    os._exit(main())
