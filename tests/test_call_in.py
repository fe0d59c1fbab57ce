"""The call-in deadline of an executive decision: the end of the Nth working
day after its notice is published, skipping weekends, the bank holidays of the
council's nation and its own closure days (``content/workingdays.py``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from minutebook.content.settingscheck import settings_mistakes
from minutebook.content.workingdays import NATIONS, CallInRules, rules_from_settings

D = dt.date


def test_five_working_days_from_a_thursday_is_the_next_thursday():
    assert CallInRules().deadline(D(2026, 10, 15)) == D(2026, 10, 22)


def test_a_notice_published_on_a_saturday_counts_from_the_monday():
    assert CallInRules().deadline(D(2026, 10, 17)) == D(2026, 10, 23)


def test_christmas_2026_in_england():
    # Thu 24 Dec (1); 25 Dec, Boxing Day observed on Mon 28 Dec and 1 Jan are bank holidays
    assert CallInRules().deadline(D(2026, 12, 23)) == D(2027, 1, 4)


def test_christmas_2026_in_scotland_also_skips_the_second_of_january_observed_on_the_fourth():
    assert CallInRules(nation="Scotland").deadline(D(2026, 12, 23)) == D(2027, 1, 5)


def test_christmas_2026_with_the_councils_own_closure_days():
    closed = frozenset({D(2026, 12, 29), D(2026, 12, 30), D(2026, 12, 31)})
    # Thu 24 Dec (1), then nothing until Mon 4 Jan (2), Tue 5 (3), Wed 6 (4), Thu 7 (5)
    assert CallInRules(closures=closed).deadline(D(2026, 12, 23)) == D(2027, 1, 7)


def test_easter_2026_in_england_skips_good_friday_and_easter_monday():
    # published Thu 2 Apr: Fri 3 Apr and Mon 6 Apr are bank holidays
    assert CallInRules().deadline(D(2026, 4, 2)) == D(2026, 4, 13)


def test_easter_monday_is_a_working_day_in_scotland():
    assert CallInRules(nation="Scotland").deadline(D(2026, 4, 2)) == D(2026, 4, 10)


def test_a_longer_call_in_period():
    assert CallInRules(days=10).deadline(D(2026, 10, 15)) == D(2026, 10, 29)


@given(published=st.dates(D(2020, 1, 1), D(2035, 12, 31)), days=st.integers(1, 15),
       nation=st.sampled_from(sorted(NATIONS)),
       closures=st.frozensets(st.dates(D(2020, 1, 1), D(2036, 3, 31)), max_size=20))
def test_the_deadline_is_the_nth_working_day_after_publication(published, days, nation, closures):
    rules = CallInRules(days, nation, closures)
    deadline = rules.deadline(published)
    assert deadline > published
    assert rules.is_working_day(deadline)
    assert deadline.weekday() < 5 and deadline not in closures
    assert rules.working_days_between(published, deadline) == days
    # and it is the first day that many working days are reached
    assert rules.working_days_between(published, deadline - dt.timedelta(days=1)) == days - 1


@given(published=st.dates(D(2020, 1, 1), D(2035, 12, 31)), days=st.integers(1, 14))
def test_a_longer_period_never_ends_sooner(published, days):
    assert CallInRules(days + 1).deadline(published) > CallInRules(days).deadline(published)


def test_the_settings_make_the_rules():
    rules = rules_from_settings({"MINUTEBOOK_CALL_IN_DAYS": 3, "MINUTEBOOK_BANK_HOLIDAYS": "Wales",
                                 "MINUTEBOOK_CLOSURE_DAYS": ["2026-12-29", D(2026, 12, 30)]})
    assert rules == CallInRules(3, "Wales", frozenset({D(2026, 12, 29), D(2026, 12, 30)}))
    assert rules_from_settings({}) == CallInRules(5, "England", frozenset())


def test_wrong_settings_are_reported_with_the_line_and_what_to_write(tmp_path: Path):
    settings_file = tmp_path / "pelicanconf.py"
    settings_file.write_text('SITENAME = "x"\nMINUTEBOOK_CALL_IN_DAYS = "five"\n'
                             'MINUTEBOOK_BANK_HOLIDAYS = "Cornwall"\nMINUTEBOOK_CLOSURE_DAYS = ["29/12/2026"]\n')
    settings = {"MINUTEBOOK_CALL_IN_DAYS": "five", "MINUTEBOOK_BANK_HOLIDAYS": "Cornwall",
                "MINUTEBOOK_CLOSURE_DAYS": ["29/12/2026"]}
    found = {(m.line, m.field): m.message for m in settings_mistakes(settings, settings_file)}
    assert "write a whole number from 1 to 30" in found[(2, "MINUTEBOOK_CALL_IN_DAYS")]
    assert '"England", "Wales", "Scotland", "Northern Ireland"' in found[(3, "MINUTEBOOK_BANK_HOLIDAYS")]
    assert 'write it as "YYYY-MM-DD"' in found[(4, "MINUTEBOOK_CLOSURE_DAYS[0]")]


def test_the_sample_settings_are_right():
    from minutebook.engine.build import settings_for
    from tests.support import CONTENT, SETTINGS

    settings = settings_for(SETTINGS, CONTENT)
    assert not [m for m in settings_mistakes(settings, SETTINGS) if "CALL_IN" in m.field
                or "HOLIDAYS" in m.field or "CLOSURE" in m.field]
    assert rules_from_settings(settings) == CallInRules(5, "England", frozenset())
