"""Read-only endpoints for partner websites (GET, HEAD and OPTIONS only)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.views import APIView

from cms import i18n
from pages.models import Country, Organisation, Topic

from . import includes, schema, serializers
from .changes import feed_entry, withdraw_expired
from .collections import COLLECTIONS, Collection, ItemContext
from .errors import BadParameter, UnknownLocale, api_exception_handler
from .filters import in_locale, shown_languages
from .links import TYPE_OF_MODEL, absolute
from .models import ContentChange
from .pagination import counted_page, envelope, walked_page
from .params import (
    parse_fallback,
    parse_list_params,
    parse_since,
    reject_control_characters,
    reject_unknown,
)
from .search import matching_ids, ranked_page
from .visibility import Visibility


class ReadOnlyAPIView(APIView):
    """Anonymous, read-only, JSON only, with JSON errors."""

    http_method_names = ["get", "head", "options"]
    renderer_classes = [JSONRenderer]
    parser_classes: list[type] = []
    authentication_classes: list[type] = []
    permission_classes = [AllowAny]

    def get_exception_handler(self):
        return api_exception_handler

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        reject_control_characters(request.GET, kwargs)
        self.visibility = Visibility()

    def locale(self, code):
        # bootstrap creates a Locale for each of the configured languages
        if code not in i18n.LANGUAGE_CODES:
            raise UnknownLocale(code, i18n.LANGUAGE_CODES)
        return code


class NotFoundView(ReadOnlyAPIView):
    """Any other address under /api/v1/: a JSON 404 like every other error, not an HTML page."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        raise NotFound()


class IndexView(ReadOnlyAPIView):
    """The API's endpoints."""

    @extend_schema(operation_id="index", responses=schema.INDEX)
    def get(self, request):
        example = i18n.SOURCE_LANGUAGE

        def url(name, **kwargs):
            return absolute(request, reverse(f"api:{name}", kwargs=kwargs))

        endpoints = {name: url(name) for name in schema.GLOBAL_ENDPOINTS}
        endpoints |= {name: url(name, locale=example) for name in schema.LOCALE_ENDPOINTS}
        return Response({"endpoints": endpoints})


class LocalesView(ReadOnlyAPIView):
    """The seven locales, their names and direction, and how much is published in each."""

    @extend_schema(operation_id="locales", responses=serializers.LocaleSerializer(many=True))
    def get(self, request):
        counts: dict[str, dict[str, int]] = {code: {} for code in i18n.LANGUAGE_CODES}
        for name, collection in COLLECTIONS.items():
            rows = (
                self.visibility.filter(collection.model.objects.all())
                .values("locale__language_code")
                .annotate(count=Count("pk"))
                .order_by()
            )
            per_locale = {row["locale__language_code"]: row["count"] for row in rows}
            for code in counts:
                counts[code][name] = per_locale.get(code, 0)
        data = [
            {
                "code": info.code,
                "english_name": info.english_name,
                "native_name": info.native_name,
                "direction": info.direction,
                "is_source": info.is_source,
                "api_url": absolute(request, reverse("api:events", kwargs={"locale": info.code})),
                "counts": counts[info.code],
            }
            for info in i18n.all_locales()
        ]
        return Response(serializers.LocaleSerializer(data, many=True).data)


