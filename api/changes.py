"""Keeps the changes feed and the content version in step with what the API shows."""

import hashlib
import threading
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F, Q
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import Signal, receiver
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageLogEntry,
    PageViewRestriction,
    ReferenceIndex,
)
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail_localize.models import TranslationSource

from cms import i18n
from pages.models import Country, EventPage, GalleryPage, Organisation, Person, Topic

from . import sql
from .links import COLLECTION_OF_TYPE, TYPE_OF_MODEL, detail_path
from .models import AnnouncedItem, ContentChange, ContentVersion
from .visibility import Visibility

FEED_MODELS = tuple(TYPE_OF_MODEL)

# Sent with `changes` (ContentChange rows, saved) inside the transaction that records them, so a
# receiver's own writes (webhooks' outbox) commit or roll back with the entries.
changes_recorded = Signal()


def feed_entry(change, absolute_url):
    """An entry of the changes feed as the API and webhooks show it; `absolute_url(path)` makes
    the item's address absolute."""
    return {
        "cursor": str(change.pk),
        "type": change.type,
        "translation_key": change.translation_key,
        "locale": change.locale,
        "action": change.action,
        "api_url": absolute_url(detail_path(COLLECTION_OF_TYPE[change.type], change.locale, change.slug)),
        "at": change.at,
    }


def bump_version():
    if not ContentVersion.objects.filter(pk=1).update(value=F("value") + 1, changed_at=timezone.now()):
        ContentVersion.objects.get_or_create(pk=1, defaults={"value": 1})


def current_version():
    """(version number, when published content last changed); one query."""
    row = ContentVersion.objects.filter(pk=1).values_list("value", "changed_at").first()
    return row or (0, None)


def current_state():
    """(version number, when published content last changed, whether any page has a view
    restriction), read together in one query."""
    return sql.content_state() or (0, None, PageViewRestriction.objects.exists())


def _visible_feed_pages(queryset, models=FEED_MODELS):
    """{(translation key, locale): (type, slug, page id, what other items show of it)} of the
    visible pages of `queryset`."""
    rows = {}
    visibility = Visibility()
    for model in models:
        pages = visibility.filter(model.objects.filter(pk__in=queryset.values("pk")))
        # besides its slug, other items show a page's title (translations, related items) and an
        # assessment's report (every translation's `documents`)
        report = "report_id" if hasattr(model, "report") else "pk"
        for page_id, key, code, slug, title, report_id in pages.values_list(
            "pk", "translation_key", "locale__language_code", "slug", "title", report
        ):
            shown = hashlib.sha256(f"{title}\x1f{report_id if report != 'pk' else ''}".encode()).hexdigest()
            rows[(key, code)] = (TYPE_OF_MODEL[model], slug, page_id, shown)
    return rows


def reconcile(pages, republished_ids=(), models=FEED_MODELS):
    """Record what changed for these pages (all of them of `models`): newly visible, updated, or
    withdrawn."""
    republished_ids = set(republished_ids)
    page_ids = set(pages.values_list("pk", flat=True))
    now_visible = _visible_feed_pages(pages, models)
    announced = {
        (item.translation_key, item.locale): item
        for item in AnnouncedItem.objects.filter(page_id__in=page_ids)
    }
    _record(now_visible, announced, republished_ids)


def withdraw_expired():
    """Tombstones for announced pages whose expiry has passed, before publish_scheduled unpublishes them.

    The lists hide an expired page at once; the feed must not keep announcing it meanwhile.
    """
    now = timezone.now()
    if not sql.live_page_expired(connection.ops.adapt_datetimefield_value(now)):
        return
    expired = AnnouncedItem.objects.filter(
        page_id__in=Page.objects.filter(live=True, expire_at__lte=now).values("pk")
    )
    if expired.exists():
        reconcile(Page.objects.filter(pk__in=expired.values("page_id")))
        bump_version()


def reconcile_all():
    """Compare everything visible with everything announced (after moves and view restrictions)."""
    now_visible = _visible_feed_pages(Page.objects.all())
    announced = {(item.translation_key, item.locale): item for item in AnnouncedItem.objects.all()}
    _record(now_visible, announced, republished_ids=())


