"""Subject histories and cross-references on the item pages a reader sees."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from minutebook.commands import cli
from minutebook.model import crossrefs
from minutebook.model.crossrefs import _REFERENCE
from tests.discovery.sample import APPROVING_ITEM, EXEC_2022, SCRUTINY, SCRUTINY_2023, SCRUTINY_NAME, SEED_ITEM


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def history(site: Path, path: str):
    section = soup(site, path).find("section", class_="subject-history")
    assert section is not None
    return section


def test_item_page_shows_the_history_of_its_subject_across_committees(discovery_site, sample_model):
    section = history(discovery_site, SEED_ITEM)
    assert section.find("h2").get_text() == "History of this subject"
    entries = [" ".join(li.get_text(" ").split()) for li in section.find_all("li")]
    outcome = {i.source.split("/", 2)[2]: i.outcome for i in sample_model.items}
    expected = [
        f"14 June 2022 , Executive: Exploitation – annual update 2022 . "
        f"{outcome['2022-06-14/06-exploitation-annual-update-2022.md']}",
        f"14 November 2023 , {SCRUTINY_NAME}: Child exploitation – scrutiny review . "
        f"{outcome['2023-11-14/05-child-exploitation-review.md']}",
        "5 March 2024 , Executive: Exploitation – annual update (this item). Resolved",
    ]
    positions = [entries.index(x) for x in expected]
    assert positions == sorted(positions), entries  # oldest first


def test_current_item_is_marked_and_others_link_to_their_pages(discovery_site):
    section = history(discovery_site, SEED_ITEM)
    [current] = section.find_all("li", attrs={"aria-current": "true"})
    assert "Exploitation – annual update" in current.get_text() and current.find("a") is None
    page = discovery_site / SEED_ITEM / "index.html"
    for link in section.find("ol").find_all("a"):
        assert (page.parent / link["href"]).resolve().is_file()


def test_every_item_of_the_subject_shows_the_same_history(discovery_site):
    others = [f"committees/{EXEC_2022}/exploitation-annual-update-2022/",
              f"committees/{SCRUTINY_2023}/child-exploitation-review/"]
    for path in others:
        section = history(discovery_site, path)
        assert len(section.find_all("li")) == len(history(discovery_site, SEED_ITEM).find_all("li"))


def test_item_without_a_subject_has_no_history(discovery_site):
    assert soup(discovery_site, APPROVING_ITEM).find("section", class_="subject-history") is None


def test_subject_history_is_not_in_the_search_index(discovery_site):
    assert history(discovery_site, SEED_ITEM).has_attr("data-pagefind-ignore")


def test_minute_reference_links_to_the_minute_at_an_earlier_meeting(discovery_site):
    page = soup(discovery_site, APPROVING_ITEM)
    link = page.find("a", string="Minute 75")
    assert link is not None
    target = (discovery_site / APPROVING_ITEM / link["href"]).resolve()
    assert target == (discovery_site / SEED_ITEM / "index.html").resolve()


def test_minute_reference_within_a_meeting(discovery_site):
    page = soup(discovery_site, f"committees/{SCRUTINY_2023}/child-exploitation-review/")
    link = page.find("a", string="Minute 11")
    target = (discovery_site / f"committees/{SCRUTINY_2023}/child-exploitation-review" / link["href"]).resolve()
    assert target == (discovery_site / f"committees/{SCRUTINY_2023}/minutes-of-the-previous-meeting/index.html")


def test_dated_minute_reference_links_to_another_committees_minute(discovery_site):
    item = f"committees/{SCRUTINY_2023}/child-exploitation-review"
    link = soup(discovery_site, item).find("a", string="Minute 75")
    assert (discovery_site / item / link["href"]).resolve() == (discovery_site / SEED_ITEM / "index.html")


def test_document_reference_links_to_the_report(discovery_site):
    page = soup(discovery_site, f"committees/{EXEC_2022}/exploitation-annual-update-2022/")
    link = page.find(id="minutes").find_next("div").find("a", string="Document “AB”")
    assert link["href"] == "index.html#documents"
    assert page.find(id="documents").find_next("a", string="Document “AB”")


def write_item(content: Path, meeting: str, name: str, text: str) -> Path:
    path = content / "meetings" / meeting / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_warns_about_references_to_nothing(content_copy, capsys):
    write_item(content_copy, "executive/2024-04-09", "02-update.md", """---
title: Update
minute: 987
resolutions: That the update be noted.
---
## Minutes

The Leader referred to Minute 75 and Minute 999,
and to Document “ZZ” of this meeting,
and to the Executive's meeting on 5 March 2024 (Minute 76).
""")
    assert cli.main(["check", str(content_copy)]) == 0  # warnings do not stop a build
    err = capsys.readouterr().err
    assert "meetings/executive/2024-04-09/02-update.md:8: warning: text: 'Minute 999' is not a minute " \
           "of the Executive in the municipal year 2023 to 2024" in err
    assert "02-update.md:9: warning: text: 'Document “ZZ”' is not the report of any item" in err
    assert "02-update.md:10: warning: text: 'Minute 76' is not a minute of any meeting on 5 March 2024" in err
    assert "'Minute 75'" not in err


def test_minute_numbers_belong_to_their_committee(sample_content, tmp_path, capsys):
    import shutil
    content = tmp_path / "content"
    shutil.copytree(sample_content, content)
    # minute 75 is the Executive's; the scrutiny committee has no minute 75
    write_item(content, f"{SCRUTINY}/2023-11-14", "07-follow-up.md",
               "---\ntitle: Follow-up\nminute: 914\nresolutions: Noted.\n---\n## Minutes\n\nSee Minute 75.\n")
    assert cli.main(["check", str(content)]) == 0
    assert "07-follow-up.md:8: warning: text: 'Minute 75' is not a minute of the " \
           f"{SCRUTINY_NAME}" in capsys.readouterr().err


# The pattern is written with look-behinds (quicker to search) for what reads
# most plainly with \b: the two must find the same references in any text.
_PLAIN_REFERENCE = re.compile(r"\b[Mm]inute (?:[Nn]o\.? ?)?(?P<minute>\d+)\b"
                              r"|\bDocument [“\"](?P<report>[A-Z]{1,4})[”\"]")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Minute", "minute", "Document", "no.", "No", " ", "x", "_", "é", "7", "12",
                                 "“", "”", '"', "E", "AB", ".", "(", "\n", "M", "D", "inute", "ocument"]),
                max_size=30).map("".join))
def test_references_are_found_at_the_start_of_a_word_only(text):
    # Of the pattern itself: the rendered text (below) shows it on examples, but Markdown reshapes
    # a text ("_Minute 7_" is emphasis) before the pattern sees it, so only the pattern can be compared over any text.
    def found(pattern: re.Pattern) -> list:
        return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]

    assert found(_REFERENCE) == found(_PLAIN_REFERENCE)


def test_only_references_at_the_start_of_a_word_are_linked():
    html = crossrefs.render_with_links("aMinute 5, Minute 6 and xDocument “A” or Document “B”; Minute no. 7x.",
                                       lambda m, date: f"../{m.group('minute') or m.group('report')}/",
                                       look_up=False)
    links = [(a.get_text(), a["href"]) for a in BeautifulSoup(html, "html.parser").find_all("a")]
    assert links == [("Minute 6", "../6/"), ("Document “B”", "../B/")]
    assert "aMinute 5" in html and "xDocument “A”" in html
