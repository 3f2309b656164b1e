"""Pages, JSON API, languages, errors and security headers."""
from __future__ import annotations

import re

import pytest


@pytest.fixture
def fclient(fixture_app):
    return fixture_app.test_client()


@pytest.mark.parametrize("url, expected", [
    ("/", "Par mission du nouvel ambulatoire"),
    ("/monographies/", "Dispositif d&#39;essai"),
    ("/fiches/", "Fiche d&#39;essai"),
    ("/monographies/dispositif-essai", "Genèse et conditions de mise en œuvre"),
    ("/fiches/fiche-essai", "Étapes"),
    ("/glossaire/", "Infirmier en pratique avancée"),
    ("/glossaire/ipa", "Infirmier dont le rôle est élargi"),
    ("/missions/", "Les 8 missions du nouvel ambulatoire"),
    ("/missions/1", "Page de test pour la mission 1."),
    ("/missions/6", "Aucune pratique du registre"),  # no page and no practice: empty state
    ("/principes/aller-vers", "Page de test pour le principe"),
    ("/themes/nouvel-ambulatoire", "/monographies/dispositif-essai"),
    ("/a-propos", "Échelle des niveaux de preuve du registre"),
    ("/recherche?q=logement", "Dispositif d&#39;essai"),
])
def test_pages_render(fclient, url, expected):
    response = fclient.get(url)
    assert response.status_code == 200, url
    assert expected in response.get_data(as_text=True)


def test_practice_page_shows_tags_evidence_and_sources(fclient):
    html = fclient.get("/monographies/dispositif-essai").get_data(as_text=True)
    assert "Expérience décrite" in html
    assert "sans aucune évaluation rapportée" in html  # the justification
    assert "<cite>Document de test</cite>" in html and "Section de test" in html
    assert 'href="/missions/3"' in html and "Prévention et intervention précoce" in html
    assert 'href="/principes/aller-vers"' in html
    assert "Porteur\u00a0:" in html and "2020" in html
    assert "Rennes, Ille-et-Vilaine, Bretagne" in html  # placed by the official geography
    assert "logements de test" in html  # key figures table
    assert '<abbr title="Infirmier en pratique avancée">IPA</abbr>' in html
    assert 'href="#genese-et-conditions-de-mise-en-uvre"' in html  # table of contents


def test_mission_page_lists_tagged_practices(fclient):
    html = fclient.get("/missions/3").get_data(as_text=True)
    assert "/monographies/dispositif-essai" in html
    assert "/fiches/fiche-essai" not in html


@pytest.mark.parametrize("url", ["/monographies/inconnu", "/fiches/dispositif-essai",
                                 "/glossaire/inconnu", "/missions/9", "/missions/0",
                                 "/principes/inconnu", "/themes/inconnu", "/accueil",
                                 "/nulle-part"])
def test_unknown_pages_are_404(fclient, url):
    response = fclient.get(url)
    assert response.status_code == 404
    assert "Page introuvable" in response.get_data(as_text=True)


def test_every_shipped_page_renders(client, app):
    from registry.services import catalog

    with app.app_context():
        urls = [e.url for e in catalog.entries.values()]
    assert len(urls) > 30
    for url in urls:
        assert client.get(url).status_code == 200, url


# --- API ---------------------------------------------------------------------------

def test_api_search_shape(fclient):
    data = fclient.get("/api/v1/search?q=logement").get_json()
    assert set(data) == {"query", "total", "page", "per_page", "results", "facets", "suggestion",
                         "corrected_from", "missing_phrase", "definition", "help"}
    assert data["query"] == "logement" and data["total"] >= 1 and data["page"] == 1
    first = data["results"][0]
    assert set(first) == {"slug", "type", "title", "url", "summary", "missions", "evidence",
                          "parcours", "theme", "highlight"}
    assert first["slug"] == "dispositif-essai" and first["missions"] == [1, 3]
    assert first["url"] == "/monographies/dispositif-essai"
    assert "<mark" in first["highlight"]
    assert set(data["facets"]) >= {"type", "mission", "evidence", "parcours", "theme"}


def test_api_filters_repeat_or_within_and_across(fclient):
    both = fclient.get("/api/v1/search?mission=3&mission=4").get_json()
    assert {r["slug"] for r in both["results"]} == {"dispositif-essai", "fiche-essai"}
    one = fclient.get("/api/v1/search?mission=3&mission=4&evidence=prometteuse").get_json()
    assert [r["slug"] for r in one["results"]] == ["fiche-essai"]


