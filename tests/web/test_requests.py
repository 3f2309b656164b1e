"""Bad input never gives a 500: oversized and chunked bodies, hostile JSON, invisible
characters, wrong methods."""
from __future__ import annotations

import io

import pytest

from tests.support import FIXTURE_CONTENT


@pytest.fixture
def client(make_app):
    return make_app(FIXTURE_CONTENT).test_client()


class CountingStream(io.RawIOBase):
    """An endless request body that counts what the server reads of it."""

    def __init__(self, chunk: bytes):
        self.chunk, self.read_bytes = chunk, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        size = min(len(buffer), len(self.chunk))
        buffer[:size] = self.chunk[:size]
        self.read_bytes += size
        if self.read_bytes > 50 * 1024 * 1024:  # the test's own bound: 50 MB
            return 0
        return size


def chunked(client, path: str, stream, content_type: str):
    """A body of unknown length (Transfer-Encoding: chunked), as gunicorn hands it over."""
    return client.post(path, content_type=content_type, headers={"Transfer-Encoding": "chunked"},
                       environ_overrides={"wsgi.input": stream, "wsgi.input_terminated": True})


def test_a_chunked_json_body_is_cut_off_at_the_limit(client):
    stream = CountingStream(b'{"tool_name": "' + b"x" * 65536)
    response = chunked(client, "/api/v1/evaluations", stream, "application/json")
    assert response.status_code == 413
    assert response.get_json() == {"error": "body larger than 262144 bytes", "field": "body"}
    assert stream.read_bytes <= 262144 + 65536  # read up to the limit, not 50 MB


def test_a_chunked_form_is_cut_off_at_the_limit(client):
    stream = CountingStream(b"tool_name=" + b"x" * 65536)
    response = chunked(client, "/numerique/evaluer", stream,
                       "application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "trop volumineux" in response.text and "xxxxxxxx" not in response.text
    assert stream.read_bytes <= 1024 * 1024 + 65536


def test_a_refused_form_does_not_echo_a_huge_field(client):
    response = client.post("/numerique/evaluer", data={"tool_name": "y" * 60000,
                                                       "category": "information"})
    assert response.status_code == 400
    assert "dépasse 120 caractères" in response.text
    echoed = response.text.split('name="tool_name"')[1].split('value="')[1].split('"')[0]
    assert 120 <= len(echoed) <= 4000  # what was typed is kept, within bounds
    assert len(response.data) < 60000


@pytest.mark.parametrize("body, reason", [
    ("[" * 100000 + "]" * 100000, "JSON"),
    ("[" * 40 + "]" * 40, "nested deeper than 32"),
    ('{"tool_name": "\\ud800", "category": "information"}', "lone surrogate"),
    ('{"tool_name": "ok", "category": "information", "answers": [{"criterion": "preuves", '
     '"value": "oui", "comment": "\\udfff"}]}', "lone surrogate"),
])
def test_hostile_json_is_a_400_with_the_error_shape(client, body, reason):
    response = client.post("/api/v1/evaluations", data=body, content_type="application/json")
    assert response.status_code == 400
    data = response.get_json()
    assert data["field"] == "body" and reason in data["error"]


@pytest.mark.parametrize("hidden", ["\u202e", "\u202a", "\u2066", "\u2069", "\u200b",
                                    "\u00ad", "\ufeff", "\x07"])
def test_invisible_and_bidi_characters_are_stripped(client, hidden):
    created = client.post("/api/v1/evaluations", json={
        "tool_name": f"Agenda{hidden} partagé", "category": "information",
        "role": f"coordi{hidden}natrice",
        "answers": [{"criterion": "preuves", "value": "oui", "comment": f"lu{hidden}e"}]})
    assert created.status_code == 201, created.get_json()
    record = client.get(created.get_json()["api_url"].replace("http://localhost", "")).get_json()
    assert record["tool_name"] == "Agenda partagé" and record["role"] == "coordinatrice"
    assert record["answers"][0]["comment"] == "lue"


def test_joiners_that_scripts_and_emoji_need_are_kept(client):
    name = "Outil \U0001F468\u200d\u2695\ufe0f"
    created = client.post("/api/v1/evaluations", json={"tool_name": name,
                                                       "category": "information"})
    record = client.get(created.get_json()["api_url"].replace("http://localhost", "")).get_json()
    assert record["tool_name"] == name


@pytest.mark.parametrize("method, path, allowed", [
    ("put", "/numerique/evaluer", {"GET", "HEAD", "OPTIONS", "POST"}),
    ("delete", "/api/v1/evaluations", {"OPTIONS", "POST"}),
    ("post", "/api/v1/documents", {"GET", "HEAD", "OPTIONS"}),
])
def test_405_says_which_methods_are_allowed(client, method, path, allowed):
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == allowed
