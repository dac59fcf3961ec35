from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Partnership news")

    def ready(self):
        from .postgres_search import add_missing_documents
        from .sqlite_tuning import state_list_index_statistics

        post_migrate.connect(state_list_index_statistics, sender=self)
        post_migrate.connect(add_missing_documents, sender=self)
