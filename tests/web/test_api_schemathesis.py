"""Schemathesis over the OpenAPI document, through WSGI, with every built-in check:
generated requests the schema allows are accepted, those it forbids are refused with a
400 of the documented shape, no 500, responses match their schemas."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture(scope="module")
def api_schema(make_app_module):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", make_app_module)


@schema.parametrize()
@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api(case):
    case.call_and_validate()
