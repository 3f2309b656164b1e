"""The official geography (INSEE's Code officiel géographique through
@etalab/decoupage-administratif): practices located from the place their sources name,
homonyms said, names checked, a broken file reported and survived."""
from __future__ import annotations

import re

import pytest

from registry.config import PROJECT_ROOT
from registry.insights.geography import GeographyError, check_places, load_geography

GEOGRAPHY = PROJECT_ROOT / "static" / "maps" / "geography.json"


@pytest.fixture(scope="module")
def geo():
    return load_geography(GEOGRAPHY)


class Fake:
    def __init__(self, path, place):
        self.path, self.meta = path, {"place": place}


def test_shipped_geography_is_the_official_one_with_its_licence(geo):
    assert "@etalab/decoupage-administratif" in geo.source and "INSEE" in geo.source
    assert "Licence Ouverte" in geo.licence
    assert len([c for c in geo.regions if len(c) == 2]) >= 18  # 13 + 5 overseas
    assert geo.departments["44"] == ("Loire-Atlantique", "52")
    assert sum(len(found) for found in geo.communes.values()) > 34_000
    assert (PROJECT_ROOT / "tools" / "make_geography.py").exists()


@pytest.mark.parametrize("place, how, department, region, homonyms", [
    ({"region": "Île-de-France"}, "region", None, "Île-de-France", 0),
    ({"region": "ile-de-france"}, "region", None, "Île-de-France", 0),  # case, accents folded
    ({"region": "PACA"}, "region", None, "Provence-Alpes-Côte d’Azur", 0),  # the sources' name
    ({"department": "Rhône", "town": "Bron"}, "department", "Rhône", "Auvergne-Rhône-Alpes", 0),
    ({"department": "Essonne"}, "department", "Essonne", "Île-de-France", 0),
    ({"town": "Rennes"}, "town", "Ille-et-Vilaine", "Bretagne", 0),
    ({"town": "Tours"}, "town", "Indre-et-Loire", "Centre-Val de Loire", 0),
    # Three communes are called Saint-Nazaire: the most populous is taken, and said.
    ({"town": "Saint-Nazaire"}, "town", "Loire-Atlantique", "Pays de la Loire", 3),
    ({"town": "Saint-Maurice", "department": "Val-de-Marne"}, "department", "Val-de-Marne",
     "Île-de-France", 0),
    ({"region": "Atlantide"}, "unknown", None, None, 0),
    ({"town": "Nulle-Part-sur-Mer"}, "unknown", None, None, 0),
    (None, "none", None, None, 0),
])
def test_places_are_located_from_what_the_sources_name(geo, place, how, department, region,
                                                        homonyms):
    loc = geo.locate(place)
    assert (loc.how, loc.department, loc.region, loc.homonyms) == (how, department, region,
                                                                   homonyms)


def test_place_problems_name_the_file_field_and_reason(geo):
    problems = check_places([
        Fake("content/a.md", {"region": "Atlantide"}),
        Fake("content/b.md", {"department": "Nulle-Part"}),
        Fake("content/c.md", {"region": "Normandie", "department": "Rhône"}),
        Fake("content/d.md", {"region": "PACA", "department": None, "town": "Nice"}),
        Fake("content/e.md", {"town": "Bron", "department": "Gironde"}),
        Fake("content/f.md", {"town": "Atlantis"}),
    ], geo)
    assert [(p.path, p.field) for p in problems] == [
        ("content/a.md", "place.region"), ("content/b.md", "place.department"),
        ("content/c.md", "place"), ("content/e.md", "place.town"),
        ("content/f.md", "place.town")]
    assert "'Atlantide' is not a region of the official geography" in problems[0].reason
    assert "Rhône is in Auvergne-Rhône-Alpes, not in Normandie" in problems[2].reason
    assert "no commune 'Bron' in Gironde (communes of that name: Rhône)" in problems[3].reason


def test_the_shipped_content_is_located_without_problems(app, geo):
    from registry.services import catalog

    with app.app_context():
        assert check_places(catalog.entries.values(), geo) == []
        monographs = catalog.of_type("monographie")
        located = [e for e in monographs if geo.locate(e.meta.get("place")).region_code]
    # Every monograph whose sources name a town, a department or a region is located.
    named = [e for e in monographs if any((e.meta.get("place") or {}).values())]
    assert located == named


def test_practices_of_one_hospital_group_are_located_alike(app, geo):
    from registry.services import catalog

    with app.app_context():
        by_porteur: dict[str, set] = {}
        for entry in catalog.of_type("monographie"):
            porteur = (entry.meta.get("porteur") or "").split(",")[0].split(" (")[0]
            for group in ("GHU Sainte-Anne", "Centre hospitalier Le Vinatier"):
                if porteur.startswith(group):
                    loc = geo.locate(entry.meta.get("place"))
                    by_porteur.setdefault(group, set()).add((loc.department, loc.region))
    assert by_porteur and all(len(places) == 1 for places in by_porteur.values()), by_porteur


def test_a_practice_page_says_where_its_department_and_region_come_from(client):
    page = client.get("/monographies/silapsy-saint-nazaire").text
    assert "Saint-Nazaire, Loire-Atlantique, Pays de la Loire" in page
    assert "département et région d’après la géographie officielle" in page
    assert "3\u00a0communes portent ce nom" in page or "3 communes portent ce nom" in page


@pytest.mark.parametrize("text, reason", [
    (None, "cannot be read"), ("[", "not valid JSON"), ('{"regions": {}}', "missing field"),
    ('{"source": "s", "licence": "l", "regions": {"84": "A"}, "departments": '
     '{"01": {"name": "Ain", "region": "99"}}, "communes": {}}', "codes 99 name no"),
])
def test_a_broken_geography_file_is_reported(tmp_path, text, reason):
    path = tmp_path / "geo.json"
    if text is not None:
        path.write_text(text)
    with pytest.raises(GeographyError, match=reason) as caught:
        load_geography(path)
    assert str(path) in str(caught.value)


def test_content_check_reports_an_unknown_town(make_app, content_copy):
    mono = content_copy / "monographies" / "dispositif-essai.md"
    mono.write_text(mono.read_text(encoding="utf-8").replace("town: Rennes",
                                                             "town: Atlantis"))
    result = make_app(content_copy).test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 1
    assert re.search(r"dispositif-essai\.md:place\.town: 'Atlantis' is not a commune",
                     result.output)


def test_a_broken_geography_leaves_every_page_up_and_heals(make_app, tmp_path):
    """An operator truncates the geography file: the territories page lists the
    monographs unsorted and says why, practice pages keep serving; a good file is read
    again by itself."""
    broken = tmp_path / "geography.json"
    broken.write_text(GEOGRAPHY.read_text(encoding="utf-8")[:1000])
    app = make_app(REGISTRY_GEOGRAPHY=str(broken))
    client = app.test_client()
    page = client.get("/territoires")
    assert page.status_code == 200
    assert "La géographie officielle n’a pas pu être chargée" in page.text
    assert client.get("/monographies/silapsy-saint-nazaire").status_code == 200
    assert client.get("/missions/matrice").status_code == 200
    broken.write_text(GEOGRAPHY.read_text(encoding="utf-8"))
    app.extensions["geography"]._failed_at -= 3600  # the retry delay has passed
    assert 'id="region-52"' in client.get("/territoires").text
