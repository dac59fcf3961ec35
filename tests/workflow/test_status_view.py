"""The translation status overview shows where every item stands in each language, and what is next."""

import csv
import io
import re
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from cms import i18n
from editorial import localization
from editorial.translation_state import translation_states, translation_states_by_locale
from pages.models import Organisation, Person, Topic

pytestmark = pytest.mark.django_db

ALL = list(i18n.TRANSLATION_LANGUAGES)
TRANSLATED_PAGES = {
    "media-reporting-workshop-2017",
    "dgmm-awareness-training-adana-2016",
    "training-seminar-tirana-2016",
    "nrm-assessment-bosnia-and-herzegovina",
    "media-reporting-workshop-2017-photos",
}
UNTRANSLATED_PAGES = {
    "albania-wales-exchange-workshop-2017",
    "turkish-delegation-lisbon-2016",
    "bosnian-delegation-netherlands-2016",
    "multi-agency-training-izmir-2016",
    "dgmm-awareness-training-izmir-2016",
    "nrm-overview-albania",
}


def url(**params):
    base = reverse("editorial_translation_status")
    return f"{base}?{urlencode(params)}" if params else base


@pytest.fixture
def english_pages():
    return {page.slug: page.specific for page in Page.objects.filter(locale__language_code="en", depth__gt=3)}


@pytest.fixture
def adana(english_pages):
    return english_pages["dgmm-awareness-training-adana-2016"]


def speaking(user, language_code):
    """The user, with the admin in `language_code`."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language_code
    profile.save()
    return user


def cells_by_row(response):
    """{(kind, English pk): {language code: cell}} from the view's context."""
    return {
        (row.kind.key, row.pk): {cell.language_code: cell for cell in row.cells}
        for row in response.context["rows"]
    }


def page_cells(response, page):
    return cells_by_row(response)[(type(page).__name__.removesuffix("Page").lower(), page.pk)]


def statuses(response, page):
    return {code: cell.status for code, cell in page_cells(response, page).items()}


def source_of(instance):
    return TranslationSource.objects.get(object_id=instance.translation_key, locale__language_code="en")


def drop_one_translated_segment(page, code):
    """Delete one StringTranslation of a translation (its summary), so it falls back to English."""
    deleted, _ = StringTranslation.objects.filter(
        locale__language_code=code,
        translation_of__segments__source=source_of(page),
        translation_of__data=page.summary,
    ).delete()
    assert deleted


# The matrix ---------------------------------------------------------------------------


def test_the_menu_leads_to_the_overview(admin_client):
    home = admin_client.get(reverse("wagtailadmin_home"))
    assert url() in home.content.decode()
    response = admin_client.get(url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Translation status" in html
    assert 'data-locale="ur" data-status="published"' in html


def test_every_editor_with_admin_access_may_open_it(client, member):
    client.force_login(member("Content editors"))
    assert client.get(url()).status_code == 200


def test_the_demo_data_is_shown_as_loaded(admin_client, english_pages):
    response = admin_client.get(url())
    assert [info.code for info in response.context["columns"]] == ALL
    rows = cells_by_row(response)
    assert len([key for key in rows if key[0] in ("event", "assessment", "gallery")]) == 11
    for slug in TRANSLATED_PAGES:
        page = english_pages[slug]
        assert statuses(response, page) == dict.fromkeys(ALL, "published"), slug
        for code, cell in page_cells(response, page).items():
            translated = page.get_translations().get(locale__language_code=code)
            assert cell.url == reverse("wagtailadmin_pages:edit", args=[translated.pk])
            assert not cell.incomplete
    for slug in UNTRANSLATED_PAGES:
        page = english_pages[slug]
        assert statuses(response, page) == dict.fromkeys(ALL, "missing"), slug
        submit = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
        assert page_cells(response, page)["sq"].url == f"{submit}?select_locale=sq"
    # The demo translated every organisation, person and topic.
    snippet_rows = {
        key: cells for key, cells in rows.items() if key[0] in ("organisation", "person", "topic")
    }
    assert len(snippet_rows) == sum(
        model.objects.filter(locale__language_code="en").count() for model in (Organisation, Person, Topic)
    )
    assert {cell.status for cells in snippet_rows.values() for cell in cells.values()} == {"published"}


def test_the_cells_link_to_their_next_step(admin_client, english_pages):
    response = admin_client.get(url())
    html = response.content.decode()
    page = english_pages["nrm-overview-albania"]
    submit = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    assert f'href="{submit}?select_locale=tr"' in html
    gallery = english_pages["media-reporting-workshop-2017-photos"]
    urdu = gallery.get_translations().get(locale__language_code="ur")
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[urdu.pk])}"' in html
    # The translation editor opens from a "published" cell.
    assert admin_client.get(reverse("wagtailadmin_pages:edit", args=[urdu.pk])).status_code == 200


