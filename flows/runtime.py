"""How flows run in this process: without Prefect's heartbeat thread, with owner-only files, each run tagged with
the process that runs it, and runs that a killed process left unfinished marked Crashed (``flows.run_owners``).

Prefect's environment defaults are set by the layer above before Prefect is imported
(:func:`hotlist.prefect_server.configure_prefect`): importing ``hotlist.flows`` does nothing.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager

from hotlist.flows.run_owners import RUN_TAG, Owner, orphaned_runs, owner_tag


def owner_only() -> None:
    """Files and folders created from now on by this process are readable by their owner only (umask 077)."""
    os.umask(0o077)


# [settings in force, the same without heartbeat]: one copy per process, not one per flow run.
_quiet_settings: list = []


@contextmanager
def no_heartbeat() -> Iterator[None]:
    """Run the flows started inside without Prefect's flow-run heartbeat thread.

    A synchronous flow joins that thread when it ends, and the thread sleeps in 1 s
    steps, so every in-process flow run finished up to a second late (measured: an
    empty flow 1.00 s from body to return with it, 0.02 s without). Heartbeats only
    feed crash detection by a server-side automation, which Hotlist does not set up:
    :func:`command_runs` tags each run with its process instead, and the next process
    marks the runs of a killed one Crashed; ingest is idempotent and crash-safe on its own. Deployments run by a Prefect
    worker or runner (``hotlist serve``, ``prefect deploy``) keep their heartbeats.
    """
    import prefect.context
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY

    context = prefect.context.get_settings_context()
    # What prefect.settings.temporary_settings does, with its copy kept: building it
    # validates every Prefect setting again (~0.15 s, a third of a small flow run).
    base, quiet = _quiet_settings or (None, None)
    if base is not context.settings:
        quiet = context.settings.copy_with_update(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None})
        _quiet_settings[:] = [context.settings, quiet]
    with prefect.context.SettingsContext(profile=context.profile, settings=quiet):
        yield


def _start_ticks(pid: int) -> int | None:
    """When process ``pid`` started (clock ticks since boot, Linux); None if there is no such process; 0 if unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
    except FileNotFoundError:
        return None
    except OSError:
        return 0
    if fields[0] == b"Z":  # exited, not yet reaped
        return None
    return int(fields[19])


def this_process() -> Owner:
    """This process, as the owner of the flow runs it starts."""
    return Owner(socket.gethostname(), os.getpid(), _start_ticks(os.getpid()) or 0)


def still_running(owner: Owner) -> bool:
    """Whether ``owner`` (on this host) still runs: its pid alive, and started when the tag says (not a reused pid)."""
    if not os.path.isdir("/proc"):  # no start times to compare: the pid alone
        try:
            os.kill(owner.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    started = _start_ticks(owner.pid)
    return started is not None and (owner.started == 0 or started == 0 or started == owner.started)


def mark_crashed_runs() -> list[tuple[str, Owner]]:
    """Mark Crashed every unfinished Hotlist flow run whose process on this host is gone (killed, lost power).

    Returns ``(flow run id, owner)`` of each run marked. Runs of live processes and of other hosts are left alone.
    """
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (FlowRunFilter, FlowRunFilterState, FlowRunFilterStateType,
                                                FlowRunFilterTags)
    from prefect.client.schemas.objects import StateType
    from prefect.exceptions import ObjectNotFound
    from prefect.states import Crashed

    me = this_process()
    unfinished = FlowRunFilter(
        state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.RUNNING, StateType.PENDING])),
        tags=FlowRunFilterTags(all_=[RUN_TAG]),
    )
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(flow_run_filter=unfinished)
        gone = orphaned_runs([(str(r.id), r.tags) for r in runs], me.host, still_running)
        for run_id, owner in gone:
            message = (f"the Hotlist process that ran this flow ({owner.describe()}) ended without finishing it "
                       f"(killed?); marked crashed by {me.describe()} at its start")
            try:
                client.set_flow_run_state(run_id, Crashed(message=message), force=True)
            except ObjectNotFound:  # deleted meanwhile
                continue
    return gone


_checked: list[bool] = []  # once per process: the first flow run a process starts looks for crashed runs


@contextmanager
def command_runs() -> Iterator[None]:
    """Around the flows a command (or the service) runs in this process.

    The first time in a process, runs left RUNNING or PENDING by a Hotlist process that is gone are marked
    Crashed; the flows started inside carry this process's owner tag and run without a heartbeat thread
    (:func:`no_heartbeat`): the tag, not a heartbeat, is how the next process tells a crashed run.
    """
    from prefect import tags

    if not _checked:
        mark_crashed_runs()
        _checked.append(True)
    with no_heartbeat(), tags(RUN_TAG, owner_tag(this_process())):
        yield
