#!/usr/bin/env python3
"""Build static/maps/geography.json: France's regions, departments and communes, from
the official geography.

Source data
-----------
npm package `@etalab/decoupage-administratif` (data: INSEE's Code officiel
géographique; data licence: Licence Ouverte 2.0, code licence: MIT), listed in
../shared/PUBLIC_FACTS.md. Give the package's folder (an unpacked `npm pack`, or
node_modules/@etalab/decoupage-administratif):

    npm pack @etalab/decoupage-administratif@6.0.0 && tar xzf etalab-*.tgz
    python3 tools/make_geography.py package/

What is kept: each region (code, name); each department (code, name, region code);
each current commune (« commune-actuelle »), as its name with, for each commune of
that name, its department code and population (the population tells homonyms apart
when a source names a town only; see registry/insights/geography.py). Nothing else.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "static" / "maps" / "geography.json"


def build(package: Path) -> dict:
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    data = package / "data"
    regions = json.loads((data / "regions.json").read_text(encoding="utf-8"))
    departments = json.loads((data / "departements.json").read_text(encoding="utf-8"))
    communes_file = data / "communes.json"
    communes = json.loads(communes_file.read_text(encoding="utf-8"))
    by_name: dict[str, list] = {}
    for commune in communes:
        if commune.get("type") != "commune-actuelle" or not commune.get("departement"):
            continue
        by_name.setdefault(commune["nom"], []).append(
            [commune["departement"], int(commune.get("population") or 0)])
    return {
        "source": f"{meta['name']} {meta['version']} (INSEE, Code officiel géographique)",
        "licence": "Licence Ouverte 2.0 (Etalab)",
        "sha256_communes": hashlib.sha256(communes_file.read_bytes()).hexdigest(),
        "regions": {r["code"]: r["nom"] for r in regions},
        "departments": {d["code"]: {"name": d["nom"], "region": d["region"]}
                        for d in departments},
        "communes": dict(sorted(by_name.items())),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="the unpacked npm package folder")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    geography = build(args.package)
    args.out.write_text(json.dumps(geography, ensure_ascii=False, separators=(",", ":")) + "\n",
                        encoding="utf-8")
    print(f"{args.out}: {len(geography['regions'])} regions, "
          f"{len(geography['departments'])} departments, "
          f"{sum(len(v) for v in geography['communes'].values())} communes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