def _record(now_visible, announced, republished_ids, also_shown_on=()):
    """Write the entries: each item newly visible (`published`), republished or given a new slug
    (`updated`), or no longer visible (a tombstone); then `updated` for every other item whose
    response shows one of those (`_pages_showing`) and for the pages `also_shown_on` names."""
    changes, seen_elsewhere = {}, set()  # the items whose change other items show
    for (key, code), (item_type, slug, page_id, shown) in now_visible.items():
        item = announced.get((key, code))
        if item is None:
            AnnouncedItem.objects.create(
                type=item_type, translation_key=key, locale=code, slug=slug, page_id=page_id, shown=shown
            )
            changes[(key, code)] = ContentChange(
                type=item_type, translation_key=key, locale=code, slug=slug, action="published"
            )
            seen_elsewhere.add((key, code))
        elif page_id in republished_ids or item.slug != slug or item.shown != shown:
            if item.slug != slug or item.shown != shown:
                AnnouncedItem.objects.filter(pk=item.pk).update(slug=slug, shown=shown)
                seen_elsewhere.add((key, code))
            changes[(key, code)] = ContentChange(
                type=item_type, translation_key=key, locale=code, slug=slug, action="updated"
            )
    for (key, code), item in announced.items():
        if (key, code) not in now_visible:
            action = "unpublished" if Page.objects.filter(pk=item.page_id).exists() else "deleted"
            changes[(key, code)] = ContentChange(
                type=item.type, translation_key=key, locale=code, slug=item.slug, action=action
            )
            seen_elsewhere.add((key, code))
            item.delete()
    shown_on = _pages_showing(seen_elsewhere)
    if also_shown_on:
        named = Page.objects.filter(pk__in=also_shown_on)
        shown_on = named if shown_on is None else shown_on | named
    if shown_on is not None:
        for item, change in _updates(shown_on).items():
            changes.setdefault(item, change)
    _save(changes.values())


def _save(changes):
    """Write the entries and send `changes_recorded` with them, in one transaction, leaving out an
    `updated` for an item that already has a `published` or `updated` entry written in the same
    transaction: partners read the feed once it has committed, so that entry fetches the item as it
    ends up."""
    written = _Written.current()
    kept = [change for change in changes if not (change.action == "updated" and written.holds(change))]
    if not kept:
        return
    with transaction.atomic():
        ContentChange.objects.bulk_create(kept)
        changes_recorded.send(sender=ContentChange, changes=kept)
    written.add(kept)


class _Written:
    """The entries written in the current transaction, while it is open.

    Forgotten when the transaction commits (an on-commit callback); a rolled-back transaction drops
    that callback, and with it this record (`current` checks it is still pending). The entries are
    read back by id before they count, so those of a rolled-back savepoint do not.
    """

    def __init__(self):
        self.ids = []
        self.open = True

    def forget(self):
        self.open = False

    @classmethod
    def current(cls):
        written: _Written | None = getattr(connection, "_feed_written", None)
        pending = written is not None and written.open and connection.in_atomic_block
        if written is not None and pending:
            pending = any(callback == written.forget for _ids, callback, *_rest in connection.run_on_commit)
        if not pending:
            written = cls()
            setattr(connection, "_feed_written", written)  # noqa: B010 (one record per connection)
            if connection.in_atomic_block:
                transaction.on_commit(written.forget)
            else:
                written.open = False
        return written

    def holds(self, change):
        if not self.ids:
            return False
        if not hasattr(self, "latest"):
            latest = {}
            for key, code, action in (
                ContentChange.objects.filter(pk__in=self.ids)
                .order_by("pk")
                .values_list("translation_key", "locale", "action")
            ):
                latest[(str(key), code)] = action
            self.latest = latest
        return self.latest.get((str(change.translation_key), change.locale)) in ("published", "updated")

    def add(self, changes):
        if self.open:
            self.ids += [change.pk for change in changes]
            self.__dict__.pop("latest", None)


def _updates(pages):
    """`updated` entries for these pages, those of them the feed has announced and still shows."""
    visible = _visible_feed_pages(pages)
    announced = {
        (item.translation_key, item.locale): item
        for item in AnnouncedItem.objects.filter(page_id__in=[row[2] for row in visible.values()])
    }
    updates = {}
    for (key, code), (item_type, slug, _page_id, _shown) in visible.items():
        item = announced.get((key, code))
        if item is not None and item.slug == slug:
            updates[(key, code)] = ContentChange(
                type=item_type, translation_key=key, locale=code, slug=slug, action="updated"
            )
    return updates


