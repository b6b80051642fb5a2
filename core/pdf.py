"""PDFs for every app: WeasyPrint renders HTML, fetching nothing but the project's static files.

The URL fetcher serves only the project's own static files, so a template, or text a person typed,
can never make the server fetch anything else. PDFs are tagged PDF/UA-1 so screen readers can
follow them. The same function serves download views and background tasks.
"""

import gc
import mimetypes
import re
import threading
import xml.etree.ElementTree as ElementTree
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

import cssselect2
import tinyhtml5
from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import CSS, HTML
from weasyprint.css.counters import CounterStyle
from weasyprint.html import UA, UA_STYLESHEET
from weasyprint.urls import URLFetcher, URLFetcherResponse

# A made-up origin: relative links in the template resolve against it, and the fetcher maps
# `<origin>/static/...` to files the staticfiles finders know. Nothing is ever fetched from it.
BASE_URL = "https://pdf.invalid/"
PDF_VARIANT = "pdf/ua-1"


class ResourceRefused(ValueError):
    """The PDF asked for something other than one of the project's static files."""


class StaticFilesOnlyFetcher(URLFetcher):
    """Serves `<BASE_URL>/static/<path>` from the project's static files; refuses anything else."""

    def __init__(self):
        # fail_on_errors: a refused resource stops the rendering rather than being skipped quietly.
        super().__init__(fail_on_errors=True)

    def fetch(self, url, headers=None):
        return URLFetcherResponse(url, self.static_file(url).read_bytes(), self._headers(url))

    @staticmethod
    def static_file(url: str) -> Path:
        """The static file a URL names, or ResourceRefused."""
        prefix = BASE_URL.rstrip("/") + settings.STATIC_URL
        parts = urlsplit(url)
        if not url.startswith(prefix) or parts.query or parts.fragment:
            raise ResourceRefused(f"Only the service's own static files may be used: {url}")
        relative = unquote(parts.path.removeprefix(settings.STATIC_URL))
        if not relative or ".." in Path(relative).parts or relative.startswith("/"):
            raise ResourceRefused(f"Not a static file: {url}")
        found = finders.find(relative)
        if not found:
            raise ResourceRefused(f"No such static file: {url}")
        return Path(found)

    @staticmethod
    def _headers(url: str) -> dict:
        content_type = mimetypes.guess_type(urlsplit(url).path)[0] or "application/octet-stream"
        return {"Content-Type": content_type}


# WeasyPrint's user-agent stylesheet starts `::marker`, `::footnote-*` and `::note-*` rules
# with no element, so every element gets six pseudo-element styles computed (and later
# collected as garbage): 40,000 for a 1,000-line statement, about an eighth of its time.
# Markers belong to list items, and footnotes to elements marked `data-footnote` (none yet).
# The other PDFs render pixel for pixel the same with it.
UNIVERSAL_PSEUDO_ELEMENTS = re.compile(r"^::(marker|footnote-|note-)", re.MULTILINE)
LEAN_UA = UNIVERSAL_PSEUDO_ELEMENTS.sub(
    lambda m: ("li" if m[1] == "marker" else "[data-footnote]") + m[0], UA
)
LEAN_UA_STYLESHEET = CSS(string=LEAN_UA, counter_style=CounterStyle())


def document_tree(html: str):
    """The element tree of a PDF's HTML: every PDF's HTML passes through here.

    Every PDF template is also well-formed XML (void elements closed: `<meta ... />`), so the
    XML parser (expat, in C) reads it: 5 ms for a 1,000-line statement, where WeasyPrint's
    HTML parser (pure Python) takes 220 ms, a twelfth of the whole render. For such markup
    both give the same tree (plain tag names, no namespaces; comments are not rendered either
    way). Anything else, HTML that is not well-formed XML, is read by the HTML parser.
    """
    try:
        return ElementTree.fromstring(html.strip())
    except ElementTree.ParseError:
        return tinyhtml5.parse(html, namespace_html_elements=False)


class LeanHTML(HTML):
    """weasyprint.HTML for a PDF's HTML: parsed by document_tree, fetching only the project's
    static files, with the user-agent stylesheet's universal pseudo-elements scoped."""

    def __init__(self, html: str):
        # What HTML(string=html, base_url=BASE_URL, url_fetcher=...) sets up (WeasyPrint 70),
        # from the tree document_tree reads. The templates have no <base>, so BASE_URL holds.
        self.base_url = BASE_URL
        self.url_fetcher = StaticFilesOnlyFetcher()
        self.media_type = "print"
        self.wrapper_element = cssselect2.ElementWrapper.from_html_root(
            document_tree(html), content_language=None
        )
        self.etree_element = self.wrapper_element.etree_element

    def _ua_stylesheets(self, *args, **kwargs):
        sheets = super()._ua_stylesheets(*args, **kwargs)
        return [LEAN_UA_STYLESHEET if sheet is UA_STYLESHEET else sheet for sheet in sheets]


_collector = {"lock": threading.Lock(), "pauses": 0, "was_enabled": False}


@contextmanager
def _cyclic_collector_paused():
    """Python's cyclic garbage collector paused while WeasyPrint works.

    A long document makes over a million short-lived objects; with the collector running, it
    walks them, and the rest of the process, again and again (a fifth of the time of a
    1,000-line statement). Reference counting still frees memory as usual; what is left in
    cycles is collected once, after the render. Concurrent renders share one pause.
    """
    with _collector["lock"]:
        if _collector["pauses"] == 0:
            _collector["was_enabled"] = gc.isenabled()
            gc.disable()
        _collector["pauses"] += 1
    try:
        yield
    finally:
        with _collector["lock"]:
            _collector["pauses"] -= 1
            if _collector["pauses"] == 0 and _collector["was_enabled"]:
                gc.enable()


def render_pdf(html: str) -> bytes:
    """A tagged, accessible PDF from HTML, fetching nothing but the project's static files."""
    with _cyclic_collector_paused():
        return LeanHTML(html).write_pdf(pdf_variant=PDF_VARIANT)
