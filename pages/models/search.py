"""Each partner page's words for the API's search on PostgreSQL (`pages.postgres_search`)."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from wagtail.models import Locale, Page


class SearchDocument(models.Model):
    """A page's title (weight A) and other searchable text (weight C) as one `tsvector`, made with
    its language's text search configuration, for a GIN index to match a locale's search in.

    It also carries what the API's search filters and orders its matches by, copied from its page
    (its type, whether and when it is shown, its translation key for view restrictions, when it was
    first published), so that a search reads its matches' documents and no page: reading each
    match's page made a search cost more the more pages it matched.

    Written on PostgreSQL only, whenever Wagtail's search index writes the page's entry (every save
    of the page, so every publish and unpublish); the table stays empty on SQLite, whose searches
    use Wagtail's own index.
    """

    page = models.OneToOneField(Page, on_delete=models.CASCADE, primary_key=True, related_name="+")
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    vector = SearchVectorField()
    # filtered on among a search's matches, never looked up by: no index of its own
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+", db_index=False)
    translation_key = models.UUIDField()
    # live, and the page itself rather than an alias of another
    listed = models.BooleanField(default=False)
    go_live_at = models.DateTimeField(null=True)
    expire_at = models.DateTimeField(null=True)
    first_published_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = "search document"

    def __str__(self):
        return f"search document of page {self.page_id}"
