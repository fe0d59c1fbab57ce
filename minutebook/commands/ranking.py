"""The known-item search benchmark, and what the first search downloads.

A reader who remembers a few words of an item's minutes should find that item
at the top of the search results. ``choose_queries`` picks open agenda items
at random (a fixed seed) and, for each, a distinctive phrase of 3 to 5 words
from its minutes; ``SearchPage`` runs each phrase through the site's real
search page (``search/index.html``, served over HTTP on 127.0.0.1, in
Debian's headless Chromium driven by Playwright) and reads the links of the
results, in order. The item is *found at top 1* when its page is the first
result, *at top 5* when it is among the first five.

How a phrase is chosen (``phrase_for``): the item's minutes are cut into
words at white space; a candidate is a run of 3 to 5 words of letters and
digits only (a comma or full stop after a word is dropped, and a run does not
go past the end of a sentence). Each word's *document frequency* is the number
of open items whose title, agenda or minutes contain it, out of N. The 100
candidates with the largest sum of log(N / frequency) over their words (the
rarest if the words were independent) are kept, and of those the one whose
words appear *all together* in fewest items is the query (then the one with
the rarest words by that sum, as a reader remembers the unusual words, then
the first in the minutes). That
count is reported with each query: an item whose every phrase is shared by
many others (a standing item, "The minutes of the previous meeting were
agreed.") cannot be told apart by any search, and the figures say how many
of the 200 were so.

    python -m minutebook.commands.ranking --content DIR --site single=DIR [--site partitioned=DIR]

``invoke bench`` runs it on its generated archive. Nothing here is timed in
the test suite.
"""

from __future__ import annotations

import argparse
import gzip
import html
import math
import os
import random
import re
import shutil
import sys
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from minutebook.content import urls

SHORTEST, LONGEST = 3, 5  # words in a query
KEPT = 100  # the candidates rarest by their words one by one, of which the rarest together is chosen
QUERIES, SEED = 200, 1
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
WAIT_MS = 120_000  # for one search's results (the first loads the index)

try:  # the partitioned index (issue 19), where this code has it
    from minutebook.site import partitions
except ImportError:  # pragma: no cover - before the partitioned index
    partitions = None


def indexes() -> list[tuple[str, dict | None]]:
    """The search indexes the benchmark compares, as (label, settings to build the
    site with). The first is the reference the others' top-5 rates are compared
    with. None: the site the benchmark has just built, with pelicanconf.py's settings."""
    if partitions is None:
        return [("single index", None)]
    return [("one partition", {partitions.SETTING: ONE_PARTITION}),
            (f"partitioned (default, at most {partitions.LIMIT:,} records a part)", None)]


ONE_PARTITION = 10**9  # records: a partition size no archive reaches

_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[0-9a-z]+")
_PLAIN = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True)
class Query:
    phrase: str
    path: str  # the item's page, site-relative: committees/<committee>/<meeting>/<item>/
    sharing: int  # open items whose text has every word of the phrase (1: this item alone)


@dataclass
class Ranking:
    """Where each query's item came in one site's results (None: not in the first page of them)."""
    label: str
    queries: list[Query]
    ranks: list[int | None] = field(default_factory=list)

    def rate(self, within: int, alone: bool = False) -> float | None:
        """Percentage of the queries whose item is among the first ``within`` results
        (``alone``: of the queries whose words are in their item only); None without queries."""
        pairs = [(q, r) for q, r in zip(self.queries, self.ranks, strict=True) if not alone or q.sharing == 1]
        return 100 * sum(1 for _, r in pairs if r is not None and r <= within) / len(pairs) if pairs else None


@dataclass
class Transfer:
    """What the search page downloaded of the index, from loading to the first results."""
    requests: int
    transferred: int  # bytes received: the responses' bodies and headers
    body: int  # bytes of the responses' bodies (as served, without HTTP compression)
    kinds: dict[str, int] = field(default_factory=dict)  # bytes of bodies by what they are (``kind_of``)
    parts: int = 0  # parts of the index (folders of pagefind/, the words index too) anything was loaded from
    compressed: int = 0  # bytes of bodies as a web server that gzips scripts and JSON would send them


def kind_of(path: str) -> str:
    """What a file of the index is, as the figures name it."""
    name = path.rsplit("/", 1)[-1]
    for ending, kind in ((".pf_index", "word chunks"), (".pf_meta", "lists of pages"), (".pf_fragment", "results"),
                         (".pf_filter", "filters"), (".pagefind", "WebAssembly"), (".js", "scripts")):
        if name.endswith(ending):
            return kind
    return "lists of parts"


def text_of(fragment: str) -> str:
    return html.unescape(_TAG.sub(" ", fragment))


def words_of(text: str) -> set[str]:
    return set(_WORD.findall(text.lower().replace("’", "'")))


