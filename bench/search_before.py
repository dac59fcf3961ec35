"""PostgreSQL search against its rate before the search documents: `python -m bench.search_before
--var-dir var/bench/n1000-postgres` (with BENCH_DATABASE_URL set, as for `make bench`).

Before the search documents (pages.postgres_search), the API searched Wagtail's own index on
PostgreSQL, which joined every page of the three types to its index entry. That search is still
what Wagtail's backend does, so it can be measured beside today's on the same data, in one
process, alternating, which a busy machine's drift cannot tilt: the same uncached searches in
every locale, answered once each way per round. Prints the time per search both ways and their
ratio (the issue asked for at least three times the rate).
"""

import argparse
import contextlib
import statistics
import time
from pathlib import Path
from unittest import mock

from .run import LOCALES, setup_django
from .server import bench_database_url

QUERY = "workshop victims"  # the benchmark's search scenario


def wagtail_index_search():
    """`(matching_ids, ranked_page)` as the API had them before the search documents: Wagtail's
    backend matches and ranks, then the visible hits are kept in its order."""
    from wagtail.models import Page

    from api.filters import shown_languages
    from api.search import MAX_SEARCH_HITS, _first_hits

    def matching_ids(models, q, language_code, fallback=False):
        codes = shown_languages(language_code, fallback)
        return _first_hits(models, q, codes, order_by_relevance=False).values("pk")

    def ranked_page(models, q, language_code, visibility, start, size):
        ranked = list(_first_hits(models, q, [language_code]).values_list("pk", flat=True))
        shown = dict(
            visibility.filter(Page.objects.filter(pk__in=ranked)).values_list("pk", "content_type_id")
        )
        hits = [(pk, shown[pk]) for pk in ranked if pk in shown]
        return hits[start : start + size], min(len(hits), MAX_SEARCH_HITS)

    return matching_ids, ranked_page


def milliseconds_per_search(client, paths):
    started = time.perf_counter()
    for path in paths:
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"GET {path} answered {response.status_code}")
    return (time.perf_counter() - started) * 1000 / len(paths)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--var-dir", required=True, help="the seeded benchmark data (VAR_DIR)")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    if not bench_database_url():
        raise SystemExit(
            "Set BENCH_DATABASE_URL to the PostgreSQL benchmark database: SQLite never had search documents."
        )
    setup_django(Path(args.var_dir).resolve())
    from django.test import Client

    from api import views
    from pages.models import EventPage

    events = EventPage.objects.filter(locale__language_code="en", slug__startswith="bench-").count()
    # the benchmark settings let `no-cache` skip the response cache, as the benchmark's uncached searches do
    client = Client(HTTP_HOST="127.0.0.1", HTTP_CACHE_CONTROL="no-cache")
    paths = [f"/api/v1/{code}/search/?q={QUERY.replace(' ', '+')}" for code in LOCALES]
    before_ids = wagtail_index_search()
    ways = {
        "Wagtail's index (before)": mock.patch.multiple(
            views, matching_ids=before_ids[0], ranked_page=before_ids[1]
        ),
        "search documents (now)": contextlib.nullcontext(),
    }
    times: dict[str, list[float]] = {name: [] for name in ways}
    for number in range(args.rounds + 1):
        for name, patch in ways.items():
            with patch:
                spent = milliseconds_per_search(client, paths)
            if number:  # the first round warms both ways up
                times[name].append(spent)
    print(
        f"{events:,} events, {len(paths)} locales, q={QUERY!r}, {args.rounds} rounds, uncached, one process"
    )
    print("| search | best ms | median ms |\n|---|---:|---:|")
    for name, spent in times.items():
        print(f"| {name} | {min(spent):.1f} | {statistics.median(spent):.1f} |")
    before, now = times.values()
    best, median = min(before) / min(now), statistics.median(before) / statistics.median(now)
    print(f"rate against before: {best:.2f}× (best), {median:.2f}× (median)")


if __name__ == "__main__":
    main()