class CollectionListView(ReadOnlyAPIView):
    """A paginated, filterable list of one collection in one locale."""

    collection: Collection  # set for each collection by `collection_views`

    def get(self, request, locale):
        code = self.locale(locale)
        spec = self.collection
        params = parse_list_params(
            request.GET, orderings=spec.orderings, kinds=spec.kinds, extra=(*spec.extra_params, "include")
        )
        names = includes.parse_include(request.GET, spec)
        # the page of ids first, then those items with everything they show: sorting the items
        # themselves made the database compute their translation states for every match
        page = walked_page(spec, self.visibility, code, params)
        ids, count = page if page is not None else counted_page(self.matches(code, params), params)
        pagination = envelope(request, params, count)
        found = spec.prefetch(spec.model.objects.filter(pk__in=ids), code, relations=bool(names))
        by_id = {item.pk: item for item in found}
        items = [by_id[pk] for pk in ids if pk in by_id]  # unless unpublished in between
        context = ItemContext(request, code, self.visibility).build(items, relations=bool(names))
        includes.embed(request, code, self.visibility, spec, items, context, names)
        with translation.override(code):
            results = spec.list_serializer(items, many=True, context=context).data
        return Response({**pagination, "results": results})

    def matches(self, code, params):
        """The list's items, filtered and in its order."""
        spec = self.collection
        queryset = in_locale(spec, self.visibility, code, params.fallback)
        queryset = spec.filter(queryset, params, shown_languages(code, params.fallback))
        if params.empty_range:
            queryset = queryset.none()
        if params.q:
            queryset = queryset.filter(pk__in=matching_ids([spec.model], params.q, code, params.fallback))
        return queryset.order_by(params.ordering, "pk")


def first_by_pk(queryset):
    """What `first()` gives, for the few rows of a slug: ordering them in SQL cost Django more than
    the rows themselves (it hashes every selected column)."""
    return min(queryset.order_by(), key=lambda page: page.pk, default=None)


class CollectionDetailView(ReadOnlyAPIView):
    """One item of a collection with everything it carries."""

    collection: Collection  # set for each collection by `collection_views`

    def get(self, request, locale, slug):
        code = self.locale(locale)
        spec = self.collection
        reject_unknown(request.GET, {"fallback", "format", includes.PARAMETER})
        fallback = parse_fallback(request.GET)
        names = includes.parse_include(request.GET, spec)
        queryset = spec.prefetch(in_locale(spec, self.visibility, code).filter(slug=slug), code, detail=True)
        page = first_by_pk(queryset)
        if page is None and fallback:
            english = in_locale(spec, self.visibility, i18n.SOURCE_LANGUAGE).filter(slug=slug)
            page = first_by_pk(spec.prefetch(english, code, detail=True))
        if page is None:
            raise NotFound(_("Nothing is published at %(slug)s in this locale.") % {"slug": slug})
        context = ItemContext(request, code, self.visibility).build([page], detail=True)
        includes.embed(request, code, self.visibility, spec, [page], context, names)
        with translation.override(code):
            data = spec.detail_serializer(page, context=context).data
        return Response(data)


def collection_views(spec):
    """A list and a detail view for one collection, each with its own exact schema."""
    noun = spec.name.capitalize()
    list_view = extend_schema_view(
        get=extend_schema(
            operation_id=f"{spec.name}_list",
            summary=f"{noun} published in a locale",
            parameters=[*schema.list_parameters(spec), schema.include_parameter(spec)],
            responses=schema.paginated(noun, spec.list_serializer),
        )
    )(type(f"{noun}ListView", (CollectionListView,), {"collection": spec}))
    detail_view = extend_schema_view(
        get=extend_schema(
            operation_id=f"{spec.name}_detail",
            summary=f"One of the {spec.name} in a locale",
            parameters=[*schema.DETAIL_PARAMETERS, schema.include_parameter(spec)],
            responses=spec.detail_serializer,
        )
    )(type(f"{noun}DetailView", (CollectionDetailView,), {"collection": spec}))
    return list_view, detail_view


