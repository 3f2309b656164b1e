"""Rate limits (per client address) and the cap on revisions: what someone over a limit
sees, and that nothing typed is lost."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from registry.extensions import db
from registry.models import EvaluationRevision
from tests.support import FIXTURE_CONTENT


def from_address(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


@pytest.fixture
def limited(make_app):
    return make_app(FIXTURE_CONTENT, RATELIMIT_ENABLED=True,
                    REGISTRY_LIMIT_NEW_EVALUATIONS="3 per minute",
                    REGISTRY_LIMIT_POSTS="8 per minute")


def test_new_evaluations_are_limited_per_address_form_and_api_together(limited):
    client = limited.test_client()
    for i in range(2):
        created = client.post("/numerique/evaluer", data={"tool_name": f"Outil {i}",
                                                           "category": "information"})
        assert created.status_code == 302
    assert client.post("/api/v1/evaluations", json={"tool_name": "API",
                                                    "category": "information"}).status_code == 201
    page = client.post("/numerique/evaluer", data={"tool_name": "Mon quatrième outil",
                                                   "category": "formation", "role": "cadre"})
    assert page.status_code == 429 and int(page.headers["Retry-After"]) > 0
    assert "Trop de demandes envoyées depuis votre adresse" in page.text
    assert 'value="Mon quatrième outil"' in page.text and "cadre" in page.text  # kept
    api = limited.test_client().post("/api/v1/evaluations", json={"tool_name": "B",
                                                                  "category": "information"})
    assert api.status_code == 429 and api.get_json()["error"]
    other = from_address(limited, "10.0.0.9")
    assert other.post("/numerique/evaluer", data={"tool_name": "Ailleurs",
                                                  "category": "information"}).status_code == 302


def test_every_post_shares_one_limit_and_reading_is_never_limited(limited):
    client = from_address(limited, "10.0.0.7")
    created = client.post("/numerique/evaluer", data={"tool_name": "A",
                                                      "category": "information"})
    token = re.search(r"/numerique/modifier/([\w-]+)", created.location).group(1)
    statuses = [client.post(f"/numerique/modifier/{token}/etape/projet", data={
        "version": str(v), "move": "rester", "value-preuves": "oui" if v % 2 else "non"}
    ).status_code for v in range(1, 9)]
    assert statuses[:7] == [302] * 7 and statuses[7] == 429
    assert all(client.get("/").status_code == 200 for _ in range(20))


def test_the_english_interface_says_it_in_english(limited):
    client = limited.test_client()
    for _ in range(3):
        client.post("/numerique/evaluer?lang=en", data={"tool_name": "x",
                                                        "category": "information"})
    page = client.post("/numerique/evaluer?lang=en", data={"tool_name": "x",
                                                           "category": "information"})
    assert page.status_code == 429 and "Too many requests" in page.text


def test_only_the_newest_revisions_are_kept(make_app, content_copy):
    scale = content_copy / "checklist" / "scale.yaml"
    scale.write_text(scale.read_text(encoding="utf-8").replace("revisions: 200", "revisions: 3"),
                     encoding="utf-8")
    app = make_app(content_copy)
    client = app.test_client()
    created = client.post("/numerique/evaluer", data={"tool_name": "A",
                                                      "category": "information"})
    token = re.search(r"/numerique/modifier/([\w-]+)", created.location).group(1)
    for version in range(1, 6):
        client.post(f"/numerique/modifier/{token}/etape/projet", data={
            "version": str(version), "move": "rester",
            "value-preuves": "oui" if version % 2 else "non"})
    with app.app_context():
        numbers = db.session.scalars(select(EvaluationRevision.number)
                                     .order_by(EvaluationRevision.number)).all()
        share = db.session.scalar(select(EvaluationRevision.evaluation.property.mapper.class_
                                         .share_token))
    assert numbers == [4, 5, 6]
    history = client.get(f"/numerique/evaluations/{share}/historique?de=1&a=6")
    assert history.status_code == 400 and "(de 4 à 6)" in history.text.replace("\u00a0", " ")
    assert client.get(f"/numerique/evaluations/{share}/historique?de=4&a=6").status_code == 200


def test_the_revision_cap_is_checked_in_the_scale(make_app, content_copy):
    scale = content_copy / "checklist" / "scale.yaml"
    scale.write_text(scale.read_text(encoding="utf-8").replace("revisions: 200", "revisions: 1"),
                     encoding="utf-8")
    result = make_app(content_copy).test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 1
    assert "content/checklist/scale.yaml:limits.revisions: must be a number from 2" in result.output
