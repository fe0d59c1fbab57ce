"""Snapshots: a zip, a WARC and a WACZ holding every file of the site, a
SHA-256 manifest, all byte-identical when remade, and a check that names
every file a damaged snapshot lost or changed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from minutebook.commands import archive
from tests.support import CONTENT, ROOT

SITEURL = "https://minutes.example.org/council"
EPOCH = 1712664000  # 9 April 2024, 12:00 UTC
EXPECTED_TYPES = {".html": "text/html", ".css": "text/css", ".xml": "application/xml", ".ics": "text/calendar",
                  ".json": "application/json", ".atom": "application/atom+xml", ".pdf": "application/pdf",
                  ".js": "text/javascript", ".csv": "text/csv", ".ico": "image/vnd.microsoft.icon", ".png": "image/png",
                  # Pagefind's search index: binary files its own script reads
                  ".pf_meta": "application/octet-stream", ".pf_index": "application/octet-stream",
                  ".pf_fragment": "application/octet-stream", ".pf_filter": "application/octet-stream",
                  ".pagefind": "application/octet-stream"}


@pytest.fixture(scope="module")
def snapshot(built_site, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("archive") / "2024-04-09"
    return archive.create_snapshot(archive.Snapshot(built_site, SITEURL, EPOCH, archive.commit_of(CONTENT)), folder)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def site_bytes(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_the_manifest_lists_every_file_with_its_sha256(built_site, snapshot):
    lines = (snapshot / "manifest-sha256.txt").read_text().splitlines()
    expected = [f"{sha(data)}  {rel}" for rel, data in sorted(site_bytes(built_site).items())]
    assert lines == expected
    assert "index.html" in archive.read_manifest(snapshot / "manifest-sha256.txt")


def test_the_zip_holds_every_file_in_order_with_one_fixed_time(built_site, snapshot):
    with zipfile.ZipFile(snapshot / "site.zip") as zipped:
        names = zipped.namelist()
        assert names == sorted(site_bytes(built_site))
        assert {name: zipped.read(name) for name in names} == site_bytes(built_site)
        assert {info.date_time for info in zipped.infolist()} == {(2024, 4, 9, 12, 0, 0)}


def test_the_warc_holds_every_file_as_a_response_with_its_content_type(built_site, snapshot):
    responses, revisits = {}, {}
    with (snapshot / "site.warc.gz").open("rb") as stream:
        for record in ArchiveIterator(stream, check_digests="raise"):  # each record's digests hold
            uri = record.rec_headers.get_header("WARC-Target-URI")
            assert record.rec_headers.get_header("WARC-Date") == "2024-04-09T12:00:00Z"
            if record.rec_type == "response":
                responses[uri] = (record.http_headers.get_statuscode(),
                                  record.http_headers.get_header("Content-Type"), record.content_stream().read())
            elif record.rec_type == "revisit":
                revisits[uri] = record.rec_headers.get_header("WARC-Refers-To-Target-URI")
    files = site_bytes(built_site)
    assert set(responses) == {f"{SITEURL}/{rel}" for rel in files}
    for rel, data in files.items():
        status, kind, body = responses[f"{SITEURL}/{rel}"]
        assert (status, body) == ("200", data), rel
        assert kind.split(";")[0] == EXPECTED_TYPES[Path(rel).suffix], rel
        if rel.endswith(".html"):
            assert kind == "text/html; charset=utf-8"
    # the addresses citizens cite, without index.html, replay too
    assert revisits[f"{SITEURL}/"] == f"{SITEURL}/index.html"
    assert revisits[f"{SITEURL}/committees/"] == f"{SITEURL}/committees/index.html"


def test_every_warc_record_has_a_unique_id_derived_from_its_content(snapshot):
    with (snapshot / "site.warc.gz").open("rb") as stream:
        ids = [r.rec_headers.get_header("WARC-Record-ID") for r in ArchiveIterator(stream)]
    assert len(ids) == len(set(ids))
    assert ids[0].startswith("<urn:uuid:")


def test_the_wacz_packages_the_warc_with_an_index_of_every_address(snapshot):
    with zipfile.ZipFile(snapshot / "site.wacz") as wacz:
        package = json.loads(wacz.read("datapackage.json"))
        for resource in package["resources"]:
            assert resource["hash"] == "sha256:" + sha(wacz.read(resource["path"]))
        assert wacz.read("archive/data.warc.gz") == (snapshot / "site.warc.gz").read_bytes()
        assert wacz.getinfo("archive/data.warc.gz").compress_type == zipfile.ZIP_STORED
        index = [json.loads(line.split(" ", 2)[2]) for line in wacz.read("indexes/index.cdxj").decode().splitlines()]
        pages = [json.loads(line) for line in wacz.read("pages/pages.jsonl").decode().splitlines()[1:]]
    urls = {entry["url"] for entry in index}
    manifest = archive.read_manifest(snapshot / "manifest-sha256.txt")
    assert {f"{SITEURL}/{rel}" for rel in manifest} <= urls
    assert f"{SITEURL}/committees/" in urls
    assert len(pages) == len([rel for rel in manifest if rel.endswith(".html")])
    assert package["mainPageUrl"] == f"{SITEURL}/"


def test_a_snapshot_remade_elsewhere_is_byte_identical(built_site, snapshot, tmp_path):
    """Same site, same source time: another folder, working directory and time zone give the same bytes."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "TZ": "Pacific/Auckland"}
    run = subprocess.run([sys.executable, "-m", "minutebook", "archive", "--site", str(built_site),
                          "--siteurl", SITEURL, "--settings", str(ROOT / "publishconf.py"), "--dest", str(tmp_path)],
                         cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    remade = tmp_path / "2024-04-09"  # the date comes from SOURCE_DATE_EPOCH, not the clock
    for name in ("site.zip", "site.warc.gz", "site.wacz", "manifest-sha256.txt"):
        assert (remade / name).read_bytes() == (snapshot / name).read_bytes(), name


def test_an_intact_snapshot_verifies(snapshot):
    assert archive.verify_snapshot(snapshot) == []
    run = subprocess.run([sys.executable, "-m", "minutebook", "verify-archive", str(snapshot)],
                         cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 0
    assert "intact" in run.stdout


def test_verify_names_every_missing_and_changed_file(snapshot, tmp_path):
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    for file in snapshot.iterdir():
        (damaged / file.name).write_bytes(file.read_bytes())
    with zipfile.ZipFile(snapshot / "site.zip") as original, zipfile.ZipFile(damaged / "site.zip", "w") as copy:
        for info in original.infolist():
            if info.filename == "people/index.html":
                continue  # lost
            data = original.read(info)
            if info.filename == "committees/index.html":
                data = data.replace(b"Committees", b"Committes")  # altered
            copy.writestr(info, data)
    run = subprocess.run([sys.executable, "-m", "minutebook", "verify-archive", str(damaged)],
                         cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    assert "site.zip: people/index.html: missing" in lines
    assert any(line.startswith("site.zip: committees/index.html: changed") for line in lines)
    assert any(line.startswith("site.zip: changed since the snapshot was made") for line in lines)
    assert not any(line.startswith("site.warc.gz") for line in lines)


def test_a_snapshot_is_never_overwritten(built_site, snapshot):
    with pytest.raises(FileExistsError):
        archive.create_snapshot(archive.Snapshot(built_site, SITEURL, EPOCH), snapshot)


def test_the_snapshot_date_comes_from_the_content_not_the_clock(content_copy, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    # a copy outside git: the newest meeting's date
    newest = max(p.parent.name for p in content_copy.glob("meetings/*/*/meeting.md"))
    assert archive.utc(archive.source_epoch(content_copy)).date() == dt.date.fromisoformat(newest)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    assert archive.source_epoch(content_copy) == EPOCH


def test_check_urls_names_addresses_that_disappeared(built_site, snapshot, tmp_path):
    import shutil

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    shutil.rmtree(site / "people/darren-minton")
    (site / "theme/css/main.css").rename(site / "theme/css/main-2.css")  # assets are not cited
    assert archive.lost_urls(snapshot, site) == ["people/darren-minton/index.html"]
    run = subprocess.run([sys.executable, "-m", "minutebook", "check-urls", "--against",
                          str(snapshot / "manifest-sha256.txt"), str(site)],
                         cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 1
    assert "people/darren-minton/index.html" in run.stdout
    assert archive.lost_urls(snapshot, built_site) == []


def test_no_exempt_information_reaches_a_snapshot(snapshot):
    """The sample's exempt items carry invented names, sums and a marker that must never be published."""
    secrets = [b"CONFIDENTIAL DEMONSTRATION TEXT", b"Airedale Coachworks", "£11,450,000".encode()]
    payloads = []
    with zipfile.ZipFile(snapshot / "site.zip") as zipped:
        payloads += [zipped.read(name) for name in zipped.namelist()]
    with (snapshot / "site.warc.gz").open("rb") as stream:
        payloads += [record.content_stream().read() for record in ArchiveIterator(stream)]
    with zipfile.ZipFile(snapshot / "site.wacz") as wacz:
        payloads += [wacz.read("pages/pages.jsonl"), wacz.read("indexes/index.cdxj")]
    assert len(payloads) > 60
    for secret in secrets:
        assert not any(secret in data for data in payloads), secret
