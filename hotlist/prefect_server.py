"""Hotlist's local Prefect server: one lasting server per workspace, shared by every command.

Prefect's embedded (ephemeral) server costs 7-14 s per command on a 2-core machine and never
fires schedules. So the first command that runs a flow starts a real ``prefect server start``
in the background (loopback, SQLite state and log in ``<home>/prefect/``, address in
``<home>/prefect/server.json``); later commands reuse it, and it stops by itself after
``HOTLIST_PREFECT_IDLE_MINUTES`` with no command using it. ``hotlist serve`` runs its own
server in the foreground (it dies with the service) or keeps a running background one alive.
``PREFECT_API_URL`` (a team's server) overrides all of this.

Layout of ``<home>/prefect/``: ``server.json`` (``pid`` of the process group leader, ``api_url``,
``ui_url``, ``owner``), ``server.lock`` (held while a server is being found, started or stopped,
so two commands started at once start one server), ``last_used`` (touched by every command that
uses it), ``clients/<pid>`` (one per command still running: the server is never idle while one lives).
"""

from __future__ import annotations

import atexit
import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from hotlist.pipeline.errors import HotlistError
from hotlist.settings import Settings, get_settings

STATE_FILE = "server.json"
LOCK_FILE = "server.lock"
LAST_USED = "last_used"
CLIENTS = "clients"


class ServerStartFailed(HotlistError):
    """The local Prefect server did not come up."""


@dataclass(frozen=True)
class ServerInfo:
    """A running local server, as ``server.json`` records it."""

    pid: int
    api_url: str
    owner: str  # "background" (started by a command, stops when idle) or "serve" (owned by `hotlist serve`)

    @property
    def ui_url(self) -> str:
        return self.api_url.removesuffix("/api")


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the server gets SIGTERM if its parent dies, even by SIGKILL."""
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
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (exited, not yet reaped by its parent) is not alive
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def _ours(pid: int) -> bool:
    """True if ``pid`` runs a Prefect server or Hotlist's supervisor (a stale pid may since belong to anything)."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return sys.platform != "linux" and _alive(pid)
    return b"hotlist.prefect_server" in args or (b"prefect" in args and b"server" in args)


