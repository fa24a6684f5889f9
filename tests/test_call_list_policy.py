"""The call-list policy as a pure function, and the explanation type that crosses layers."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from hotlist.pipeline.calls.call_list import EXCLUDED_STATUSES, Matched, select_call_list
from hotlist.pipeline.rank.explain import Explanation

NOW = datetime(2026, 12, 1, tzinfo=timezone.utc)
HAS = Explanation(matched_must=["Python"])
NONE = Explanation(missing_must=["Python"])
TEXT_ONLY = Explanation(missing_must=["Python"], text_evidence=True)


def pick(matches, **kwargs):
    options = {"now": NOW, "cooldown_days": 14, "limit": 10, **kwargs}
    return [(row.rank, row.candidate_id) for row in select_call_list(matches, **options)]


def test_rules_in_order_and_ranks_renumbered():
    matches = [Matched(1, HAS), Matched(2, HAS), Matched(3, NONE), Matched(4, TEXT_ONLY), Matched(5, HAS, "not_resume"),
               Matched(6, HAS)]
    contacts = {6: (NOW - timedelta(days=3), "no_answer")}

    assert pick(matches, do_not_call={2}, contacts=contacts) == [(1, 1), (2, 4)]
    marked = select_call_list(matches, contacts=contacts, now=NOW, cooldown_days=14, cooldown_action="mark", limit=10)
    assert [r.candidate_id for r in marked] == [1, 2, 4, 6]
    assert marked[-1].cooldown_until == NOW - timedelta(days=3) + timedelta(days=14)
    assert marked[-1].last_outcome == "no_answer"
    assert pick(matches, limit=2) == [(1, 1), (2, 2)]
    assert "not_resume" in EXCLUDED_STATUSES


def test_unknown_cooldown_action_is_refused():
    with pytest.raises(ValueError, match="unknown cooldown action 'skip': use omit or mark"):
        select_call_list([], now=NOW, cooldown_days=1, cooldown_action="skip", limit=1)


def test_explanation_round_trip_and_old_rows():
    full = Explanation(matched_must=["SQL via MySQL"], missing_must=["AWS"], features={"must": 0.5},
                       requirements=[{"requirement": "SQL", "via": "MySQL"}], ask_about=["AWS"], text_evidence=True)
    assert Explanation.from_dict(full.to_dict()) == full
    assert "text_evidence" not in Explanation(matched_must=["x"]).to_dict()
    assert Explanation.from_dict({"matched_must": ["Python"]}) == Explanation(matched_must=["Python"])
    assert Explanation.from_dict(None) == Explanation()
