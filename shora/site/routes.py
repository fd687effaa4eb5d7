"""Every address of the site: its pages, feeds, open data, data scripts, search
indexes and PDFs. Rendering and publishing ask here; nothing reads the built site to
choose a link, so a page, a feed or a data file can be made alone (the preview serves
them without a build).

Addresses are relative, with no leading slash: a page's is its folder, ending in "/"
("" for the home page). Each language has its root, the site's root for Persian and
``en/`` for English (:func:`language_root`); pages, feeds, data scripts and PDFs are
addressed from their language's root and exist in both; open data (``data/``) exists
once and search indexes are addressed from the site's root (:func:`global_url` turns
one into the other).

Pages made from the data, the same in both languages (:meth:`Routes.pages`)::

    resolutions/                          every resolution, newest first,
    resolutions/page/<n>/                 RESOLUTIONS_PER_PAGE a page
    resolutions/<id>/                     one resolution, its PDF beside it: <id>.<lang>.pdf
    resolutions/<id>/parallel/            both languages side by side
    councils/                             the directory of councils
    councils/country/<cc>/                a country's councils, COUNCILS_PER_PAGE a page,
    councils/country/<cc>/page/<n>/       then further pages
    councils/<id>/                        one council, its latest COUNCIL_DECISIONS_SHOWN decisions
    councils/<id>/decisions/              a council's decisions when it has more,
    councils/<id>/decisions/page/<n>/     DECISIONS_PER_PAGE a page
    federations/                          every federation
    federations/<id>/                     one federation
    decisions/                            every decision, newest first,
    decisions/page/<n>/                   DECISIONS_PER_PAGE a page
    decisions/<id>/                       one decision
    search/                               the search page
    data/                                 the open-data page

Hand-written pages (content/<language>/*.md): the home page, about/, contribute/,
platform/; the engine lists them (shora.engine.mkdocs_api.hand_written_pages), and
:meth:`Routes.site_pages` puts them with the pages of the data. Files
(:meth:`Routes.files`): each language's feeds under feeds/, the data
scripts the lists load on demand, the PDFs; the open data under data/ (once); the
search indexes, Pagefind's bundles (pagefind/, en/pagefind/) and the index read from
disk (search/disk/, en/search/disk/).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from shora.load.dataset import Dataset
from shora.models.council import Council
from shora.site.page_types import GeneratedPage

LANGUAGES = ("fa", "en")

# How many items a page of a list holds: no page grows with the data. They decide
# which numbered pages exist, so they are read here (tests set smaller ones).
RESOLUTIONS_PER_PAGE = 50
DECISIONS_PER_PAGE = 50
# A council's page shows its latest decisions, this many; a council with more has a
# list of its own (council_decisions_url), DECISIONS_PER_PAGE a page.
COUNCIL_DECISIONS_SHOWN = 20
# Councils on one page of a country's listing (and the most a federation page lists).
COUNCILS_PER_PAGE = 100

# ---------------------------------------------------------------- pages

HOME_PAGE = ""
RESOLUTIONS_PAGE = "resolutions/"
COUNCILS_PAGE = "councils/"
FEDERATIONS_PAGE = "federations/"
DECISIONS_PAGE = "decisions/"
SEARCH_PAGE = "search/"
DATA_PAGE = "data/"
# Hand-written pages the code links to or indexes.
ABOUT_PAGE = "about/"
CONTRIBUTE_PAGE = "contribute/"
PLATFORM_PAGE = "platform/"
PROPOSE_COUNCIL_PAGE = CONTRIBUTE_PAGE + "#propose-a-council"
# Hand-written pages whose text is searchable (home and index pages only list others).
TEXT_PAGES = (ABOUT_PAGE, CONTRIBUTE_PAGE, PLATFORM_PAGE)


def resolution_url(resolution_id: str) -> str:
    return f"{RESOLUTIONS_PAGE}{resolution_id}/"


def parallel_url(resolution_id: str) -> str:
    """Both languages of a resolution side by side."""
    return resolution_url(resolution_id) + "parallel/"


def resolutions_page_url(number: int) -> str:
    """A page of the index: ``resolutions/``, then ``resolutions/page/2/`` ..."""
    return _numbered(RESOLUTIONS_PAGE, number)


def council_url(council_id: str) -> str:
    return f"{COUNCILS_PAGE}{council_id}/"


def council_decisions_url(council_id: str, number: int = 1) -> str:
    """A council's own list of decisions: ``councils/<id>/decisions/``, then ``page/2/`` ..."""
    return _numbered(council_url(council_id) + "decisions/", number)


