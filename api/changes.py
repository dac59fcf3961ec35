"""Keeps the changes feed and the content version in step with what the API shows."""

from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageLogEntry, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms import i18n
from pages.models import Country, Organisation, Person, Topic

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
    rows = {}
    visibility = Visibility()
    for model in models:
        pages = visibility.filter(model.objects.filter(pk__in=queryset.values("pk")))
        for page_id, key, code, slug in pages.values_list(
            "pk", "translation_key", "locale__language_code", "slug"
        ):
            rows[(key, code)] = (TYPE_OF_MODEL[model], slug, page_id)
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
    expired = AnnouncedItem.objects.filter(
        page_id__in=Page.objects.filter(live=True, expire_at__lte=timezone.now()).values("pk")
    )
    if expired.exists():
        reconcile(Page.objects.filter(pk__in=expired.values("page_id")))
        bump_version()


def reconcile_all():
    """Compare everything visible with everything announced (after moves and view restrictions)."""
    now_visible = _visible_feed_pages(Page.objects.all())
    announced = {(item.translation_key, item.locale): item for item in AnnouncedItem.objects.all()}
    _record(now_visible, announced, republished_ids=())


def _record(now_visible, announced, republished_ids):
    changes = []
    for (key, code), (item_type, slug, page_id) in now_visible.items():
        item = announced.get((key, code))
        if item is None:
            AnnouncedItem.objects.create(
                type=item_type, translation_key=key, locale=code, slug=slug, page_id=page_id
            )
            changes.append(
                ContentChange(type=item_type, translation_key=key, locale=code, slug=slug, action="published")
            )
        elif page_id in republished_ids or item.slug != slug:
            if item.slug != slug:
                AnnouncedItem.objects.filter(pk=item.pk).update(slug=slug)
            changes.append(
                ContentChange(type=item_type, translation_key=key, locale=code, slug=slug, action="updated")
            )
    for (key, code), item in announced.items():
        if (key, code) not in now_visible:
            action = "unpublished" if Page.objects.filter(pk=item.page_id).exists() else "deleted"
            changes.append(
                ContentChange(type=item.type, translation_key=key, locale=code, slug=item.slug, action=action)
            )
            item.delete()
    if changes:
        with transaction.atomic():
            ContentChange.objects.bulk_create(changes)
            changes_recorded.send(sender=ContentChange, changes=changes)


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
    _record({}, {(item.translation_key, item.locale): item for item in announced}, republished_ids=())


@receiver(post_page_move)
def on_move(sender, instance, **kwargs):
    bump_version()
    transaction.on_commit(reconcile_all)


def on_shown_model_change(sender, instance, **kwargs):
    """A snippet or a medium the API shows was saved or deleted."""
    bump_version()


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
    post_delete.connect(on_feed_page_delete, sender=model)
