"""The OpenAPI 3.1 description of `/api/v1`, built from the same vocabularies as the app.

Schemas are JSON Schema 2020-12 (what OpenAPI 3.1 uses), so tests validate real
responses against them with `jsonschema`.
"""
from __future__ import annotations

from ...checklist.body_schema import body_schema
from ...content.kinds import TYPE_ORDER


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _array(items: dict) -> dict:
    return {"type": "array", "items": items}


STR, INT = {"type": "string"}, {"type": "integer"}
NUM, BOOL = {"type": "number"}, {"type": "boolean"}
NULLABLE_STR = {"type": ["string", "null"]}
NULLABLE_NUM = {"type": ["number", "null"]}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _query(name: str, description: str, schema: dict, many: bool = False) -> dict:
    param = {"name": name, "in": "query", "required": False, "description": description,
             "schema": _array(schema) if many else schema}
    if many:
        param.update({"style": "form", "explode": True})
    return param


def _compared(practices: list[str]) -> dict:
    """`d`, repeated: 2 or more distinct practice slugs (beyond 4, they are dropped)."""
    param = _query("d", "Practice slugs, 2 to 4 (more are dropped)",
                   {"type": "string", "enum": practices}, True)
    param["schema"] |= {"minItems": 2, "uniqueItems": True}
    return param | {"required": True}