def _read_state(prefect_home: Path) -> ServerInfo | None:
    try:
        data = json.loads((prefect_home / STATE_FILE).read_text())
        return ServerInfo(int(data["pid"]), str(data["api_url"]), str(data.get("owner", "serve")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_state(prefect_home: Path, info: ServerInfo) -> None:
    tmp = prefect_home / f".{STATE_FILE}.{os.getpid()}"
    tmp.write_text(json.dumps({"pid": info.pid, "api_url": info.api_url, "ui_url": info.ui_url, "owner": info.owner}))
    tmp.replace(prefect_home / STATE_FILE)


def server_info(prefect_home: Path) -> ServerInfo | None:
    """This workspace's running server (its process alive and its API answering), if there is one."""
    info = _read_state(prefect_home)
    if info is None or not _alive(info.pid) or not healthy(info.api_url):
        return None
    return info


def running_server(prefect_home: Path) -> str | None:
    """The API URL of this workspace's running server, if there is one."""
    info = server_info(prefect_home)
    return info.api_url if info else None


def _stop_stale(prefect_home: Path) -> None:
    """Stop a server that no longer answers (or was left by a killed process) and forget its address."""
    info = _read_state(prefect_home)
    if info is not None and _alive(info.pid) and _ours(info.pid):
        _kill_group(info.pid)
    (prefect_home / STATE_FILE).unlink(missing_ok=True)


def _kill_group(pid: int, grace: float = 10.0) -> None:
    try:
        os.killpg(pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):
        return
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        if not _alive(pid):
            return
        time.sleep(0.1)
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


@contextmanager
def _locked(prefect_home: Path) -> Iterator[None]:
    """Hold the workspace's server lock: one process at a time finds, starts or stops the server."""
    prefect_home.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(prefect_home / LOCK_FILE, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _server_env(prefect_home: Path, api_url: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    if api_url:  # where the UI in a browser finds the API (Prefect's default is port 4200, not this server's)
        env["PREFECT_UI_API_URL"] = api_url
    env.update(
        PREFECT_HOME=str(prefect_home),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE="200",
        PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_READ_BATCH_SIZE="200",
        PREFECT_UI_ENABLED="true",
    )
    return env


def _server_command(port: int) -> list[str]:
    return [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port),
            "--analytics-off"]


def _wait_healthy(process: subprocess.Popen, api_url: str, prefect_home: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerStartFailed(f"the local Prefect server exited with code {process.returncode}: "
                                    f"see {prefect_home / 'server.log'}")
        if healthy(api_url, timeout=1.0):
            return
        time.sleep(0.2)
    raise ServerStartFailed(f"the local Prefect server did not answer within {timeout:.0f} s: "
                            f"see {prefect_home / 'server.log'}")


class LocalPrefectServer:
    """``hotlist serve``'s own server: ``prefect server start`` on a free loopback port, stopped (with its children) on exit."""

    def __init__(self, prefect_home: Path, *, startup_timeout: float = 90.0) -> None:
        self.prefect_home = prefect_home
        self.startup_timeout = startup_timeout
        self.process: subprocess.Popen | None = None
        self.api_url = ""

    def start(self) -> str:
        with _locked(self.prefect_home):
            _stop_stale(self.prefect_home)
            port = _free_port()
            self.api_url = f"http://127.0.0.1:{port}/api"
            with open(self.prefect_home / "server.log", "ab") as log:
                self.process = subprocess.Popen(
                    _server_command(port), env=_server_env(self.prefect_home, self.api_url), stdout=log, stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL, start_new_session=True,
                    preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
                )
            try:
                _wait_healthy(self.process, self.api_url, self.prefect_home, self.startup_timeout)
            except ServerStartFailed:
                self.stop()
                raise
            _write_state(self.prefect_home, ServerInfo(self.process.pid, self.api_url, "serve"))
        return self.api_url

    def stop(self) -> None:
        if self.process is not None:
            _kill_group(self.process.pid)
            self.process.wait(timeout=30)
            self.process = None
        info = _read_state(self.prefect_home)
        if info is not None and info.api_url == self.api_url:
            (self.prefect_home / STATE_FILE).unlink(missing_ok=True)

    def __enter__(self) -> LocalPrefectServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


# --- the lasting background server ----------------------------------------------------------------------------------


def touch(prefect_home: Path) -> None:
    """Note that the server was just used (its idle clock restarts)."""
    try:
        (prefect_home / LAST_USED).touch()
    except OSError:
        pass


def _register_client(prefect_home: Path) -> None:
    """While this process runs, the server is not idle; at exit, its idle clock restarts."""
    clients = prefect_home / CLIENTS
    clients.mkdir(exist_ok=True, mode=0o700)
    mine = clients / str(os.getpid())
    mine.touch()
    touch(prefect_home)

    def done() -> None:
        mine.unlink(missing_ok=True)
        touch(prefect_home)

    atexit.register(done)


def keep_alive(prefect_home: Path) -> None:
    """Keep the background server from stopping as idle while this process (``hotlist serve``) runs."""
    _register_client(prefect_home)


def _busy(prefect_home: Path) -> bool:
    """Any command that uses the server still running (entries of dead processes are removed)."""
    busy = False
    for entry in (prefect_home / CLIENTS).glob("*"):
        if entry.name.isdigit() and _alive(int(entry.name)):
            busy = True
        else:
            entry.unlink(missing_ok=True)
    return busy


def _idle_for(prefect_home: Path) -> float:
    try:
        return time.time() - (prefect_home / LAST_USED).stat().st_mtime
    except OSError:
        return 0.0


def start_background(prefect_home: Path, idle_minutes: float, startup_timeout: float = 90.0,
                     parse_service: bool = False) -> ServerInfo:
    """Start the lasting server (a supervisor process and its ``prefect server``) and wait until it answers.

    With ``parse_service`` the supervisor also runs the workspace's warm parse service (``hotlist.flows.parse_service``).
    """
    prefect_home.mkdir(parents=True, exist_ok=True, mode=0o700)
    touch(prefect_home)
    with open(prefect_home / "server.log", "ab") as log:
        supervisor = subprocess.Popen(
            [sys.executable, "-m", "hotlist.prefect_server", str(prefect_home), str(idle_minutes)]
            + (["--parse-service"] if parse_service else []),
            env=_server_env(prefect_home), stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True, cwd=prefect_home,
        )
    deadline = time.monotonic() + startup_timeout
    while time.monotonic() < deadline:
        if supervisor.poll() is not None:
            raise ServerStartFailed(f"the local Prefect server exited with code {supervisor.returncode}: "
                                    f"see {prefect_home / 'server.log'}")
        info = _read_state(prefect_home)
        if info is not None and info.pid == supervisor.pid and healthy(info.api_url, timeout=1.0):
            return info
        time.sleep(0.2)
    _kill_group(supervisor.pid)
    raise ServerStartFailed(f"the local Prefect server did not answer within {startup_timeout:.0f} s: "
                            f"see {prefect_home / 'server.log'}")


def ensure_server(settings: Settings) -> ServerInfo:
    """This workspace's server: the running one (``hotlist serve``'s or a background one), else a new background one.

    A stale address (dead process, or no answer) is replaced; the lock makes concurrent callers share one start.
    """
    home = settings.prefect_home
    info = server_info(home)
    if info is None:
        with _locked(home):
            info = server_info(home)  # another command may have started it while this one waited for the lock
            if info is None:
                _stop_stale(home)
                info = start_background(home, settings.prefect_idle_minutes, parse_service=settings.parse_service)
    return info


def stop_server(prefect_home: Path) -> ServerInfo | None:
    """Stop this workspace's server (whoever started it); returns what was stopped, if anything was running."""
    with _locked(prefect_home):
        info = _read_state(prefect_home)
        if info is None or not _alive(info.pid) or not _ours(info.pid):
            (prefect_home / STATE_FILE).unlink(missing_ok=True)
            return None
        _kill_group(info.pid)
        (prefect_home / STATE_FILE).unlink(missing_ok=True)
        return info


def supervise(prefect_home: Path, idle_minutes: float, poll: float | None = None, parse_service: bool = False) -> int:
    """Run ``prefect server start`` as a child; stop it after ``idle_minutes`` with no command using it.

    This process leads the server's process group; its pid is the one in ``server.json``.
    SIGTERM (``hotlist server stop``) stops the server and exits. With ``parse_service``, the
    warm parse service runs beside it (see ``_ParseService.tend``).
    """
    stopping = False

    def on_term(signum, frame) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)
    port = _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    server = subprocess.Popen(_server_command(port), stdin=subprocess.DEVNULL, env=_server_env(prefect_home, api_url),
                              preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
    idle_seconds = idle_minutes * 60
    poll = poll or max(0.5, min(10.0, idle_seconds / 6))
    reason = "stopped"
    parser = _ParseService(prefect_home) if parse_service else None
    try:
        _wait_healthy(server, api_url, prefect_home, 90.0)
        _write_state(prefect_home, ServerInfo(os.getpid(), api_url, "background"))
        print(f"hotlist: Prefect server at {api_url.removesuffix('/api')} (stops after {idle_minutes:g} idle minutes)",
              flush=True)
        next_check = time.monotonic() + poll
        while not stopping:
            time.sleep(0.25)  # short naps: a stop (SIGTERM) is answered at once
            if time.monotonic() < next_check:
                continue
            next_check = time.monotonic() + poll
            if server.poll() is not None:
                reason = f"the server exited with code {server.returncode}"
                break
            busy = _busy(prefect_home)
            if parser is not None:
                parser.tend(quiet=not busy)
            if not busy and _idle_for(prefect_home) > idle_seconds:
                reason = f"idle for {idle_minutes:g} minutes"
                break
    except ServerStartFailed as exc:
        reason = str(exc)
    finally:
        info = _read_state(prefect_home)
        if info is not None and info.pid == os.getpid():
            (prefect_home / STATE_FILE).unlink(missing_ok=True)
        if parser is not None:
            parser.stop()
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        print(f"hotlist: Prefect server stopped ({reason})", flush=True)
    return 0


class _ParseService:
    """The supervisor's warm parse service child (``python -m hotlist.flows.parse_service``)."""

    def __init__(self, prefect_home: Path) -> None:
        self.prefect_home = prefect_home
        self.process: subprocess.Popen | None = None
        self.created = self.started = time.monotonic()

    def start(self) -> None:
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hotlist.flows.parse_service", str(self.prefect_home)], stdin=subprocess.DEVNULL,
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
        )

    def tend(self, quiet: bool) -> None:
        """Start the service once no command is running (``quiet``), at the latest a minute after the supervisor started.

        Its preload takes 3-4 s of CPU: the command that started the server has begun its own and
        would only be slowed down. A killed (or stale-code) service is started again, not more often
        than every 15 s (no crash loop).
        """
        if self.process is None:
            if quiet or time.monotonic() - self.created > 60:
                self.start()
        elif self.process.poll() is not None and time.monotonic() - self.started > 15:
            print(f"hotlist: parse service exited with code {self.process.returncode}; starting a new one", flush=True)
            self.start()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# --- Prefect's environment for a command ----------------------------------------------------------------------------


def prefect_defaults(settings: Settings) -> dict[str, str]:
    return {
        # Prefect's own database and logs live in the workspace, not ~/.prefect.
        "PREFECT_HOME": str(settings.prefect_home),
        # Telemetry caused "database is locked" tracebacks and offline send errors.
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        # The embedded server (HOTLIST_PREFECT_SERVER=embedded) takes 7-14 s to start on this class of machine.
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
        # Batch the task-run recorder so no records are dropped at exit.
        "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "200",
        "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_READ_BATCH_SIZE": "200",
        # A recruiter's terminal shows Hotlist's output; Prefect speaks up on warnings.
        "PREFECT_LOGGING_LEVEL": "WARNING",
    }


def configure_prefect(settings: Settings | None = None) -> None:
    """Set Prefect's environment for this process (idempotent); call before importing Prefect.

    Each value is a default: anything already in the environment (``PREFECT_API_URL`` for a
    team's server) wins. Without one, the workspace's lasting server is found or started
    (``HOTLIST_PREFECT_SERVER=lasting``, the default) and this process counts as using it until
    it exits; ``embedded`` uses a running ``hotlist serve``'s server, else Prefect's temporary one.
    """
    settings = settings or get_settings()
    settings.prefect_home.mkdir(parents=True, exist_ok=True, mode=0o700)
    for key, value in prefect_defaults(settings).items():
        os.environ.setdefault(key, value)
    if "PREFECT_API_URL" in os.environ:
        return
    if settings.prefect_server == "lasting":
        os.environ["PREFECT_API_URL"] = ensure_server(settings).api_url
        _register_client(settings.prefect_home)
        return
    api_url = running_server(settings.prefect_home)
    if api_url:
        os.environ["PREFECT_API_URL"] = api_url


if __name__ == "__main__":  # the background supervisor: python -m hotlist.prefect_server HOME IDLE_MINUTES [--parse-service]
    sys.exit(supervise(Path(sys.argv[1]), float(sys.argv[2]), parse_service="--parse-service" in sys.argv[3:]))
