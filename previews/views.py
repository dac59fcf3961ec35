"""The admin's "Open on the partner site" and the API's /api/v1/preview/."""

from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from wagtail.admin.auth import permission_denied
from wagtail.models import Page, Revision

from api.collections import COLLECTIONS
from api.errors import BadParameter, RefusedCredential
from api.params import reject_unknown
from api.views import ReadOnlyAPIView

from . import tokens
from .content import make_renditions, preview_data
from .links import offered, preview_url
from .rights import may_preview, previewable


def page_revision(page, revision_id):
    """The page's latest revision, or the one asked for, which must be one of the page's."""
    if revision_id is None:
        return page.latest_revision
    if not revision_id.isdigit() or len(revision_id) > 18:
        return None
    return page.revisions.filter(pk=int(revision_id)).first()


def open_on_partner_site(request, page_id):
    """Send the editor to the partner site's preview of the page's latest revision (or of
    `?revision=<id>`), with a token for it. Offered where the page's locale has a preview address."""
    page = get_object_or_404(Page, pk=page_id)
    code = page.locale.language_code
    if not previewable(page) or not offered(code):
        raise Http404
    if not may_preview(request.user, page):
        return permission_denied(request)
    revision = page_revision(page, request.GET.get("revision"))
    if revision is None:
        raise Http404
    make_renditions(revision.as_object())
    response = redirect(preview_url(revision, code, request.user))
    add_never_cache_headers(response)
    return response


PREVIEW_ITEM = PolymorphicProxySerializer(
    component_name="PreviewItem",
    serializers={
        {"events": "event", "assessments": "assessment", "galleries": "gallery"}[name]: spec.detail_serializer
        for name, spec in COLLECTIONS.items()
    },
    resource_type_field_name="type",
)


class PreviewView(ReadOnlyAPIView):
    """One draft revision, in the shape of its collection's detail, for the partner site's preview.

    Needs a token from the admin's "Open on the partner site": it works for minutes, for that
    revision in that locale only, while its editor still may see the page. Never cached.
    """

    def finalize_response(self, request, response, *args, **kwargs):
        # errors included; the API's cache keeps none of it either (api.caching.PERSONAL_PATHS)
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response

    @extend_schema(
        operation_id="preview",
        summary="A draft, for the partner site's preview (needs a token from the admin)",
        parameters=[
            OpenApiParameter(
                "token",
                {"type": "string", "pattern": tokens.PATTERN},
                required=True,
                description="From the admin's preview link; one not signed by this CMS, or expired, is a 403",
            ),
            OpenApiParameter("locale", str, description="If given, the token's locale"),
        ],
        responses=PREVIEW_ITEM,
    )
    def get(self, request):
        reject_unknown(request.GET, {"token", "locale", "format"})
        token = request.GET.get("token", "")
        if not token:
            raise BadParameter("token", _("Give the preview token in token."), code="required")
        if not tokens.well_formed(token):
            raise BadParameter("token", _("This is not a valid preview token."), code="invalid_token")
        try:
            grant = tokens.read(token)
        except tokens.ExpiredToken:
            raise RefusedCredential(
                "token", _("This preview link has expired: open the preview again."), code="expired_token"
            ) from None
        except tokens.InvalidToken:
            raise RefusedCredential(
                "token", _("This is not a valid preview token."), code="invalid_token"
            ) from None
        gone = NotFound(_("This preview is not available."))
        if "locale" in request.GET and request.GET["locale"] != grant.language_code:
            raise gone
        revision = Revision.page_revisions.filter(pk=grant.revision_id).first()
        page = Page.objects.filter(pk=revision.object_id).first() if revision is not None else None
        user = get_user_model().objects.filter(pk=grant.user_id).first()
        if page is None or page.locale.language_code != grant.language_code or not may_preview(user, page):
            raise gone
        draft = revision.as_object()
        if draft.locale_id != page.locale_id:
            raise gone
        return Response(preview_data(request, revision, draft))
