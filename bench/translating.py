"""The seeder's batched translations: wagtail-localize's records, then the translated pages, written
in as few steps as the result allows, and on PostgreSQL by several processes at once.

Each batch of English pages is translated in two steps:

- `prepare`: each page's TranslationSource and segments (as wagtail-localize's
  `update_or_create_from_instance` records them, in bulk: `sources`), the string translations of
  every locale in one bulk statement, and the Translation records that make each locale a synced
  translation;
- `write`: each translated page, made as wagtail-localize's `create_or_update_translation` makes
  it (Wagtail's in-memory copy for a locale, then wagtail-localize's `ingest_segments`), inserted
  once in the tree and published by its first revision (`add_published`), with wagtail-localize's
  TranslationLog. The plain way (an editor's translation) saves each page five times: copied,
  saved with the translated text, revised, published and saved again.

The write step of each locale touches only that locale's section of the tree, so on PostgreSQL
`Writers` forks processes that write disjoint sets of locales while this one prepares the next
batch: the seeder is held up by Python, not by the database, and a single process leaves a core idle.
"""

import json
import multiprocessing
import queue
import traceback

from django.db import connection, connections, transaction
from wagtail.actions.copy_for_translation import CopyForTranslationAction
from wagtail.models import Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationLog,
    TranslationSource,
)
from wagtail_localize.segments import OverridableSegmentValue, StringSegmentValue
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.ingest import ingest_segments
from wagtail_localize.strings import StringValue

from editorial import localization

from .bulk_saving import add_published, commit_asynchronously, index_pages, index_references
from .sources import record_sources


def prepare(pages, locales, translate):
    """Record these English pages as wagtail-localize sources with every locale's strings translated
    by `translate(text, language_code)`, in one transaction."""
    with transaction.atomic():
        sources = record_sources(pages)
        segments = StringSegment.objects.filter(source__in=sources).select_related("string", "context")
        titles = {
            segment.source_id: segment.string.data for segment in segments if segment.context.path == "title"
        }
        StringTranslation.objects.bulk_create(
            [
                StringTranslation(
                    translation_of_id=segment.string_id,
                    context_id=segment.context_id,
                    locale=locale,
                    data=(
                        localization.readable_slug(translate(titles[segment.source_id], locale.language_code))
                        if segment.context.path == "slug"
                        else translate(segment.string.data, locale.language_code)
                    ),
                    translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                )
                for segment in segments
                for locale in locales
            ],
            update_conflicts=True,
            unique_fields=["translation_of", "locale", "context"],
            update_fields=["data", "translation_type"],
        )
        Translation.objects.bulk_create(
            [Translation(source=source, target_locale=locale) for source in sources for locale in locales],
            ignore_conflicts=True,
        )


class PageWriter:
    """Writes the translations of English pages into some locales."""

    def __init__(self, source_locale, locales, translate):
        self.source_locale = source_locale
        self.locales = locales
        self.translate = translate
        self.parents = {}

    def write(self, page_ids):
        """Translate, publish and index these English pages in this writer's locales, in one
        transaction; returns the translated pages."""
        with transaction.atomic():
            sources = {
                source.object_id: source
                for source in TranslationSource.objects.filter(
                    object_id__in=Page.objects.filter(pk__in=page_ids).values("translation_key"),
                    locale=self.source_locale,
                )
            }
            translated, logs = [], []
            for page in Page.objects.filter(pk__in=page_ids).specific().order_by("path"):
                source = sources[page.translation_key]
                # the source's content, as the plain way translates it; one copy per locale, as
                # ingesting a translation changes the original's StreamField values in place
                content = json.loads(source.content_json)
                segments = [
                    segment.with_order(order)
                    for order, segment in enumerate(extract_segments(page.with_content_json(content)))
                    if not isinstance(segment, OverridableSegmentValue)  # the seeder overrides none
                ]
                for locale in self.locales:
                    translation = self.write_one(page.with_content_json(content), segments, locale)
                    translated.append(translation)
                    logs.append(
                        TranslationLog(source=source, locale=locale, revision=translation.live_revision)
                    )
            TranslationLog.objects.bulk_create(logs)
            # in the batch's transaction: on their own each page's references were a transaction
            index_pages(translated)
            index_references(translated)
        return translated

    def write_one(self, original, segments, locale):
        translation = CopyForTranslationAction(original, locale).execute(skip_permission_checks=True)
        code = locale.language_code
        ingest_segments(
            original, translation, self.source_locale, locale, [self.translated(s, code) for s in segments]
        )
        add_published(self.parent(original, locale), translation)
        return translation

    def translated(self, segment, code):
        if isinstance(segment, StringSegmentValue):
            text = StringValue(self.translate(segment.string.data, code))
            return StringSegmentValue(segment.path, text, attrs=segment.attrs, order=segment.order)
        return segment  # templates and snippets: ingesting finds the locale's snippet itself

    def parent(self, page, locale):
        """The translation of the page's parent into `locale` (its section's index page)."""
        key = (page.path[: -page.steplen], locale.pk)
        if key not in self.parents:
            self.parents[key] = page.get_parent().get_translation(locale)
        return self.parents[key]


