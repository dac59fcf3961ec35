"""A large, realistic dataset for the benchmark, translated into every locale as an editor's would be.

English events, assessments and galleries are created and published like the demo's, each by its
first revision (`bulk_saving.add_published`); each is then translated through wagtail-localize's own
records (TranslationSource, Translation, StringTranslation) and published in the six translation
locales. Two ways of translating are timed in the same run:

- the batched way (`translating`), for each batch of English pages as soon as it is made: one
  transaction per batch, the string translations of a whole batch in all six locales written in
  one bulk statement, each translated page made in memory as wagtail-localize makes it and saved
  once, on PostgreSQL by other processes while this one makes and prepares the next batch; the
  search index updated once per batch instead of on every save, and the change feed and the
  renditions brought up to date once at the end instead of on every publish (`bulk_saving`);
- the plain way, one page and one locale at a time (`editorial.localization.translate`, what the demo
  loader does), for the first few events, at the end.

Both leave the same records behind: a live page whose revision is its latest, the publish in its
history, wagtail-localize's source, string translations and translation log. So the admin can
sync and edit a batched translation as it would an editor's (tests/test_bench.py).
"""

import random
import time
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import override_settings
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from cms import i18n
from demo import media
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

from .bulk_saving import add_published, asynchronous_commits, index_pages, index_references, saving_in_bulk
from .translating import PageWriter, WriterFailed, Writers, prepare

SLUG_PREFIX = "bench-"
PHOTOS_PER_GALLERY = 12
IMAGE_POOL = 24  # galleries share these photos, so renditions are made once per photo
CITIES = ["Tirana", "Baku", "Sarajevo", "Chisinau", "Islamabad", "Ankara", "Istanbul", "Durres", "Mostar"]
SUBJECTS = [
    "identification of victims",
    "national referral mechanisms",
    "labour exploitation",
    "financial investigations",
    "victim-centred interviewing",
    "cross-border cooperation",
    "online recruitment",
    "protection of children",
]


class SeedError(Exception):
    """The dataset cannot be built; the message says why and what to do."""


def pseudo_translation(text: str, language_code: str) -> str:
    """A stand-in translation that keeps a segment's markup valid and is told apart per locale."""
    return f"{text} ({language_code})"


@dataclass
class Timing:
    pages: int = 0
    locales: int = 0
    seconds: float = 0.0

    @property
    def ms_per_page_locale(self) -> float | None:
        done = self.pages * self.locales
        return 1000 * self.seconds / done if done else None


@dataclass
class SeedReport:
    events: int = 0
    assessments: int = 0
    galleries: int = 0
    locales: int = 0  # English included
    english_seconds: float = 0.0
    plain: Timing = field(default_factory=Timing)
    batched: Timing = field(default_factory=Timing)

    def as_dict(self):
        return {
            "events": self.events,
            "assessments": self.assessments,
            "galleries": self.galleries,
            "locales": self.locales,
            "english_seconds": round(self.english_seconds, 1),
            "plain_ms_per_page_locale": _rounded(self.plain.ms_per_page_locale),
            "batched_ms_per_page_locale": _rounded(self.batched.ms_per_page_locale),
            "plain_pages": self.plain.pages,
            "batched_pages": self.batched.pages,
        }


def _rounded(value):
    return None if value is None else round(value, 1)


