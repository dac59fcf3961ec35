"""The soak test: `make soak` (or `python -m bench.soak --var-dir var/bench/n1000`).

Partner traffic (the benchmark's partner mix, with the cache on) runs against gunicorn for a few
minutes while an editor, once a second, publishes a new English title, unpublishes and republishes
a translation, or syncs a page's translations. After every change the affected addresses are read
at once and must already show it. Passes with zero 5xx, zero stale responses and flat worker
memory; it works on a copy of the benchmark data, which it leaves untouched.
"""

import argparse
import itertools
import json
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

from .report import machine, soak_page
from .run import ROOT, build_scenarios, narrow_locales, setup_django, write_ceiling_bodies
from .server import Server, bench_database_url, fetch, lua_table, wrk

RESULTS_PAGE = ROOT / "docs" / "soak-results.md"  # replaced by every run; docs/performance.md links it

LUA = r"""
local requests = {REQUESTS}
local counter = 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) server_errors = 0 end
request = function()
  counter = counter + 1
  local item = requests[(counter % #requests) + 1]
  return wrk.format("GET", item[1], item[2])
end
response = function(status, headers, body)
  if status >= 500 then server_errors = server_errors + 1 end
end
done = function(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("server_errors") end
  io.write(string.format("RESULT %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(95), total))
end
"""


def copy_database(source, target):
    """SQLite's backup API: in WAL mode part of the database may still be in the -wal file."""
    original = sqlite3.connect(source)
    with sqlite3.connect(target) as copy:
        original.backup(copy)
    original.close()


class Editor:
    """Changes content once a second and checks that the API shows each change at once."""

    def __init__(self, base):
        from pages.models import EventPage

        self.base = base
        english = EventPage.objects.live().filter(locale__language_code="en").order_by("pk")
        self.pages = list(english[:5])
        self.changes = 0
        self.stale = []
        self.failures = []
        self.running = True

    def run(self):
        steps = itertools.cycle(
            [self.retitle, self.unpublish_translation, self.republish_translation, self.sync]
        )
        while self.running:
            started = time.perf_counter()
            try:
                next(steps)()
                self.changes += 1
            except Exception as error:  # noqa: BLE001 (reported, and the soak fails)
                self.failures.append(repr(error))
            time.sleep(max(0.0, 1 - (time.perf_counter() - started)))

    def expect(self, path, predicate, what):
        status, _headers, body = fetch(self.base, path)
        if not predicate(status, body.decode()):
            self.stale.append(f"{what}: GET {path} answered {status}")

    def retitle(self):
        page = self.pages[self.changes % len(self.pages)]
        page.title = f"{page.title.split(' #')[0]} #{self.changes}"
        page.save_revision().publish()
        for path in (
            f"/api/v1/en/events/{page.slug}/",
            "/api/v1/en/events/?page_size=100&ordering=-last_published_at",
        ):
            self.expect(path, lambda status, body: page.title in body, "new title")

    def _translation(self):
        return self.pages[0].get_translations().filter(locale__language_code="tr").first().specific

    def unpublish_translation(self):
        turkish = self._translation()
        turkish.unpublish()
        self.expect(f"/api/v1/tr/events/{turkish.slug}/", lambda status, body: status == 404, "unpublished")

    def republish_translation(self):
        turkish = self._translation()
        turkish.get_latest_revision().publish()
        self.expect(f"/api/v1/tr/events/{turkish.slug}/", lambda status, body: status == 200, "republished")

    def sync(self):
        """What the admin's sync does: the translations become drafts; what is live stays as it was."""
        from wagtail_localize.models import Translation, TranslationSource

        from editorial.localization import save_translation_draft

        page = self.pages[1]
        source, _created = TranslationSource.update_or_create_from_instance(page)
        live_titles = {}
        for translation in Translation.objects.filter(source=source):
            target = translation.get_target_instance()
            live_titles[target.locale.language_code] = (target.slug, target.title)
            save_translation_draft(translation)
        for code, (slug, title) in live_titles.items():
            self.expect(
                f"/api/v1/{code}/events/{slug}/", lambda status, body, t=title: t in body, "live kept"
            )