def test_a_republished_source_makes_its_translations_outdated(admin_client, adana):
    adana.summary = "A new summary in English."
    adana.save_revision().publish()
    response = admin_client.get(url())
    assert statuses(response, adana) == dict.fromkeys(ALL, "outdated")
    sync = reverse("wagtail_localize:update_translations", args=[source_of(adana).pk])
    azerbaijani = adana.get_translations().get(locale__language_code="az")
    back = reverse("wagtailadmin_pages:edit", args=[azerbaijani.pk])
    assert page_cells(response, adana)["az"].url == f"{sync}?{urlencode({'next': back})}"
    assert admin_client.get(sync).status_code == 200


def test_a_sync_makes_them_published_again(admin_client, adana):
    adana.save_revision().publish()
    TranslationSource.update_or_create_from_instance(adana)
    assert statuses(admin_client.get(url()), adana) == dict.fromkeys(ALL, "published")


def test_a_translation_draft_is_in_progress_with_its_share_translated(admin_client, english_pages):
    page = english_pages["albania-wales-exchange-workshop-2017"]
    turkish = Locale.objects.get(language_code="tr")
    localization.translate(page, turkish, lambda text: f"[tr] {text}", publish=False)
    draft = page.get_translations().get(locale=turkish)
    assert not draft.live

    response = admin_client.get(url())
    cell = page_cells(response, page)["tr"]
    assert (cell.status, cell.percent) == ("in_progress", 100)
    assert cell.url == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert statuses(response, page)["sq"] == "missing"

    drop_one_translated_segment(page, "tr")
    total = StringSegment.objects.filter(source=source_of(page)).count()
    response = admin_client.get(url(locale="tr"))
    cell = page_cells(response, page)["tr"]
    assert cell.status == "in_progress" and cell.percent == (total - 1) * 100 // total < 100
    assert f"{cell.percent}%" in response.content.decode()


def test_a_translation_in_moderation_awaits_review(admin_client, member, adana):
    editor = member("Turkish editors")
    turkish = adana.get_translations().get(locale__language_code="tr").specific
    turkish.save_revision(user=editor)
    turkish.get_workflow().start(turkish, editor)
    response = admin_client.get(url())
    cell = page_cells(response, adana)["tr"]
    assert cell.status == "awaiting_review"
    assert cell.url == reverse("wagtailadmin_pages:edit", args=[turkish.pk])
    assert statuses(response, adana)["az"] == "published"


def test_a_live_translation_with_english_segments_is_incomplete(admin_client, adana):
    drop_one_translated_segment(adana, "sq")
    response = admin_client.get(url())
    cells = page_cells(response, adana)
    assert cells["sq"].status == "published" and cells["sq"].incomplete
    assert not cells["tr"].incomplete
    assert 'data-locale="sq" data-status="published" data-incomplete' in response.content.decode()


def test_snippets_missing_and_outdated(admin_client):
    english = Locale.objects.get(language_code="en")
    topic = Topic.objects.create(locale=english, name="Labour exploitation", code="labour-exploitation")
    organisation = Organisation.objects.filter(locale=english).first()
    log(organisation, "wagtail.edit", content_changed=True)  # what the snippet edit view records

    response = admin_client.get(url())
    rows = cells_by_row(response)
    submit = reverse("wagtail_localize:submit_snippet_translation", args=["pages", "topic", topic.pk])
    assert rows[("topic", topic.pk)]["ro"].status == "missing"
    assert rows[("topic", topic.pk)]["ro"].url == f"{submit}?select_locale=ro"
    assert {cell.status for cell in rows[("organisation", organisation.pk)].values()} == {"outdated"}
    sync = reverse("wagtail_localize:update_translations", args=[source_of(organisation).pk])
    urdu = organisation.get_translations().get(locale__language_code="ur")
    back = reverse("wagtailsnippets_pages_organisation:edit", args=[urdu.pk])
    assert rows[("organisation", organisation.pk)]["ur"].url == f"{sync}?{urlencode({'next': back})}"


# Filters and export ---------------------------------------------------------------------


