"""Data exports, read back with json and a JSON Schema, csv and an XML parser."""

from __future__ import annotations

import csv
import gzip
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
from bs4 import BeautifulSoup

from tests.discovery.sample import SCRUTINY, SCRUTINY_2023, SCRUTINY_NAME, SECRET

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def load_json(site: Path, path: str):
    return json.loads((site / path).read_text(encoding="utf-8"))


def local(site: Path, url: str) -> Path:
    """The file a root-relative address of the local build points at."""
    path = urlsplit(url).path.lstrip("/")
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


@pytest.fixture(scope="module")
def validator(discovery_site):
    schema = load_json(discovery_site, "data/meeting.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_index_lists_every_meeting_with_its_data(discovery_site, sample_model):
    index = load_json(discovery_site, "data/meetings.json")["meetings"]
    assert len(index) == len(sample_model.meetings)
    for meeting in index:
        assert local(discovery_site, meeting["url"]).is_file()
        assert local(discovery_site, meeting["data"]).is_file()


def test_every_meeting_document_matches_the_schema(discovery_site, validator):
    for meeting in load_json(discovery_site, "data/meetings.json")["meetings"]:
        document = json.loads(local(discovery_site, meeting["data"]).read_text(encoding="utf-8"))
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(document)]
        assert not errors, (meeting["data"], errors)
        assert document["id"] == meeting["id"]


def test_every_json_file_is_indented_utf_8(discovery_site):
    """Readable as published: two-space indents, characters as themselves
    (not \\u escapes), one newline at the end, as Python's json writes it."""
    files = [f for f in sorted((discovery_site / "data").rglob("*.json")) if not f.name.endswith(".schema.json")]
    assert len(files) > 5
    for file in files:
        text = file.read_text(encoding="utf-8")
        assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n", file
    assert any("–" in file.read_text(encoding="utf-8") for file in files)  # an en dash, unescaped


def test_seed_meeting_as_an_open_civic_data_event(discovery_site):
    event = load_json(discovery_site, "data/meetings/executive/2024-03-05.json")
    assert event["start_date"] == "2024-03-05T10:30:00+00:00"
    assert event["location"]["name"] == "Committee Room 1, City Hall, Bradford"
    assert event["status"] == "passed"
    assert event["participants"][0] == {"entity_type": "organization", "name": "Executive",
                                        "entity_id": "executive", "note": "host"}
    [item] = event["agenda"]
    assert item["order"] == "8" and item["description"] == "Exploitation – annual update"
    assert "Resolved – (1) That the report be noted." in " ".join(item["notes"])
    assert "Partnership Intelligence Portal" in item["extras"]["minutes_html"]
    assert {e["entity_id"] for e in item["related_entities"]} >= {"darren-minton", "janice-hawkes"}


def test_exempt_item_is_number_title_and_reason_only(discovery_site, validator):
    event = load_json(discovery_site, f"data/meetings/{SCRUTINY_2023}.json")
    exempt = next(i for i in event["agenda"] if i["order"] == "6")
    assert exempt["description"] == "Case review"
    assert exempt["related_entities"] == [] and exempt["subjects"] == []
    assert set(exempt["extras"]) == {"minute", "exempt"}
    assert exempt["extras"]["exempt"]["paragraph"] == 1
    appendix = next(d for d in event["documents"] if "Appendix E" in d["note"])
    assert appendix["links"] == [] and appendix["exempt"]["paragraph"] == 7


def test_named_votes_are_in_the_data(discovery_site):
    event = load_json(discovery_site, f"data/meetings/{SCRUTINY_2023}.json")
    review = next(i for i in event["agenda"] if i["order"] == "5")
    [vote] = review["extras"]["votes"]
    assert (vote["for"], vote["against"], vote["result"]) == (2, 1, "carried")
    assert vote["against_people"] == ["cllr-sarah-whitaker"]