def country_url(code: str, number: int = 1) -> str:
    """A country's listing of councils: ``councils/country/se/``, then ``page/2/`` ..."""
    return _numbered(f"{COUNCILS_PAGE}country/{code.lower()}/", number)


def federation_url(federation_id: str) -> str:
    return f"{FEDERATIONS_PAGE}{federation_id}/"


def decision_url(decision_id: str) -> str:
    return f"{DECISIONS_PAGE}{decision_id}/"


def decisions_page_url(number: int) -> str:
    """A page of every decision: ``decisions/``, then ``decisions/page/2/`` ..."""
    return _numbered(DECISIONS_PAGE, number)


def _numbered(first: str, number: int) -> str:
    return first if number == 1 else f"{first}page/{number}/"


def pages_for(count: int, per_page: int) -> int:
    """The pages of a list of ``count`` items: one at least, empty."""
    return max(1, -(-count // per_page))


# ---------------------------------------------------------------- files beside pages

# The filter of a list on several pages, and the directory's filter and "near me",
# load their items from these scripts (one per language) only when used: a script
# sets a global, so that it loads from file:// too.
RESOLUTIONS_DATA_FILE = RESOLUTIONS_PAGE + "index-data.js"
DIRECTORY_DATA_FILE = COUNCILS_PAGE + "directory-data.js"


def pdf_name(resolution_id: str, language: str) -> str:
    """A resolution's PDF's name: its id and the language, as a download keeps it."""
    return f"{resolution_id}.{language}.pdf"


def pdf_url(resolution_id: str, language: str) -> str:
    """A resolution's PDF, beside its page (from the root of the PDF's language)."""
    return resolution_url(resolution_id) + pdf_name(resolution_id, language)


# ---------------------------------------------------------------- feeds (per language)

FEEDS_DIR = "feeds/"
RESOLUTIONS_FEED = FEEDS_DIR + "resolutions.xml"
DECISIONS_FEED = FEEDS_DIR + "decisions.xml"


def council_feed(council_id: str) -> str:
    return f"{FEEDS_DIR}councils/{council_id}.xml"


@dataclass(frozen=True)
class Feed:
    """An Atom feed: where it is and the page it is the feed of (both from its
    language's root), what it holds, and whose: new resolutions, every decision, or
    the decisions of ``council``."""

    path: str
    page: str
    kind: str  # "resolutions", "decisions" or "council"
    council: str | None = None


# The site's feeds, which every page advertises.
SITE_FEEDS = (
    Feed(RESOLUTIONS_FEED, RESOLUTIONS_PAGE, "resolutions"),
    Feed(DECISIONS_FEED, DECISIONS_PAGE, "decisions"),
)


def _council_feed(council_id: str) -> Feed:
    return Feed(council_feed(council_id), council_url(council_id), "council", council_id)


# ---------------------------------------------------------------- open data (once)

DATA_DIR = DATA_PAGE
RESOLUTIONS_JSON = DATA_DIR + "resolutions.json"
COUNCILS_GEOJSON = DATA_DIR + "councils.geojson"
RESOLUTIONS_CSV = DATA_DIR + "resolutions.csv"
COUNCILS_CSV = DATA_DIR + "councils.csv"
DECISIONS_CSV = DATA_DIR + "decisions.csv"
POPOLO_JSON = DATA_DIR + "popolo.json"
ASSEMBLIES_ICS = DATA_DIR + "assemblies.ics"  # only when a council has a schedule


def has_schedule(council: Council) -> bool:
    """Whether a council's general assembly has a schedule a calendar can hold."""
    assembly = council.assembly
    if assembly is None or assembly.frequency in (None, "irregular"):
        return False
    return bool(assembly.weekday and assembly.time and assembly.timezone)


def has_calendar(dataset: Dataset) -> bool:
    """Whether the site has ASSEMBLIES_ICS: only when some council has a schedule."""
    return any(has_schedule(entry.model) for entry in dataset.councils.values())


# ---------------------------------------------------------------- search (from the site's root)

PAGEFIND_DIR = "pagefind/"  # a language's Pagefind bundle, from its root
DISK_SEARCH_DIR = SEARCH_PAGE + "disk/"  # a language's index read from disk


def bundle_path(language: str) -> str:
    """The address of a language's Pagefind bundle folder, from the site's root."""
    return global_url(PAGEFIND_DIR, language)


def disk_path(language: str) -> str:
    """The address of a language's index read from disk, from the site's root."""
    return global_url(DISK_SEARCH_DIR, language)


# ---------------------------------------------------------------- languages


def language_root(language: str) -> str:
    """Where a language's pages are, from the site's root: Persian at the root,
    English under en/."""
    return "" if language == "fa" else "en/"


def global_url(address: str, language: str) -> str:
    """An address of ``language``'s pages, from the site's root."""
    return language_root(language) + address


def page_address(destination: str) -> str:
    """The address of a page built into ``destination`` (a path from its language's
    root, as the engine writes a hand-written page): its folder for an index.html
    ("about/index.html" -> "about/", "index.html" -> ""), else the file itself."""
    if destination == "index.html" or destination.endswith("/index.html"):
        return destination.removesuffix("index.html")
    return destination


def in_both_languages(address: str) -> dict[str, str]:
    """A page's address in each language, from the site's root."""
    return {language: global_url(address, language) for language in LANGUAGES}


# ---------------------------------------------------------------- what the data makes


class Routes:
    """The pages and files the data makes: which exist, and where.

    The same in both languages; a list's numbered pages follow the sizes above at the
    time of the question."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset

    # Counted on the first question that needs them: a page asks only for its feeds.
    @cached_property
    def _councils_in(self) -> Counter[str]:
        return Counter(entry.model.country for entry in self.dataset.councils.values())

    @cached_property
    def _decisions_of(self) -> Counter[str]:
        return Counter(entry.model.council for entry in self.dataset.decisions.values())

    # ------------------------------------------------------------ lists of several pages

    def resolution_pages(self) -> int:
        return pages_for(len(self.dataset.resolutions), RESOLUTIONS_PER_PAGE)

    def decision_pages(self) -> int:
        return pages_for(len(self.dataset.decisions), DECISIONS_PER_PAGE)

    def country_pages(self, code: str) -> int:
        return pages_for(self._councils_in[code], COUNCILS_PER_PAGE)

    def has_decision_list(self, council_id: str) -> bool:
        """Whether a council has a list of decisions of its own: only when its page
        cannot show them all."""
        return self._decisions_of[council_id] > COUNCIL_DECISIONS_SHOWN

    def council_decision_pages(self, council_id: str) -> int:
        return pages_for(self._decisions_of[council_id], DECISIONS_PER_PAGE)

    # ------------------------------------------------------------ pages

    def pages(self) -> list[GeneratedPage]:
        """Every page made from the data, in the order MkDocs is given them."""
        dataset = self.dataset
        found = [GeneratedPage(f"{RESOLUTIONS_PAGE}index.md", "resolutions", "1")]
        found += [
            GeneratedPage(f"{RESOLUTIONS_PAGE}page/{number}.md", "resolutions", str(number))
            for number in range(2, self.resolution_pages() + 1)
        ]
        for id_ in sorted(dataset.resolutions):
            found.append(GeneratedPage(f"{RESOLUTIONS_PAGE}{id_}.md", "resolution", id_))
            found.append(GeneratedPage(f"{parallel_url(id_)[:-1]}.md", "parallel", id_))
        found.append(GeneratedPage(f"{COUNCILS_PAGE}index.md", "councils"))
        for code in sorted(self._councils_in):
            found += [
                GeneratedPage(f"{country_url(code, number)}index.md", "country", f"{code}/{number}")
                for number in range(1, self.country_pages(code) + 1)
            ]
        found += [
            GeneratedPage(f"{COUNCILS_PAGE}{id_}.md", "council", id_)
            for id_ in sorted(dataset.councils)
        ]
        for id_ in sorted(dataset.councils):
            if self.has_decision_list(id_):
                found += [
                    GeneratedPage(
                        f"{council_decisions_url(id_, number)}index.md",
                        "council_decisions",
                        f"{id_}/{number}",
                    )
                    for number in range(1, self.council_decision_pages(id_) + 1)
                ]
        found.append(GeneratedPage(f"{FEDERATIONS_PAGE}index.md", "federations"))
        found += [
            GeneratedPage(f"{FEDERATIONS_PAGE}{id_}.md", "federation", id_)
            for id_ in sorted(dataset.federations)
        ]
        found.append(GeneratedPage(f"{DECISIONS_PAGE}index.md", "decisions", "1"))
        found += [
            GeneratedPage(f"{DECISIONS_PAGE}page/{number}.md", "decisions", str(number))
            for number in range(2, self.decision_pages() + 1)
        ]
        found += [
            GeneratedPage(f"{DECISIONS_PAGE}{id_}.md", "decision", id_)
            for id_ in sorted(dataset.decisions)
        ]
        found.append(GeneratedPage(f"{SEARCH_PAGE}index.md", "search"))
        found.append(GeneratedPage(f"{DATA_PAGE}index.md", "data"))
        return found

    @cached_property
    def _addresses(self) -> frozenset[str]:
        return frozenset(page.url for page in self.pages())

    def has_page(self, address: str) -> bool:
        """Whether the data makes a page at ``address`` (from a language's root)."""
        return address in self._addresses

    def site_pages(self, hand_written: Mapping[str, Iterable[str]]) -> list[str]:
        """Every page of the site, from the site's root, sorted: the pages made from
        the data in both languages, and the hand-written ones of ``hand_written``
        (each language's addresses from its root, as the engine places them:
        :func:`page_address`). The page of a missing address (404.html) is none."""
        made = [page.url for page in self.pages()]
        found = {global_url(address, language) for language in LANGUAGES for address in made}
        for language, addresses in hand_written.items():
            found.update(global_url(address, language) for address in addresses)
        return sorted(found)

    # ------------------------------------------------------------ feeds

    def feeds(self) -> list[Feed]:
        """Every feed of a language: new resolutions, every decision, each council's."""
        return [*SITE_FEEDS, *(_council_feed(id_) for id_ in sorted(self.dataset.councils))]

    def page_feeds(self, address: str) -> list[Feed]:
        """The feeds a page advertises: the site's two, and a council's own on its
        page and on the pages listing its decisions (councils/<id>/decisions/...)."""
        feeds = list(SITE_FEEDS)
        section, _, rest = address.strip("/").partition("/")
        council_id = rest.partition("/")[0]
        if section + "/" == COUNCILS_PAGE and council_id in self.dataset.councils:
            feeds.append(_council_feed(council_id))
        return feeds

    # ------------------------------------------------------------ every file

    def open_data(self) -> list[str]:
        """The open data files, from the site's root."""
        files = [
            RESOLUTIONS_JSON, COUNCILS_GEOJSON, RESOLUTIONS_CSV, COUNCILS_CSV, DECISIONS_CSV,
            POPOLO_JSON,
        ]  # fmt: skip
        return files + ([ASSEMBLIES_ICS] if has_calendar(self.dataset) else [])

    def files(self) -> list[str]:
        """Every file the build makes from the data, from the site's root: each page's
        index.html, feed, data script and PDF in both languages, the open data, and
        the first file each search index loads."""
        found: list[str] = []
        for language in LANGUAGES:
            own = [page.url + "index.html" for page in self.pages()]
            own += [feed.path for feed in self.feeds()]
            own += [RESOLUTIONS_DATA_FILE, DIRECTORY_DATA_FILE]
            own += [pdf_url(id_, language) for id_ in sorted(self.dataset.resolutions)]
            found += [global_url(path, language) for path in own]
            found += [bundle_path(language) + "pagefind.js", disk_path(language) + "meta.js"]
        return found + self.open_data()
