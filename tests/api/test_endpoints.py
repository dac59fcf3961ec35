"""Every endpoint answers in the requested language, with the shape the schema promises."""

from datetime import date

import pytest

from cms import i18n
from pages.models import Country, EventPage, EventParticipatingCountry
from tests.content import english, in_locale

pytestmark = pytest.mark.django_db


def test_index_lists_the_endpoints(api):
    endpoints = api("/api/v1/").json()["endpoints"]
    assert {"locales", "changes", "schema", "docs", "events", "assessments", "galleries", "search"} <= set(
        endpoints
    )
    assert endpoints["events"].startswith("http://testserver/api/v1/en/events/")


def test_locales_with_names_direction_and_counts(api):
    locales = {item["code"]: item for item in api("/api/v1/locales/").json()}
    assert list(locales) == ["en", "sq", "az", "bs", "ro", "ur", "tr"]
    assert locales["ur"]["direction"] == "rtl" and locales["az"]["direction"] == "ltr"
    assert locales["sq"]["native_name"] == "Shqip" and locales["tr"]["english_name"] == "Turkish"
    assert [code for code, item in locales.items() if item["is_source"]] == ["en"]
    assert locales["en"]["counts"] == {"events": 8, "assessments": 2, "galleries": 1}
    assert locales["tr"]["counts"] == {"events": 3, "assessments": 1, "galleries": 1}


def test_event_list_is_paginated(api):
    body = api("/api/v1/en/events/?page_size=3").json()
    assert body["count"] == 8 and len(body["results"]) == 3 and body["previous"] is None
    assert "page=2" in body["next"]
    last = api("/api/v1/en/events/?page_size=3&page=3").json()
    assert len(last["results"]) == 2 and last["next"] is None
    # a page past the last is not there, like an unknown item (the request itself is well formed)
    past = api("/api/v1/en/events/?page_size=3&page=4", status=404).json()["error"]
    assert past["field"] == "page" and past["code"] == "no_such_page"
    assert past["message"].endswith("the last page is 3.")
    empty = api("/api/v1/en/events/?q=no-such-word").json()
    assert empty == {"count": 0, "next": None, "previous": None, "results": []}
    # newest first by default
    dates = [item["start_date"] for item in api("/api/v1/en/events/").json()["results"]]
    assert dates == sorted(dates, reverse=True)


def test_turkish_event_detail(api, adana):
    turkish = in_locale(adana, "tr")
    body = api(f"/api/v1/tr/events/{turkish.slug}/").json()
    assert body["locale"] == "tr" and body["type"] == "event" and body["title"] == turkish.title
    assert body["translation_key"] == str(adana.translation_key)
    assert body["api_url"] == f"http://testserver/api/v1/tr/events/{turkish.slug}/"
    assert body["kind"] == {"code": "training", "label": "Eğitim"}
    assert body["dates_display"] == "14–15 Ara 2016"
    assert body["country"] == {"code": "TR", "name": "Türkiye"}
    assert body["participants"]["total"] == 23 and body["participants"]["not_recorded"] == 1
    assert [group["count"] for group in body["participants"]["groups"]] == [19, 4]
    assert [expert["role_at_event"]["code"] for expert in body["experts"]] == [
        "trainer",
        "trainer",
        "national_expert",
        "national_expert",
    ]
    assert body["experts"][3]["organisation"]["name"] == "Yargıtay"
    assert (
        len(body["learning_points"]) == 5
        and body["learning_points"][0] != "What trafficking in human beings is"
    )
    assert body["translation"]["status"] == "current" and body["translation"]["source_locale"] == "en"
    assert {item["locale"] for item in body["translations"]} == {"en", "sq", "az", "bs", "ro", "ur"}
    assert body["direction"] == "ltr"


def test_urdu_detail_is_right_to_left_and_unicode_slugs_work(api, media_workshop):
    urdu = in_locale(media_workshop, "ur")
    body = api(f"/api/v1/ur/events/{urdu.slug}/").json()
    assert body["direction"] == "rtl" and body["title"] == urdu.title
    assert body["gallery"]["locale"] == "ur"
    assert body["gallery"]["api_url"].startswith("http://testserver/api/v1/ur/galleries/")


def test_assessment_detail_lists_its_report(api, bosnia_assessment):
    body = api(f"/api/v1/bs/assessments/{in_locale(bosnia_assessment, 'bs').slug}/").json()
    assert body["country"] == {"code": "BA", "name": "Bosna i Hercegovina"}
    assert body["kind"]["code"] == "nrm_assessment"
    assert len(body["recommendations"]) == 7
    # the English report, and the Bosnian one the demo puts in its place in Bosnian
    assert [report["locale"] for report in body["documents"]] == ["en", "bs"]
    for report in body["documents"]:
        assert report["content_type"] == "application/pdf" and report["file_size"] > 0
        assert report["url"].startswith("http://testserver/documents/")
    assert len({report["url"] for report in body["documents"]}) == 2


