"""The load benchmark: `make bench` (or `python -m bench.run --var-dir var/bench/n1000`).

Serves the benchmark dataset with gunicorn (cms.settings.bench: the production settings, two
workers) and drives it with wrk for a fixed set of scenarios, each in every locale. Two references
are measured in the same run, on the same data and server: Wagtail's API v2 for the same list and
detail, and the serving ceiling (the same response body as bytes already in memory).

Writes var/bench/<name>.json and .png, prints the table, and writes it with the command, machine,
date and dataset that produced it to docs/performance-results.md.
"""

import argparse
import json
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .report import ROUND_SCENARIOS, chart, machine, results_page, summarise, table
from .server import ROOT, BenchError, Server, bench_database_url, fetch, fetch_json, lua_table, wrk

# each replaced by the next run on its database; docs/performance.md links both
RESULTS_PAGES = {
    "SQLite": ROOT / "docs" / "performance-results.md",
    "PostgreSQL": ROOT / "docs" / "performance-results-postgres.md",
}
LOCALES = ["en", "sq", "az", "bs", "ro", "ur", "tr"]  # narrowed by --locales
ALL_LOCALES = len(LOCALES)
NO_CACHE = {"Cache-Control": "no-cache"}
PROBED = 5  # requests of each scenario whose queries and size the tables show

LUA = r"""
local requests = {REQUESTS}
local counter = 0
request = function()
  counter = counter + 1
  local item = requests[(counter % #requests) + 1]
  return wrk.format("GET", item[1], item[2])
end
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %d %d %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), errors, summary.bytes))
end
"""


@dataclass
class Result:
    scenario: str
    description: str
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int
    requests: int
    queries_per_request: float | None
    response_bytes: int | None


@dataclass
class Scenario:
    name: str
    description: str
    requests: list  # [(path, headers)]


def narrow_locales(text: str) -> None:
    """`--locales en,tr`: request only these locales, for data seeded with seed_bench --locales."""
    chosen = [code.strip() for code in text.split(",") if code.strip()]
    unknown = sorted(set(chosen) - set(LOCALES))
    if unknown or not chosen:
        raise SystemExit(f"--locales: choose from {', '.join(LOCALES)} (not {', '.join(unknown)}).")
    LOCALES[:] = [code for code in LOCALES if code in chosen]


