#!/usr/bin/env python3
"""Copy the OpenMoji pictures the easy-to-read pages use into static/pictos/openmoji/.

Source: npm package `openmoji` 17.0.0 (https://openmoji.org, pictures under CC BY-SA
4.0), as listed in ../shared/PUBLIC_FACTS.md. Give the package's folder:

    npm pack openmoji@17.0.0 && tar xzf openmoji-17.0.0.tgz
    python3 tools/vendor_openmoji.py package/

Only the pictures named in content/pictogrammes.yaml are copied (colour SVGs, as
published), with the licence text; pictures no longer named are removed. Run it again
after adding a name to the catalogue.
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "static" / "pictos" / "openmoji"
CATALOGUE = ROOT / "content" / "pictogrammes.yaml"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="the unpacked openmoji npm package")
    args = parser.parse_args()
    svg = args.package / "color" / "svg"
    licence = args.package / "LICENSE.txt"
    if not svg.is_dir() or not licence.is_file():
        print(f"{args.package}: not an openmoji package (no color/svg/ or LICENSE.txt)",
              file=sys.stderr)
        return 2
    codes = {str(item["openmoji"]) for item in
             yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))["pictogrammes"].values()}
    missing = sorted(c for c in codes if not (svg / f"{c}.svg").is_file())
    if missing:
        print(f"not in the package: {', '.join(missing)}", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.svg"):
        if old.stem not in codes:
            old.unlink()
    for code in sorted(codes):
        shutil.copyfile(svg / f"{code}.svg", OUT / f"{code}.svg")
    shutil.copyfile(licence, OUT / "LICENSE.txt")
    print(f"{len(codes)} pictures copied to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