def test_gallery_detail_with_ordered_photos_and_renditions(api, gallery):
    body = api(f"/api/v1/sq/galleries/{in_locale(gallery, 'sq').slug}/").json()
    assert len(body["photos"]) == 4
    photo = body["photos"][0]
    assert (
        photo["alt_text"] and photo["caption"] != "Participants from six countries around the workshop table"
    )
    assert set(photo["renditions"]) == {"thumbnail", "medium", "large"}
    assert photo["renditions"]["thumbnail"]["width"] == 400
    assert body["event"]["locale"] == "sq"
    assert body["cover"]["large"]["url"] == photo["renditions"]["large"]["url"]


def test_snippets_in_each_language(api):
    countries = {item["code"]: item for item in api("/api/v1/az/countries/").json()}
    assert countries["BA"]["name"] == "Bosniya və Herseqovina"
    assert countries["GB"]["role"]["code"] == "partner"
    topics = {item["code"]: item["name"] for item in api("/api/v1/tr/topics/").json()}
    assert topics["victim-identification"] != "Victim identification"
    organisations = {item["acronym"]: item for item in api("/api/v1/en/organisations/").json()}
    assert organisations["DGMM"]["country"] == {"code": "TR", "name": "Türkiye"}


def test_search_ranks_all_three_types(api):
    body = api("/api/v1/en/search/?q=referral").json()
    assert {item["type"] for item in body["results"]} >= {"assessment", "event"}
    assert api('/api/v1/en/search/?q="referral"').json()["count"] == body["count"]
    turkish = api("/api/v1/tr/search/?q=eğitim").json()
    assert turkish["count"] >= 1 and all(item["locale"] == "tr" for item in turkish["results"])


def test_search_puts_pages_with_the_term_in_their_title_first(api):
    body = api("/api/v1/en/search/?q=trafficking&page_size=50").json()
    in_title = ["trafficking" in item["title"].lower() for item in body["results"]]
    assert body["count"] == len(in_title) and True in in_title and False in in_title
    assert in_title == sorted(in_title, reverse=True)


def test_filters(api):
    def slugs(query):
        return {item["slug"] for item in api(f"/api/v1/en/events/?{query}").json()["results"]}

    assert slugs("kind=training") == {
        "dgmm-awareness-training-adana-2016",
        "multi-agency-training-izmir-2016",
        "dgmm-awareness-training-izmir-2016",
    }
    assert "turkish-delegation-lisbon-2016" in slugs("country=PT")
    assert "media-reporting-workshop-2017" in slugs("country=MD")  # a participating country
    assert slugs("country=PT&country=NL") == {
        "turkish-delegation-lisbon-2016",
        "bosnian-delegation-netherlands-2016",
    }
    assert slugs("topic=child-victims") == {"training-seminar-tirana-2016"}
    # an event matches when its dates overlap the range
    assert slugs("date_from=2016-11-24&date_to=2016-11-24") == {
        "dgmm-awareness-training-izmir-2016",  # 23-24 November
        "bosnian-delegation-netherlands-2016",  # 21-25 November
    }
    assert slugs("date_from=2017-03-01&date_to=2017-03-31") == {"albania-wales-exchange-workshop-2017"}
    # a range ending before it starts holds nothing, not even an event spanning both dates
    assert slugs("date_from=2016-11-24&date_to=2016-11-22") == set()
    assert slugs("q=Adana") == {"dgmm-awareness-training-adana-2016"}
    ordered = [item["title"] for item in api("/api/v1/en/events/?ordering=title").json()["results"]]
    assert ordered == sorted(ordered)
    assert {item["slug"] for item in api("/api/v1/en/assessments/?country=AL").json()["results"]} == {
        "nrm-overview-albania"
    }


def test_a_country_filter_finds_english_fallbacks_it_took_part_in(api):
    lisbon = english(EventPage, "turkish-delegation-lisbon-2016")  # English only, in Portugal
    moldova = Country.objects.get(iso_code="MD", locale=lisbon.locale)
    lisbon.participating_countries.add(EventParticipatingCountry(country=moldova))
    lisbon.save_revision().publish()

    def slugs(query):
        return {item["slug"] for item in api(f"/api/v1/tr/events/?{query}").json()["results"]}

    assert "turkish-delegation-lisbon-2016" not in slugs("country=MD")
    assert "turkish-delegation-lisbon-2016" in slugs("country=MD&fallback=source")
    assert slugs("country=MD") < slugs("country=MD&fallback=source")