def build_scenarios(base):
    """Paths from the data itself: a page of events, details, a country to filter by, ids for API v2."""
    slugs, v2_ids, etags = {}, {}, {}
    for code in LOCALES:
        events = fetch_json(base, f"/api/v1/{code}/events/?page_size=20")
        slugs[code] = [item["slug"] for item in events["results"]]
        if not slugs[code]:
            raise BenchError(f"No events are published in {code}: seed the benchmark data first.")
        pages = fetch_json(base, f"/api/v2/pages/?type=pages.EventPage&locale={code}&limit=20")
        v2_ids[code] = [item["id"] for item in pages["items"]]
        _status, headers, _body = fetch(base, f"/api/v1/{code}/events/?page_size=20")
        etags[code] = headers["ETag"]
    countries = [item["code"] for item in fetch_json(base, "/api/v1/en/countries/")]
    country = countries[0]
    cursor = recent_cursor()

    def per_locale(make, headers=None):
        """One request per locale; `make` is a template with {code} or a function of the code."""
        address = make.format if isinstance(make, str) else make
        return [(address(code=code), dict(headers or {})) for code in LOCALES]

    details = [(f"/api/v1/{code}/events/{slug}/", NO_CACHE) for code in LOCALES for slug in slugs[code][:10]]
    v2_details = [(f"/api/v2/pages/{pk}/", {}) for code in LOCALES for pk in v2_ids[code][:10]]
    listing = "/api/v1/{code}/events/?page_size=20"
    filtered = f"/api/v1/{{code}}/events/?country={country}&date_from=2018-01-01&page_size=20"
    search = "/api/v1/{code}/search/?q=workshop+victims"
    for code in LOCALES:  # a scenario that finds nothing would measure nothing
        for template in (filtered, search):
            if not fetch_json(base, template.format(code=code))["count"]:
                raise BenchError(f"{template.format(code=code)} finds nothing: is the dataset complete?")
    scenarios = [
        Scenario("list", "events list, 20 items, uncached", per_locale(listing, NO_CACHE)),
        Scenario(
            "wagtail_v2_list",
            "API v2 events list, 20 items, fields=*",
            per_locale(lambda code: f"/api/v2/pages/?type=pages.EventPage&locale={code}&fields=*&limit=20"),
        ),
        Scenario("detail", "event detail, uncached", details),
        Scenario("wagtail_v2_detail", "API v2 event detail", v2_details),
        Scenario(
            "list_filtered",
            "events list, country + date filter, uncached",
            per_locale(filtered, NO_CACHE),
        ),
        Scenario("search", "search, uncached", per_locale(search, NO_CACHE)),
        Scenario(
            "changes",
            "changes feed, uncached",
            per_locale(lambda code: f"/api/v1/changes/?since={cursor}&locale={code}", NO_CACHE),
        ),
        Scenario("list_cached", "events list, cached", per_locale(listing)),
        Scenario(
            "list_cached_compressed",
            "events list, cached, compressed (what browsers accept)",
            per_locale(listing, {"Accept-Encoding": "gzip, deflate, br, zstd"}),
        ),
        Scenario(
            "list_304",
            "events list, If-None-Match (304)",
            [(listing.format(code=code), {"If-None-Match": etags[code]}) for code in LOCALES],
        ),
        Scenario(
            "ceiling",
            "serving ceiling: the list's bytes from memory",
            per_locale(lambda code: f"/bench/ceiling/events_{code}/"),
        ),
        Scenario(
            "partner_mix",
            "partner mix: lists, filters, details, search, 304s, feed (cache on)",
            [
                *per_locale(listing),
                *per_locale(filtered),
                *[(path, {}) for path, _headers in details[::7]],
                *per_locale(search),
                *[(listing.format(code=code), {"If-None-Match": etags[code]}) for code in LOCALES],
                (f"/api/v1/changes/?since={cursor}", {}),
            ],
        ),
    ]
    return scenarios


def write_ceiling_bodies(base, var_dir):
    folder = Path(var_dir) / "bench-ceiling"
    folder.mkdir(parents=True, exist_ok=True)
    for code in LOCALES:
        _status, _headers, body = fetch(base, f"/api/v1/{code}/events/?page_size=20")
        (folder / f"events_{code}.json").write_bytes(body)


def warm(server, scenario):
    """Every worker's caches for this scenario. gunicorn does not deal requests out in turn, so the
    cached API responses the probe asks for are asked for several times per worker, or the probe
    may count the queries of a worker that has not cached them yet."""
    for path, headers in scenario.requests:
        fetch(server.base, path, headers)
    cached = [
        (path, headers)
        for path, headers in scenario.requests[:PROBED]
        if path.startswith("/api/v1/") and headers != NO_CACHE
    ]
    for _turn in range(4 * server.workers):
        for path, headers in cached:
            fetch(server.base, path, headers)


def probe(base, scenario):
    """Queries and bytes of the scenario's first PROBED requests, one of each."""
    queries, sizes = [], []
    for path, headers in scenario.requests[:PROBED]:
        status, response_headers, body = fetch(base, path, headers)
        if status not in (200, 304):
            raise BenchError(f"{scenario.name}: GET {path} answered {status}: {body[:200]!r}")
        if "X-DB-Queries" in response_headers:
            queries.append(int(response_headers["X-DB-Queries"]))
        sizes.append(len(body))
    average = sum(queries) / len(queries) if queries else None
    return average, max(sizes) if sizes else None


def more_rounds(base, scenarios, results, args):
    """The scenarios of the paired targets again, in turn, `args.rounds - 1` times more: {scenario:
    [req/s of each round]}, the main pass first. Before the publish that ends the run, so cached
    responses and ETags still hold."""
    rounds = {
        result.scenario: [result.requests_per_second]
        for result in results
        if result.scenario in ROUND_SCENARIOS
    }
    by_name = {scenario.name: scenario for scenario in scenarios}
    for number in range(2, args.rounds + 1):
        for name in rounds:
            _count, rps, *_latencies = run_wrk(
                base, by_name[name], args.duration, args.connections, args.threads
            )
            rounds[name].append(round(rps, 1))
        print(
            f"  round {number}: " + ", ".join(f"{name} {rates[-1]:.0f}" for name, rates in rounds.items()),
            flush=True,
        )
    return rounds