def candidates(minutes: str) -> Iterator[tuple[int, list[str]]]:
    """(position, words) of every run of 3 to 5 plain words, not crossing a sentence's end."""
    run: list[str] = []
    position = 0
    for token in minutes.split():
        word = token.rstrip(",.;:")
        if not _PLAIN.fullmatch(word):
            run = []
            continue
        run.append(word)
        position += 1
        for length in range(SHORTEST, LONGEST + 1):
            if len(run) >= length:
                yield position - length, run[-length:]
        if token[-1] in ".;:":
            run = []


def phrase_for(minutes: str, postings: dict[str, set[int]], items: int) -> tuple[str, int] | None:
    """The item's most distinctive phrase and how many open items have all its words."""
    scored = []
    for position, run in candidates(minutes):
        words = sorted({w.lower() for w in run}, key=lambda w: len(postings.get(w, ())))
        if any(w not in postings for w in words):
            continue  # a word the tokenisers split differently: not a fair query
        rarity = sum(math.log(items / len(postings[w])) for w in words)
        scored.append((-rarity, position, run, words))
    if not scored:
        return None
    scored.sort(key=lambda s: s[:2])
    best = None
    for rarity, position, run, words in scored[:KEPT]:
        together = set(postings[words[0]])
        for word in words[1:]:
            together &= postings[word]
        key = (len(together), rarity, position)
        if best is None or key < best[0]:
            best = (key, " ".join(run))
    assert best is not None
    return best[1], best[0][0]


def choose_queries(content: Path, count: int = QUERIES, seed: int = SEED) -> list[Query]:
    """``count`` open agenda items with minutes, chosen at random with ``seed``, each with its phrase."""
    from minutebook.engine.pipeline import load_site

    site = load_site(Path(content))
    items = sorted((i for m in site.meetings for i in m.items if i.exempt is None and i.minutes_html),
                   key=lambda i: urls.path_for(i))
    postings: dict[str, set[int]] = defaultdict(set)
    minutes = []
    for number, item in enumerate(items):
        said = text_of(item.minutes_html)
        minutes.append(said)
        for word in words_of(" ".join((item.title, text_of(item.agenda_html), said))):
            postings[word].add(number)
    rng = random.Random(seed)
    chosen = []
    for number in rng.sample(range(len(items)), len(items)):
        found = phrase_for(minutes[number], postings, len(items))
        if found is not None:
            chosen.append(Query(found[0], urls.path_for(items[number]), found[1]))
            if len(chosen) == count:
                break
    return chosen