class WriterFailed(Exception):
    """A writing process stopped; the message carries its traceback."""


class Writers:
    """Writes each prepared batch's translations: here (on SQLite, which has a single writer, inside
    a transaction, or with `processes=1`), or in `processes` forked processes, each for a share of
    the locales, while this one prepares the next batch."""

    def __init__(self, source_locale, locales, translate, processes):
        # other processes would not see what this one has not committed
        parallel = connection.vendor == "postgresql" and not connection.in_atomic_block
        self.processes = max(1, min(processes, len(locales))) if parallel else 1
        shares = [locales[number :: self.processes] for number in range(self.processes)]
        self.writers = [PageWriter(source_locale, share, translate) for share in shares]
        self.workers, self.queues, self.pending = [], [], 0
        if self.processes > 1:
            context = multiprocessing.get_context("fork")
            self.results = context.Queue()
            connections.close_all()  # each process opens its own connection
            for writer in self.writers:
                batches = context.Queue()
                worker = context.Process(target=_work, args=(writer, batches, self.results), daemon=True)
                worker.start()
                self.workers.append(worker)
                self.queues.append(batches)
            commit_asynchronously()  # this process's new connection

    def write(self, page_ids):
        """Write these pages' translations; returns how many page-locales are done since the last call
        (some may still be under way in the other processes)."""
        if not self.workers:
            return sum(len(writer.write(page_ids)) for writer in self.writers)
        for batches in self.queues:
            batches.put(page_ids)
        self.pending += len(self.queues)
        return self.collect(block=False)

    def collect(self, block):
        """The page-locales the other processes report done: those reported so far, or (`block`)
        all that are still pending. A process that stopped without a word (killed) fails the seeding
        instead of leaving it waiting."""
        done = 0
        while self.pending > 0:
            try:
                kind, value = self.results.get(block=block, timeout=1 if block else None)
            except queue.Empty:
                if not block:
                    break
                stopped = [worker.exitcode for worker in self.workers if not worker.is_alive()]
                if stopped:
                    self.stop()
                    raise WriterFailed(f"A writing process ended with exit code {stopped[0]}.") from None
                continue
            if kind == "failed":
                self.stop()
                raise WriterFailed(value)
            done += value
            self.pending -= 1
        return done

    def finish(self):
        """Wait for every process to write its last batch; returns the page-locales done meanwhile."""
        if not self.workers:
            return 0
        done = self.collect(block=True)
        self.stop()
        return done

    def stop(self):
        for batches in self.queues:
            batches.put(None)
        for worker in self.workers:
            worker.join(timeout=5)
            if worker.is_alive():
                worker.terminate()
        self.workers = []


def _work(writer, batches, results):
    """A forked writing process: writes each batch it is given until told to stop."""
    commit_asynchronously()
    try:
        for page_ids in iter(batches.get, None):
            results.put(("done", len(writer.write(page_ids))))
    except Exception:  # noqa: BLE001 (the parent reports it and stops the seeding)
        results.put(("failed", traceback.format_exc()))
    finally:
        connections.close_all()