class SearchView(ReadOnlyAPIView):
    """Events, assessments and galleries together, ranked by relevance to `q`."""

    @extend_schema(
        operation_id="search",
        parameters=schema.SEARCH_PARAMETERS,
        responses=schema.paginated(
            "SearchResults",
            schema.search_result(
                {TYPE_OF_MODEL[spec.model]: spec.list_serializer for spec in COLLECTIONS.values()}
            ),
        ),
    )
    def get(self, request, locale):
        code = self.locale(locale)
        reject_unknown(request.GET, {"q", "page", "page_size", "format"})
        params = parse_list_params(request.GET, orderings=("relevance",))
        if not params.q:
            raise BadParameter("q", _("Give a search term in q."), code="required")
        specs = list(COLLECTIONS.values())
        start = (params.page - 1) * params.page_size
        models = [spec.model for spec in specs]
        hits, count = ranked_page(models, params.q, code, self.visibility, start, params.page_size)
        pagination = envelope(request, params, count)
        by_id: dict[int, tuple[Collection, Model]] = {}
        for spec in specs:
            type_id = ContentType.objects.get_for_model(spec.model).pk
            # only the types on this page: each is a query; and the page itself decides what is
            # shown, as the search documents' copy of it is only as fresh as its last indexing
            if ids := [pk for pk, of_type in hits if of_type == type_id]:
                shown = self.visibility.filter(spec.model.objects.filter(pk__in=ids))
                by_id.update((item.pk, (spec, item)) for item in spec.prefetch(shown, code))
        items = [by_id[pk] for pk, _type in hits if pk in by_id]
        context = ItemContext(request, code, self.visibility).build([item for _spec, item in items])
        with translation.override(code):
            # one serializer per type, not per item: each binds its fields anew
            data: dict[int, dict] = {}
            for spec in specs:
                of_type = [item for item_spec, item in items if item_spec is spec]
                serialized = spec.list_serializer(of_type, many=True, context=context).data
                data.update((item.pk, item_data) for item, item_data in zip(of_type, serialized, strict=True))
        return Response({**pagination, "results": [data[item.pk] for _spec, item in items]})


class SnippetListView(ReadOnlyAPIView):
    """Countries, topics or organisations as named in one locale."""

    model: type[Model]
    serializer: type[Serializer]
    ordering: tuple[str, ...] = ()

    def get(self, request, locale):
        code = self.locale(locale)
        reject_unknown(request.GET, {"format"})
        queryset = self.model._default_manager.filter(locale__language_code=code).select_related("locale")
        if self.model is Organisation:
            queryset = queryset.select_related("country__locale")
        with translation.override(code):
            return Response(self.serializer(queryset.order_by(*self.ordering), many=True).data)


def snippet_view(name, model, serializer, ordering):
    return extend_schema_view(
        get=extend_schema(operation_id=f"{name}_list", responses=serializer(many=True))
    )(
        type(
            f"{name.capitalize()}ListView",
            (SnippetListView,),
            {"model": model, "serializer": serializer, "ordering": ordering},
        )
    )


CountriesView = snippet_view("countries", Country, serializers.CountrySerializer, ("iso_code",))
TopicsView = snippet_view("topics", Topic, serializers.TopicSerializer, ("name",))
OrganisationsView = snippet_view("organisations", Organisation, serializers.OrganisationSerializer, ("name",))
EventListView, EventDetailView = collection_views(COLLECTIONS["events"])
AssessmentListView, AssessmentDetailView = collection_views(COLLECTIONS["assessments"])
GalleryListView, GalleryDetailView = collection_views(COLLECTIONS["galleries"])


CHANGES_LIMIT = 500


class ChangesView(ReadOnlyAPIView):
    """What changed since a cursor, oldest first: publications, updates and tombstones."""

    @extend_schema(
        operation_id="changes",
        parameters=schema.CHANGES_PARAMETERS,
        responses=schema.CHANGES,
    )
    def get(self, request):
        reject_unknown(request.GET, {"since", "locale", "format"})
        since = parse_since(request.GET)
        withdraw_expired()
        changes = ContentChange.objects.filter(pk__gt=since)
        if "locale" in request.GET:
            changes = changes.filter(locale=self.locale(request.GET["locale"]))
        batch = list(changes.order_by("pk")[: CHANGES_LIMIT + 1])
        has_more = len(batch) > CHANGES_LIMIT
        batch = batch[:CHANGES_LIMIT]
        results = [feed_entry(change, lambda path: absolute(request, path)) for change in batch]
        next_cursor = results[-1]["cursor"] if results else str(since)
        return Response(
            {
                "results": serializers.ChangeSerializer(results, many=True).data,
                "next_cursor": next_cursor,
                "has_more": has_more,
            }
        )