def test_filter_by_locale_type_and_status(admin_client, english_pages, adana):
    response = admin_client.get(url(locale="bs"))
    assert [info.code for info in response.context["columns"]] == ["bs"]
    assert all(len(row.cells) == 1 for row in response.context["rows"])

    response = admin_client.get(url(type="gallery"))
    assert [row.title for row in response.context["rows"]] == [
        english_pages["media-reporting-workshop-2017-photos"].title
    ]

    response = admin_client.get(url(status="missing"))
    assert {row.pk for row in response.context["rows"]} == {
        english_pages[slug].pk for slug in UNTRANSLATED_PAGES
    }

    adana.save_revision().publish()
    response = admin_client.get(url(status="outdated", locale="ro", type="event"))
    assert [row.pk for row in response.context["rows"]] == [adana.pk]
    assert not cells_by_row(admin_client.get(url(status="awaiting_review")))


@pytest.mark.parametrize(
    "params", [{"locale": "xx"}, {"type": "page"}, {"status": "lost"}, {"locale": "en", "format": "csv"}]
)
def test_an_invalid_filter_is_a_form_error(admin_client, params):
    response = admin_client.get(url(**params))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert response.context["form"].errors
    assert "Select a valid choice" in response.content.decode()
    assert response.context["rows"] == []


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_csv_export_holds_the_filtered_matrix(admin_client, english_pages, adana):
    adana.save_revision().publish()
    header, *rows = read_csv(admin_client.get(url(type="event", format="csv")))
    assert header == ["Type", "Title", *ALL]
    assert len(rows) == 8
    by_title = {row[1]: row for row in rows}
    assert by_title[adana.title] == ["Event", adana.title, *["outdated"] * 6]
    tirana = english_pages["training-seminar-tirana-2016"]
    assert by_title[tirana.title][2:] == ["published"] * 6
    lisbon = english_pages["turkish-delegation-lisbon-2016"]
    assert by_title[lisbon.title][2:] == ["missing"] * 6

    header, *rows = read_csv(admin_client.get(url(locale="tr", status="published", format="csv")))
    assert header == ["Type", "Title", "tr"]
    assert {row[0] for row in rows} >= {"Assessment", "Gallery", "Organisation", "Person", "Topic"}
    assert adana.title not in {row[1] for row in rows}  # outdated, not published
    assert all(row[2] == "published" for row in rows)


def test_the_csv_export_speaks_english_and_marks_incomplete_translations(client, member, adana):
    drop_one_translated_segment(adana, "ur")
    client.force_login(speaking(member("Urdu reviewers"), "ur"))
    assert client.get(url()).context["columns"][0].code == "ur"  # the admin is in Urdu
    header, *rows = read_csv(client.get(url(type="event", format="csv")))
    assert header == ["Type", "Title", "ur"]
    assert [row for row in rows if row[1] == adana.title] == [
        ["Event", adana.title, "published (incomplete)"]
    ]


def test_the_csv_link_keeps_the_filters(admin_client):
    response = admin_client.get(url(locale="az", status="missing"))
    assert response.context["csv_url"] == url(locale="az", status="missing", format="csv")
    # "All languages" stays explicit, so that a national editor's export is not narrowed to their own.
    response = admin_client.get(url(locale=""))
    assert response.context["csv_url"] == url(locale="", format="csv")


@pytest.mark.parametrize(
    ("language", "label"), [("en", "Download CSV"), ("sq", "Shkarko CSV"), ("ur", "CSV ڈاؤن لوڈ کریں")]
)
def test_the_csv_button_shows_its_label(client, member, language, label):
    client.force_login(speaking(member("Moderators"), language))
    html = client.get(url()).content.decode()
    [button] = re.findall(r'<a [^>]*href="[^"]*format=csv"[^>]*>.*?</a>', html, flags=re.S)
    assert re.sub(r"<[^>]+>", "", button).strip() == label
    # Wagtail sizes an icon in a button--icon only: otherwise the SVG is 300px wide in a browser
    # and pushes the label out of the button
    assert re.search(r'class="[^"]*\bbutton--icon\b', button)


def test_no_submit_button_for_a_user_who_may_not_edit_the_translation(client, django_user_model, adana):
    """wagtail-localize's translate permission, without page permissions: the overview, no submitting."""
    coordinators = Group.objects.create(name="Translation coordinators")
    coordinators.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="wagtail_localize", codename="submit_translation"),
    )
    coordinator = django_user_model.objects.create_user("coordinator", password="pw")
    coordinator.groups.add(coordinators)
    client.force_login(coordinator)
    response = client.get(url())
    albanian = page_cells(response, adana)["sq"]
    assert albanian.status == "published" and albanian.submit_url == ""
    assert "thb-status-submit" not in response.content.decode()
    translation = adana.get_translations().get(locale__language_code="sq")
    response = client.post(reverse("editorial_submit_translation", args=(translation.pk,)))
    assert response.status_code in (302, 403)  # the admin turns a refusal into a redirect home
    translation.refresh_from_db()
    assert not translation.workflow_in_progress  # the button would not have worked


