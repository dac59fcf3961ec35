"""Compression of the API's JSON and feeds, which partners fetch by the thousand: lists shrink to a
fraction.

django-http-compression (Adam Johnson's) negotiates zstd, brotli or gzip from `Accept-Encoding`
with its q-values and weakens the ETag of a compressed body (RFC 9110, 8.8.1); Django's
GZipMiddleware, used before, knows gzip alone. Around it, four rules of ours:

- Only the API: its responses hold nothing secret, while the admin's pages carry CSRF tokens,
  which compression beside reflected input would expose (BREACH). For the same reason the API's
  responses go without the library's random padding against BREACH, which would only add bytes.
- Never a streamed body: a document or a file is sent as stored (PDFs and images are compressed
  already), with its own validators and `Content-Length`.
- `Vary: Accept-Encoding` on every response whose body could be compressed and on 304s, whatever
  this client accepts: a shared cache must not hand an uncompressed answer's headers, or a
  compressed body, to a client that asked otherwise (RFC 9110, 12.5.5 and 15.4.5). The library
  sets it only when it compresses.
- A response from the API's cache is compressed once per coding in each worker, not on every
  request: compressing a list of 20 events took longer than the rest of serving it from the cache
  (docs/performance.md). The copies are found by the cache's ETag, a hash of the body, so a new
  body (after a publish) is never answered with an old one's copy.
"""

import re
import threading

from cachetools import LRUCache
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.cache import patch_vary_headers
from django_http_compression.middleware import HttpCompressionMiddleware, best_coding

from .http import API_PREFIX

# per worker: about 2,000 compressed lists of 20 events
COMPRESSED_COPIES_BYTES = 16 * 1024 * 1024


class APICompressionMiddleware(HttpCompressionMiddleware):
    # the library's compressible types, and the OpenAPI schema's (300 kB of JSON or YAML)
    content_type_re = re.compile(
        HttpCompressionMiddleware.content_type_re.pattern + r"| ^application/vnd\.oai\.openapi",
        re.VERBOSE | re.IGNORECASE,
    )
    max_random_bytes = 0  # no padding: see the module's docstring

    def __init__(self, get_response):
        super().__init__(get_response)
        # {(the cache's ETag, coding): compressed body}; threads share it under runserver
        self.copies: LRUCache = LRUCache(maxsize=COMPRESSED_COPIES_BYTES, getsizeof=len)
        self.copies_lock = threading.Lock()

    def maybe_compress(self, request: HttpRequest, response: HttpResponseBase) -> None:
        if not request.path.startswith(API_PREFIX) or response.streaming:
            return
        if response.status_code == 304 or self.content_type_re.match(response.get("Content-Type", "")):
            patch_vary_headers(response, ("Accept-Encoding",))
        digest = getattr(response, "body_digest", None)  # set by api.caching for its responses
        if digest is None or not isinstance(response, HttpResponse):
            super().maybe_compress(request, response)
            return
        coding = best_coding(request.headers.get("Accept-Encoding", ""))
        with self.copies_lock:
            compressed = self.copies.get((digest, coding))
        if compressed is None:
            super().maybe_compress(request, response)
            if response.get("Content-Encoding") == coding and len(response.content) <= self.copies.maxsize:
                with self.copies_lock:
                    self.copies[(digest, coding)] = response.content
            return
        # what the library sets on a body it compresses
        response.content = compressed
        response["Content-Length"] = str(len(compressed))
        response["Content-Encoding"] = coding
        response["ETag"] = "W/" + response["ETag"]
