"""Property-based tests of the API against its own OpenAPI schema (schemathesis).

Every operation of /api/v1/schema/ gets generated requests, valid and invalid, under all of
schemathesis's checks: no answer may be a server error, each status, header and body must be one
the schema documents, a request the schema calls valid must be accepted and an invalid one refused.
The suite runs a small, reproducible number of examples per operation; `make fuzz` runs many more
with fresh random data (FUZZ_EXAMPLES sets how many).
"""

import json
import os

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import RequestFactory
from django.urls import resolve
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from demo import content as demo

FUZZ_EXAMPLES = os.environ.get("FUZZ_EXAMPLES")
EXAMPLES = int(FUZZ_EXAMPLES or 20)
SCHEMA_URL = "/api/v1/schema/?format=json"


def served_schema():
    """The document /api/v1/schema/ serves, rendered by its own view.

    The schema is needed when the tests are collected, before there is a test database, so the view
    is called without the middleware (the API cache reads the database); the first test below checks
    that the server answers with the same document.
    """
    request = RequestFactory().get(SCHEMA_URL)
    response = resolve(request.path).func(request)
    response.render()
    return json.loads(response.content)


schema = schemathesis.openapi.from_dict(served_schema())
schema.app = get_wsgi_application()
# Random slugs almost never name an item: half the time, take one of the demo content's.
DEMO_SLUGS = sorted({*(event["slug"] for event in demo.EVENTS), *(a["slug"] for a in demo.ASSESSMENTS)})
DEMO_SLUGS.append(demo.GALLERY["slug"])


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    if not path_parameters or "slug" not in path_parameters:
        return st.just(path_parameters)
    return st.one_of(
        st.just(path_parameters),
        st.sampled_from(DEMO_SLUGS).map(lambda slug: {**path_parameters, "slug": slug}),
    )


@pytest.fixture
def in_process_app(db, settings):
    """Requests go to the WSGI application in this process, inside the test's transaction.

    Like Django's test client, the handler must then not close the database connection at the
    end of each request.
    """
    settings.API_RATE_LIMIT_PER_MINUTE = 0  # thousands of requests from one client are the point here
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


def test_the_fuzzed_schema_is_the_served_one(client, db):
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200
    assert json.loads(response.content) == schema.raw_schema


@pytest.mark.slow
@pytest.mark.usefixtures("in_process_app")
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=not FUZZ_EXAMPLES,  # the suite is reproducible; make fuzz explores
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_keeps_its_contract(case):
    # schemathesis asks for gzip as browsers do, but reads the WSGI body as it comes: the contract
    # is checked on the JSON itself (compression is tested in test_http.py)
    case.call_and_validate(headers={"Accept-Encoding": "identity"})
