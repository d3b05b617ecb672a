#!/usr/bin/env python3
"""Write a synthetic 365-day events table (frontmap's own CSV) for timing `frontmap render`.

The places are those of the embedded case's initial control table; every day has one to four
events (captures back and forth, clashes, strikes, explosions) drawn with a fixed seed, so
every run writes the same file. This is load, not history: do not map it as fact.

Usage: python3 scripts/gen_year_case.py OUT.csv [--year 2013] [--seed 7]
"""

import argparse
import csv
import datetime as dt
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
INITIAL = os.path.join(HERE, "..", "data", "mali2013", "initial_control.csv")

GOV = ["Military Forces of Mali", "Operation Serval", "Military Forces of Chad"]
JIH = ["MUJAO", "Ansar Dine", "AQIM"]
KINDS = ["capture", "clash", "clash", "air strike", "explosion"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--year", type=int, default=2013)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    with open(INITIAL, encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(line for line in f if not line.startswith("#"))]
    holder = {r["place"]: r["side"] for r in rows}
    places = sorted(holder)
    rng = random.Random(a.seed)
    day = dt.date(a.year, 1, 1)
    n = 0
    with open(a.out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "date", "place", "event_type", "actor1", "actor2", "fatalities", "source"])
        while day.year == a.year:
            for _ in range(rng.randint(1, 4)):
                place = rng.choice(places)
                kind = rng.choice(KINDS)
                if kind == "capture":
                    taker = "jihadist" if holder[place] == "government" else "government"
                    holder[place] = taker
                    a1 = rng.choice(GOV if taker == "government" else JIH)
                    a2 = rng.choice(JIH if taker == "government" else GOV)
                else:
                    a1, a2 = rng.choice(GOV), rng.choice(JIH)
                    if rng.random() < 0.5:
                        a1, a2 = a2, a1
                fat = rng.choice(["", "", "1", "3", "12", "40"])
                n += 1
                w.writerow([f"gen-{n:05d}", day.isoformat(), place, kind, a1, a2, fat, "synthetic"])
            day += dt.timedelta(days=1)
    print(f"{a.out}: {n} events over {a.year}", file=sys.stderr)


if __name__ == "__main__":
    main()
