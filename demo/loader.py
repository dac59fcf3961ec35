"""Loads the demo content (pages/demo/content.py) and its translations, idempotently.

Everything is looked up by a natural key first (ISO code, topic code, name, slug, title),
so a second run finds what the first one made and creates nothing.
"""

import json
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.rect import Rect
from wagtail.models import Locale
from wagtail.rich_text import RichText
from wagtail_localize.models import OverridableSegment, SegmentOverride, Translation, TranslationSource

from cms import i18n
from editorial import localization
from pages.models import (
    AssessmentIndexPage,
    AssessmentPage,
    AssessmentTopic,
    Country,
    EventExpert,
    EventIndexPage,
    EventOrganisation,
    EventPage,
    EventParticipatingCountry,
    EventTopic,
    GalleryIndexPage,
    GalleryPage,
    GalleryPhoto,
    Organisation,
    Person,
    Topic,
)

from . import content, media

TRANSLATIONS_DIR = Path(__file__).parent / "translations"


class DemoError(Exception):
    """The demo cannot be loaded; the message says why and what to do."""


def load_translations(language_code: str) -> dict[str, str]:
    path = TRANSLATIONS_DIR / f"{language_code}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise DemoError(f"The demo translations {path.name} are missing.") from error
    except json.JSONDecodeError as error:
        raise DemoError(f"{path.name} is not valid JSON: {error}") from error