def run_wrk(base, scenario, duration, connections, threads):
    output = wrk(
        base, LUA.replace("{REQUESTS}", lua_table(scenario.requests)), duration, connections, threads
    )
    match = re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)", output)
    if not match:
        raise BenchError(f"wrk gave no result for {scenario.name}:\n{output}")
    count, duration_us, p50, p95, p99, errors, _bytes = (int(value) for value in match.groups())
    return count, count / (duration_us / 1e6), p50 / 1000, p95 / 1000, p99 / 1000, errors


# Measurements made through Django itself -----------------------------------------------------


def recent_cursor(entries=50):
    """A cursor that a partner polling the feed would hold: `entries` changes behind the latest."""
    from api.models import ContentChange

    ids = list(ContentChange.objects.order_by("-pk").values_list("pk", flat=True)[: entries + 1])
    return str(ids[-1]) if ids else "0"


def setup_django(var_dir):
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.bench"
    os.environ["VAR_DIR"] = str(var_dir)
    os.environ["DATABASE_URL"] = bench_database_url()
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def publish_to_visible(base):
    """Publish a new title of an English event; time until every locale's list and detail shows it."""
    from django.db import transaction

    from pages.models import EventPage

    page = EventPage.objects.live().filter(locale__language_code="en").order_by("-start_date").first()
    title = f"{page.title.split(' [')[0]} [{int(time.time())}]"
    page.title = title
    with transaction.atomic():
        page.save_revision().publish()
    started = time.perf_counter()
    paths = [f"/api/v1/en/events/{page.slug}/", "/api/v1/en/events/?page_size=20"]
    translated = [f"/api/v1/{code}/events/?page_size=20" for code in LOCALES if code != "en"]
    deadline = started + 10
    pending = set(paths)
    while pending and time.perf_counter() < deadline:
        for path in list(pending):
            if title in fetch(base, path)[2].decode():
                pending.discard(path)
    english_ms = (time.perf_counter() - started) * 1000
    # the translations now say their English source changed
    stale = [path for path in translated if '"outdated"' not in fetch(base, path)[2].decode()]
    return {"publish_to_visible_ms": round(english_ms, 1), "locales_not_updated": len(pending) + len(stale)}