def test_those_who_may_edit_keep_the_submit_button(client, member, adana):
    client.force_login(member("Albanian editors"))
    albanian = page_cells(client.get(url()), adana)["sq"]
    translation = adana.get_translations().get(locale__language_code="sq")
    assert albanian.submit_url == reverse("editorial_submit_translation", args=(translation.pk,))


# National editors ------------------------------------------------------------------------


@pytest.mark.parametrize("group", ["Turkish editors", "Turkish reviewers"])
def test_a_turkish_editor_sees_the_turkish_column_by_default(client, member, group):
    client.force_login(member(group))
    response = client.get(url())
    assert [info.code for info in response.context["columns"]] == ["tr"]
    assert 'data-locale="az"' not in response.content.decode()
    # They can still look at another language, or at all of them.
    assert [info.code for info in client.get(url(locale="az")).context["columns"]] == ["az"]
    assert [info.code for info in client.get(url(locale="")).context["columns"]] == ALL


@pytest.mark.parametrize("groups", [["Moderators"], ["Turkish editors", "Albanian reviewers"]])
def test_others_see_every_language_by_default(client, member, groups):
    client.force_login(member(*groups))
    assert [info.code for info in client.get(url()).context["columns"]] == ALL


def test_the_overview_speaks_the_editors_language(client, member):
    client.force_login(speaking(member("Turkish editors"), "tr"))
    html = client.get(url()).content.decode()
    assert "Çeviri durumu" in html and "Yayımlandı" in html


# Cost ---------------------------------------------------------------------------------------


def copies_of(page, count):
    """More English events, so that the matrix has more rows."""
    copies = []
    for number in range(count):
        copy = page.copy(
            update_attrs={"title": f"{page.title} ({number})", "slug": f"{page.slug}-{number}"},
            keep_live=True,
        )
        copies.append(copy.specific)
    return copies


def count_queries(client, address):
    with CaptureQueriesContext(connection) as context:
        assert client.get(address).status_code == 200
    return len(context.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_rows(
    admin_client, adana, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    admin_client.get(url())  # warm the content type cache and the session
    with django_assert_max_num_queries(25):
        response = admin_client.get(url())
    assert len(response.context["rows"]) > 50  # 11 pages and the snippets, by six locales
    every_column = count_queries(admin_client, url(locale=""))
    assert count_queries(admin_client, url(locale="tr")) == every_column
    events = count_queries(admin_client, url(type="event"))

    new_events = copies_of(adana, 3)
    turkish = Locale.objects.get(language_code="tr")
    localization.translate(new_events[0], turkish, lambda text: f"[tr] {text}", publish=False)
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        localization.translate(new_events[1], turkish, lambda text: f"[tr] {text}")
    after = admin_client.get(url(type="event"))
    assert len(after.context["rows"]) == 8 + 3
    assert statuses(after, new_events[0])["tr"] == "in_progress"
    assert statuses(after, new_events[1])["tr"] == "published"
    assert count_queries(admin_client, url(type="event")) == events
    assert count_queries(admin_client, url(locale="")) == every_column


def test_states_by_locale_agree_with_the_api_function(english_pages, django_assert_num_queries):
    keys = [page.translation_key for page in english_pages.values()]
    keys += list(Organisation.objects.values_list("translation_key", flat=True))
    drop_one_translated_segment(english_pages["dgmm-awareness-training-adana-2016"], "bs")
    with django_assert_num_queries(2):
        by_locale = translation_states_by_locale(keys, ["en", *ALL])
    assert by_locale["en"] == {}
    for code in ALL:
        single = translation_states(keys, code)
        assert set(single) == set(by_locale[code])
        for key, state in single.items():
            sourced = by_locale[code][key]
            assert (sourced.status, sourced.total_segments, sourced.translated_segments) == (
                state.status,
                state.total_segments,
                state.translated_segments,
            )
            assert (
                sourced.source_id
                == TranslationSource.objects.get(object_id=key, locale__language_code="en").pk
            )


def test_an_outdated_translation_is_synced_before_it_is_submitted(client, member, adana):
    """Submitting before the sync would send the old text to review: the cell offers the sync only."""
    adana.summary = "A new summary in English."
    adana.save_revision().publish()
    client.force_login(member("Albanian editors"))
    cell = page_cells(client.get(url()), adana)["sq"]
    assert cell.status == "outdated" and "/localize/update/" in cell.url
    assert cell.submit_url == ""
