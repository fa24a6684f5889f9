"""Parsing fanned out to a real Dask cluster (scheduler and workers on loopback) gives the same results."""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLES

pytestmark = pytest.mark.flow


def _ingest_and_list(home, monkeypatch, dask_address: str | None) -> list[dict]:
    from hotlist.settings import get_settings
    from hotlist.flows.ingest import ingest_with_runner
    from hotlist.models.db import session_scope
    from hotlist.models.candidates import list_candidates

    monkeypatch.setenv("HOTLIST_HOME", str(home))
    monkeypatch.setenv("HOTLIST_DATABASE_URL", f"sqlite:///{home / 'hotlist.db'}")
    monkeypatch.setenv("HOTLIST_BATCH_SIZE", "8")
    if dask_address:
        monkeypatch.setenv("HOTLIST_DASK_ADDRESS", dask_address)
    else:
        monkeypatch.delenv("HOTLIST_DASK_ADDRESS", raising=False)
    get_settings.cache_clear()
    get_settings().ensure_workspace()
    summary = ingest_with_runner([str(SAMPLES)], label="dask-test")
    assert summary.added == len(list(SAMPLES.glob("*.pdf"))) + len(list(SAMPLES.glob("*.docx")))
    with session_scope(get_settings().db_url) as session:
        rows = list_candidates(session)
    get_settings.cache_clear()
    return sorted(({k: v for k, v in r.items() if k not in {"id"}} for r in rows), key=lambda r: r["source_file"])


def test_dask_runner_matches_default_runner(prefect_harness, tmp_path, monkeypatch):
    from distributed import LocalCluster

    default = _ingest_and_list(tmp_path / "default", monkeypatch, None)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        distributed = _ingest_and_list(tmp_path / "dask", monkeypatch, cluster.scheduler_address)
        prefixes = dict(cluster.scheduler.task_prefixes)
    assert distributed == default
    assert len(default) >= 25
    assert "parse_batch" in prefixes, f"parse batches ran on the cluster: {sorted(prefixes)}"
    # 30 resumes in batches of 8: four parse batches computed on the workers.
    assert prefixes["parse_batch"].all_durations.get("compute", 0) > 0
