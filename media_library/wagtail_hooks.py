"""Private collections' documents in Wagtail's document serving."""

from django.http import Http404
from wagtail import hooks


@hooks.register("before_serve_document", order=-1)
def hide_private_documents(document, request):
    """A document of a private collection is "not found" for whoever may not see it.

    Wagtail's own check would answer with a login redirect or a password form, which tells an
    outsider that the document exists; a wrong file name gives a 404. Both are now the same 404,
    before any file hash (Wagtail's ETag) is sent.
    """
    for restriction in document.collection.get_view_restrictions():
        if not restriction.accept_request(request):
            raise Http404
    return None


@hooks.register("before_serve_document")
def give_the_download_its_etag(document, request):
    """Wagtail's download sends the file hash as its ETag, and `ETag: ""` for a document whose hash
    was never computed (one saved in code rather than through the admin's form): compute it first."""
    document.get_file_hash()
    return None
