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
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS_PAGE = ROOT / "docs" / "performance-results.md"  # replaced by every run; docs/performance.md links it
LOCALES = ["en", "sq", "az", "bs", "ro", "ur", "tr"]  # narrowed by --locales
ALL_LOCALES = len(LOCALES)
NO_CACHE = {"Cache-Control": "no-cache"}

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


class BenchError(Exception):
    pass


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


# HTTP ---------------------------------------------------------------------------------------


def fetch(base, path, headers=None):
    request = urllib.request.Request(base + path, headers=headers or {})  # noqa: S310 (http only)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def fetch_json(base, path, headers=None):
    status, _headers, body = fetch(base, path, headers)
    if status != 200:
        raise BenchError(f"GET {path} answered {status}: {body[:300]!r}")
    return json.loads(body)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with the benchmark settings; its workers' peak memory is sampled while it runs."""

    def __init__(self, var_dir, workers=2):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.bench",
            "VAR_DIR": str(var_dir),
            "PYTHONUNBUFFERED": "1",
        }
        env["DATABASE_URL"] = bench_database_url()  # the benchmark's own database, never the developer's
        self.log = open(Path(var_dir) / "gunicorn.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603 (our own command line)
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cms.wsgi",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--access-logfile",
                "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.peak_rss_mb = 0.0
        self._sampling = True
        self._sampler = threading.Thread(target=self._sample_memory, daemon=True)

    def start(self):
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn stopped; see {self.log.name}")
            try:
                if fetch(self.base, "/api/v1/")[0] == 200:
                    self._sampler.start()
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        raise BenchError("gunicorn did not answer within 60 s")

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def worker_rss_mb(self):
        sizes = []
        for pid in self.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            match = re.search(r"VmRSS:\s+(\d+) kB", status)
            if match:
                sizes.append(int(match.group(1)) / 1024)
        return max(sizes, default=0.0)

    def _sample_memory(self):
        while self._sampling:
            self.peak_rss_mb = max(self.peak_rss_mb, self.worker_rss_mb())
            time.sleep(0.5)

    def stop(self):
        self._sampling = False
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


# Scenarios ----------------------------------------------------------------------------------


@dataclass
class Scenario:
    name: str
    description: str
    requests: list  # [(path, headers)]


def lua_table(requests):
    def quote(text):
        return json.dumps(text)  # a JSON string is a valid Lua string literal here (ASCII paths)

    items = []
    for path, headers in requests:
        header_table = ", ".join(f"[{quote(k)}] = {quote(v)}" for k, v in headers.items())
        items.append(f"{{{quote(path)}, {{{header_table}}}}}")
    return "{" + ",\n".join(items) + "}"


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


def probe(base, scenario):
    """Queries and bytes of the scenario's requests, one of each (at most five)."""
    queries, sizes = [], []
    for path, headers in scenario.requests[:5]:
        status, response_headers, body = fetch(base, path, headers)
        if status not in (200, 304):
            raise BenchError(f"{scenario.name}: GET {path} answered {status}: {body[:200]!r}")
        if "X-DB-Queries" in response_headers:
            queries.append(int(response_headers["X-DB-Queries"]))
        sizes.append(len(body))
    average = sum(queries) / len(queries) if queries else None
    return average, max(sizes) if sizes else None


def wrk(base, script_source, duration, connections, threads=1):
    """Run wrk with a Lua script against the server; what the script's `done` wrote."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(script_source)
    try:
        command = [
            shutil.which("wrk"),
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
        ]
        return subprocess.run(  # noqa: S603
            [*command, "-s", script.name, base], capture_output=True, text=True, check=True
        ).stdout
    finally:
        os.unlink(script.name)


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


def bench_database_url():
    """`BENCH_DATABASE_URL`, or "" for the SQLite file under the benchmark's VAR_DIR."""
    return os.environ.get("BENCH_DATABASE_URL", "")


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
        # `segments` translatable strings: the 23 of a seeded event's other fields, and learning points
        page.learning_points = [("item", f"Point {n}") for n in range(max(1, segments - 23))]
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


def ratio(a, b):
    return round(a / b, 2) if a and b else None


def summarise(results, extra):
    by_name = {result.scenario: result for result in results}

    def rps(name):
        return by_name[name].requests_per_second if name in by_name else None

    targets = {
        "list_vs_wagtail_v2": ratio(rps("list"), rps("wagtail_v2_list")),
        "detail_vs_wagtail_v2": ratio(rps("detail"), rps("wagtail_v2_detail")),
        "cached_vs_ceiling": ratio(rps("list_cached"), rps("ceiling")),
        "not_modified_vs_ceiling": ratio(rps("list_304"), rps("ceiling")),
        "list_p95_ms": by_name["list"].p95_ms if "list" in by_name else None,
    }
    return {**extra, "targets": targets, "results": [asdict(result) for result in results]}


def table(report):
    lines = [
        "| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | queries/req | bytes |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in report["results"]:
        queries = "" if row["queries_per_request"] is None else f"{row['queries_per_request']:g}"
        lines.append(
            f"| {row['description']} | {row['requests_per_second']:.0f} | {row['p50_ms']:.1f} | "
            f"{row['p95_ms']:.1f} | {row['p99_ms']:.1f} | {row['errors']} | {queries} | "
            f"{row['response_bytes'] or ''} |"
        )
    return "\n".join(lines)


def dataset(report):
    """The data a run measured, in words: what seed_bench built and the database holding it."""
    seed = report.get("seed") or {}
    words = f"{report['events']:,} events"
    if seed.get("assessments") is not None and seed.get("galleries") is not None:
        words += f", {seed['assessments']:,} assessments and {seed['galleries']:,} galleries"
    locales = report["locales"]
    words += f" in {len(locales)} locales ({', '.join(locales)})"
    if seed.get("locales"):
        pages = (report["events"] + seed.get("assessments", 0) + seed.get("galleries", 0)) * seed["locales"]
        words += f", {pages:,} pages"
    return f"{words}; {report['database']}"


def summary_table(report):
    """The run's figures beside the targets that docs/performance.md explains."""
    targets = report["targets"]
    freshness = report.get("freshness") or {}
    seed = report.get("seed") or {}

    def shown(value, template):
        return "n/a" if value is None else template.format(value)

    stale = freshness.get("locales_not_updated")
    rows = [
        (
            "uncached list of 20 events, req/s against Wagtail's API v2",
            shown(targets["list_vs_wagtail_v2"], "{:g}×"),
            "≥ 3×",
        ),
        ("uncached list of 20 events, p95", shown(targets["list_p95_ms"], "{:.1f} ms"), "< 150 ms"),
        (
            "uncached event detail, req/s against Wagtail's API v2",
            shown(targets["detail_vs_wagtail_v2"], "{:g}×"),
            "≥ 2×",
        ),
        (
            "cached list, req/s against the serving ceiling",
            shown(targets["cached_vs_ceiling"], "{:.0%}"),
            "≥ 70%",
        ),
        (
            "`If-None-Match` → 304, req/s against the serving ceiling",
            shown(targets["not_modified_vs_ceiling"], "{:.0%}"),
            "≥ 70%",
        ),
        (
            "publish to visible: the English list and detail show it, translations say `outdated`",
            shown(freshness.get("publish_to_visible_ms"), "{:g} ms")
            + ("" if stale is None else ", every address fresh" if not stale else f", {stale} stale"),
            "on the next request",
        ),
    ]
    sync = report.get("sync") or {}
    if sync:
        rows.append(
            (
                "sync of a page into every translation locale",
                "; ".join(
                    f"{one['segments']} segments: {one['queries']:,} queries, {one['seconds']:g} s"
                    for one in sync.values()
                ),
                "a few queries more per segment, not per segment and locale",
            )
        )
    if seed.get("plain_ms_per_page_locale") is not None or seed.get("batched_ms_per_page_locale") is not None:
        rows.append(
            (
                "seeding, per page and locale",
                f"plain {shown(seed.get('plain_ms_per_page_locale'), '{:g} ms')}, "
                f"batched {shown(seed.get('batched_ms_per_page_locale'), '{:g} ms')}",
                "",
            )
        )
    rows.append(("worker memory, peak RSS", shown(report.get("worker_peak_rss_mb"), "{:g} MB"), ""))
    lines = ["| measure | this run | target |", "|---|---|---|"]
    lines += [f"| {measure} | {value} | {target} |" for measure, value, target in rows]
    return "\n".join(lines)


def results_page(report):
    """docs/performance-results.md: the run's tables, headed by what produced them."""
    return "\n".join(
        [
            "# Performance results",
            "",
            f"Written by `{report['command']}` on {report['date']}; the next run replaces this page.",
            "[performance.md](performance.md) explains the scenarios, the targets and how to compare runs.",
            "",
            f"- Machine: {report['machine']}; the load generator (wrk) runs on the same machine.",
            f"- Dataset: {dataset(report)}.",
            f"- Load: {report['duration_s']} s per scenario, {report['connections']} connections.",
            "",
            table(report),
            "",
            summary_table(report),
            "",
        ]
    )


def chart(report, path):
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    rows = report["results"]
    names = [row["scenario"] for row in rows]
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 5))
    left.barh(names, [row["requests_per_second"] for row in rows], color="#2a6f97")
    left.set_xlabel("requests per second (higher is better)")
    left.invert_yaxis()
    right.barh(names, [row["p95_ms"] for row in rows], color="#c44536")
    right.set_xlabel("p95 latency, ms (lower is better)")
    right.invert_yaxis()
    fig.suptitle(f"thb-cms API, {report['events']} events x 7 locales, {report['machine']}")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--var-dir", required=True, help="the seeded benchmark data (VAR_DIR)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per scenario (default 10)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--threads", type=int, default=1, help="wrk threads (default 1: the load shares the CPU)"
    )
    parser.add_argument(
        "--locales",
        help="request these locales only, comma-separated (default: all seven), for data seeded with "
        "seed_bench --locales",
    )
    parser.add_argument("--out", default=str(ROOT / "var" / "bench"))
    parser.add_argument(
        "--results",
        default=str(RESULTS_PAGE),
        help="write the tables to this markdown page (default docs/performance-results.md; '' not to)",
    )
    args = parser.parse_args(argv)
    if args.locales:
        chosen = [code.strip() for code in args.locales.split(",") if code.strip()]
        unknown = sorted(set(chosen) - set(LOCALES))
        if unknown or not chosen:
            raise SystemExit(f"--locales: choose from {', '.join(LOCALES)} (not {', '.join(unknown)}).")
        LOCALES[:] = [code for code in LOCALES if code in chosen]
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk (make bench installs it).")
    var_dir = Path(args.var_dir).resolve()
    setup_django(var_dir)
    from pages.models import EventPage

    events = EventPage.objects.filter(locale__language_code="en", slug__startswith="bench-").count()
    if not events:
        raise SystemExit(f"{var_dir} holds no benchmark data: run `manage.py seed_bench` there first.")

    server = Server(var_dir).start()
    results = []
    try:
        write_ceiling_bodies(server.base, var_dir)
        scenarios = build_scenarios(server.base)
        for scenario in scenarios:
            for path, headers in scenario.requests:  # warm every worker's caches for this scenario
                fetch(server.base, path, headers)
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
        freshness = publish_to_visible(server.base)
        peak = server.peak_rss_mb
    finally:
        server.stop()
    report = summarise(
        results,
        {
            "events": events,
            "machine": machine(),
            "database": "PostgreSQL" if bench_database_url() else "SQLite",
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
