from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The partnership's real news as demo content, and a login for every editorial role."""

    name = "demo"
    verbose_name = "Demo content"
