from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.glossary import ensure_demo_glossary
from demo.loader import DemoError, DemoLoader
from demo.users import ensure_demo_users


class Command(BaseCommand):
    help = (
        "Load the partnership's news (eight events, two assessments, a photo gallery) with "
        "translations into all six languages, a glossary of its terms, and demo logins for every "
        "editorial role. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        if not settings.DEMO_ALLOWED:
            raise CommandError(
                "load_demo creates demo logins (a superuser named admin and one login per editorial "
                "role) and refuses to run with the production settings (cms.settings.production). "
                "Load the demo in development (cms.settings.dev) only."
            )
        try:
            DemoLoader(report=self.stdout.write).run()
        except DemoError as error:
            raise CommandError(str(error)) from error
        terms = ensure_demo_glossary()
        if terms:
            self.stdout.write(f"{terms} glossary term(s) added.")
        created = ensure_demo_users()
        if created:
            self.stdout.write(f"{len(created)} demo login(s) created.")
        if settings.DEMO_LOGINS_FILE.exists():
            self.stdout.write(self.style.SUCCESS(f"Demo logins are in {settings.DEMO_LOGINS_FILE}"))
