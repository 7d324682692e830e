"""Runs every benchmark module of this package (each exposes main()), or only those named: python -m bench ingest"""
from __future__ import annotations

import importlib
import pkgutil
import sys

import bench


def main(noms: list[str]) -> int:
    modules = sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if not m.name.startswith("_"))
    codes = []
    for nom in noms or modules:
        print(f"\n=== bench.{nom} ===", flush=True)
        # a benchmark returns non-zero when something broke (a page raising), not when a target is missed:
        # targets have their verdict lines, failures fail `make bench`
        codes.append(importlib.import_module(f"bench.{nom}").main() or 0)
    return max(codes, default=0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