def sync_cost():
    """Time and queries to sync a page of S segments into the six translation locales."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Locale
    from wagtail_localize.models import Translation, TranslationSource

    from bench.seed import Seeder
    from editorial.localization import save_translation_draft
    from pages.models import EventIndexPage

    seeder = Seeder(events=1, plain_pages=0)
    seeder.load_snippets()
    parent = EventIndexPage.objects.get(locale__language_code="en")
    figures = {}
    for segments in (25, 100):
        page = seeder.build_event(90000 + segments, [])
        page.slug = f"bench-sync-{segments}-{int(time.time())}"
        # `segments` translatable strings: the 22 of a seeded event's other fields, and learning points
        page.learning_points = [("item", f"Point {n}") for n in range(max(1, segments - 22))]
        with transaction.atomic():
            parent.add_child(instance=page)
            page.save_revision().publish()
        seeder.translate_batch([page])
        page.summary = f"Changed summary {time.time()}"
        page.save_revision().publish()
        locales = list(Locale.objects.exclude(language_code="en"))
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            with transaction.atomic():
                source, _created = TranslationSource.update_or_create_from_instance(page)
                for translation in Translation.objects.filter(source=source, target_locale__in=locales):
                    save_translation_draft(translation)
            seconds = time.perf_counter() - started
        count = source.stringsegment_set.count()
        figures[str(segments)] = {"segments": count, "seconds": round(seconds, 2), "queries": len(queries)}
        for made in page.get_translations(inclusive=True).specific():  # leave the dataset as it was
            made.delete()
    return figures


# Report -------------------------------------------------------------------------------------


def seed_figures(var_dir):
    """What seed_bench measured when it built this dataset (make bench-data writes it)."""
    path = Path(var_dir) / "seed.json"
    return json.loads(path.read_text()) if path.is_file() else None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--var-dir", required=True, help="the seeded benchmark data (VAR_DIR)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per scenario (default 10)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--threads", type=int, default=1, help="wrk threads (default 1: the load shares the CPU)"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="measure the scenarios of the paired targets (detail and v2, cached, 304 and the ceiling) "
        "this many times in turn; each target is the median of the rounds' ratios (default 3)",
    )
    parser.add_argument(
        "--locales",
        help="request these locales only, comma-separated (default: all seven), for data seeded with "
        "seed_bench --locales",
    )
    parser.add_argument("--out", default=str(ROOT / "var" / "bench"))
    parser.add_argument(
        "--results",
        help="write the tables to this markdown page (default docs/performance-results.md, or "
        "docs/performance-results-postgres.md for a PostgreSQL dataset; '' not to)",
    )
    args = parser.parse_args(argv)
    if args.locales:
        narrow_locales(args.locales)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk (make bench installs it).")
    var_dir = Path(args.var_dir).resolve()
    setup_django(var_dir)
    from pages.models import EventPage

    events = EventPage.objects.filter(locale__language_code="en", slug__startswith="bench-").count()
    if not events:
        raise SystemExit(f"{var_dir} holds no benchmark data: run `manage.py seed_bench` there first.")

    database = "PostgreSQL" if bench_database_url() else "SQLite"
    if args.results is None:
        args.results = str(RESULTS_PAGES[database])
    server = Server(var_dir).start()
    results = []
    try:
        write_ceiling_bodies(server.base, var_dir)
        scenarios = build_scenarios(server.base)
        for scenario in scenarios:
            warm(server, scenario)
            queries, size = probe(server.base, scenario)
            count, rps, p50, p95, p99, errors = run_wrk(
                server.base, scenario, args.duration, args.connections, args.threads
            )
            results.append(
                Result(
                    scenario.name,
                    scenario.description,
                    round(rps, 1),
                    p50,
                    p95,
                    p99,
                    errors,
                    count,
                    queries,
                    size,
                )
            )
            print(f"  {scenario.name:<18} {rps:8.0f} req/s  p95 {p95:7.1f} ms  queries {queries}", flush=True)
        rounds = more_rounds(server.base, scenarios, results, args)
        freshness = publish_to_visible(server.base)
        peak = server.peak_rss_mb
    finally:
        server.stop()
    report = summarise(
        results,
        rounds=rounds,
        extra={
            "events": events,
            "machine": machine(),
            "database": database,
            "command": f"make bench BENCH_EVENTS={events}"
            + (f" BENCH_LOCALES={','.join(LOCALES)}" if len(LOCALES) < ALL_LOCALES else "")
            + (" BENCH_DATABASE_URL=..." if bench_database_url() else ""),
            "locales": list(LOCALES),
            "duration_s": args.duration,
            "connections": args.connections,
            "worker_peak_rss_mb": round(peak, 1),
            "freshness": freshness,
            "sync": sync_cost(),
            "seed": seed_figures(var_dir),
            "date": time.strftime("%Y-%m-%d"),
        },
    )
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    name = (
        f"bench-{events}"
        + (f"-{'-'.join(LOCALES)}" if len(LOCALES) < ALL_LOCALES else "")
        + ("-postgres" if bench_database_url() else "")
    )
    (out / f"{name}.json").write_text(json.dumps(report, indent=2))
    png = chart(report, out / f"{name}.png")
    if args.results:
        Path(args.results).parent.mkdir(parents=True, exist_ok=True)
        Path(args.results).write_text(results_page(report))
    print()
    print(table(report))
    print()
    print(
        json.dumps(
            {key: report[key] for key in ("targets", "worker_peak_rss_mb", "freshness", "sync")}, indent=2
        )
    )
    print(
        f"\nWrote {out / (name + '.json')}" + (f" and {png}" if png else " (no chart: matplotlib is missing)")
    )
    if args.results:
        print(f"Wrote the tables to {args.results}")


if __name__ == "__main__":
    try:
        main()
    except BenchError as error:
        raise SystemExit(f"bench: {error}") from error
