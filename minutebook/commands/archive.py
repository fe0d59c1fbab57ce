"""Snapshots for archivists: the built site as a zip, a WARC and a WACZ,
with a SHA-256 manifest of every file, all reproducible byte for byte.

A snapshot folder (``archive/<date>/``) holds:

- ``site.zip``: every file of the site (sorted entries, fixed timestamps);
- ``site.warc.gz``: every file as an HTTP response under the site's address
  (plus a revisit record for each folder address, the one citizens cite);
- ``site.wacz``: the same WARC packaged with an index, for replay tools;
- ``manifest-sha256.txt``: ``<sha256>  <path>`` for every file of the site;
- ``snapshot.json``: the date, the source time, the site's address, the commit;
- ``snapshot-sha256.txt``: the checksums of the files above.

Dates come from SOURCE_DATE_EPOCH or the content's last commit, never the
clock, and record ids are derived from the content, so a snapshot of the same
commit is the same bytes wherever and whenever it is made.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import io
import json
import mimetypes
import re
import shutil
import subprocess
import tempfile
import uuid
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date, datetime_to_timestamp
from warcio.warcwriter import WARCWriter

from minutebook.content import clock

MANIFEST = "manifest-sha256.txt"
CHECKSUMS = "snapshot-sha256.txt"
ZIP = "site.zip"
WARC = "site.warc.gz"
WACZ = "site.wacz"
INFO = "snapshot.json"
SOFTWARE = "Minute Book (https://github.com/minutebook), warcio"

# Files that may differ between two builds of the same commit, each with the
# reason it cannot be made stable. Reproducibility tests and snapshot
# comparisons skip them and name them. It starts empty: every file we
# publish is reproducible. Add a glob pattern here only with its reason.
UNSTABLE_FILES: dict[str, str] = {}

# Paths that are not citable addresses and may change name between builds
# (theme assets, a search index's content-hashed fragments): check-urls
# ignores them when it looks for addresses that disappeared.
UNCITED_PATHS: tuple[str, ...] = ("theme/*", "pagefind/*")

# Content types by extension, fixed here so they do not depend on the
# machine's /etc/mime.types.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".atom": "application/atom+xml",
    ".rss": "application/rss+xml",
    ".ics": "text/calendar; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/vnd.microsoft.icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".webmanifest": "application/manifest+json",
    ".wasm": "application/wasm",
}
_BUILTIN_TYPES = mimetypes.MimeTypes()  # Python's own table only, not the system's


def content_type(path: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    return _BUILTIN_TYPES.guess_type(path, strict=False)[0] or "application/octet-stream"


# ---- the site's files and their manifest ------------------------------------


def site_files(output: Path) -> list[str]:
    """Every file of the built site as a site-relative path, sorted."""
    return sorted(p.relative_to(output).as_posix() for p in Path(output).rglob("*") if p.is_file())


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_of(output: Path) -> dict[str, str]:
    return {rel: sha256((Path(output) / rel).read_bytes()) for rel in site_files(output)}


def format_manifest(manifest: Mapping[str, str]) -> str:
    """``sha256sum`` format, so ``sha256sum -c`` also checks an unzipped site."""
    return "".join(f"{digest}  {rel}\n" for rel, digest in sorted(manifest.items()))


def read_manifest(path: Path) -> dict[str, str]:
    manifest = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        digest, sep, rel = line.partition("  ")
        if sep and re.fullmatch(r"[0-9a-f]{64}", digest):
            manifest[rel] = digest
    return manifest


# ---- dates: from the content, never the clock ---------------------------------


def source_epoch(content: Path) -> int:
    """SOURCE_DATE_EPOCH, else the last commit's time, else midnight (UTC) of
    the newest meeting date in the content."""
    epoch = clock.source_date_epoch(Path(content))
    if epoch is not None:
        return epoch
    dates = []
    for folder in Path(content).glob("meetings/*/*"):
        try:
            dates.append(dt.date.fromisoformat(folder.name))
        except ValueError:
            continue
    newest = max(dates, default=dt.date(1980, 1, 1))
    return int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp())


def utc(epoch: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(epoch, dt.UTC).replace(tzinfo=None)


# ---- writing a snapshot ----------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    output: Path  # the built site
    siteurl: str  # https://minutes.example.org, the address the WARC records
    epoch: int  # the time stamped on every record and zip entry
    commit: str | None = None

    @property
    def date(self) -> dt.date:
        return utc(self.epoch).date()

    def url(self, rel: str) -> str:
        return f"{self.siteurl.rstrip('/')}/{quote(rel)}"


def create_snapshot(snapshot: Snapshot, folder: Path) -> Path:
    """Write the snapshot into ``folder`` (created; it must not exist yet).
    Written beside it first and renamed, so a half-written snapshot never
    stands under the final name."""
    folder = Path(folder)
    if folder.exists():
        raise FileExistsError(f"{folder} already exists: a snapshot is never overwritten; "
                              "move it away or choose another folder")
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".writing-{folder.name}-", dir=folder.parent))
    try:
        files = site_files(snapshot.output)
        (staging / MANIFEST).write_text(format_manifest(manifest_of(snapshot.output)), encoding="utf-8")
        (staging / ZIP).write_bytes(site_zip(snapshot, files))
        (staging / WARC).write_bytes(site_warc(snapshot, files))
        (staging / WACZ).write_bytes(site_wacz(snapshot, (staging / WARC).read_bytes(), files))
        (staging / INFO).write_text(json.dumps(_info(snapshot, files), indent=2) + "\n", encoding="utf-8")
        checksums = {name: sha256((staging / name).read_bytes()) for name in (MANIFEST, ZIP, WARC, WACZ, INFO)}
        (staging / CHECKSUMS).write_text(format_manifest(checksums), encoding="utf-8")
        staging.chmod(0o755)
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return folder


def _info(snapshot: Snapshot, files: list[str]) -> dict:
    return {"date": snapshot.date.isoformat(), "source_date_epoch": snapshot.epoch,
            "siteurl": snapshot.siteurl, "commit": snapshot.commit, "files": len(files),
            "unstable_files": UNSTABLE_FILES}


def _zip_time(epoch: int) -> tuple[int, int, int, int, int, int]:
    when = max(utc(epoch), dt.datetime(1980, 1, 1))  # the zip format starts in 1980
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


def site_zip(snapshot: Snapshot, files: Iterable[str]) -> bytes:
    """The site as a zip: sorted entries, one fixed time, fixed permissions."""
    buffer = io.BytesIO()
    stamp = _zip_time(snapshot.epoch)
    with zipfile.ZipFile(buffer, "w") as archive:
        for rel in sorted(files):
            archive.writestr(_zip_entry(rel, stamp, zipfile.ZIP_DEFLATED),
                             (snapshot.output / rel).read_bytes(), compresslevel=9)
    return buffer.getvalue()


def _zip_entry(name: str, stamp: tuple, compression: int) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=stamp)
    entry.compress_type = compression
    entry.create_system = 3  # Unix, so the permissions below are read
    entry.external_attr = 0o100644 << 16
    return entry


def _record_id(*parts: str) -> str:
    """A record id derived from what the record holds, so rebuilding gives the same id."""
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, ' '.join(parts))}>"


def site_warc(snapshot: Snapshot, files: Iterable[str]) -> bytes:
    """Every file as an HTTP 200 response at its address; each folder's
    address (``.../committees/``) as a revisit of its ``index.html``."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True, warc_version="1.1")
    date = datetime_to_iso_date(utc(snapshot.epoch))
    writer.write_record(_warcinfo(writer, snapshot, date))
    for rel in sorted(files):
        data = (snapshot.output / rel).read_bytes()
        uri = snapshot.url(rel)
        http = StatusAndHeaders("200 OK", [("Content-Type", content_type(rel)),
                                           ("Content-Length", str(len(data)))], protocol="HTTP/1.1")
        response = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(data), length=len(data), http_headers=http,
            warc_headers_dict={"WARC-Record-ID": _record_id(uri, sha256(data)), "WARC-Date": date})
        writer.write_record(response)
        if rel == "index.html" or rel.endswith("/index.html"):
            folder_uri = snapshot.url(rel[: -len("index.html")])
            revisit = writer.create_revisit_record(
                folder_uri, response.rec_headers.get_header("WARC-Payload-Digest"), uri, date,
                http_headers=http,
                warc_headers_dict={"WARC-Record-ID": _record_id(folder_uri, sha256(data)), "WARC-Date": date})
            writer.write_record(revisit)
    return buffer.getvalue()