def find_chromium() -> str | None:
    """MINUTEBOOK_CHROMIUM if set, else the first Chromium on PATH."""
    explicit = os.environ.get("MINUTEBOOK_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else None
    return next((found for name in CHROMIUM_CANDIDATES if (found := shutil.which(name))), None)


class SearchPage:
    """The site's search page in a headless Chromium (see ``search_page``)."""

    def __init__(self, browser, origin: str) -> None:
        self.browser, self.origin = browser, origin
        self.context = browser.new_context(service_workers="block")
        self.page = self.context.new_page()

    def _open(self, page, query: str) -> None:
        page.goto(f"{self.origin}/{urls.SEARCH}?q={quote(query)}", wait_until="load")
        page.wait_for_function("() => document.querySelector('#search-status')?.innerText.trim()",
                               timeout=WAIT_MS)

    def results(self, query: str) -> list[str]:
        """The site-relative paths the results link to, in order (the first page of them)."""
        self._open(self.page, query)
        links = self.page.eval_on_selector_all(".search-result__link", "links => links.map(a => a.href)")
        return [_site_path(link, self.origin) for link in links]

    def status(self) -> str:
        return self.page.inner_text("#search-status").strip()

    def first_search_transfer(self, query: str) -> Transfer:
        """Everything of the index a reader's browser downloads, from opening the search page
        with ``?q=`` to seeing the results, in a fresh browser profile (nothing cached)."""
        context = self.browser.new_context(service_workers="block")
        responses: list = []  # the context's: Pagefind fetches the index from a worker
        context.on("response", lambda response: responses.append(response))
        try:
            self._open(context.new_page(), query)
            index = [r for r in responses if "/pagefind" in urlsplit(r.url).path]
            contents = [r.body() for r in index]
            bodies = [len(content) for content in contents]
            headers = sum(r.request.sizes()["responseHeadersSize"] for r in index)
        finally:
            context.close()
        kinds: dict[str, int] = defaultdict(int)
        folders, compressed = set(), 0
        for response, content in zip(index, contents, strict=True):
            path, body = urlsplit(response.url).path, len(content)
            kinds[kind_of(path)] += body
            if (folder := re.search(r"/pagefind/([^/]+)/", path)) is not None:
                folders.add(folder.group(1))
            # Pagefind's index files are gzip already; its scripts and our JSON are not
            compressed += len(gzip.compress(content, 6)) if path.endswith((".js", ".json")) else body
        return Transfer(len(index), sum(bodies) + headers, sum(bodies), dict(kinds), len(folders), compressed)

    def rank(self, label: str, queries: list[Query]) -> Ranking:
        ranking = Ranking(label, queries)
        for query in queries:
            found = self.results(query.phrase)
            ranking.ranks.append(found.index(query.path) + 1 if query.path in found else None)
        return ranking


def _site_path(link: str, origin: str) -> str:
    path = urlsplit(link).path if link.startswith(origin) else link
    path = path.lstrip("/")
    return path[:-len("index.html")] if path.endswith("index.html") else path


@contextmanager
def search_page(site: Path) -> Iterator[SearchPage]:
    """The built site in ``site`` served on a free port of 127.0.0.1 and its search page
    opened in Debian's headless Chromium (Playwright drives it: no ``playwright install``)."""
    from playwright.sync_api import sync_playwright

    from minutebook.commands import preview

    executable = find_chromium()
    if executable is None:
        raise RuntimeError("No Chromium found on PATH or in MINUTEBOOK_CHROMIUM (apt-get install chromium)")
    if not (Path(site) / urls.output_file(urls.SEARCH)).is_file():
        raise RuntimeError(f"{site} has no search page: build the site with its search index first")
    server = preview.serve(Path(site), 0)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            try:
                yield SearchPage(browser, f"http://127.0.0.1:{server.server_address[1]}")
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()


def measure(sites: list[tuple[str, Path]], queries: list[Query],
            transfer_query: str | None = None) -> tuple[list[Ranking], dict[str, Transfer]]:
    """Each site's ranking of the queries and, with ``transfer_query``, its first search's download."""
    rankings, transfers = [], {}
    for label, site in sites:
        with search_page(site) as page:
            rankings.append(page.rank(label, queries))
            if transfer_query is not None:
                transfers[label] = page.first_search_transfer(transfer_query)
    return rankings, transfers


def report(rankings: list[Ranking], seed: int = SEED) -> str:
    """The figures as printed: each site's top-1 and top-5 rates, and the difference at top 5."""
    queries = rankings[0].queries
    alone = sum(1 for q in queries if q.sharing == 1)
    lines = [f"Known-item search: {len(queries)} open agenda items chosen at random (seed {seed}), each "
             f"searched for by a phrase of {SHORTEST} to {LONGEST} words from its minutes; "
             f"{alone} of the phrases have words found together in that item only.",
             "| index | top 1 | top 5 | top 1, unique phrases | top 5, unique phrases | not in the first page |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for ranking in rankings:
        missed = sum(1 for r in ranking.ranks if r is None)
        rates = " | ".join(_percent(ranking.rate(within, alone)) for alone in (False, True) for within in (1, 5))
        lines.append(f"| {ranking.label} | {rates} | {missed} |")
    if len(rankings) > 1:
        first = rankings[0]
        for other in rankings[1:]:
            difference = (other.rate(5) or 0.0) - (first.rate(5) or 0.0)
            lines.append(f"Top 5, {other.label} against {first.label}: {difference:+.1f} points "
                         f"(target: no worse than -2.0)")
    return "\n".join(lines)


def _percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate:.1f} %"


def transfer_line(label: str, transfer: Transfer, query: str) -> str:
    kinds = ", ".join(f"{kind} {size / 1000:,.1f}" for kind, size in
                      sorted(transfer.kinds.items(), key=lambda pair: -pair[1]))
    return (f"First search ({label}, for {query!r}): {transfer.requests} requests to the index in "
            f"{transfer.parts} of its folders, {transfer.transferred / 1000:,.1f} KB transferred "
            f"({transfer.body / 1000:,.1f} KB of bodies: {kinds} KB; "
            f"{transfer.compressed / 1000:,.1f} KB from a server that compresses scripts and JSON)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m minutebook.commands.ranking", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", type=Path, required=True, help="the content the sites were built from")
    parser.add_argument("--site", action="append", required=True, metavar="LABEL=FOLDER",
                        help="a built site with its search index; give it more than once to compare")
    parser.add_argument("--queries", type=int, default=QUERIES)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--show", action="store_true", help="list every query and where its item came")
    args = parser.parse_args(argv)
    sites = [(label, Path(folder)) for label, _, folder in (s.partition("=") for s in args.site)]
    queries = choose_queries(args.content, args.queries, args.seed)
    rankings, transfers = measure(sites, queries, queries[0].phrase if queries else None)
    if args.show:
        for number, query in enumerate(queries):
            ranks = ", ".join(f"{r.label} {r.ranks[number] or '–'}" for r in rankings)
            print(f"{query.phrase!r} ({query.sharing} items) {query.path}: {ranks}")
    print(report(rankings, args.seed))
    for label, transfer in transfers.items():
        print(transfer_line(label, transfer, queries[0].phrase))
    return 0


if __name__ == "__main__":
    sys.exit(main())
