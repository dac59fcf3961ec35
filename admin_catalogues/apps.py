from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdminCataloguesConfig(AppConfig):
    """The admin in the editors' languages: catalogues for Wagtail's, wagtail-localize's and
    django-axes' messages, kept beside the project's own in locale/admin/."""

    name = "admin_catalogues"
    verbose_name = _("Admin translations")
