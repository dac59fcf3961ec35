from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms import i18n
from editorial import localization, roles
from pages import structure
from pages.models import HomePage

WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"


class Command(BaseCommand):
    help = (
        "Create the seven locales, the site, the English home and section pages with their "
        "translations, the editorial groups with their permissions, and the moderation "
        "workflows. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            created_locales = self.ensure_locales()
            home = self.ensure_home()
            sections = [self.ensure_section(home, *section) for section in structure.SECTIONS]
            self.ensure_site(home)
            created_groups = roles.ensure_groups()
        translated = self.translate_tree([home, *sections])
        with transaction.atomic():
            roles.ensure_permissions()
            created_workflows = roles.ensure_workflows()
        self.stdout.write(
            self.style.SUCCESS(
                f"Bootstrap done: {created_locales} locale(s), {translated} page translation(s), "
                f"{created_groups} group(s) and {created_workflows} workflow(s) created."
            )
        )

    def ensure_locales(self):
        return sum(Locale.objects.get_or_create(language_code=code)[1] for code in i18n.LANGUAGE_CODES)

    def ensure_home(self):
        english = Locale.objects.get(language_code=i18n.SOURCE_LANGUAGE)
        home = HomePage.objects.filter(locale=english).first()
        if home:
            return home
        root = Page.get_first_root_node()
        for page in root.get_children().filter(slug="home"):
            # Wagtail's migrations leave a placeholder page; replace it, but never real content.
            if page.specific_class is Page and page.title == WAGTAIL_WELCOME_TITLE:
                page.delete()
            else:
                raise CommandError(
                    f"A page with the slug 'home' already exists at the root ({page.title!r}); "
                    "move or rename it, then run bootstrap again."
                )
        home = HomePage(
            title=str(structure.HOME_TITLE),
            slug="home",
            summary=str(structure.HOME_SUMMARY),
            locale=english,
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        return home

    def ensure_section(self, home, slug, model_name, title, summary):
        existing = home.get_children().filter(slug=slug).first()
        if existing:
            return existing.specific
        from pages import models

        page = getattr(models, model_name)(title=str(title), slug=slug, summary=str(summary))
        home.add_child(instance=page)
        page.save_revision().publish()
        return page

    def ensure_site(self, home):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=str(structure.HOME_TITLE),
            )
        elif site.root_page_id != home.id:
            site.root_page = home
            site.save()

    def translate_tree(self, pages):
        count = 0
        for code in i18n.TRANSLATION_LANGUAGES:
            locale = Locale.objects.get(language_code=code)
            translator = structure.catalogue_translator(code)
            for page in pages:
                if localization.translation_exists(page, locale):
                    continue
                try:
                    localization.translate(page, locale, translator)
                except localization.MissingTranslations as error:
                    raise CommandError(
                        f"{error}\nThe catalogue locale/{code}/LC_MESSAGES/django.po lacks these "
                        "strings, or it is not compiled (make messages)."
                    ) from error
                count += 1
        return count
