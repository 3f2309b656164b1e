"""The map of regions: a public-domain outline shipped with its licence, places resolved
from front matter without guessing, and a territorial view drawn from it."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from registry.config import PROJECT_ROOT
from registry.insights.regions import RegionMapError, check_places, load_region_map

MAP = PROJECT_ROOT / "static" / "maps" / "france-regions.json"
NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def rmap():
    return load_region_map(MAP)


class Fake:
    def __init__(self, path, place):
        self.path, self.meta = path, {"place": place}


def test_shipped_map_is_complete_and_its_licence_stated(rmap):
    assert len(rmap.regions) == 18
    assert sum(r.box is None for r in rmap.regions.values()) == 13  # metropolitan
    assert len(rmap.departments) >= 96
    assert set(rmap.departments.values()) == set(rmap.regions)  # every region has some
    assert "public domain" in rmap.licence.lower() and "Natural Earth" in rmap.source
    licence = (MAP.parent / "LICENCE.md").read_text(encoding="utf-8")
    assert "public domain" in licence and "tools/make_region_map.py" in licence
    assert (PROJECT_ROOT / "tools" / "make_region_map.py").exists()


@pytest.mark.parametrize("place, how, region", [
    ({"region": "Île-de-France"}, "region", "Île-de-France"),
    ({"region": "ile-de-france"}, "region", "Île-de-France"),  # case and accents folded
    ({"region": "PACA"}, "region", "Provence-Alpes-Côte d’Azur"),  # an alias of the data
    ({"department": "Rhône"}, "department", "Auvergne-Rhône-Alpes"),
    ({"department": "Val-de-Marne", "region": None}, "department", "Île-de-France"),
    ({"town": "Rennes"}, "none", None),  # a town alone places nothing
    ({"region": "Atlantide"}, "unknown", None),
    (None, "none", None),
])
def test_places_are_resolved_without_guessing(rmap, place, how, region):
    placed = rmap.place(place)
    assert placed.how == how
    assert (placed.region.name if placed.region else None) == region


def test_place_problems_name_the_file_field_and_reason(rmap):
    problems = check_places([
        Fake("content/a.md", {"region": "Atlantide"}),
        Fake("content/b.md", {"department": "Nulle-Part"}),
        Fake("content/c.md", {"region": "Normandie", "department": "Rhône"}),
        Fake("content/d.md", {"region": "PACA", "department": None, "town": "Nice"}),
    ], rmap)
    assert [(p.path, p.field) for p in problems] == [
        ("content/a.md", "place.region"), ("content/b.md", "place.department"),
        ("content/c.md", "place")]
    assert "'Atlantide' is not a region of the map" in problems[0].reason
    assert "Rhône is in Auvergne-Rhône-Alpes, not in Normandie" in problems[2].reason


def test_the_shipped_content_is_placed_without_problems(app, rmap):
    from registry.services import catalog

    with app.app_context():
        assert check_places(catalog.entries.values(), rmap) == []


@pytest.mark.parametrize("text, reason", [
    (None, "cannot be read"), ("{", "not valid JSON"), ('{"regions": []}', "missing field"),
    ('{"viewBox": "0 0 1 1", "source": "s", "licence": "l", "regions": [], '
     '"departments": {"Ain": "84"}}', "codes 84 name no region"),
])
def test_a_broken_map_file_is_reported(tmp_path, text, reason):
    path = tmp_path / "map.json"
    if text is not None:
        path.write_text(text)
    with pytest.raises(RegionMapError, match=reason) as caught:
        load_region_map(path)
    assert str(path) in str(caught.value)


def test_content_check_reports_an_unknown_region(make_app, content_copy):
    mono = content_copy / "monographies" / "dispositif-essai.md"
    mono.write_text(mono.read_text(encoding="utf-8").replace("region: null", "region: Atlantide"))
    result = make_app(content_copy).test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 1
    assert re.search(r"dispositif-essai\.md:place\.region: 'Atlantide' is not a region",
                     result.output)


def test_territories_map_counts_equal_the_placed_monographs(client, app, rmap):
    from registry.services import catalog

    with app.app_context():
        monographs = catalog.of_type("monographie")
        expected = {}
        for entry in monographs:
            placed = rmap.place(entry.meta.get("place"))
            if placed.region:
                expected[placed.region.name] = expected.get(placed.region.name, 0) + 1
    text = client.get("/territoires").text
    svg = ET.fromstring(re.search(r'<svg [^>]*class="region-map".*?</svg>', text, re.S).group())
    assert svg.get("role") == "img" and svg.find(f"{NS}title").text and svg.find(f"{NS}desc").text
    paths = svg.findall(f"{NS}path")
    assert len(paths) == 18
    shown = {}
    for path in paths:  # each region's own title says its count
        name, count = re.match(r"(.+?)\u00a0: (\d+|aucune)", path.find(f"{NS}title").text).groups()
        shown[name] = 0 if count == "aucune" else int(count)
    assert {k: v for k, v in shown.items() if v} == expected
    assert sorted(int(t.text) for t in svg.findall(f"{NS}text")) == sorted(expected.values())
    table = text[text.index('<table class="map-table">'):]
    table = table[:table.index("</table>")]
    rows = dict(re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', table))
    assert len(rows) == 18 and {k: int(v) for k, v in rows.items() if v != "0"} == expected
    assert "Natural Earth" in text and "maps/LICENCE.md" in text
    assert "région déduite du département" in text


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
    assert json.loads(MAP.read_text(encoding="utf-8"))["departments"]["Rhône"] == "84"