def _warcinfo(writer: WARCWriter, snapshot: Snapshot, date: str):
    fields = {"software": SOFTWARE, "format": "WARC File Format 1.1",
              "description": f"Snapshot of {snapshot.siteurl} as of {snapshot.date.isoformat()}",
              "isPartOf": snapshot.siteurl, "minutebook-commit": snapshot.commit or ""}
    body = "".join(f"{k}: {v}\r\n" for k, v in fields.items() if v).encode("utf-8")
    return writer.create_warc_record(
        "", "warcinfo", payload=io.BytesIO(body), length=len(body),
        warc_content_type="application/warc-fields",
        warc_headers_dict={"WARC-Record-ID": _record_id("warcinfo", snapshot.siteurl, date, sha256(body)),
                           "WARC-Date": date, "WARC-Filename": WARC})


# ---- WACZ: the WARC with an index and a page list, for replay tools -----------


def site_wacz(snapshot: Snapshot, warc: bytes, files: list[str]) -> bytes:
    """A WACZ 1.1.1 package: the WARC, a CDXJ index, the list of pages."""
    stamp = _zip_time(snapshot.epoch)
    parts = {
        "archive/data.warc.gz": warc,
        "indexes/index.cdxj": _cdxj(warc),
        "pages/pages.jsonl": _pages(snapshot, files),
    }
    resources = [{"name": Path(path).name, "path": path, "hash": f"sha256:{sha256(data)}", "bytes": len(data)}
                 for path, data in parts.items()]
    created = datetime_to_iso_date(utc(snapshot.epoch))
    package = {"profile": "data-package", "wacz_version": "1.1.1",
               "title": f"{snapshot.siteurl} on {snapshot.date.isoformat()}", "created": created,
               "software": SOFTWARE, "mainPageUrl": snapshot.url(""), "mainPageDate": created,
               "resources": resources}
    parts["datapackage.json"] = (json.dumps(package, indent=2) + "\n").encode("utf-8")
    parts["datapackage-digest.json"] = (json.dumps(
        {"path": "datapackage.json", "hash": f"sha256:{sha256(parts['datapackage.json'])}"}, indent=2)
        + "\n").encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, data in parts.items():
            # the WARC is stored, not deflated, so replay tools can seek into it
            compression = zipfile.ZIP_STORED if path.endswith(".warc.gz") else zipfile.ZIP_DEFLATED
            archive.writestr(_zip_entry(path, stamp, compression), data)
    return buffer.getvalue()


