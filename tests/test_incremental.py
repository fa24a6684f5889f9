"""Incremental nightly planning: only what changed is re-ranked."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hotlist.pipeline.rank.incremental import plan_rescore

T0 = datetime(2026, 11, 26, 2, 0, tzinfo=timezone.utc)


def test_nothing_changed_rescores_nothing():
    plan = plan_rescore({"a": T0, "b": T0}, {"a": T0 + timedelta(minutes=5), "b": T0 + timedelta(minutes=5)}, T0)
    assert plan.job_ids == [] and plan.unchanged == ["a", "b"]


def test_new_job_changed_job_and_new_candidates():
    ranked = T0 + timedelta(hours=1)
    plan = plan_rescore(
        {"new": T0, "edited": ranked + timedelta(hours=1), "same": T0},
        {"new": None, "edited": ranked, "same": ranked},
        latest_candidate_change=T0,
    )
    assert plan.rerank == {"new": "never ranked", "edited": "job changed"}
    assert plan.unchanged == ["same"]
    plan = plan_rescore({"same": T0}, {"same": ranked}, latest_candidate_change=ranked + timedelta(seconds=1))
    assert plan.rerank == {"same": "new or updated candidates"}


def test_full_rescore_and_naive_timestamps():
    naive = datetime(2026, 11, 26, 3, 0)  # SQLite returns naive UTC datetimes
    assert plan_rescore({"a": naive}, {"a": naive}, naive, full=True).job_ids == ["a"]
    assert plan_rescore({"a": naive}, {"a": naive}, naive).job_ids == []