class Seeder:
    def __init__(
        self, events=1000, plain_pages=3, batch_size=25, progress=None, seed=2017, locales=None, processes=2
    ):
        if events < 1:
            raise SeedError("--events must be at least 1.")
        # English, the source, is always there
        locales = [code for code in locales or i18n.TRANSLATION_LANGUAGES if code != i18n.SOURCE_LANGUAGE]
        unknown = sorted(set(locales) - set(i18n.TRANSLATION_LANGUAGES))
        if unknown:
            raise SeedError(
                f"Not a translation locale: {', '.join(unknown)} "
                f"(choose from {', '.join(i18n.TRANSLATION_LANGUAGES)})."
            )
        self.events = events
        self.plain_pages = min(plain_pages, events - 1)  # galleries show batched events
        self.batch_size = batch_size
        self.progress = progress or (lambda label, done, total: None)
        self.random = random.Random(seed)  # noqa: S311 (repeatable content, not secrets)
        self.english = Locale.objects.get(language_code=i18n.SOURCE_LANGUAGE)
        self.targets = list(Locale.objects.filter(language_code__in=locales))
        if len(self.targets) != len(locales):
            raise SeedError("The locales are missing: run `python manage.py bootstrap` first.")
        self.report = SeedReport(locales=len(self.targets) + 1)
        self.created_events = []  # rich text links point at events made before
        self.processes = processes

    # English content ----------------------------------------------------------------

    def run(self) -> SeedReport:
        # DEBUG would keep (and format) every one of the seeder's millions of queries
        with override_settings(DEBUG=False), asynchronous_commits():
            return self._run()

    def _run(self) -> SeedReport:
        if EventPage.objects.filter(slug__startswith=SLUG_PREFIX).exists():
            raise SeedError(
                "This database already holds a benchmark dataset; seed a fresh one "
                "(make bench does, under var/bench/)."
            )
        self.load_snippets()
        tenth = max(1, self.events // 10)
        self.todo = (2 * tenth + self.events) * (1 + len(self.targets))  # pages in every locale
        self.done = 0
        self.pages_before = self.analyzed = Page.objects.count()
        started = time.perf_counter()
        with saving_in_bulk():
            # the writing processes translate each batch while this one makes the next
            self.writers = Writers(self.english, self.targets, _text, self.processes)
            try:
                assessments = self._create(AssessmentIndexPage, tenth, self._assessment)
                events = self._create(EventIndexPage, self.events, self.build_event, related=assessments)
                # galleries show events translated by then: not those translated the plain way, last
                batched_events = events[self.plain_pages :]
                galleries = self._create(GalleryIndexPage, tenth, self._gallery, related=batched_events)
                self.report.english_seconds = time.perf_counter() - started
                self._translated(self.writers.finish())
            except WriterFailed as error:
                raise SeedError(f"A process writing translations stopped:\n{error}") from error
            finally:
                self.writers.stop()
        batched = len(assessments) + len(batched_events) + len(galleries)
        self.report.batched = Timing(batched, len(self.targets), time.perf_counter() - started)
        self.report.events, self.report.assessments = len(events), len(assessments)
        self.report.galleries = len(galleries)
        # the plain way, as an editor's translations are saved, with nothing deferred
        self._translate_plainly(events[: self.plain_pages])
        return self.report

    def load_snippets(self):
        """Snippets come from the demo (`load_demo`), translated in every locale."""
        complete = len(self.targets) + 1

        def translated(model):
            keys = [
                row["translation_key"]
                for row in model.objects.filter(locale__in=[self.english, *self.targets])
                .values("translation_key")
                .annotate(count=Count("pk"))
                .filter(count=complete)
            ]
            return list(model.objects.filter(locale=self.english, translation_key__in=keys))

        self.countries = translated(Country)
        self.topics = translated(Topic)
        self.organisations = translated(Organisation)
        self.people = translated(Person)
        if not (self.countries and self.topics and self.organisations and self.people):
            raise SeedError("The demo snippets are missing: run `python manage.py load_demo` first.")

    def _create(self, index_model, count, build, related=()):
        """Make and publish `count` English pages under the index page, a batch per transaction,
        each batch then translated (but the first events, translated the plain way at the end)."""
        parent = index_model.objects.get(locale=self.english)
        pages = []
        for start in range(0, count, self.batch_size):
            batch = []
            with transaction.atomic():
                for number in range(start, min(start + self.batch_size, count)):
                    page = build(number, related)
                    add_published(parent, page)
                    batch.append(page)
                    if isinstance(page, EventPage):
                        self.created_events.append(page)
                index_pages(batch)
                index_references(batch)
            pages.extend(batch)
            self._translated(len(batch))
            self._keep_statistics()
            to_translate = [page for page in batch if not self._plain(page)]
            if to_translate:
                prepare(to_translate, self.targets, _text)
                self._translated(self.writers.write([page.pk for page in to_translate]))
        return pages

    def _keep_statistics(self):
        """On PostgreSQL, update the planner's statistics each time the site has doubled.

        PostgreSQL plans each query from its statistics of the tables, which ANALYZE updates (and
        autovacuum, some time after, where it is on). Planned from the statistics of a nearly empty
        site, indexing a batch of new pages read every page of their type, a cost that grew with
        the dataset: at 5,000 events, the database was the one held up."""
        pages = self.pages_before + self.done
        if connection.vendor != "postgresql" or connection.in_atomic_block:
            return
        if pages >= 2 * self.analyzed:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            self.analyzed = pages

    def _plain(self, page):
        return isinstance(page, EventPage) and page in self.created_events[: self.plain_pages]

    def _translated(self, pages_in_locales):
        self.done += pages_in_locales
        self.progress("Pages in every locale", self.done, self.todo)

    def _paragraph(self, number, links):
        subject = self.random.choice(SUBJECTS)
        linked = "".join(f' See also <a linktype="page" id="{page.pk}">{page.title}</a>.' for page in links)
        return RichText(
            f"<p>Session {number} looked at {subject}: practitioners compared cases, the legal "
            f"framework and the support offered to victims, and agreed on next steps.{linked}</p>"
        )

    def build_event(self, number, assessments):
        """An English event with every field filled (not saved), linking to events made before."""
        rng = self.random
        start = date(2016, 1, 1) + timedelta(days=rng.randrange(0, 3000))
        subject = rng.choice(SUBJECTS)
        kind = rng.choice(EventPage.Kind.values)
        earlier = self.created_events
        links = rng.sample(earlier, min(2, len(earlier)))
        page = EventPage(
            title=f"{kind.replace('_', ' ').capitalize()} {number} on {subject}",
            slug=f"{SLUG_PREFIX}event-{number}",
            summary=f"A {kind.replace('_', ' ')} on {subject} for practitioners of the partnership.",
            kind=kind,
            scope=rng.choice(EventPage.Scope.values),
            start_date=start,
            end_date=start + timedelta(days=rng.randrange(0, 4)),
            venue=f"Conference centre {rng.randrange(1, 40)}",
            city=rng.choice(CITIES),
            country=rng.choice(self.countries),
            assessment=rng.choice(assessments) if assessments and rng.random() < 0.3 else None,
            target_audience=[("item", f"Practitioners working on {subject}"), ("item", "Prosecutors")],
            objectives=[("item", f"Strengthen {subject}"), ("item", "Share good practice")],
            body=[
                ("heading", f"What the {kind.replace('_', ' ')} covered"),
                ("paragraph", self._paragraph(1, links)),
                ("paragraph", self._paragraph(2, links[:1])),
                ("paragraph", self._paragraph(3, [])),
            ],
            programme=[
                ("day", {"date": start + timedelta(days=day), "title": f"Day {day + 1}", "focus": subject})
                for day in range(3)
            ],
            learning_points=[("item", f"Learning point {n} on {subject}") for n in range(1, 4)],
            outcomes=[("item", "Participants drafted an action plan")],
            feedback=[("item", "The sessions were practical and well prepared")],
            participants_total=30,
            participants_women=14,
            participants_men=12,
            participant_groups=[
                ("group", {"count": 10, "description": "police officers", "organisation": org})
                for org in rng.sample(self.organisations, min(2, len(self.organisations)))
            ],
        )
        page.organisations = [
            EventOrganisation(organisation=org, role=role)
            for org, role in zip(
                rng.sample(self.organisations, min(3, len(self.organisations))),
                EventOrganisation.Role.values,
                strict=False,
            )
        ]
        page.participating_countries = [
            EventParticipatingCountry(country=country)
            for country in rng.sample(self.countries, min(4, len(self.countries)))
        ]
        page.experts = [
            EventExpert(person=person, role=rng.choice(EventExpert.Role.values))
            for person in rng.sample(self.people, min(3, len(self.people)))
        ]
        page.topics = [EventTopic(topic=topic) for topic in rng.sample(self.topics, min(2, len(self.topics)))]
        return page

    def _assessment(self, number, _related):
        rng = self.random
        title = f"Assessment {number} of the national referral mechanism"
        report = get_document_model()(
            title=f"{title} (PDF)",
            file=ContentFile(media.report_pdf(title, [f"Findings {number}."]), name=f"bench-{number}.pdf"),
        )
        report.save()
        page = AssessmentPage(
            title=title,
            slug=f"{SLUG_PREFIX}assessment-{number}",
            summary="How victims are identified, referred and supported.",
            kind=rng.choice(AssessmentPage.Kind.values),
            country=rng.choice(self.countries),
            publication_date=date(2016, 1, 1) + timedelta(days=rng.randrange(0, 3000)),
            report=report,
            body=[("paragraph", self._paragraph(number, []))],
            recommendations=[("item", f"Recommendation {n}") for n in range(1, 6)],
        )
        page.topics = [
            AssessmentTopic(topic=topic) for topic in rng.sample(self.topics, min(2, len(self.topics)))
        ]
        return page

    def _photos(self):
        if not hasattr(self, "_image_pool"):
            image_model = get_image_model()
            self._image_pool = []
            for number in range(IMAGE_POOL):
                colour = (40 + 8 * number, 90, 160 - 4 * number)
                image = image_model(
                    title=f"Benchmark photo {number}",
                    file=ContentFile(media.illustration(colour, number), name=f"bench-{number}.jpg"),
                )
                image.save()
                self._image_pool.append(image)
        return self.random.sample(self._image_pool, PHOTOS_PER_GALLERY)

    def _gallery(self, number, events):
        event = events[number % len(events)]
        photos = [
            GalleryPhoto(image=image, caption=f"Photo {n} of the event", alt_text=f"Participants, photo {n}")
            for n, image in enumerate(self._photos(), start=1)
        ]
        page = GalleryPage(
            title=f"Photos of {event.title}",
            slug=f"{SLUG_PREFIX}gallery-{number}",
            summary="Photos of the sessions and the participants.",
            event=event,
            date=event.start_date,
            credit="Partnership secretariat",
            cover_photo=photos[0].image,
        )
        page.photos = photos
        return page

    # Translations -------------------------------------------------------------------

    def _translate_plainly(self, pages):
        """Translate these English pages the plain way, one page and one locale at a time."""
        started = time.perf_counter()
        for page in pages:
            for locale in self.targets:
                localization.translate(
                    page, locale, lambda text, code=locale.language_code: _text(text, code)
                )
                self._translated(1)
        self.report.plain = Timing(len(pages), len(self.targets), time.perf_counter() - started)

    def translate_batch(self, pages):
        """Translate and publish these English pages into every target locale, in this process."""
        prepare(pages, self.targets, _text)
        return PageWriter(self.english, self.targets, _text).write([page.pk for page in pages])


def _text(text, language_code):
    return pseudo_translation(text, language_code)
