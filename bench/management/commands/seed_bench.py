import json
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench.seed import Seeder, SeedError


class ProgressBar:
    """One line per phase: redrawn in place on a terminal, else printed at every tenth."""

    def __init__(self, stream):
        self.stream = stream
        self.interactive = stream.isatty()
        self.label = None

    def __call__(self, label, done, total):
        if label != self.label:
            self.label, self.started, self.decile = label, time.perf_counter(), 0
        if not total:
            return
        width = 30
        filled = width * done // total
        elapsed = time.perf_counter() - self.started
        line = f"{label:<22} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {elapsed:6.1f}s"
        if self.interactive:
            self.stream.write("\r" + line + ("\n" if done == total else ""))
        elif done * 10 // total > self.decile:
            self.decile = done * 10 // total
            self.stream.write(line + "\n")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Build the benchmark dataset: N English events (and N/10 assessments with PDFs and N/10 "
        "galleries of 12 photos), each translated through wagtail-localize and published in all six "
        "translation locales. Reports the time per page per locale of the plain and the batched way."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--events", type=int, default=1000, help="English events to create (default 1000)"
        )
        parser.add_argument(
            "--plain",
            type=int,
            default=3,
            help="pages translated the plain way, one page and locale at a time, for comparison (default 3)",
        )
        parser.add_argument("--batch-size", type=int, default=25, help="pages per transaction (default 25)")
        parser.add_argument(
            "--locales",
            help="translate into these locales only, comma-separated (default: all six); for a quicker "
            "dataset of the same size per locale",
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=2,
            help="on PostgreSQL, processes writing the translated pages beside this one (default 2)",
        )
        parser.add_argument("--report", type=Path, help="also write the figures to this JSON file")

    def handle(self, *args, events, plain, batch_size, locales, processes, report, **options):
        if batch_size < 1 or plain < 0 or processes < 1:
            raise CommandError("--batch-size and --processes must be at least 1, and --plain at least 0.")
        started = time.perf_counter()
        try:
            figures = (
                Seeder(
                    events=events,
                    plain_pages=plain,
                    batch_size=batch_size,
                    processes=processes,
                    progress=ProgressBar(sys.stderr),
                    locales=[code.strip() for code in (locales or "").split(",") if code.strip()],
                )
                .run()
                .as_dict()
            )
        except SeedError as error:
            raise CommandError(str(error)) from error
        if connection.vendor == "postgresql":
            # What autovacuum does some time after such a load (where it runs): planned from an
            # empty database's statistics, and without the visibility map that lets an index serve
            # a query alone, the benchmark would measure that moment, not the site. VACUUM cannot
            # run inside a transaction (a test's): ANALYZE alone there.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
        figures["seconds"] = round(time.perf_counter() - started, 1)
        if report:
            report.write_text(json.dumps(figures, indent=2))
        self.stdout.write(
            f"Created {figures['events']} events, {figures['assessments']} assessments and "
            f"{figures['galleries']} galleries in English ({figures['english_seconds']} s), "
            f"each published in {figures['locales']} locales; {figures['seconds']} s in all."
        )
        self.stdout.write(
            f"Translation, per page and locale: plain {figures['plain_ms_per_page_locale']} ms "
            f"({figures['plain_pages']} pages), batched {figures['batched_ms_per_page_locale']} ms "
            f"({figures['batched_pages']} pages)."
        )