def run_traffic(base, requests, duration, connections):
    output = wrk(base, LUA.replace("{REQUESTS}", lua_table(requests)), duration, connections)
    count, duration_us, p95, server_errors = (int(value) for value in output.split("RESULT ")[1].split())
    return {
        "requests": count,
        "rps": round(count / (duration_us / 1e6), 1),
        "p95_ms": p95 / 1000,
        "5xx": server_errors,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--var-dir", required=True, help="the seeded benchmark data (left untouched)")
    parser.add_argument("--duration", type=int, default=180, help="seconds (default 180)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--locales", help="request these locales only, for data seeded with seed_bench --locales"
    )
    parser.add_argument("--out", default=str(ROOT / "var" / "bench"))
    parser.add_argument(
        "--results",
        default=str(RESULTS_PAGE),
        help="write the figures to this markdown page (default docs/soak-results.md; '' not to)",
    )
    args = parser.parse_args(argv)
    if args.locales:
        narrow_locales(args.locales)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk (make soak installs it).")
    if bench_database_url():
        raise SystemExit("The soak runs on a copy of an SQLite dataset: unset BENCH_DATABASE_URL.")
    source = Path(args.var_dir).resolve()
    if not (source / "db.sqlite3").is_file():
        raise SystemExit(f"{source} holds no benchmark data: run `make bench-data` first.")
    work = Path(tempfile.mkdtemp(prefix="soak-", dir=source.parent))
    try:
        copy_database(source / "db.sqlite3", work / "db.sqlite3")
        (work / "media").symlink_to(source / "media")
        setup_django(work)
        server = Server(work).start()
        try:
            write_ceiling_bodies(server.base, work)
            mix = next(
                scenario for scenario in build_scenarios(server.base) if scenario.name == "partner_mix"
            )
            editor = Editor(server.base)
            memory = [server.worker_rss_mb()]
            editing = threading.Thread(target=editor.run, daemon=True)
            editing.start()
            sampler_stop = threading.Event()

            def sample():
                while not sampler_stop.wait(5):
                    memory.append(server.worker_rss_mb())

            sampling = threading.Thread(target=sample, daemon=True)
            sampling.start()
            traffic = run_traffic(server.base, mix.requests, args.duration, args.connections)
            editor.running = False
            sampler_stop.set()
            editing.join(timeout=30)
        finally:
            server.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    third = max(1, len(memory) // 3)
    early, late = sum(memory[:third]) / third, sum(memory[-third:]) / third
    passed = traffic["5xx"] == 0 and not editor.stale and not editor.failures and late <= early * 1.2 + 10
    report = {
        "command": "make soak"
        + (f" SOAK_SECONDS={args.duration}" if args.duration != 180 else "")
        + (f" BENCH_LOCALES={args.locales}" if args.locales else ""),
        "machine": machine(),
        "dataset": f"a copy of {source.relative_to(ROOT) if source.is_relative_to(ROOT) else source}",
        "connections": args.connections,
        "passed": passed,
        "duration_s": args.duration,
        "traffic": traffic,
        "editor_changes": editor.changes,
        "stale_responses": len(editor.stale),
        "stale_examples": editor.stale[:5],
        "editor_failures": editor.failures[:5],
        "worker_rss_mb": {
            "first_third": round(early, 1),
            "last_third": round(late, 1),
            "peak": round(max(memory), 1),
        },
        "date": time.strftime("%Y-%m-%d"),
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "soak.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    if args.results:
        Path(args.results).write_text(soak_page(report))
    print("\nsoak: " + ("passed" if passed else "FAILED") + f" (written to {out / 'soak.json'})")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