def _pages_showing(items):
    """The pages whose responses show one of these items (translation key, locale), or None.

    Every translation lists the others (`translations`, an assessment's `documents`, and an
    English page's state in its translations' `translation`). An item's related pages (an event's
    gallery and assessment, a gallery's event, an assessment's events) and the pages whose rich
    text links to it show it in their locale, or, where that locale has no such item, in English:
    a change in English may show in every locale.
    """
    if not items:
        return None
    keys = {key for key, _code in items}
    everywhere, in_locale = set(keys), defaultdict(set)
    neighbours = _neighbour_keys(keys)
    for key, code in items:
        for other in neighbours.get(key, ()):
            if code == i18n.SOURCE_LANGUAGE:
                everywhere.add(other)
            else:
                in_locale[code].add(other)
    condition = Q(translation_key__in=everywhere)
    for code, others in in_locale.items():
        condition |= Q(translation_key__in=others, locale__language_code=code)
    return Page.objects.filter(condition)


def _neighbour_keys(keys):
    """{translation key: the translation keys of the items related to it or linking to it}."""
    pairs = set()
    for model, relation in ((GalleryPage, "event"), (EventPage, "assessment")):
        # both ways: an event shows its gallery and the gallery its event, and so on
        pairs.update(
            model.objects.filter(translation_key__in=keys, **{f"{relation}__isnull": False}).values_list(
                "translation_key", f"{relation}__translation_key"
            )
        )
        pairs.update(
            (key, other)
            for other, key in model.objects.filter(**{f"{relation}__translation_key__in": keys}).values_list(
                "translation_key", f"{relation}__translation_key"
            )
        )
    key_of = dict(Page.objects.filter(translation_key__in=keys).values_list("pk", "translation_key"))
    if key_of:
        page_type = ContentType.objects.get_for_model(Page)
        links = ReferenceIndex.objects.filter(
            to_content_type=page_type,
            to_object_id__in=[str(pk) for pk in key_of],
            base_content_type=page_type,
        ).values_list("to_object_id", "object_id")
        links = [(int(to), int(object_id)) for to, object_id in links]
        linking = dict(
            Page.objects.filter(pk__in={pk for _to, pk in links}).values_list("pk", "translation_key")
        )
        pairs.update((key_of[to], linking[pk]) for to, pk in links if pk in linking)
    neighbours = defaultdict(set)
    for key, other in pairs:
        if key != other:
            neighbours[key].add(other)
    return neighbours


def _with_translations(page):
    return Page.objects.filter(translation_key=page.translation_key)


@receiver(page_published)
def on_publish(sender, instance, **kwargs):
    bump_version()
    if isinstance(instance, FEED_MODELS):
        related = _with_translations(instance)
        # a page's translations are all of its type: the other feed types need no query
        models = (type(instance),)
        if instance.locale.language_code == i18n.SOURCE_LANGUAGE:
            # the English source's republication changes its translations' status: updated too
            reconcile(related, republished_ids=related.values_list("pk", flat=True), models=models)
        else:
            reconcile(related, republished_ids=[instance.pk], models=models)


@receiver(page_unpublished)
def on_unpublish(sender, instance, **kwargs):
    bump_version()
    if isinstance(instance, FEED_MODELS):
        reconcile(Page.objects.filter(pk=instance.pk))


ALIAS_CONVERSION = "wagtail_localize.convert_to_alias"  # the log action of wagtail-localize's view


def on_page_log_entry(sender, instance, created, raw=False, **kwargs):
    """A translation converted into an alias of its source is no longer that locale's content.

    wagtail-localize's conversion publishes the alias (the feed then saw an update) before it marks
    the page as an alias, and sends no signal of its own; its log entry, written last in the same
    transaction, is the moment the API stops showing the page.
    """
    if raw or not created or instance.action != ALIAS_CONVERSION:
        return
    bump_version()
    reconcile(Page.objects.filter(pk=instance.page_id))


