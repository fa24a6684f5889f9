"""Prefect environment for Hotlist: quiet, lossless, state inside the workspace.

These must be in the environment before ``prefect`` is first imported, so
``flows/__init__.py`` calls :func:`configure_prefect`.  Each value is a default:
anything already set in the environment (for example ``PREFECT_API_URL`` for a
team server) wins.  Measured reasons: ../shared/notes/PREFECT.md.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from hotlist.settings import Settings, get_settings


def prefect_defaults(settings: Settings) -> dict[str, str]:
    return {
        # Prefect's own database and logs live in the workspace, not ~/.prefect.
        "PREFECT_HOME": str(settings.prefect_home),
        # Telemetry caused "database is locked" tracebacks and offline send errors.
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        # The embedded server takes 7-14 s to start on this class of machine.
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
        # Batch the task-run recorder so no records are dropped at exit.
        "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "200",
        "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_READ_BATCH_SIZE": "200",
        # A recruiter's terminal shows Hotlist's output; Prefect speaks up on warnings.
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "PREFECT_UI_ENABLED": "false",
    }


def configure_prefect(settings: Settings | None = None) -> None:
    """Set Prefect's environment defaults for this process (idempotent)."""
    settings = settings or get_settings()
    settings.prefect_home.mkdir(parents=True, exist_ok=True, mode=0o700)
    for key, value in prefect_defaults(settings).items():
        os.environ.setdefault(key, value)
    if "PREFECT_API_URL" not in os.environ:
        # Share the server of a running `hotlist serve` rather than start an embedded one.
        from hotlist.prefect_server import running_server

        api_url = running_server(settings.prefect_home)
        if api_url:
            os.environ["PREFECT_API_URL"] = api_url


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
