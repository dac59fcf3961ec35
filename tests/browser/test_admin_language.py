"""The admin speaks each editor's language: at most 5% of the words on their screens are English.

Each translation language's editor and reviewer open the screens of their daily work in Chromium:
the dashboard, the page explorer, the translation editor (with its PO upload), starting and syncing
a translation, the status overview, a reviewer's dashboard and the workflow history. The words
shown are counted after the content is taken out (titles, segments, names, which are the editors'
own text or English on purpose), and a word counts as English when the English admin uses it and
the language's own admin catalogues never do ("PDF", "Wagtail" and the like are shared; see
tests/english_words.py).

The shares are written to test-results/browser/admin-language-<code>.md; a failure lists the English
words left on each screen.
"""

import pytest

from cms import i18n
from tests.browser.served import CHROMIUM, SHOTS, Requests, chromium, log_in, serve
from tests.english_words import MOST_ENGLISH, english_in, words_of

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"),
    pytest.mark.slow,
]
pytest.importorskip("playwright.sync_api")

SETUP = """
import json
from django.contrib.auth import get_user_model
from wagtail.images import get_image_model
from wagtail.documents import get_document_model
from wagtail.models import Page, Task, Workflow
from wagtail_localize.models import String, Translation
from pages.models import EventPage
from pages import models as content
from glossary.models import GlossaryTerm

english = EventPage.objects.get(locale__language_code="en", slug="dgmm-awareness-training-adana-2016")
facts = {}
for code in %(codes)r:
    event = EventPage.objects.get(translation_key=english.translation_key, locale__language_code=code)
    translation = Translation.objects.get(
        source__object_id=english.translation_key, target_locale__language_code=code
    )
    editor = get_user_model().objects.get(username=f"{code}-editor")
    event.save_revision(user=editor)
    event.get_workflow().start(event, editor)
    facts[code] = {
        "home": Page.objects.get(depth=2, locale__language_code=code).pk,
        "event": event.pk,
        "source": translation.source_id,
        "english": english.pk,
    }
content_text = set(Page.objects.values_list("title", flat=True))
content_text |= set(String.objects.values_list("data", flat=True))
content_text |= set(Workflow.objects.values_list("name", flat=True))  # named by moderators
content_text |= set(Task.objects.values_list("name", flat=True))
for term in GlossaryTerm.objects.all():  # the partnership's terms, the reviewers' own notes
    content_text |= {term.english_term, term.translation, term.note}
for model in (get_image_model(), get_document_model()):
    content_text |= set(model.objects.values_list("title", flat=True))
for model in (content.Country, content.Organisation, content.Person, content.Topic):
    content_text |= {str(item) for item in model.objects.all()}
for user in get_user_model().objects.all():
    content_text |= {user.username, user.get_full_name(), user.first_name, user.last_name, user.email}
facts["content"] = sorted((text for text in content_text if text), key=len, reverse=True)
print(json.dumps(facts))
"""


def screens(facts):
    """(name, user role, path, selector to wait for) of the screens each language is measured on."""
    editor, event = ".js-translation-editor", f"/admin/pages/{facts['event']}"
    return [
        ("dashboard", "editor", "/admin/", "main"),
        ("page explorer", "editor", f"/admin/pages/{facts['home']}/", "main table"),
        ("translation editor", "editor", f"{event}/edit/", f"{editor} button"),
        ("start a translation", "editor", f"/admin/localize/submit/page/{facts['english']}/", "main form"),
        ("sync", "editor", f"/admin/localize/update/{facts['source']}/", "main form"),
        ("status overview", "editor", "/admin/translation-status/", "main table"),
        ("images", "editor", "/admin/images/", "main"),
        ("documents", "editor", "/admin/documents/", "main"),
        ("account", "editor", "/admin/account/", "main form"),
        ("glossary", "editor", "/admin/glossary/", "main"),
        ("new glossary term", "editor", "/admin/glossary/new/", "main form"),
        ("reviewer's dashboard", "reviewer", "/admin/", "main"),
        ("workflow history", "reviewer", f"{event}/workflow_history/", "main"),
        ("review in the editor", "reviewer", f"{event}/edit/", editor),
    ]


# Not words on the screen: the choices of a closed list (every time zone) and text for screen readers.
HIDDEN = "select, datalist, .w-sr-only, .visuallyhidden { display: none !important; }"


def visible_words(page, content) -> list[str]:
    page.add_style_tag(content=HIDDEN)
    return words_of(page.evaluate("() => document.body.innerText"), content)


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    logins = [f"{code}-{role}" for code in i18n.TRANSLATION_LANGUAGES for role in ("editor", "reviewer")]
    yield from serve(
        django_db_blocker, tmp_path_factory, logins, SETUP % {"codes": list(i18n.TRANSLATION_LANGUAGES)}
    )


@pytest.fixture(scope="module")
def browser():
    yield from chromium()


@pytest.mark.parametrize("code", i18n.TRANSLATION_LANGUAGES)
def test_the_admin_speaks_the_editors_language(site, browser, code):
    facts, content = site.facts[code], site.facts["content"]
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    requests = Requests(page)
    too_english, signed_in = {}, None
    report = ["| screen | words | English | share | English words left |", "|---|---|---|---|---|"]
    for name, role, path, ready in screens(facts):
        if role != signed_in:
            log_in(page, site.base, f"{code}-{role}")
            signed_in = role
        response = page.goto(site.base + path)
        assert response.status == 200, (name, path, response.status)
        page.wait_for_selector(ready)
        requests.settle()
        words = visible_words(page, content)
        share, left = english_in(words, code)
        report.append(
            f"| {name} | {len(words)} | {sum(left.values())} | {share:.1%} | "
            + ", ".join(sorted(left))
            + " |"
        )
        if share > MOST_ENGLISH:
            too_english[name] = (f"{share:.1%}", dict(left.most_common()))
            shot = SHOTS / f"admin-language-{code}-{name.replace(' ', '-')}.png"
            page.screenshot(path=shot, full_page=True)
    (SHOTS / f"admin-language-{code}.md").write_text("\n".join(report) + "\n")
    assert not too_english, too_english


MIXED_RUNS = """() => [...document.querySelectorAll("main a, main b, main strong, main time")]
    .filter((el) => /[A-Za-z]/.test(el.innerText) && /[\\u0600-\\u06FF]/.test(el.parentElement.innerText))
    .map((el) => [el.innerText.trim(), getComputedStyle(el).unicodeBidi])"""


def test_names_inside_urdu_sentences_keep_their_own_direction(site, browser):
    """A Latin name or title inside an Urdu sentence is laid out as a unit ("ur-editor", an English
    title), so the numbers and punctuation around it stay where the sentence puts them."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    log_in(page, site.base, "ur-reviewer")
    mixed = []
    for path in ("/admin/", f"/admin/pages/{site.facts['ur']['event']}/workflow_history/"):
        page.goto(site.base + path)
        mixed += page.evaluate(MIXED_RUNS)
    assert mixed, "no Latin name inside Urdu text on these screens"
    assert all(direction == "plaintext" for _text, direction in mixed), mixed