class DemoLoader:
    def __init__(self, report=print):
        self.report = report
        self.english = Locale.objects.get(language_code=i18n.SOURCE_LANGUAGE)
        self.created = 0

    def run(self):
        event_index = self._section(EventIndexPage)
        assessment_index = self._section(AssessmentIndexPage)
        gallery_index = self._section(GalleryIndexPage)
        with transaction.atomic():
            snippets = self.load_snippets()
            assessments = [self.load_assessment(assessment_index, item) for item in content.ASSESSMENTS]
            events = [self.load_event(event_index, item) for item in content.EVENTS]
            gallery = self.load_gallery(gallery_index, content.GALLERY)
        self.report(f"English content ready ({self.created} object(s) created).")
        pages = [
            page
            for page, item in [
                *zip(events, content.EVENTS, strict=True),
                *zip(assessments, content.ASSESSMENTS, strict=True),
                (gallery, content.GALLERY),
            ]
            if item.get("translated")
        ]
        translated = self.translate([*snippets, *pages])
        self.report(f"Translations ready ({translated} translation(s) created).")
        for assessment, item in zip(assessments, content.ASSESSMENTS, strict=True):
            for code in item.get("report_translations", []):
                self.translate_report(assessment, code)

    # English content -----------------------------------------------------------------

    def _section(self, model):
        page = model.objects.filter(locale=self.english).first()
        if page is None:
            raise DemoError("The site structure is missing: run `python manage.py bootstrap` first.")
        return page

    def _get_or_create(self, model, lookup, **fields):
        instance = model.objects.filter(locale=self.english, **lookup).first()
        if instance is None:
            instance = model(locale=self.english, **lookup, **fields)
            instance.full_clean()
            instance.save()
            self.created += 1
        return instance

    def load_snippets(self):
        self.countries = {
            code: self._get_or_create(Country, {"iso_code": code}, role=role)
            for code, role in content.COUNTRIES
        }
        self.topics = {
            code: self._get_or_create(Topic, {"code": code}, name=name) for code, name in content.TOPICS
        }
        self.organisations = {
            key: self._get_or_create(
                Organisation,
                {"name": name},
                acronym=acronym,
                country=self.countries.get(country),
                website=website,
            )
            for key, (name, acronym, country, website) in content.ORGANISATIONS.items()
        }
        self.people = {
            key: self._get_or_create(
                Person,
                {"name": name},
                honorific=honorific,
                role=role,
                organisation=self.organisations.get(organisation),
            )
            for key, (honorific, name, role, organisation) in content.PEOPLE.items()
        }
        return [
            *self.countries.values(),
            *self.topics.values(),
            *self.organisations.values(),
            *self.people.values(),
        ]

    def _existing_child(self, parent, slug):
        page = parent.get_children().filter(slug=slug).first()
        return page.specific if page else None

    def _publish_new(self, parent, page):
        parent.add_child(instance=page)  # validates the page (Page.save runs full_clean)
        page.save_revision().publish()
        self.created += 1
        return page

    def _body(self, blocks, slug=""):
        return [
            self._block(kind, value, slug, number) for number, (kind, value) in enumerate(blocks, start=1)
        ]

    def _block(self, kind, value, slug, number):
        if kind == "paragraph":
            return kind, RichText(f"<p>{value}</p>")
        if kind == "image":
            caption, alt_text, colour = value
            image = self._image(caption, f"{slug}-body-{number}.jpg", media.illustration(colour, number))
            return kind, {"image": image, "caption": caption, "alt_text": alt_text}
        if kind == "document":  # the report of the assessment with this slug
            report = AssessmentPage.objects.get(locale=self.english, slug=value).report
            return kind, {"document": report, "title": ""}
        return kind, value

    def _lead_image(self, item):
        if "lead_image" not in item:
            return {}
        caption, alt_text, colour, (x, y, width, height) = item["lead_image"]
        image = self._image(
            f"{caption} (lead image)", f"{item['slug']}-lead.jpg", media.illustration(colour, 0)
        )
        if image.focal_point_x is None:  # the part of the picture every crop keeps
            image.set_focal_point(Rect.from_point(x, y, width, height))
            image.save(
                update_fields=["focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height"]
            )
        return {"lead_image": image, "lead_image_alt_text": alt_text, "lead_image_caption": caption}

    @staticmethod
    def _items(texts):
        return [("item", text) for text in texts]

    def load_event(self, parent, item):
        existing = self._existing_child(parent, item["slug"])
        if existing:
            return existing
        total, women, men = item.get("participants", (None, None, None))
        page = EventPage(
            title=item["title"],
            slug=item["slug"],
            summary=item["summary"],
            kind=item["kind"],
            scope=item["scope"],
            start_date=item["start_date"],
            end_date=item["end_date"],
            venue=item.get("venue", ""),
            city=item.get("city", ""),
            country=self.countries.get(item.get("country")),
            target_audience=self._items(item.get("target_audience", [])),
            objectives=self._items(item.get("objectives", [])),
            body=self._body(item.get("body", []), item["slug"]),
            assessment=AssessmentPage.objects.filter(
                locale=self.english, slug=item.get("assessment")
            ).first(),
            **self._lead_image(item),
            programme=[
                ("day", {"date": day, "title": title, "focus": focus})
                for day, title, focus in item.get("programme", [])
            ],
            learning_points=self._items(item.get("learning_points", [])),
            outcomes=self._items(item.get("outcomes", [])),
            feedback=self._items(item.get("feedback", [])),
            participants_total=total,
            participants_women=women,
            participants_men=men,
            participant_groups=[
                (
                    "group",
                    {
                        "count": count,
                        "description": description,
                        "organisation": self.organisations.get(organisation),
                    },
                )
                for count, description, organisation in item.get("participant_groups", [])
            ],
        )
        page.organisations = [
            EventOrganisation(organisation=self.organisations[key], role=role)
            for key, role in item.get("organisations", [])
        ]
        page.participating_countries = [
            EventParticipatingCountry(country=self.countries[code])
            for code in item.get("participating_countries", [])
        ]
        page.experts = [
            EventExpert(person=self.people[key], role=role) for key, role in item.get("experts", [])
        ]
        page.topics = [EventTopic(topic=self.topics[code]) for code in item.get("topics", [])]
        return self._publish_new(parent, page)

    def load_assessment(self, parent, item):
        existing = self._existing_child(parent, item["slug"])
        if existing:
            return existing
        paragraphs = [text if isinstance(text, str) else "; ".join(text) for _kind, text in item["body"]]
        report = self._document(
            f"{item['title']} (PDF)",
            f"{item['slug']}.pdf",
            media.report_pdf(item["title"], [item["summary"], *paragraphs, *item.get("recommendations", [])]),
        )
        page = AssessmentPage(
            title=item["title"],
            slug=item["slug"],
            summary=item["summary"],
            kind=item["kind"],
            country=self.countries[item["country"]],
            report=report,
            body=self._body(item["body"]),
            recommendations=self._items(item.get("recommendations", [])),
        )
        page.topics = [AssessmentTopic(topic=self.topics[code]) for code in item.get("topics", [])]
        return self._publish_new(parent, page)

    def load_gallery(self, parent, item):
        existing = self._existing_child(parent, item["slug"])
        if existing:
            return existing
        event = EventPage.objects.get(locale=self.english, slug=item["event"])
        photos = [
            GalleryPhoto(
                image=self._image(
                    caption, f"{item['slug']}-{number}.jpg", media.illustration(colour, number)
                ),
                caption=caption,
                alt_text=alt_text,
            )
            for number, (caption, alt_text, colour) in enumerate(item["photos"], start=1)
        ]
        page = GalleryPage(
            title=item["title"],
            slug=item["slug"],
            summary=item["summary"],
            event=event,
            date=item["date"],
            credit=item["credit"],
            cover_photo=photos[0].image,
        )
        page.photos = photos
        return self._publish_new(parent, page)

    def _image(self, title, filename, data):
        image_model = get_image_model()
        image = image_model.objects.filter(title=title).first()
        if image is None:
            image = image_model(title=title, file=ContentFile(data, name=filename))
            image.save()
            self.created += 1
        return image

    def _document(self, title, filename, data):
        document_model = get_document_model()
        document = document_model.objects.filter(title=title).first()
        if document is None:
            document = document_model(title=title, file=ContentFile(data, name=filename))
            document.save()
            document.get_file_hash()  # as the admin's upload form sets it: the download's ETag
            self.created += 1
        return document

    # Translations --------------------------------------------------------------------

    def translate_report(self, assessment, code):
        """The report in `code`'s own language, replacing the English PDF there as an editor's
        override would; skipped when that language already has its own."""
        locale = Locale.objects.get(language_code=code)
        source, _created = TranslationSource.get_or_create_from_instance(assessment)
        segment = OverridableSegment.objects.get(source=source, context__path="report")
        if SegmentOverride.objects.filter(locale=locale, context=segment.context).exists():
            return
        catalogue = load_translations(code)
        title, summary = catalogue[assessment.title], catalogue[assessment.summary]
        pdf = media.report_pdf(title, [summary])
        report = self._document(f"{title} (PDF)", f"{assessment.slug}-{code}.pdf", pdf)
        SegmentOverride.objects.create(
            locale=locale, context=segment.context, data_json=json.dumps(report.pk)
        )
        Translation.objects.get(source=source, target_locale=locale).save_target(publish=True)
        self.report(f"  {i18n.locale_info(code).english_name}: its own report of {assessment.title}")

    def translate(self, objects):
        created = 0
        for code in i18n.TRANSLATION_LANGUAGES:
            catalogue = load_translations(code)
            locale = Locale.objects.get(language_code=code)
            pending = [obj for obj in objects if not localization.translation_exists(obj, locale)]
            for obj in pending:
                try:
                    localization.translate(obj, locale, catalogue.get)
                except localization.MissingTranslations as error:
                    raise DemoError(f"{error}\nAdd them to pages/demo/translations/{code}.json.") from error
            created += len(pending)
            self.report(f"  {i18n.locale_info(code).english_name}: {len(pending)} new translation(s)")
        return created
