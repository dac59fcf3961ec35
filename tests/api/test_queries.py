"""The number of queries does not grow with the page size or the amount of related content."""

import pytest

from .conftest import in_locale

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["en", "tr", "ur"])
@pytest.mark.parametrize("collection", ["events", "assessments", "galleries"])
def test_lists_stay_within_twelve_queries(client, django_assert_max_num_queries, code, collection):
    for page_size in (1, 100):
        with django_assert_max_num_queries(12):
            response = client.get(f"/api/v1/{code}/{collection}/?page_size={page_size}&fallback=source")
        assert response.status_code == 200


def test_details_stay_within_twenty_queries(
    client, django_assert_max_num_queries, adana, bosnia_assessment, gallery
):
    for page, collection in ((adana, "events"), (bosnia_assessment, "assessments"), (gallery, "galleries")):
        for code in ("en", "bs"):
            with django_assert_max_num_queries(20):
                response = client.get(f"/api/v1/{code}/{collection}/{in_locale(page, code).slug}/")
            assert response.status_code == 200


def test_a_cached_response_costs_one_query(client, django_assert_num_queries):
    client.get("/api/v1/tr/events/")
    with django_assert_num_queries(1):  # the content version
        assert client.get("/api/v1/tr/events/").status_code == 200
