"""Issue 16 item 8: the OpenAPI document is true. Schemathesis generates requests from it for
every operation, in-process (ASGI, nothing leaves the test), against a demo store written
here: values the document admits must be answered (2xx, or 404 for an unknown article),
values it excludes must be refused with a 4xx, no request may fail with a 5xx, and every
response must match its declared schema, status code and content type. An actor nobody knows
is a 404 (E701), as an unknown article is; the one schema-valid request answered 400 is an
inverted date range (since after until).

The number of cases is bounded (`EXAMPLES` per operation and mode, no example database), so
the test takes about 20 s; a deeper run: EVENTLENS_SCHEMATHESIS_EXAMPLES=300."""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.specs.openapi.checks import positive_data_acceptance

from eventlens.api.demo import build_demo_store

EXAMPLES = int(os.environ.get("EVENTLENS_SCHEMATHESIS_EXAMPLES", "40"))


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    from eventlens.api import create_app

    db = build_demo_store(tmp_path_factory.mktemp("openapi") / "demo.duckdb")
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(db))


def test_every_operation_keeps_to_the_document(api_schema):
    failures, checked = [], []
    for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):
        for result in api_schema.get_all_operations():
            operation = result.ok()

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                      suppress_health_check=list(HealthCheck))
            def conforms(case) -> None:
                response = case.call()
                # The one schema-valid request refused: since after until (issue 17 item 5),
                # a relation between two parameters that JSON Schema cannot state.
                inverted = response.status_code == 400 and "inverted" in response.text
                case.validate_response(
                    response, excluded_checks=[positive_data_acceptance] if inverted else None)

            try:
                conforms()
            except Unsatisfiable:  # nothing to send that breaks the document (no parameters)
                continue
            except Exception as exc:  # noqa: BLE001 - collected, every operation is reported
                failures.append(f"{operation.label} ({mode.value}): {exc}")
            checked.append(operation.label)
    assert not failures, "\n\n".join(failures)
    assert {"GET /api/events", "GET /api/dyad", "GET /api/events.{fmt}",
            "GET /api/articles/{article_id}"} <= set(checked)
