"""Each partner page's words for the API's search on PostgreSQL (`pages.postgres_search`)."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from wagtail.models import Locale, Page


class SearchDocument(models.Model):
    """A page's title (weight A) and other searchable text (weight C) as one `tsvector`, made with
    its language's text search configuration, for a GIN index to match a locale's search in.

    Written on PostgreSQL only, whenever Wagtail's search index writes the page's entry; the table
    stays empty on SQLite, whose searches use Wagtail's own index.
    """

    page = models.OneToOneField(Page, on_delete=models.CASCADE, primary_key=True, related_name="+")
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    vector = SearchVectorField()

    class Meta:
        verbose_name = "search document"

    def __str__(self):
        return f"search document of page {self.page_id}"