def surt(uri: str) -> str:
    """The sort-friendly form replay indexes use: ``org,example)/committees/``."""
    parts = urlsplit(uri)
    host = ",".join(reversed((parts.hostname or "").lower().removeprefix("www.").split(".")))
    port = f":{parts.port}" if parts.port else ""
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{port}){parts.path or '/'}{query}"


def _cdxj(warc: bytes) -> bytes:
    lines = []
    records = ArchiveIterator(io.BytesIO(warc))
    for record in records:
        kind = record.rec_type
        if kind not in ("response", "revisit"):
            continue
        uri = record.rec_headers.get_header("WARC-Target-URI")
        record.content_stream().read()
        entry = {"url": uri,
                 "mime": "warc/revisit" if kind == "revisit" else
                 record.http_headers.get_header("Content-Type").split(";")[0],
                 "status": "200",
                 "digest": record.rec_headers.get_header("WARC-Payload-Digest"),
                 "length": str(records.get_record_length()),
                 "offset": str(records.get_record_offset()),
                 "filename": "data.warc.gz"}
        when = dt.datetime.strptime(record.rec_headers.get_header("WARC-Date"), "%Y-%m-%dT%H:%M:%SZ")
        lines.append(f"{surt(uri)} {datetime_to_timestamp(when)} {json.dumps(entry)}")
    return ("\n".join(sorted(lines)) + "\n").encode("utf-8")


def _pages(snapshot: Snapshot, files: list[str]) -> bytes:
    when = datetime_to_iso_date(utc(snapshot.epoch))
    lines = [json.dumps({"format": "json-pages-1.0", "id": "pages", "title": "All pages"})]
    for rel in files:
        if rel.endswith(".html"):
            text = (snapshot.output / rel).read_text(encoding="utf-8", errors="replace")
            title = re.search(r"<title>(.*?)</title>", text, re.DOTALL | re.IGNORECASE)
            lines.append(json.dumps({"url": snapshot.url(rel), "ts": when,
                                     "title": title.group(1).strip() if title else rel}))
    return ("\n".join(lines) + "\n").encode("utf-8")


# ---- checking a snapshot ------------------------------------------------------------


def verify_snapshot(folder: Path) -> list[str]:
    """Everything that does not match the snapshot's manifest, one line each
    (empty when the snapshot is intact)."""
    folder = Path(folder)
    if not (folder / MANIFEST).is_file():
        return [f"{folder / MANIFEST}: missing: this folder is not a snapshot, or its manifest was lost"]
    problems = _check_checksums(folder)
    manifest = read_manifest(folder / MANIFEST)
    if (folder / ZIP).is_file():
        try:
            problems += _compare(ZIP, manifest, _zip_contents(folder / ZIP))
        except zipfile.BadZipFile as exc:
            problems.append(f"{ZIP}: unreadable: {exc}")
    if (folder / WARC).is_file():
        siteurl = json.loads((folder / INFO).read_text()).get("siteurl", "") if (folder / INFO).is_file() else ""
        problems += _compare(WARC, manifest, _warc_contents(folder / WARC, siteurl))
    if (folder / WACZ).is_file():
        problems += _check_wacz(folder / WACZ)
    return problems