def reconcile_deleted():
    announced = AnnouncedItem.objects.exclude(page_id__in=Page.objects.values("pk"))
    shown_on: set[int] = getattr(_DELETED, "shown_on", set())
    _DELETED.shown_on = set()
    _record(
        {},
        {(item.translation_key, item.locale): item for item in announced},
        republished_ids=(),
        also_shown_on=shown_on,
    )


# The pages that showed a deleted page, found before the deletion (which takes its relations and
# references with it) and written by `reconcile_deleted` with its tombstone. Left over by a rolled
# back deletion, they only add an `updated` entry for each to the next deletion's entries.
_DELETED = threading.local()


def on_feed_page_pre_delete(sender, instance, **kwargs):
    shown_on = _pages_showing({(instance.translation_key, instance.locale.language_code)})
    pages = shown_on.exclude(translation_key=instance.translation_key).values_list("pk", flat=True)
    _DELETED.shown_on = getattr(_DELETED, "shown_on", set()) | set(pages)


@receiver(post_page_move)
def on_move(sender, instance, **kwargs):
    bump_version()
    transaction.on_commit(reconcile_all)


def on_shown_model_change(sender, instance, **kwargs):
    """A snippet or a medium the API shows was saved or deleted."""
    bump_version()


SNIPPETS = (Country, Organisation, Person, Topic)


def on_snippet_change(sender, instance, raw=False, **kwargs):
    """A country, organisation, person or topic was saved, or is about to be deleted: every item
    that shows it (directly, or through an organisation or a person) is `updated`."""
    if raw:
        return
    page_type = ContentType.objects.get_for_model(Page)
    snippet_types = {ContentType.objects.get_for_model(model).pk: model for model in SNIPPETS}
    seen, todo, page_ids = set(), [(type(instance), instance.pk)], set()
    while todo:
        model, pk = todo.pop()
        if (model, pk) in seen:
            continue
        seen.add((model, pk))
        for base_type, object_id in ReferenceIndex.objects.filter(
            to_content_type=ContentType.objects.get_for_model(model), to_object_id=str(pk)
        ).values_list("base_content_type", "object_id"):
            if base_type == page_type.pk:
                page_ids.add(int(object_id))
            elif base_type in snippet_types:
                todo.append((snippet_types[base_type], int(object_id)))
    if page_ids:
        _save(_updates(Page.objects.filter(pk__in=page_ids)).values())


def on_translation_source_change(sender, instance, created, raw=False, **kwargs):
    """An English source was synced: the status of each translation (`translation.status`) may
    change without the translation being published again."""
    if raw or created or instance.locale.language_code != i18n.SOURCE_LANGUAGE:
        return
    _save(
        _updates(
            Page.objects.filter(translation_key=instance.object_id).exclude(
                locale__language_code=i18n.SOURCE_LANGUAGE
            )
        ).values()
    )


def on_view_restriction_change(sender, instance, **kwargs):
    """A page's view restriction was added, changed or lifted: it hides or shows whole subtrees."""
    bump_version()
    transaction.on_commit(reconcile_all)


def on_feed_page_delete(sender, instance, **kwargs):
    bump_version()
    transaction.on_commit(reconcile_deleted)


# What a response shows besides pages; a collection's view restriction (or a collection moved
# under one) hides its images and documents.
SHOWN_MODELS = (
    Country,
    Organisation,
    Person,
    Topic,
    get_image_model(),
    get_document_model(),
    Collection,
    CollectionViewRestriction,
)

# One receiver per model, each connected for its sender only: a signal of any other model does
# not call into the API at all.
for model in SHOWN_MODELS:
    post_save.connect(on_shown_model_change, sender=model)
    post_delete.connect(on_shown_model_change, sender=model)
post_save.connect(on_view_restriction_change, sender=PageViewRestriction)
post_save.connect(on_page_log_entry, sender=PageLogEntry)
post_delete.connect(on_view_restriction_change, sender=PageViewRestriction)
for model in FEED_MODELS:
    pre_delete.connect(on_feed_page_pre_delete, sender=model)
    post_delete.connect(on_feed_page_delete, sender=model)
for model in SNIPPETS:
    post_save.connect(on_snippet_change, sender=model)
    pre_delete.connect(on_snippet_change, sender=model)
post_save.connect(on_translation_source_change, sender=TranslationSource)
