"""A Prefect server owned by Hotlist, for the long-running service.

Prefect's embedded (ephemeral) server never fires schedules, so ``hotlist serve``
starts a real one (SQLite state in ``<home>/prefect/``) unless ``PREFECT_API_URL``
already points at a team's server.  The server's address is written to
``<home>/prefect/server.json`` so that other ``hotlist`` commands on the machine
use it too, instead of each starting an embedded server of their own (7-14 s each,
and all of them writing one SQLite file).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from hotlist.pipeline.errors import HotlistError
from hotlist.settings import Settings, get_settings

STATE_FILE = "server.json"


class ServerStartFailed(HotlistError):
    """The local Prefect server did not come up."""


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the server gets SIGTERM if the service process dies, even by SIGKILL."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(api_url: str, timeout: float = 2.0) -> bool:
    """True if a Prefect API answers its health check at ``api_url``."""
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=timeout) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def running_server(prefect_home: Path) -> str | None:
    """The API URL of this workspace's running server, if there is one."""
    state = prefect_home / STATE_FILE
    try:
        data = json.loads(state.read_text())
    except (OSError, ValueError):
        return None
    if not _alive(int(data.get("pid", 0))) or not healthy(data.get("api_url", "")):
        return None
    return data["api_url"]


def _stop_stale(prefect_home: Path) -> None:
    """Stop a server left behind by a killed ``hotlist serve`` (its process group)."""
    state = prefect_home / STATE_FILE
    try:
        data = json.loads(state.read_text())
    except (OSError, ValueError):
        return
    pid = int(data.get("pid", 0))
    if pid and _alive(pid):
        _kill_group(pid)
    state.unlink(missing_ok=True)


def _kill_group(pid: int, grace: float = 10.0) -> None:
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        if not _alive(pid):
            return
        time.sleep(0.1)
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


class LocalPrefectServer:
    """Start ``prefect server start`` on a free loopback port; stop it (and its children) on exit."""

    def __init__(self, prefect_home: Path, *, startup_timeout: float = 90.0) -> None:
        self.prefect_home = prefect_home
        self.startup_timeout = startup_timeout
        self.process: subprocess.Popen | None = None
        self.api_url = ""

    def start(self) -> str:
        self.prefect_home.mkdir(parents=True, exist_ok=True, mode=0o700)
        _stop_stale(self.prefect_home)
        port = _free_port()
        self.api_url = f"http://127.0.0.1:{port}/api"
        env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
        env.update(
            PREFECT_HOME=str(self.prefect_home),
            PREFECT_SERVER_ANALYTICS_ENABLED="false",
            PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE="200",
            PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_READ_BATCH_SIZE="200",
            PREFECT_UI_ENABLED="false",
        )
        log = open(self.prefect_home / "server.log", "ab")  # noqa: SIM115 - lives as long as the server
        self.process = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port),
             "--no-ui", "--analytics-off"],
            env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
        )
        log.close()
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerStartFailed(
                    f"the local Prefect server exited with code {self.process.returncode}: "
                    f"see {self.prefect_home / 'server.log'}"
                )
            if healthy(self.api_url):
                (self.prefect_home / STATE_FILE).write_text(json.dumps({"pid": self.process.pid, "api_url": self.api_url}))
                return self.api_url
            time.sleep(0.25)
        self.stop()
        raise ServerStartFailed(
            f"the local Prefect server did not answer within {self.startup_timeout:.0f} s: "
            f"see {self.prefect_home / 'server.log'}"
        )

    def stop(self) -> None:
        if self.process is not None:
            _kill_group(self.process.pid)
            self.process.wait(timeout=30)
            self.process = None
        state = self.prefect_home / STATE_FILE
        try:
            if json.loads(state.read_text()).get("api_url") == self.api_url:
                state.unlink()
        except (OSError, ValueError):
            pass

    def __enter__(self) -> LocalPrefectServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


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
    """Set Prefect's environment defaults for this process (idempotent); call before importing Prefect.

    Each value is a default: anything already in the environment (``PREFECT_API_URL`` for a
    team's server) wins. The CLI calls this before any command that runs a flow.
    """
    settings = settings or get_settings()
    settings.prefect_home.mkdir(parents=True, exist_ok=True, mode=0o700)
    for key, value in prefect_defaults(settings).items():
        os.environ.setdefault(key, value)
    if "PREFECT_API_URL" not in os.environ:
        # Share the server of a running `hotlist serve` rather than start an embedded one.
        api_url = running_server(settings.prefect_home)
        if api_url:
            os.environ["PREFECT_API_URL"] = api_url
