"""Turns wrk's reports, the checkout and statistics runs and the wasm bundle
into one JSON record of figures.

The bundle is the main module every page loads (`bazaar.<hash>.wasm`) and
the parts loaded on demand by the lazily loaded areas (the other `.wasm`
files of the package directory)."""

import gzip
import os
import json
import pathlib
import re
import sys

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def millis(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return round(float(value) * UNITS[unit], 3)


def parse(report):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", report).group(1))
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", report, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    return {
        "requests_per_second": rps,
        "p50_ms": millis(percentiles["50"]),
        "p99_ms": millis(percentiles["99"]),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def sizes(path):
    data = path.read_bytes()
    return {"bytes": len(data), "gzip_bytes": len(gzip.compress(data, 9))}


raw, pkg = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
products, connections = int(sys.argv[3]), int(sys.argv[4])
modules = sorted(pkg.glob("*.wasm"))
[main] = [path for path in modules if path.name.startswith("bazaar.")]
print(json.dumps({
    "catalog_products": products,
    "connections": connections,
    # Every process measured (nodes, HAProxy, wrk, PostgreSQL) shares these.
    "cores": os.cpu_count(),
    "routes": {path.stem: parse(path.read_text()) for path in sorted(raw.glob("*.txt"))},
    "checkout": json.loads((raw / "checkout.json").read_text()),
    "seller_stats": json.loads((raw / "stats.json").read_text()),
    "api_bulk_stock_update": json.loads((raw / "inventory.json").read_text()),
    "live_updates": json.loads((raw / "live.json").read_text()),
    "wasm": {
        "main": sizes(main),
        "on_demand": {path.name: sizes(path) for path in modules if path != main},
    },
}, indent=2))
