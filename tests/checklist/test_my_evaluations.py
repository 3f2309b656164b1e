"""« Mes évaluations »: the evaluations opened in this browser, kept in its cookie only."""
from __future__ import annotations

import re

import pytest

from registry.web.my_evaluations import COOKIE, KEPT
from tests.checklist.test_evaluations import share_token_of, start


@pytest.fixture
def client(fixture_app):
    return fixture_app.test_client()


def listed(client) -> str:
    page = client.get("/numerique/mes-evaluations")
    assert page.status_code == 200
    return page.text


def names(page: str) -> list[str]:
    return re.findall(r'<p class="kept-name"><a href="[^"]+">([^<]+)</a>', page)


def test_an_opened_edit_page_is_listed_with_its_edit_link(client):
    assert "Aucune évaluation n’a encore été ouverte" in listed(client)
    token = start(client, name="Agenda partagé")
    opened = client.get(f"/numerique/modifier/{token}")
    cookie = opened.headers["Set-Cookie"]
    assert cookie.startswith(f"{COOKIE}=e:{token}") and "HttpOnly" in cookie
    assert "Path=/numerique" in cookie and "SameSite=Lax" in cookie
    page = listed(client)
    assert names(page) == ["Agenda partagé"]
    assert f'href="/numerique/modifier/{token}"' in page


def test_read_links_are_listed_and_an_edit_link_wins_for_the_same_evaluation(fixture_app,
                                                                            client):
    mine = start(client, name="Mon outil")
    client.get(f"/numerique/modifier/{mine}")
    other = start(client, name="Outil d’un collègue")
    shared = share_token_of(fixture_app, other)
    client.get(f"/numerique/evaluations/{shared}")
    client.get(f"/numerique/evaluations/{share_token_of(fixture_app, mine)}")
    page = listed(client)
    assert names(page) == ["Mon outil", "Outil d’un collègue"]  # newest first, one line each
    assert f'href="/numerique/modifier/{mine}"' in page
    assert f'href="/numerique/evaluations/{shared}"' in page and "Lien de lecture." in page


def test_links_are_forgotten_one_by_one_or_all_and_deleted_ones_vanish(client):
    tokens = [start(client, name=f"Outil {n}") for n in range(3)]
    for token in tokens:
        client.get(f"/numerique/modifier/{token}")
    client.post("/numerique/mes-evaluations", data={"forget": tokens[0]})
    assert names(listed(client)) == ["Outil 2", "Outil 1"]
    client.post(f"/numerique/modifier/{tokens[1]}/supprimer", data={"confirm": "oui"})
    assert names(listed(client)) == ["Outil 2"]
    forgot = client.post("/numerique/mes-evaluations", data={"forget": "all"},
                         follow_redirects=True)
    assert "La liste a été vidée" in forgot.text and names(forgot.text) == []
    assert client.get(f"/numerique/modifier/{tokens[2]}").status_code == 200  # still there


def test_the_list_is_bounded_and_a_garbled_cookie_is_ignored(client):
    client.set_cookie(COOKIE, "x:<script>.e:" + "A" * 3000 + ".s:\u202e", path="/numerique")
    assert names(listed(client)) == []
    token = start(client)
    padding = ".".join(f"s:{n:043d}" for n in range(KEPT + 5))
    client.set_cookie(COOKIE, padding, path="/numerique")
    response = client.get(f"/numerique/modifier/{token}")
    kept = response.headers["Set-Cookie"].split(";")[0].split("=", 1)[1]
    assert kept.count(".") == KEPT - 1 and kept.startswith(f"e:{token}")