@pytest.mark.parametrize("query, param", [
    ("mission=9", "mission"), ("mission=abc", "mission"), ("page=-1", "page"),
    ("page=abc", "page"), ("per_page=10000", "per_page"), ("per_page=0", "per_page"),
    ("type=livre", "type"), ("evidence=forte", "evidence"), ("theme=x", "theme"),
    ("parcours=x", "parcours"),
])
def test_api_bad_parameters_are_400_naming_the_parameter(fclient, query, param):
    response = fclient.get(f"/api/v1/search?{query}")
    assert response.status_code == 400
    body = response.get_json()
    assert body["parameter"] == param and param in body["error"]


def test_api_documents(fclient):
    data = fclient.get("/api/v1/documents").get_json()
    assert data["total"] == 7 == len(data["results"])
    fiches = fclient.get("/api/v1/documents?type=fiche").get_json()
    assert [r["slug"] for r in fiches["results"]] == ["fiche-essai"]
    assert fclient.get("/api/v1/documents?type=x").status_code == 400


def test_api_document_full_record(fclient):
    data = fclient.get("/api/v1/documents/dispositif-essai").get_json()
    assert data["front_matter"]["porteur"] == "Centre hospitalier d'essai"
    assert data["front_matter"]["updated"] == "2026-11-23"
    assert [s["title"] for s in data["sections"]][0] == "Genèse et conditions de mise en œuvre"
    assert len(data["sections"]) == 7
    assert data["glossary"] == ["ipa", "pair-aidance"]
    assert "falc_url" in data
    missing = fclient.get("/api/v1/documents/inconnu")
    assert missing.status_code == 404 and "error" in missing.get_json()


# --- Search page ------------------------------------------------------------------

def test_search_page_filters_and_keeps_the_query(fclient):
    html = fclient.get("/recherche?q=conciliation&mission=4").get_data(as_text=True)
    assert 'value="conciliation"' in html
    assert re.search(r'name="mission" value="4"\s+checked', html)
    assert "/fiches/fiche-essai" in html


def test_search_page_escapes_the_query(fclient):
    html = fclient.get("/recherche?q=<script>alert(1)</script>").get_data(as_text=True)
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)" in html


def test_search_page_bad_filter_is_400_not_500(fclient):
    response = fclient.get("/recherche?mission=12")
    assert response.status_code == 400
    assert "Paramètre de recherche invalide" in response.get_data(as_text=True)


def test_search_page_empty_results_offer_a_way_out(fclient):
    html = fclient.get("/recherche?q=zzzzzz&mission=1").get_data(as_text=True)
    assert "Aucun document ne correspond" in html
    assert "Relancer la recherche sans les filtres" in html


# --- Languages --------------------------------------------------------------------

def test_french_by_default(fclient):
    html = fclient.get("/").get_data(as_text=True)
    assert '<html lang="fr">' in html and "Accueil" in html


def test_lang_parameter_switches_and_is_remembered(fclient):
    response = fclient.get("/?lang=en")
    html = response.get_data(as_text=True)
    assert '<html lang="en">' in html and "Home" in html
    assert "lang=en" in response.headers["Set-Cookie"]
    again = fclient.get("/glossaire/").get_data(as_text=True)
    assert '<html lang="en">' in again and "Glossary" in again


def test_accept_language_is_used_without_cookie(fclient):
    html = fclient.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en">' in html
    html = fclient.get("/", headers={"Accept-Language": "de-DE"}).get_data(as_text=True)
    assert '<html lang="fr">' in html


def test_error_pages_follow_the_language(fclient):
    response = fclient.get("/nulle-part?lang=en")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_500_page_has_no_stack_trace(fixture_app, caplog):
    fixture_app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production (not TESTING)

    @fixture_app.route("/boom")
    def boom():
        raise RuntimeError("secret detail")

    @fixture_app.route("/api/v1/boom")
    def api_boom():
        raise RuntimeError("secret detail")

    client = fixture_app.test_client()
    response = client.get("/boom")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "secret detail" not in html and "Traceback" not in html
    assert "Erreur du serveur" in html
    response = client.get("/api/v1/boom")
    assert response.status_code == 500 and response.get_json() == {"error": "internal error"}
    # The operator still gets the whole story in the log.
    assert any(r.exc_info and "secret detail" in str(r.exc_info[1]) for r in caplog.records)