def test_decisions_register_csv(discovery_site):
    text = (discovery_site / "data/decisions.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    seed = next(r for r in rows if r["title"] == "Exploitation – annual update")
    assert seed["date"] == "2024-03-05" and seed["minute"] == "75" and seed["committee"] == "Executive"
    assert seed["decision"].startswith("(1) That the report be noted. (2) That the Executive commits")
    review = next(r for r in rows if r["title"] == "Child exploitation – scrutiny review")
    assert review["votes"] == "Vote on the recommendation: carried (2 for, 1 against, 0 abstained)"
    exempt = next(r for r in rows if r["title"] == "Case review")
    assert exempt["committee"] == SCRUTINY_NAME and "paragraph 1" in exempt["exempt"]
    assert exempt["decision"] == exempt["votes"] == exempt["outcome"] == ""


def test_sitemap_xml_lists_every_page_and_only_pages_that_exist(discovery_site):
    root = ET.parse(discovery_site / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    locs = [u.find(f"{SITEMAP}loc").text for u in root]
    assert len(locs) == len(set(locs))
    assert all(local(discovery_site, loc).is_file() for loc in locs)
    pages = {str(p.relative_to(discovery_site)) for p in discovery_site.rglob("index.html")
             if not p.relative_to(discovery_site).parts[0].startswith(("pagefind", "theme"))}
    assert pages == {str(local(discovery_site, loc).relative_to(discovery_site)) for loc in locs}
    seed = next(u for u in root if u.find(f"{SITEMAP}loc").text == "/committees/executive/2024-03-05/")
    assert seed.find(f"{SITEMAP}lastmod").text == "2024-04-09"


def test_meeting_page_describes_itself_as_a_schema_org_event(discovery_site):
    page = discovery_site / "committees/executive/2024-03-05/index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2024-03-05T10:30:00+00:00"
    assert data["endDate"] == "2024-03-05T12:15:00+00:00"
    assert data["location"]["name"] == "Committee Room 1, City Hall, Bradford"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    json_link = soup.find("link", rel="alternate", type="application/json")
    assert (page.parent / json_link["href"]).resolve().is_file()


def test_cancelled_meeting_event_status(discovery_site):
    page = discovery_site / f"committees/{SCRUTINY}/2024-06-11/index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert json.loads(soup.find("script", type="application/ld+json").string)["eventStatus"] == \
        "https://schema.org/EventCancelled"


def test_open_data_page_links_every_kind_of_file(discovery_site):
    page = discovery_site / "open-data/index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    hrefs = [a["href"] for a in soup.find("main").find_all("a") if "://" not in a["href"]]
    targets = {(page.parent / h.split("#")[0]).resolve() for h in hrefs}
    assert all(t.exists() for t in targets), [t for t in targets if not t.exists()]
    names = {t.name for t in targets}
    assert {"all.atom.xml", "all-meetings.ics", "meetings.json", "meeting.schema.json",
            "decisions.csv", "sitemap.xml", f"{SCRUTINY}.ics", f"{SCRUTINY}.atom.xml"} <= names


def _published_text(site: Path):
    """Every file of the site as text; Pagefind's index files are gzipped."""
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix in (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter"):
            data = gzip.decompress(data)
        yield path, data.decode("utf-8", errors="replace")


def test_exempt_text_is_in_no_published_file(discovery_site):
    leaks = [str(path) for path, text in _published_text(discovery_site) if SECRET in text]
    assert leaks == []
    # the exempt item itself is still listed, with its reason, in the data
    assert "Case review" in (discovery_site / f"data/meetings/{SCRUTINY_2023}.json").read_text(encoding="utf-8")


def test_a_large_sitemap_becomes_an_index_of_parts(sample_model):
    from minutebook.site.sitemap import sitemaps

    files = dict(sitemaps(sample_model, sample_model.settings, limit=10))
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == f"{SITEMAP}sitemapindex"
    parts = [s.find(f"{SITEMAP}loc").text.lstrip("/") for s in index]
    assert parts == [f"sitemap-{n}.xml" for n in range(1, len(parts) + 1)] and len(parts) > 1
    locs = [u.find(f"{SITEMAP}loc").text for p in parts for u in ET.fromstring(files[p])]
    whole = ET.fromstring(dict(sitemaps(sample_model, sample_model.settings))["sitemap.xml"])
    assert locs == [u.find(f"{SITEMAP}loc").text for u in whole]
