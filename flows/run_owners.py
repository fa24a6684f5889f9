"""Which process runs a flow run, written as a tag on the run, and which runs were left by a process now gone.

A command killed with SIGKILL never tells Prefect its flow run ended: the run stays RUNNING for ever. Every flow
run a Hotlist process starts carries :data:`RUN_TAG` and an owner tag (host, pid and the process's start time,
so a pid the system has since handed to another program is not taken for the owner). The next Hotlist process
asks Prefect for unfinished runs with :data:`RUN_TAG` and marks those whose owner on this host is gone as Crashed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

__all__ = ["RUN_TAG", "Owner", "orphaned_runs", "owner_of", "owner_tag"]

RUN_TAG = "hotlist"
"""Every flow run a Hotlist process starts (commands, the watcher, the nightly)."""
_PREFIX = "hotlist-process:"


@dataclass(frozen=True)
class Owner:
    """The process that started a flow run: ``started`` is its start time in clock ticks since boot (0: unknown)."""

    host: str
    pid: int
    started: int

    def describe(self) -> str:
        return f"pid {self.pid} on {self.host}"


def owner_tag(owner: Owner) -> str:
    """``hotlist-process:<host>:<pid>:<started>``: the tag that names a run's process."""
    return f"{_PREFIX}{owner.host}:{owner.pid}:{owner.started}"


def owner_of(tags: Iterable[str]) -> Owner | None:
    """The process named by a run's tags (None: not started by a Hotlist process that records itself)."""
    for tag in tags:
        if not tag.startswith(_PREFIX):
            continue
        host, _, rest = tag[len(_PREFIX):].rpartition(":")
        host, _, pid = host.rpartition(":")
        if host and pid.isdigit() and rest.isdigit():
            return Owner(host, int(pid), int(rest))
    return None


def orphaned_runs(
    runs: Iterable[tuple[str, Iterable[str]]], host: str, running: Callable[[Owner], bool]
) -> list[tuple[str, Owner]]:
    """``(run id, owner)`` of each unfinished run whose owner ran on ``host`` and is no longer ``running``.

    ``runs``: (id, tags) of runs Prefect still has as RUNNING or PENDING. Runs without an owner tag, or owned
    on another host (a team's server), are left alone: nothing here can tell whether they still run.
    """
    found = []
    for run_id, tags in runs:
        owner = owner_of(tags)
        if owner is not None and owner.host == host and not running(owner):
            found.append((run_id, owner))
    return found