def test_galleries_filter_by_their_events_countries_and_topics(api, gallery, media_workshop):
    def slugs(code, query):
        return {item["slug"] for item in api(f"/api/v1/{code}/galleries/?{query}").json()["results"]}

    photos = {gallery.slug}
    assert slugs("en", "country=MD") == photos  # one of the event's participating countries
    assert slugs("en", "country=PT") == set()
    assert slugs("en", "topic=media-reporting") == photos
    assert slugs("en", "topic=child-victims") == set()
    assert slugs("tr", "country=MD") == {in_locale(gallery, "tr").slug}
    assert slugs("tr", "country=PT") == set()

    media_workshop.country = Country.objects.get(
        iso_code="PT", locale=media_workshop.locale
    )  # the event's own country
    media_workshop.save_revision().publish()
    assert slugs("en", "country=PT") == photos


def test_fallback_to_the_source_is_marked(api):
    plain = api("/api/v1/tr/events/").json()
    assert plain["count"] == 3 and all(not item["is_fallback"] for item in plain["results"])
    with_fallback = api("/api/v1/tr/events/?fallback=source").json()
    assert with_fallback["count"] == 8
    fallbacks = [item for item in with_fallback["results"] if item["is_fallback"]]
    assert len(fallbacks) == 5
    assert all(item["locale"] == "en" and item["requested_locale"] == "tr" for item in fallbacks)
    assert all(item["translation"] is None for item in fallbacks)


def test_a_non_latin_slug_works_percent_encoded(api, media_workshop):
    urdu = in_locale(media_workshop, "ur")
    urdu.slug = "میڈیا-ورکشاپ"
    urdu.save_revision().publish()
    body = api(
        "/api/v1/ur/events/%D9%85%DB%8C%DA%88%DB%8C%D8%A7-%D9%88%D8%B1%DA%A9%D8%B4%D8%A7%D9%BE/"
    ).json()
    assert body["slug"] == "میڈیا-ورکشاپ"
    assert body["api_url"].endswith(
        "/api/v1/ur/events/%D9%85%DB%8C%DA%88%DB%8C%D8%A7-%D9%88%D8%B1%DA%A9%D8%B4%D8%A7%D9%BE/"
    )


def test_inline_items_come_in_the_order_their_editor_gave(api, adana, gallery):
    """The API fetches inline items unordered and sorts them itself: a reordering must show."""
    experts = list(adana.experts.all())
    adana.experts = reorder(reversed(experts))  # against the order of creation
    adana.save_revision().publish()
    photos = list(gallery.photos.all())
    gallery.photos = reorder([*photos[1:], photos[0]])
    gallery.save_revision().publish()

    body = api(f"/api/v1/en/events/{adana.slug}/").json()
    assert [expert["name"] for expert in body["experts"]] == [item.person.name for item in reversed(experts)]
    body = api(f"/api/v1/en/galleries/{gallery.slug}/").json()
    assert [photo["caption"] for photo in body["photos"]] == [
        photo.caption for photo in [*photos[1:], photos[0]]
    ]


def reorder(items):
    """What the editor's drag and drop does: new sort orders, in the given order."""
    items = list(items)
    for position, item in enumerate(items):
        item.sort_order = position
    return items


def test_translations_carry_what_a_language_switcher_needs(client, settings, adana):
    settings.PARTNER_PAGE_URL_BY_LOCALE = {"ur": "https://ur.partner.example/{collection}/{slug}/"}
    body = client.get(f"/api/v1/en/events/{adana.slug}/").json()
    by_locale = {item["locale"]: item for item in body["translations"]}
    urdu = adana.get_translations().get(locale__language_code="ur")
    assert by_locale["ur"]["slug"] == urdu.slug and by_locale["ur"]["title"] == urdu.title
    assert by_locale["ur"]["partner_url"] == f"https://ur.partner.example/events/{urdu.slug}/"
    turkish = by_locale["tr"]
    assert turkish["partner_url"].endswith(f"/api/v1/tr/events/{turkish['slug']}/")  # the default
    assert client.get(turkish["api_url"]).json()["title"] == turkish["title"]


def test_fallback_items_have_their_labels_in_the_requested_language(api):
    """An English event listed for Turkish readers keeps its English text, says so, and gives its
    kind, country and dates in Turkish."""
    fallbacks = [
        item
        for item in api("/api/v1/tr/events/?fallback=source&page_size=100").json()["results"]
        if item["is_fallback"]
    ]
    english = {item["slug"]: item for item in api("/api/v1/en/events/?page_size=100").json()["results"]}
    assert fallbacks
    for item in fallbacks:
        source = english[item["slug"]]
        assert item["title"] == source["title"] and item["locale"] == "en"
        assert item["kind"]["code"] == source["kind"]["code"]
        if item["kind"]["code"] == "workshop":
            assert item["kind"]["label"] != source["kind"]["label"]  # "Çalıştay", not "Workshop"
        if item["country"] and item["country"]["code"] == "TR":
            assert item["country"]["name"] == "Türkiye"
        start, end = (date.fromisoformat(item[name]) for name in ("start_date", "end_date"))
        assert item["dates_display"] == i18n.format_date_range(start, end, "tr")