# --- Security headers --------------------------------------------------------------

@pytest.mark.parametrize("url", ["/", "/api/v1/documents", "/nulle-part", "/static/css/site.css"])
def test_security_headers(fclient, url):
    headers = fclient.get(url).headers
    csp = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"]


def test_no_inline_scripts_or_styles(client, app):
    from registry.services import catalog

    with app.app_context():
        urls = ["/", "/recherche?q=logement", "/glossaire/", "/a-propos"] + \
            [e.url for e in catalog.practices()][:5]
    for url in urls:
        html = client.get(url).get_data(as_text=True)
        # Only external scripts; JSON-LD data blocks are not executed.
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)", html), url
        assert "<style" not in html and " style=" not in html, url
        assert not re.search(r"\son[a-z]+=", html), url


# --- Suggest, sort, easy-to-read search, index update ---------------------------------

def test_suggest_titles_and_glossary_terms(fclient):
    data = fclient.get("/api/v1/suggest?q=ip").get_json()
    assert data["suggestions"][0] == {"title": "IPA", "type": "glossaire", "url": "/glossaire/ipa"}
    assert fclient.get("/api/v1/suggest?q=d").get_json()["suggestions"] == []  # too short
    infirm = fclient.get("/api/v1/suggest?q=infirmi").get_json()["suggestions"]
    assert [s["url"] for s in infirm] == ["/glossaire/ipa"]  # found through its aliases


def test_sort_by_title_and_bad_sort(fclient):
    data = fclient.get("/api/v1/search?sort=title").get_json()
    titles = [r["title"] for r in data["results"]]
    from registry.content.text import fold

    assert len(titles) == 7 and titles == sorted(titles, key=fold)
    response = fclient.get("/api/v1/search?sort=popularite")
    assert response.status_code == 400 and response.get_json()["parameter"] == "sort"


def test_easy_to_read_search_shows_easy_text(fclient):
    html = fclient.get("/facile/recherche?q=logement").get_data(as_text=True)
    assert 'href="/facile/monographies/dispositif-essai"' in html
    assert "<mark" in html and "trouver un" in html  # the snippet is the easy text
    empty = fclient.get("/facile/recherche?q=zzzz").get_data(as_text=True)
    assert "Aucune page facile à lire ne parle de cela." in empty
    assert fclient.get("/facile/recherche?q=x&page=abc").status_code == 200


def test_index_update_command(make_app, content_copy):
    app = make_app(content_copy)
    runner = app.test_cli_runner()
    assert "no index yet" in runner.invoke(args=["index", "update"]).output
    runner.invoke(args=["index", "build"])
    path = content_copy / "glossaire" / "ipa.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Entrée de test", "Entrée modifiée"))
    result = runner.invoke(args=["index", "update"])
    assert result.exit_code == 0 and "1 changed, 0 removed" in result.output
    falc = content_copy / "monographies" / "dispositif-essai.falc.md"
    falc.write_text(falc.read_text(encoding="utf-8").replace("chaque semaine", "chaque jour"))
    result = runner.invoke(args=["index", "update"])
    assert "1 changed, 0 removed, 8 documents" in result.output  # the easy text alone
    (content_copy / "glossaire" / "pair-aidance.md").unlink()
    assert "0 changed, 1 removed, 7 documents" in runner.invoke(args=["index", "update"]).output
    assert "0 changed, 0 removed" in runner.invoke(args=["index", "update"]).output


def test_content_types_have_one_source(fclient):
    """The kinds table names the types of the API, its OpenAPI enums and the search filter."""
    from registry.content.kinds import KINDS

    types = [k.id for k in KINDS]
    spec = fclient.get("/api/v1/openapi.json").get_json()
    assert spec["components"]["schemas"]["Summary"]["properties"]["type"]["enum"] == types
    search_type = next(p for p in spec["paths"]["/search"]["get"]["parameters"]
                       if p["name"] == "type")
    assert search_type["schema"]["items"]["enum"] == [*types, ""]  # "": no filter
    listed = {d["type"] for d in fclient.get("/api/v1/documents").get_json()["results"]}
    assert listed <= set(types)
    assert fclient.get("/api/v1/search?type=roman").status_code == 400
    for kind in KINDS:  # every listed document lives at its kind's prefix
        docs = fclient.get(f"/api/v1/documents?type={kind.id}").get_json()["results"]
        assert all(d["url"].startswith(kind.prefix) for d in docs)
