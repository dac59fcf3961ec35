"""Saving thousands of pages fast: what the seeder skips while it saves, and does once after.

Only for the benchmark's seeder, which writes everything the pages refer to itself, moments before.
"""

from contextlib import ExitStack, contextmanager
from unittest import mock

from django.conf import settings
from django.db import connection, models
from django.db.models.signals import post_save
from django.test.utils import override_settings
from modelcluster.models import get_all_child_relations
from modelsearch.backends.database.postgres.postgres import PostgresIndex
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Page, ReferenceIndex, Revision, RevisionMixin, TranslatableMixin
from wagtail.search import signal_handlers as search_signal_handlers
from wagtail.search.backends import get_search_backends
from wagtail.search.index import get_indexed_models
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published
from wagtail_localize.segments import RelatedObjectSegmentValue

from api import changes, renditions


@contextmanager
def defer_search_index():
    """Saves inside skip the search index; the caller indexes in bulk with `index_pages`.

    Turning AUTO_UPDATE off is not enough on its own: the save handler still re-reads every saved
    object before it looks at the setting, so it is disconnected for the duration as well.

    On PostgreSQL each bulk write to Wagtail's index also averages the length of every title in the
    index and rewrites the new entries' `title_norm` from it, two scans of the whole index per
    batch, a cost that grows with the dataset: that is done once, when the context ends.
    """
    backends = {
        name: {**config, "AUTO_UPDATE": False} for name, config in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    models = [model for model in get_indexed_models() if getattr(model, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(search_signal_handlers.post_save_signal_handler, sender=model)
    try:
        with (
            override_settings(WAGTAILSEARCH_BACKENDS=backends),
            mock.patch.object(PostgresIndex, "_refresh_title_norms", lambda index, full=False: None),
        ):
            yield
    finally:
        for model in models:
            post_save.connect(search_signal_handlers.post_save_signal_handler, sender=model)
    if connection.vendor == "postgresql":
        for backend in get_search_backends():
            if issubclass(backend.index_class, PostgresIndex):
                backend.index_class(backend)._refresh_title_norms()


@contextmanager
def trust_foreign_keys():
    """Build and validate pages without re-reading every object they refer to.

    Wagtail rebuilds a page from its revision or its source's content, and checks that every
    foreign key of the page and of its inline rows still exists, one query each, so it can drop
    references to objects deleted since the content was saved; and validating a page or a log
    entry before it is saved checks each of its foreign keys again, one query each. Everything the
    seeder refers to was written by itself moments before and nothing is deleted meanwhile, so
    neither check can change the result, and skipping them saves a large share of the
    translation time. Only used inside the seeder.
    """
    checked = RevisionMixin.from_serializable_data.__func__

    def unchecked(cls, data, check_fks=True, strict_fks=False):
        return checked(cls, data, check_fks=False, strict_fks=strict_fks)

    def validate_without_lookup(field, value, model_instance):
        if not field.remote_field.parent_link:  # a parent link is set on save, as Django has it
            models.Field.validate(field, value, model_instance)  # choices, null and blank

    with (
        mock.patch.object(RevisionMixin, "from_serializable_data", classmethod(unchecked)),
        mock.patch.object(models.ForeignKey, "validate", validate_without_lookup),
    ):
        yield


@contextmanager
def without_savepoints():
    """Nested atomic blocks inside share the batch's transaction instead of each making a savepoint.

    Wagtail and wagtail-localize open an atomic block in most of what they save (every
    `get_or_create` among them), and inside the batch's transaction each is a savepoint: two round
    trips to the database, a third of the seeder's queries. A savepoint only helps code that
    catches an error and goes on; in the seeder any error ends the batch, whose transaction is
    rolled back whole either way.
    """
    with mock.patch.object(connection.features, "uses_savepoints", False):
        yield


@contextmanager
def remember_translated_snippets():
    """Each translated snippet a page refers to (a country, an organisation, a person, a topic) is
    read once, not once per page that refers to it; the seeder changes no snippet meanwhile."""
    looked_up = RelatedObjectSegmentValue.get_instance
    found = {}

    def remembered(segment, locale):
        key = (segment.content_type.pk, segment.translation_key, locale.pk)
        if key not in found:
            found[key] = looked_up(segment, locale)
        return found[key]

    with mock.patch.object(RelatedObjectSegmentValue, "get_instance", remembered):
        yield


def add_published(parent, page):
    """Insert `page` under `parent`, published by its first revision.

    What `add_child`, `save_revision` and `publish` leave (the page live, its revision both latest
    and live, the publish's log entry and `page_published` signal), with one save of the page
    instead of three, its inline rows inserted in bulk, and its revision's columns set in one
    update: the page is new, so publishing has nothing else to do (no alias, comment, scheduled or
    older revision, or workflow). Saved unpublished first, as a translation's copy is, so that a
    translation's slug follows its title (pages.slugs).
    """
    if page.locale_id is None:
        take_locale(page, parent.locale_id)
    page.live, page.has_unpublished_changes = True, False
    page.live_revision = page.first_published_at = page.last_published_at = None
    rows = take_rows(page)
    parent.add_child(instance=page)  # cleaned and saved
    insert_rows(page, rows)
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        content=page.serializable_data(),
        object_str=str(page),
    )
    published = {
        "latest_revision": revision,
        "live_revision": revision,
        "latest_revision_created_at": revision.created_at,
        "draft_title": page.title,
        "first_published_at": revision.created_at,
        "last_published_at": revision.created_at,
    }
    Page.objects.filter(pk=page.pk).update(**published)
    for name, value in published.items():
        setattr(page, name, value)
    log(instance=page, action="wagtail.publish", revision=revision, content_changed=True)
    page_published.send(sender=type(page), instance=page, revision=revision)


def take_rows(page):
    """The new page's inline rows (an event's organisers, experts...), taken off it for
    `insert_rows`: saving the page would insert them one at a time.

    modelcluster holds a new page's rows in `_cluster_related_objects` until the page is saved;
    with none held, saving commits no relation. (Holding an empty list of each instead had every
    relation read back from the database first, to find rows to delete.)"""
    rows = {
        relation: list(getattr(page, relation.get_accessor_name()).all())
        for relation in get_all_child_relations(page)
    }
    page._cluster_related_objects = {}
    return rows


def insert_rows(page, rows):
    """Insert the rows `take_rows` took, one statement per kind, and give them back to the page."""
    for relation, items in rows.items():
        for item in items:
            setattr(item, relation.field.name, page)
        relation.related_model.objects.bulk_create(items)
        setattr(page, relation.get_accessor_name(), items)


def take_locale(page, locale_id):
    """Give a new page and its inline rows a locale, which Wagtail would otherwise look up before
    saving each of them: one query for the page (its parent's locale) and one per row (its page's)."""
    page.locale_id = locale_id
    for relation in get_all_child_relations(page):
        for row in getattr(page, relation.get_accessor_name()).all():
            if isinstance(row, TranslatableMixin) and row.locale_id is None:
                row.locale_id = locale_id


def index_references(pages):
    """Wagtail's reference index ("usage"), written once per page rather than on every save."""
    for page in pages:
        ReferenceIndex.create_or_update_for_object(page)


def index_pages(pages):
    by_model = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page.pk)
    for model, ids in by_model.items():
        batch = list(model.get_indexed_objects().filter(pk__in=ids))  # as update_index reads them
        for backend in get_search_backends():
            backend.add_bulk(model, batch)


@contextmanager
def defer_publish_bookkeeping():
    """Publishes inside skip the change feed and the renditions; both are brought up to date once,
    when the context ends.

    On each publish the feed compares the page and its translations with what it has announced and
    writes an entry for every item whose response shows it, a dozen queries that grow with the
    page's translations; and each gallery's publish looks up the renditions of its twelve photos.
    Nobody reads a dataset's feed while it is seeded, so one comparison of everything at the end
    (`reconcile_all`, as after a move) announces each item once, and the seeder's photos, shared by
    every gallery, get their renditions once.
    """
    receivers = (changes.on_publish, renditions.make_renditions_on_publish)
    for receiver in receivers:
        page_published.disconnect(receiver)
    image_ids = set()

    def remember_images(sender, instance, **kwargs):
        image_ids.update(image.pk for image in renditions.images_of(instance))

    page_published.connect(remember_images, weak=False)
    try:
        yield
    finally:
        page_published.disconnect(remember_images)
        for receiver in receivers:
            page_published.connect(receiver)
    changes.reconcile_all()
    changes.bump_version()
    images = get_image_model().objects.filter(pk__in=image_ids)
    for image in renditions.MediaVisibility().public(list(images)):
        image.get_renditions(*renditions.ALL_SPECS)


def commit_asynchronously():
    """On PostgreSQL, this connection's commits no longer wait for the write-ahead log to reach the disk.

    The seeder commits thousands of times (every batch of pages, and every translation made the
    plain way), each otherwise waiting for a flush. A crash meanwhile could lose the last moments
    of the load, never corrupt it, and a dataset is seeded again from scratch anyway: PostgreSQL's
    own advice for populating a database.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")


@contextmanager
def asynchronous_commits():
    """`commit_asynchronously` until the context ends."""
    commit_asynchronously()
    try:
        yield
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")


@contextmanager
def saving_in_bulk():
    """Everything above that the seeder skips while it saves a batch of pages: the search index, the
    reference index, the foreign key checks, the publish bookkeeping, savepoints and repeated
    snippet lookups."""
    with ExitStack() as stack:
        for deferral in (
            defer_search_index,
            disable_reference_index_auto_update,
            trust_foreign_keys,
            defer_publish_bookkeeping,
            without_savepoints,
            remember_translated_snippets,
        ):
            stack.enter_context(deferral())
        yield