def _check_wacz(path: Path) -> list[str]:
    """Each part of the WACZ matches the hash its datapackage.json records."""
    try:
        with zipfile.ZipFile(path) as wacz:
            resources = json.loads(wacz.read("datapackage.json"))["resources"]
            return [f"{WACZ}: {r['path']}: changed (its SHA-256 differs from datapackage.json)"
                    for r in resources if r["hash"] != f"sha256:{sha256(wacz.read(r['path']))}"]
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        return [f"{WACZ}: unreadable: {exc}"]


def _check_checksums(folder: Path) -> list[str]:
    if not (folder / CHECKSUMS).is_file():
        return [f"{CHECKSUMS}: missing"]
    problems = []
    for name, digest in read_manifest(folder / CHECKSUMS).items():
        if not (folder / name).is_file():
            problems.append(f"{name}: missing from the snapshot")
        elif sha256((folder / name).read_bytes()) != digest:
            problems.append(f"{name}: changed since the snapshot was made (its SHA-256 differs from {CHECKSUMS})")
    return problems


def _zip_contents(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {name: sha256(archive.read(name)) for name in archive.namelist() if not name.endswith("/")}


def _warc_contents(path: Path, siteurl: str) -> dict[str, str]:
    prefix = siteurl.rstrip("/") + "/"
    found = {}
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            if record.rec_type == "response" and uri.startswith(prefix):
                found[unquote(uri[len(prefix):])] = sha256(record.content_stream().read())
    return found


def _compare(container: str, manifest: Mapping[str, str], found: Mapping[str, str]) -> list[str]:
    problems = [f"{container}: {rel}: missing" for rel in sorted(set(manifest) - set(found))]
    problems += [f"{container}: {rel}: not in the manifest" for rel in sorted(set(found) - set(manifest))]
    problems += [f"{container}: {rel}: changed (SHA-256 {found[rel][:12]}…, the manifest says {manifest[rel][:12]}…)"
                 for rel in sorted(set(manifest) & set(found)) if found[rel] != manifest[rel]]
    return problems


# ---- comparing two builds, and URLs that disappeared ------------------------------------


@dataclass(frozen=True)
class Difference:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def compare_trees(first: Path, second: Path, unstable: Mapping[str, str] | None = None) -> list[Difference]:
    """Every file that differs between two builds. ``unstable`` maps glob
    patterns to the reason those files cannot be stable (default
    UNSTABLE_FILES); matching files are left out of the comparison."""
    unstable = UNSTABLE_FILES if unstable is None else unstable
    keep = lambda rel: not any(fnmatch.fnmatch(rel, pattern) for pattern in unstable)  # noqa: E731
    a = {rel for rel in site_files(first) if keep(rel)}
    b = {rel for rel in site_files(second) if keep(rel)}
    differences = [Difference(rel, f"only in {first}") for rel in sorted(a - b)]
    differences += [Difference(rel, f"only in {second}") for rel in sorted(b - a)]
    for rel in sorted(a & b):
        one, two = (Path(first) / rel).read_bytes(), (Path(second) / rel).read_bytes()
        if one != two:
            differences.append(Difference(rel, _first_difference(one, two)))
    return differences


def _first_difference(one: bytes, two: bytes) -> str:
    at = next((i for i, (x, y) in enumerate(zip(one, two, strict=False)) if x != y), min(len(one), len(two)))
    line = one.count(b"\n", 0, at) + 1
    show = lambda data: data[max(0, at - 30): at + 30].decode("utf-8", "replace")  # noqa: E731
    return f"bytes differ from line {line}: {show(one)!r} against {show(two)!r}"


def lost_urls(previous_manifest: Path, output: Path, ignore: Iterable[str] = UNCITED_PATHS) -> list[str]:
    """Addresses in the previous snapshot that the new build no longer has
    (neither the page nor a redirect page at its address)."""
    previous = read_manifest(_manifest_path(previous_manifest))
    now = set(site_files(output))
    ignore = tuple(ignore)
    return sorted(rel for rel in previous
                  if rel not in now and not any(fnmatch.fnmatch(rel, pattern) for pattern in ignore))


def _manifest_path(path: Path) -> Path:
    path = Path(path)
    return path / MANIFEST if path.is_dir() else path


def commit_of(content: Path) -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=content, capture_output=True, text=True,
                             timeout=10, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return out if re.fullmatch(r"[0-9a-f]{40}", out) else None
