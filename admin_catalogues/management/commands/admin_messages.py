"""Report, and optionally add, the admin messages a language's catalogue does not translate yet."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms import i18n

from ...sources import DOMAINS, calendar_differences, catalogue_path, coverage, source_messages


class Command(BaseCommand):
    help = (
        "Count the messages of Wagtail, wagtail-localize and django-axes that locale/admin/ does not "
        "translate, and the month and day-period names in dates that differ from CLDR's. --check fails "
        "when any is missing or differs; --update adds the missing ones, untranslated, for a translator "
        "to fill in, and writes CLDR's names."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--language",
            action="append",
            choices=i18n.TRANSLATION_LANGUAGES,
            help="only this language (repeatable); every translation language by default",
        )
        parser.add_argument("--check", action="store_true", help="exit with an error if a message is missing")
        parser.add_argument("--update", action="store_true", help="add missing messages, untranslated")
        parser.add_argument("--list", action="store_true", help="print each missing message")

    def handle(self, *args, language=None, check=False, update=False, list=False, **options):
        missing_total = 0
        for code in language or i18n.TRANSLATION_LANGUAGES:
            for domain in DOMAINS:
                result = coverage(code, domain)
                if not result.total:
                    continue
                missing_total += len(result.missing)
                self.stdout.write(
                    f"{code} {domain}: {result.translated} of {result.total} translated, "
                    f"{len(result.missing)} missing"
                )
                if list:
                    for entry in result.missing:
                        self.stdout.write(f"    {entry.msgid!r}")
                if update and result.missing:
                    self._add_untranslated(code, domain, result.missing)
            total, differing = calendar_differences(code)
            missing_total += len(differing)
            self.stdout.write(
                f"{code} dates: {total - len(differing)} of {total} month and day-period names follow CLDR"
            )
            if list:
                for _context, msgid, cldr in differing:
                    self.stdout.write(f"    {msgid!r} -> {cldr!r}")
            if update and differing:
                self._write_calendar_names(code, differing)
        if check and missing_total:
            raise CommandError(
                f"{missing_total} admin messages have no translation; "
                "run `manage.py admin_messages --update` and translate them in locale/admin/"
            )

    def _write_calendar_names(self, code, names):
        path = catalogue_path(code, "django")
        catalogue = self._catalogue(code, path)
        for context, msgid, cldr in names:
            entry = catalogue.find(msgid, msgctxt=context)
            if entry is None:
                entry = polib.POEntry(msgid=msgid, msgctxt=context, tcomment="CLDR (babel): dates")
                catalogue.append(entry)
            entry.msgstr = cldr
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        catalogue.save(str(path))
        self.stdout.write(f"    wrote {path}")

    def _catalogue(self, code, path):
        if path.exists():
            return polib.pofile(str(path), wrapwidth=0)
        path.parent.mkdir(parents=True, exist_ok=True)
        catalogue = polib.POFile(wrapwidth=0)
        # the project's own catalogue knows the language's plural rule
        project = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / code / "LC_MESSAGES" / "django.po"))
        catalogue.metadata = {
            "Project-Id-Version": "thb-cms admin",
            "Language": code,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": project.metadata["Plural-Forms"],
        }
        return catalogue

    def _add_untranslated(self, code, domain, entries):
        path = catalogue_path(code, domain)
        catalogue = self._catalogue(code, path)
        nplurals = int(catalogue.metadata["Plural-Forms"].split("nplurals=")[1].split(";")[0])
        sources = source_messages(domain)
        for entry in entries:
            if catalogue.find(entry.msgid, msgctxt=entry.msgctxt):
                continue
            _source, app_name = sources[(entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")]
            catalogue.append(
                polib.POEntry(
                    msgid=entry.msgid,
                    msgid_plural=entry.msgid_plural,
                    msgctxt=entry.msgctxt,
                    msgstr="",
                    msgstr_plural={n: "" for n in range(nplurals)} if entry.msgid_plural else {},
                    flags=[flag for flag in entry.flags if flag != "fuzzy"],
                    comment=entry.comment,
                    tcomment=app_name,
                )
            )
        catalogue.save(str(path))
        self.stdout.write(f"    wrote {path}")
