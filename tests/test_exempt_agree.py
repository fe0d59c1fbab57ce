"""The check and the build agree on exempt values and open parts: whatever a
clerk writes after ``exempt:``, in ``open_summary:`` or ``open_resolutions:``
(on an exempt item or an open one, before or after the meeting), the check
passes if and only if the build succeeds, and a built exempt item shows its
exemption and never its withheld text."""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from minimal_tree import ITEM_1, ITEM_2, MEETING, edit, write_tree

GOOD = st.sampled_from(["3", "[1, 2]", "[7, 3]", "not stated", "\n  - 1\n  - 2", "'5'"])
BAD = st.sampled_from(["true", "9", "[1, 9]", "paragraph 3", "", "[2, 2]", "[]", "\n  - 1\n  - not stated",
                       "1 or 3"])
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=40)
MARKDOWN = st.lists(st.one_of(TEXT, st.sampled_from(["**bold**", "<script>x</script>", "[a](javascript:x)",
                                                     "\n\n- a list\n", "{: .x}", "<b>", "Minute 70"])),
                    max_size=4).map("".join)
SECRET = "WITHHELD-AGREE-QX9"


def nested_open_resolutions(levels: int) -> str:
    lines = ["open_resolutions:"]
    for level in range(levels - 1):
        pad = "  " * level
        lines += [f"{pad}  - text: part at level {level + 1}", f"{pad}    items:"]
    lines.append("  " * (levels - 1) + f"  - That the licence be revoked (level {levels}).")
    return "\n".join(lines) + "\n"


def run_command(command: Callable[[], int | Path | None]) -> tuple[bool, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        result = command()
    return result not in (None, 1), err.getvalue()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(exempt=st.one_of(GOOD, GOOD, st.none(), BAD), summary=st.one_of(st.none(), MARKDOWN),
       levels=st.one_of(st.integers(0, 3), st.integers(0, 8)), agenda_only=st.booleans())
def test_the_check_passes_if_and_only_if_the_build_succeeds(tmp_path_factory, exempt, summary, levels,
                                                            agenda_only) -> None:
    from minutebook.commands import cli
    from minutebook.engine import spare
    from tests.support import SETTINGS

    content = write_tree(tmp_path_factory.mktemp("exempt-agree") / "content")
    front = f"exempt: {exempt}\n" if exempt is not None else ""
    front += f"open_summary: {json.dumps(summary)}\n" if summary is not None else ""
    front += nested_open_resolutions(levels) if levels else ""
    edit(content, ITEM_1, "minute: 70\n", f"minute: 70\n{front}")
    if agenda_only:  # before the meeting: no minutes anywhere
        edit(content, f"{MEETING}/meeting.md", "status: draft-minutes\n", "status: agenda-published\n")
        edit(content, ITEM_1, "## Minutes\n\nNo apologies were received.\n", f"## Agenda\n\n{SECRET}\n")
        edit(content, ITEM_2, "votes:\n  - for: 5\n    against: 1\n    result: carried\n", "")
        edit(content, ITEM_2, "## Minutes\n\nThe report was noted.\n", "")
    else:
        edit(content, ITEM_1, "No apologies were received.", f"No apologies were received. {SECRET}")

    checked, check_report = run_command(lambda: cli.check(content))
    output = content.parent / "site" / "output"
    built, build_report = run_command(lambda: cli._build_or_report(SETTINGS, content, output))
    event("built" if built else "refused")
    assert checked == built, (check_report, build_report)
    if not built:
        assert "Traceback" not in build_report and "The build stopped" not in build_report, build_report
        return
    spare.settle(output)
    page = (output / "committees/executive/2024-03-05/apologies/index.html").read_text(encoding="utf-8")
    if exempt is not None:  # accepted, so an exemption: the text is withheld everywhere
        assert "Schedule 12A" in page
        leaks = [p for p in output.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]
        assert leaks == []
    else:
        assert summary is None and not levels  # open parts of an open item are refused
