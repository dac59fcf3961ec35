from wagtail import hooks

from glossary.views import GlossaryViewSet


@hooks.register("register_admin_viewset")
def register_glossary():
    return GlossaryViewSet("glossary")
