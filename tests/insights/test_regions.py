"""The map of regions: a public-domain outline shipped with its licence, and the
territorial view drawn from it with practices located by the official geography."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from registry.config import PROJECT_ROOT
from registry.insights.geography import load_geography
from registry.insights.regions import RegionMapError, load_region_map

MAP = PROJECT_ROOT / "static" / "maps" / "france-regions.json"
GEOGRAPHY = PROJECT_ROOT / "static" / "maps" / "geography.json"
NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def rmap():
    return load_region_map(MAP)


def test_shipped_map_is_complete_and_its_licence_stated(rmap):
    assert len(rmap.regions) == 18
    assert sum(r.box is None for r in rmap.regions.values()) == 13  # metropolitan
    assert "public domain" in rmap.licence.lower() and "Natural Earth" in rmap.source
    licence = (MAP.parent / "LICENCE.md").read_text(encoding="utf-8")
    assert "public domain" in licence and "tools/make_region_map.py" in licence
    assert (PROJECT_ROOT / "tools" / "make_region_map.py").exists()


@pytest.mark.parametrize("text, reason", [
    (None, "cannot be read"), ("{", "not valid JSON"), ('{"regions": []}', "missing field"),
    ('{"viewBox": "0 0 1 1", "source": "s", "licence": "l", "regions": [{"code": "84", '
     '"name": "X", "path": "Z", "label": [0, 0]}]}', "is not SVG path data"),
])
def test_a_broken_map_file_is_reported(tmp_path, text, reason):
    path = tmp_path / "map.json"
    if text is not None:
        path.write_text(text)
    with pytest.raises(RegionMapError, match=reason) as caught:
        load_region_map(path)
    assert str(path) in str(caught.value)


def test_territories_map_counts_equal_the_located_monographs(client, app, rmap):
    from registry.services import catalog

    geography = load_geography(GEOGRAPHY)
    with app.app_context():
        monographs = catalog.of_type("monographie")
        expected = {}
        for entry in monographs:
            code = geography.locate(entry.meta.get("place")).region_code
            if code:
                name = rmap.regions[code].name
                expected[name] = expected.get(name, 0) + 1
    text = client.get("/territoires").text
    svg = ET.fromstring(re.search(r'<svg [^>]*class="region-map".*?</svg>', text, re.S).group())
    assert svg.get("role") == "group" and svg.find(f"{NS}title").text and svg.find(f"{NS}desc").text
    paths = list(svg.iter(f"{NS}path"))
    assert len(paths) == 18
    # Each region with practices is a link to them; the others are not.
    links = {a.get("href") for a in svg.iter(f"{NS}a")}
    assert len(links) == len(expected) and all(h.startswith("#region-") for h in links)
    shown = {}
    for path in paths:  # each region's own title says its count
        name, count = re.match(r"(.+?)\u00a0: (\d+|aucune)", path.find(f"{NS}title").text).groups()
        shown[name] = 0 if count == "aucune" else int(count)
    assert {k: v for k, v in shown.items() if v} == expected
    assert sorted(int(t.text) for t in svg.iter(f"{NS}text")) == sorted(expected.values())
    table = text[text.index('<table class="map-table">'):]
    table = table[:table.index("</table>")]
    rows = dict(re.findall(r'<th scope="row">(?:<a href="#region-\d+">)?([^<]+)(?:</a>)?</th>'
                           r'<td>(\d+)</td>', table))
    assert len(rows) == 18 and {k: int(v) for k, v in rows.items() if v != "0"} == expected
    assert "Natural Earth" in text and "maps/LICENCE.md" in text
    assert "région d’après la géographie officielle" in text
    # Each region with practices links to their list, which the page holds.
    links = svg.findall(f"{NS}a")
    assert len(links) == len(expected)
    for link in links:
        assert f'id="{link.get("href")[1:]}"' in text


def test_territories_without_a_readable_map_still_list_everything(make_app, tmp_path):
    app = make_app(REGISTRY_REGION_MAP=str(tmp_path / "absent.json"))
    from registry.services import catalog

    response = app.test_client().get("/territoires")
    assert response.status_code == 200
    assert "La carte des régions n’a pas pu être chargée" in response.text
    with app.app_context():
        assert all(e.url in response.text for e in catalog.of_type("monographie"))
    assert app.test_client().get("/missions/matrice").status_code == 200


def test_matrix_region_chart_uses_the_regions_of_departments(client):
    text = client.get("/missions/matrice").text
    chart = re.search(r'<svg [^>]*aria-labelledby="par-region-title.*?</svg>', text, re.S).group()
    assert "Auvergne-Rhône-Alpes" in chart  # only departments (Rhône) name it in the sources
    assert json.loads(GEOGRAPHY.read_text(encoding="utf-8"))["departments"]["69"]["region"] == "84"
