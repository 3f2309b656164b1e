"""The API keeps its documented contract: a valid OpenAPI 3.1 document, and generated
requests to every documented endpoint never get a 500 or a body that breaks its schema."""
from __future__ import annotations

import json
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def app(make_app_module):
    return make_app_module


@pytest.fixture(scope="module")
def spec(app):
    return app.test_client().get("/api/v1/openapi.json").get_json()


def check_response(spec: dict, path: str, method: str, response) -> None:
    """The status is documented, and a JSON body matches the documented schema."""
    assert response.status_code < 500, (path, response.status_code, response.data[:300])
    documented = spec["paths"][path][method]["responses"]
    assert str(response.status_code) in documented, (path, response.status_code,
                                                     response.data[:300])
    schema = documented[str(response.status_code)]["content"]["application/json"]["schema"]
    root = {**schema, "components": spec["components"]}
    errors = [e.message for e in Draft202012Validator(root).iter_errors(response.get_json())]
    assert errors == [], (path, errors[:3])


def test_openapi_document_is_valid_and_lists_every_endpoint(spec, app):
    validate(spec)  # raises on an invalid OpenAPI 3.1 document
    assert spec["openapi"] == "3.1.0"
    documented = {f"/api/v1{p}" for p in spec["paths"]}
    routes = {rule.rule.replace("<slug>", "{slug}").replace("<token>", "{token}")
              for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1/")
              and rule.endpoint not in ("api.openapi_json", "api.docs")}
    assert routes == documented
    # Every documented GET endpoint is fuzzed below.
    assert sorted(GET_PATHS) == sorted(p for p, ops in spec["paths"].items() if "get" in ops)


def test_api_page_is_readable_html(app):
    page = app.test_client().get("/api/v1/")
    assert page.status_code == 200 and "text/html" in page.content_type
    assert "GET /api/v1/search" in page.text and "POST /api/v1/evaluations" in page.text


def test_cors_allows_reads_from_any_origin_and_nothing_else(app):
    client = app.test_client()
    read = client.get("/api/v1/documents", headers={"Origin": "https://ailleurs.example"})
    assert read.headers["Access-Control-Allow-Origin"] == "*"
    write = client.post("/api/v1/evaluations", json={}, headers={"Origin": "https://a.example"})
    assert "Access-Control-Allow-Origin" not in write.headers
    preflight = client.options("/api/v1/evaluations", headers={
        "Origin": "https://a.example", "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in preflight.headers
    assert "Access-Control-Allow-Origin" not in client.get("/").headers


def value_for(param: dict):
    """Either a valid value of the parameter's schema or arbitrary text."""
    schema = param["schema"]
    inner = schema["items"] if schema.get("type") == "array" else schema
    valid = (st.sampled_from(inner["enum"]) if "enum" in inner else
             st.integers(inner.get("minimum", -5), inner.get("maximum", 50)).map(str)
             if inner.get("type") == "integer" else st.text(max_size=30))
    one = st.one_of(valid, st.text(max_size=250), st.integers(-10**6, 10**6).map(str))
    return st.lists(one, max_size=5) if schema.get("type") == "array" else one


GET_PATHS = ["/search", "/suggest", "/documents", "/documents/{slug}", "/compare",
             "/checklist", "/evaluations/{token}"]


@pytest.mark.parametrize("path", GET_PATHS)
def test_generated_get_requests_keep_the_contract(app, spec, path):
    operation = spec["paths"][path]["get"]
    params = operation.get("parameters", [])
    client = app.test_client()
    query_params = [p for p in params if p["in"] == "query"]
    path_params = [p for p in params if p["in"] == "path"]

    @SETTINGS
    @given(query=st.fixed_dictionaries({}, optional={p["name"]: value_for(p)
                                                     for p in query_params}),
           segment=st.one_of(st.sampled_from(["mathurin", "ipa", "nulle-part"]),
                             st.text(min_size=1, max_size=80)))
    def run(query, segment):
        url = "/api/v1" + path
        for p in path_params:
            url = url.replace("{" + p["name"] + "}", quote(segment, safe=""))
        pairs = [(k, v) for k, vs in query.items() for v in (vs if isinstance(vs, list) else [vs])]
        response = client.get(url + ("?" + urlencode(pairs) if pairs else ""))
        check_response(spec, path, "get", response)

    run()


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=40),
                           lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=10), inner, max_size=4),
                           max_leaves=12)


def answer_items(criteria: list[str], values: list[str]):
    return st.fixed_dictionaries(
        {"criterion": st.one_of(st.sampled_from(criteria), st.text(max_size=20))},
        optional={"value": st.one_of(st.sampled_from(values), JSON_VALUES),
                  "comment": st.one_of(st.text(max_size=1100), JSON_VALUES),
                  "evidence_checked_on": st.one_of(st.dates().map(str), st.text(max_size=12)),
                  "evidence_status": st.one_of(st.sampled_from(["vérifié", "introuvable"]),
                                               JSON_VALUES)})


def test_generated_evaluation_bodies_keep_the_contract(app, spec):
    client = app.test_client()
    checklist = client.get("/api/v1/checklist").get_json()
    criteria = [c["id"] for c in checklist["criteria"]]
    bodies = st.one_of(
        JSON_VALUES,
        st.fixed_dictionaries({}, optional={
            "tool_name": st.one_of(st.text(max_size=130), JSON_VALUES),
            "category": st.one_of(st.sampled_from(checklist["categories"]), JSON_VALUES),
            "role": st.one_of(st.text(max_size=130), JSON_VALUES),
            "answers": st.one_of(st.lists(answer_items(criteria, checklist["answers"]),
                                          max_size=6), JSON_VALUES)}))

    @SETTINGS
    @given(body=bodies)
    def run(body):
        response = client.post("/api/v1/evaluations", data=json.dumps(body),
                                content_type="application/json")
        check_response(spec, "/evaluations", "post", response)
        if response.status_code == 201:
            token = response.get_json()["share_token"]
            read = client.get(f"/api/v1/evaluations/{token}")
            check_response(spec, "/evaluations/{token}", "get", read)

    run()
