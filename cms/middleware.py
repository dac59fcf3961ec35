"""Checks on what reaches the admin, before Wagtail's views."""

from django.http import JsonResponse
from django.utils.translation import gettext as _

MAX_DIGITS = 18  # a longer number is no database id or offset (and overflows SQLite's integers)


def is_number(value: str) -> bool:
    return value.isascii() and value.isdigit() and len(value) <= MAX_DIGITS


class AdminQueryMiddleware:
    """Answer 400, with a message, for query parameters that Wagtail's admin views would turn into
    a server error.

    Its choosers (`chosen-multiple`), bulk actions and the admin API's `find` pass `id` values
    straight to the database, so `?id=x` or a 30-digit number failed; bulk actions also take
    `id=all` (everything in the listing). The admin API checks most of its parameters itself, but
    not the size of `offset` or the value of `search_operator`.
    """

    # The views that take a list of ids, and the words each also takes.
    ID_LISTS = {"chosen_multiple": set(), "wagtail_bulk_action": {"all"}, "find": set()}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith("/admin/"):
            return None
        match = request.resolver_match
        message = None
        if match.url_name in self.ID_LISTS:
            words = self.ID_LISTS[match.url_name]
            wrong = [
                value for value in request.GET.getlist("id") if value not in words and not is_number(value)
            ]
            if wrong:
                message = _("“%(value)s” is not an id: ids are whole numbers of up to 18 digits.") % {
                    "value": wrong[0][:40]
                }
        if message is None and "wagtailadmin_api" in match.namespaces:
            message = self.admin_api_refusal(request.GET)
        if message is not None:
            return JsonResponse({"message": message}, status=400)
        return None

    @staticmethod
    def admin_api_refusal(query) -> str | None:
        if "offset" in query and not is_number(query["offset"]):
            return _("offset must be a whole number of up to 18 digits.")
        if query.get("search_operator", "and") not in ("and", "or"):
            return _("search_operator must be “and” or “or”.")
        return None
