"""How flows run in this process: without Prefect's heartbeat thread, with owner-only files.

Prefect's environment defaults are set by the layer above before Prefect is imported
(:func:`hotlist.prefect_server.configure_prefect`): importing ``hotlist.flows`` does nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager


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
    feed crash detection by a server-side automation, which Hotlist does not set up;
    its ingest is idempotent and crash-safe on its own. Deployments run by a Prefect
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
