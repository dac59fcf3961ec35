"""`include=`: the items a detail (or a list) links to, embedded in the same response.

An event's gallery and assessment (with its reports), a gallery's event, an assessment's events.
The linked items are those the response already names (ItemContext's `related`: published and
visible in the requested locale, else in English), so an item hidden from the API is never
embedded. They are read in a fixed number of queries per name, whatever the number of items.
"""

from django.utils.translation import gettext as _

from .collections import COLLECTIONS, ItemContext
from .errors import BadParameter
from .serializers import EventCardSerializer, GalleryCardSerializer, IncludedAssessmentSerializer

# The shape of an embedded item: its list shape (an assessment with its reports), no `included`.
SHAPES = {
    "events": EventCardSerializer,
    "galleries": GalleryCardSerializer,
    "assessments": IncludedAssessmentSerializer,
}

PARAMETER = "include"


def parse_include(query, collection) -> list[str]:
    """The names asked for (comma-separated, or the parameter repeated), each one known here."""
    names = []
    for raw in query.getlist(PARAMETER):
        for name in raw.split(","):
            name = name.strip()
            if not name or name in names:
                continue
            if name not in collection.includes:
                raise BadParameter(
                    PARAMETER,
                    _("Unknown include %(value)s. Use any of: %(known)s.")
                    % {"value": name, "known": ", ".join(collection.includes) or "-"},
                )
            names.append(name)
    return names


def embed(request, language_code, visibility, collection, pages, context, names):
    """Put `{item key: {name: item, or a list of items}}` into the context, for `included`."""
    included: dict[str, dict] = {page.translation_key: {} for page in pages}
    for name in names:
        relation, target_name = collection.includes[name]
        target = COLLECTIONS[target_name]
        rows = {
            page.translation_key: context["related"].get((relation, page.translation_key), [])
            for page in pages
        }
        wanted = {(row.translation_key, row.language_code) for found in rows.values() for row in found}
        data = _items(request, language_code, visibility, target, wanted)
        for key, found in rows.items():
            items = [
                data[row.translation_key, row.language_code]
                for row in found
                if (row.translation_key, row.language_code) in data
            ]
            included[key][name] = items if relation == "events" else next(iter(items), None)
    context["included"] = included


def _items(request, language_code, visibility, target, wanted):
    """`{(key, locale): serialized item}` in their list shape (an assessment with its reports)."""
    if not wanted:
        return {}
    keys = {key for key, _code in wanted}
    codes = {code for _key, code in wanted}
    queryset = visibility.filter(
        target.model.objects.filter(translation_key__in=keys, locale__language_code__in=codes)
    )
    pages = [
        page
        for page in target.prefetch(queryset, language_code)
        if (page.translation_key, page.locale.language_code) in wanted
    ]
    item_context = ItemContext(request, language_code, visibility)
    context = item_context.build(pages)
    if target.name == "assessments":
        context["documents"] = item_context.documents(pages)
    data = SHAPES[target.name](pages, many=True, context=context).data
    return {
        (page.translation_key, page.locale.language_code): item
        for page, item in zip(pages, data, strict=True)
    }