def build(taxonomy, checklist, version: str, practices: list[str]) -> dict:
    """The OpenAPI document; enums come from the taxonomy, the catalogue (`practices`:
    their slugs) and the checklist data. Its limits are the ones the API applies: the
    evaluation body is `checklist.body_schema`, which the API also validates against."""
    types = list(TYPE_ORDER)

    def facet(name: str, description: str, values) -> dict:
        """A filter, repeated for OR; an empty value (as a form sends it) filters nothing."""
        schema = {"type": "string", "enum": [*map(str, values), ""]}
        return _query(name, f"{description} (repeat for OR; empty: no filter)", schema, True)

    filters = [
        facet("type", "Document type", TYPE_ORDER),
        facet("mission", "Mission number 1–8", taxonomy.missions),
        facet("evidence", "Evidence level", taxonomy.evidence),
        facet("parcours", "Parcours", taxonomy.parcours),
        facet("theme", "Theme", taxonomy.themes),
        facet("public", "Public", taxonomy.public),
    ]
    error = {"type": "object", "required": ["error"],
             "properties": {"error": STR, "parameter": STR, "field": STR,
                            "errors": _array({"type": "object", "required": ["field", "message"],
                                              "properties": {"field": STR, "message": STR}})}}
    summary = {"type": "object",
               "required": ["slug", "type", "title", "url", "summary", "missions", "evidence",
                            "parcours", "theme"],
               "properties": {"slug": STR, "type": {"type": "string", "enum": types},
                              "title": STR, "url": STR, "summary": STR, "missions": _array(INT),
                              "evidence": NULLABLE_STR, "parcours": _array(STR),
                              "theme": NULLABLE_STR, "highlight": STR}}
    scores = {"type": "object",
              "required": ["overall", "completion", "answered", "questions", "domains", "verdict",
                           "vigilance_alerts"],
              "properties": {
                  "overall": NULLABLE_NUM, "completion": NUM, "answered": INT, "questions": INT,
                  "domains": _array({"type": "object", "required": ["id", "title", "score"],
                                     "properties": {"id": STR, "title": STR,
                                                    "score": NULLABLE_NUM, "answered": INT,
                                                    "questions": INT}}),
                  "verdict": {"type": "object", "required": ["id", "label", "rule", "conditions"],
                              "properties": {"id": STR, "label": STR, "rule": STR,
                                             "conditions": _array(STR)}},
                  "vigilance_alerts": _array(STR)}}
    bad = {"400": _json(_ref("Error"), "Invalid parameter or body")}
    # A broken part says so instead of failing: no index, no database, too many requests.
    search_down = {"503": _json(_ref("Error"), "Search temporarily unavailable")}
    writes = {"413": _json(_ref("Error"), "Body too large"),
              "429": _json(_ref("Error"), "Too many requests: retry after Retry-After"),
              "503": _json(_ref("Error"), "Evaluations temporarily unavailable")}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Registre des pratiques en santé mentale — API", "version": version,
                 "description": "Read the registry's documents, search them, compare practices "
                                "and record digital-tool evaluations. GET endpoints may be "
                                "called from any origin (CORS)."},
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/search": {"get": {
                "operationId": "search", "summary": "Full-text search with facets",
                "parameters": [_query("q", "Query (cut at 200 characters)", STR),
                               *filters,
                               _query("page", "Page number", {"type": "integer", "minimum": 1,
                                                              "maximum": 10000}),
                               _query("per_page", "Results per page",
                                      {"type": "integer", "minimum": 1, "maximum": 100}),
                               _query("sort", "Order", {"type": "string",
                                                        "enum": ["relevance", "title"]}),
                               _query("exact", "1: search the words as typed, never a "
                                      "correction of them", {"type": "string",
                                                             "enum": ["0", "1"]})],
                "responses": {"200": _json(_ref("SearchResults"), "Results"), **bad,
                              **search_down}}},
            "/suggest": {"get": {
                "operationId": "suggest", "summary": "Type-ahead on titles and glossary terms",
                "parameters": [_query("q", "Beginning of a title or term", STR)],
                "responses": {"200": _json(_ref("Suggestions"), "Suggestions")}}},
            "/documents": {"get": {
                "operationId": "listDocuments", "summary": "Every document, in short form",
                "parameters": [filters[0]],
                "responses": {"200": _json({"type": "object", "required": ["total", "results"],
                                            "properties": {"total": INT,
                                                           "results": _array(_ref("Summary"))}},
                                           "Documents"), **bad}}},
            "/documents/{slug}": {"get": {
                "operationId": "getDocument", "summary": "One document in full",
                "parameters": [{"name": "slug", "in": "path", "required": True, "schema": STR}],
                "responses": {"200": _json(_ref("Document"), "The document"),
                              "404": _json(_ref("Error"), "No such document")}}},
            "/compare": {"get": {
                "operationId": "compare", "summary": "2 to 4 practices side by side",
                "parameters": [_compared(practices)],
                "responses": {"200": _json(_ref("Comparison"), "The comparison"), **bad}}},
            "/checklist": {"get": {
                "operationId": "getChecklist", "summary": "The digital-tool evaluation criteria",
                "responses": {"200": _json(_ref("Checklist"), "Criteria"),
                              "404": _json(_ref("Error"), "No checklist configured")}}},
            "/evaluations": {"post": {
                "operationId": "createEvaluation", "summary": "Record an evaluation",
                "description": "A criterion answered twice keeps its last answer.",
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": body_schema(checklist) if checklist else {"type": "object"}}}},
                "responses": {"201": _json(_ref("EvaluationCreated"), "Created"), **bad,
                              "404": _json(_ref("Error"), "No checklist configured"),
                              **writes}}},
            "/evaluations/{token}": {"get": {
                "operationId": "getEvaluation", "summary": "An evaluation by its share token",
                "parameters": [{"name": "token", "in": "path", "required": True, "schema": STR}],
                "responses": {"200": _json(_ref("Evaluation"), "The evaluation"),
                              "404": _json(_ref("Error"), "No such evaluation"),
                              "503": writes["503"]}}},
        },
        "components": {"schemas": {
            "Error": error,
            "Summary": summary,
            "SearchResults": {"type": "object",
                              "required": ["query", "total", "page", "per_page", "results",
                                           "facets", "suggestion", "corrected_from",
                                           "missing_phrase", "definition", "help"],
                              "properties": {
                                  "query": {**STR, "description": "What was searched: the "
                                            "correction, when `corrected_from` is set"},
                                  "total": INT, "page": INT, "per_page": INT,
                                  "results": _array(_ref("Summary")),
                                  "facets": {"type": "object", "additionalProperties": {
                                      "type": "object", "additionalProperties": INT}},
                                  "suggestion": NULLABLE_STR, "corrected_from": NULLABLE_STR,
                                  "missing_phrase": NULLABLE_STR,
                                  "definition": {"anyOf": [{"type": "null"}, _ref("Summary")]},
                                  "help": {"anyOf": [{"type": "null"}, _array({
                                      "type": "object",
                                      "required": ["number", "tel", "name", "text"],
                                      "properties": {"number": STR, "tel": STR, "name": STR,
                                                     "text": STR}})]}}},
            "Suggestions": {"type": "object", "required": ["query", "suggestions"],
                            "properties": {"query": STR, "suggestions": _array({
                                "type": "object", "required": ["title", "type", "url"],
                                "properties": {"title": STR, "type": STR, "url": STR}})}},
            "Document": {"allOf": [_ref("Summary"), {
                "type": "object", "required": ["front_matter", "html", "sections"],
                "properties": {"front_matter": {"type": "object"}, "html": STR,
                               "sections": _array({"type": "object"}),
                               "glossary": _array(STR), "falc_url": NULLABLE_STR}}]},
            "Comparison": {"type": "object", "required": ["fields", "practices"],
                           "properties": {
                               "fields": _array({"type": "object",
                                                 "required": ["key", "label", "differs"],
                                                 "properties": {"key": STR, "label": STR,
                                                                "differs": BOOL}}),
                               "practices": _array({"type": "object",
                                                    "required": ["slug", "title", "url"],
                                                    "additionalProperties": STR}),
                               "dropped": _array(STR)}},
            "Checklist": {"type": "object", "required": ["version", "domains", "criteria"],
                          "properties": {
                              "version": INT,
                              "domains": _array({"type": "object", "required": ["id", "title"],
                                                 "properties": {"id": STR, "title": STR}}),
                              "criteria": _array({
                                  "type": "object",
                                  "required": ["id", "domain", "question", "help", "categories",
                                               "weight", "vigilance"],
                                  "properties": {"id": STR, "domain": STR, "question": STR,
                                                 "help": STR, "categories": _array(STR),
                                                 "weight": NUM, "vigilance": BOOL}}),
                              "answers": _array(STR), "evidence_statuses": _array(STR),
                              "categories": _array(STR)}},
            "Scores": scores,
            "EvaluationCreated": {"type": "object",
                                  "required": ["share_url", "edit_url", "scores"],
                                  "properties": {"share_url": STR, "edit_url": STR,
                                                 "share_token": STR, "api_url": STR,
                                                 "criteria_version": INT,
                                                 "scores": _ref("Scores")}},
            "Evaluation": {"type": "object",
                           "required": ["tool_name", "category", "criteria_version", "answers",
                                        "scores"],
                           "properties": {"tool_name": STR, "category": STR,
                                          "role": NULLABLE_STR, "criteria_version": INT,
                                          "current_criteria_version": INT, "revision": INT,
                                          "created_at": STR, "updated_at": STR, "share_url": STR,
                                          "answers": _array({"type": "object"}),
                                          "scores": _ref("Scores")}},
        }},
    }
