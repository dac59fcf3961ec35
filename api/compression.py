"""Compression of the API's JSON and feeds, which partners fetch by the thousand: lists shrink to a
fraction.

django-http-compression (Adam Johnson's) negotiates zstd, brotli or gzip from `Accept-Encoding`
with its q-values, weakens the ETag of a compressed body (RFC 9110, 8.8.1) and pads it against
BREACH; Django's GZipMiddleware, used before, knows gzip alone. Around it, three rules of ours:

- Only the API: its responses hold nothing secret, while the admin's pages carry CSRF tokens,
  which compression beside reflected input would expose (BREACH).
- Never a streamed body: a document or a file is sent as stored (PDFs and images are compressed
  already), with its own validators and `Content-Length`.
- `Vary: Accept-Encoding` on every response whose body could be compressed and on 304s, whatever
  this client accepts: a shared cache must not hand an uncompressed answer's headers, or a
  compressed body, to a client that asked otherwise (RFC 9110, 12.5.5 and 15.4.5). The library
  sets it only when it compresses.
"""

import re

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.cache import patch_vary_headers
from django_http_compression.middleware import HttpCompressionMiddleware

from .http import API_PREFIX


class APICompressionMiddleware(HttpCompressionMiddleware):
    # the library's compressible types, and the OpenAPI schema's (300 kB of JSON or YAML)
    content_type_re = re.compile(
        HttpCompressionMiddleware.content_type_re.pattern + r"| ^application/vnd\.oai\.openapi",
        re.VERBOSE | re.IGNORECASE,
    )

    def maybe_compress(self, request: HttpRequest, response: HttpResponseBase) -> None:
        if not request.path.startswith(API_PREFIX) or response.streaming:
            return
        if response.status_code == 304 or self.content_type_re.match(response.get("Content-Type", "")):
            patch_vary_headers(response, ("Accept-Encoding",))
        super().maybe_compress(request, response)
