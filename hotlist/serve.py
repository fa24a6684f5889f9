"""The long-running service: the inbox watcher plus served deployments (inbox sweep, nightly).

``hotlist serve`` calls :func:`run_service` after pointing Prefect at a real server
(its own, or a team's): schedules never fire on Prefect's embedded server.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta, timezone

from prefect import serve
from prefect.deployments.runner import RunnerDeployment
from prefect.schedules import Cron, Interval

from hotlist.flows.ingest import IngestSummary, ingest, ingest_with_runner
from hotlist.flows.nightly import nightly
from hotlist.settings import Settings
from hotlist.watcher import InboxWatcher
from hotlist.pipeline.rank.schedule import nightly_missed, validate

log = logging.getLogger("hotlist.serve")


def deployments(settings: Settings) -> list[RunnerDeployment]:
    """The nightly run on its cron schedule, and the periodic inbox sweep."""
    validate(settings.nightly_cron, settings.timezone)
    return [
        nightly.to_deployment(
            name="nightly",
            schedule=Cron(settings.nightly_cron, timezone=settings.timezone),
            description="Ingest the inbox, import hot jobs, match, write call lists.",
        ),
        ingest.to_deployment(
            name="inbox-sweep",
            schedule=Interval(timedelta(minutes=settings.sweep_minutes)),
            parameters={"paths": [str(settings.inbox_dir)], "label": "sweep", "inbox": True},
            description="Safety net: ingest anything in the inbox the watcher did not see.",
        ),
    ]


def last_nightly_start() -> datetime | None:
    """When the last completed nightly flow run started, from Prefect's records."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        FlowFilter,
        FlowFilterName,
        FlowRunFilter,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType
    from prefect.client.schemas.sorting import FlowRunSort

    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(
            flow_filter=FlowFilter(name=FlowFilterName(any_=["nightly"])),
            flow_run_filter=FlowRunFilter(state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.COMPLETED]))),
            sort=FlowRunSort.START_TIME_DESC,
            limit=1,
        )
    return runs[0].start_time if runs else None


def catch_up(settings: Settings, now: datetime | None = None) -> bool:
    """Run the nightly job now if a scheduled run was missed while the service was down."""
    now = now or datetime.now(timezone.utc)
    if not nightly_missed(settings.nightly_cron, settings.timezone, last_nightly_start(), now):
        return False
    log.info("a scheduled nightly run was missed: running it now")
    nightly()
    return True


def make_watcher(settings: Settings) -> InboxWatcher:
    """The watcher over the configured inbox; each settled batch is one ``ingest`` flow run."""

    def on_batch(paths) -> IngestSummary:
        summary = ingest_with_runner([str(p) for p in paths], label="arrivals", inbox=True)
        log.info("arrivals: %d added, %d updated, %d duplicate, %d quarantined, %d erased (refused and removed)",
                 summary.added, summary.updated, summary.duplicate, summary.quarantined, summary.erased)
        return summary

    return InboxWatcher(
        settings.inbox_dir,
        on_batch,
        settle=settings.settle_seconds,
        sweep_every=settings.sweep_minutes * 60,
        exclude=[settings.quarantine_path, settings.inbox_dir / "processed", settings.exports_path],
    )


def start_desk(settings: Settings):
    """The recruiter's desk (``hotlist web``) on ``web_host``:``web_port`` in a thread; returns the uvicorn server
    (set ``should_exit`` to stop it) or None when ``web_port`` is 0. A port already taken is logged, not fatal."""
    if not settings.web_port:
        return None
    import uvicorn

    from hotlist.web.app import check_host, create_app

    check_host(settings, settings.web_host)
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host=settings.web_host, port=settings.web_port,
                                           log_level="warning"))
    threading.Thread(target=server.run, name="hotlist-desk", daemon=True).start()
    return server


def run_service(settings: Settings, stop: threading.Event) -> None:
    """Start the desk, catch up, start the watcher thread, then serve the deployments until interrupted."""
    desk = start_desk(settings)
    watcher = make_watcher(settings)
    thread = threading.Thread(target=watcher.run, args=(stop,), name="hotlist-watcher", daemon=True)
    try:
        catch_up(settings)
        thread.start()
        serve(*deployments(settings), pause_on_shutdown=False, print_starting_message=False)
    finally:
        stop.set()
        if desk is not None:
            desk.should_exit = True
        if thread.is_alive():
            thread.join(timeout=30)
