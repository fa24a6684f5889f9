"""The workspace's lasting Prefect server, with real `hotlist` processes and a real server.

Concurrent first commands share one server; a killed server is replaced by the next command;
the idle server stops by itself; `hotlist server stop` leaves no process behind; Ctrl-C on
`watch` and `serve` stops them quietly. Each test starts as few servers as it can (7-40 s each here).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hotlist.prefect_server import _alive
from tests.conftest import ROOT

pytestmark = pytest.mark.flow
HOTLIST = [sys.executable, "-m", "hotlist.cli"]


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "HOTLIST_"))}
    env.update(HOTLIST_HOME=str(home), HOTLIST_PREFECT_SERVER="lasting", HOTLIST_SETTLE_SECONDS="0.3",
               PYTHONUNBUFFERED="1", **extra)
    return env


def _run(args: list[str], env: dict[str, str], timeout: float = 240) -> subprocess.CompletedProcess:
    proc = subprocess.run(HOTLIST + args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc


def _state(home: Path) -> dict | None:
    try:
        return json.loads((home / "prefect" / "server.json").read_text())
    except (OSError, ValueError):
        return None


def _processes_of(home: Path) -> list[int]:
    """Every live process started for this workspace (they all carry HOTLIST_HOME=home or run its supervisor)."""
    marker = f"HOTLIST_HOME={home}".encode()
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            environ = (proc / "environ").read_bytes().split(b"\0")
            state = (proc / "stat").read_bytes().rsplit(b")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if marker in environ and state != b"Z" and int(proc.name) != os.getpid():
            found.append(int(proc.name))
    return found


def _wait(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


def _supervisors(home: Path) -> int:
    return sum(1 for line in (home / "prefect" / "server.log").read_text().splitlines()
               if line.startswith("hotlist: Prefect server at"))


def _flow_runs(api_url: str) -> int:
    import urllib.request

    request = urllib.request.Request(f"{api_url}/flow_runs/count", data=b"{}", method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return int(response.read())


def test_two_commands_at_once_share_one_server_and_stop_leaves_nothing(tmp_path):
    home = tmp_path / "ws"
    env = _env(home)
    try:
        # Two commands that run a flow (match --full runs one even with no jobs), started together on a cold workspace.
        procs = [subprocess.Popen(HOTLIST + ["match", "--full"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True) for _ in range(2)]
        outputs = [p.communicate(timeout=240)[0] for p in procs]
        assert [p.returncode for p in procs] == [0, 0], outputs
        assert all("Traceback" not in out for out in outputs), outputs
        state = _state(home)
        assert state is not None and state["owner"] == "background"
        assert _supervisors(home) == 1, (home / "prefect" / "server.log").read_text()
        assert _flow_runs(state["api_url"]) == 2  # both runs went to the one lasting server

        status = _run(["status"], env).stdout
        assert f"Prefect UI:  {state['ui_url']}" in status
        import urllib.request

        with urllib.request.urlopen(state["ui_url"], timeout=30) as page:  # the UI answers where status says
            assert page.status == 200 and b"<html" in page.read().lower()
        with urllib.request.urlopen(f"{state['ui_url']}/ui-settings", timeout=30) as page:  # and finds this API
            assert json.loads(page.read())["api_url"] == state["api_url"]
        assert "Prefect server running" in _run(["server", "status"], env).stdout
        assert _processes_of(home)  # the server outlives the commands
    finally:
        stopped = _run(["server", "stop"], env).stdout
    assert stopped.startswith("Stopped the Prefect server")
    _wait(lambda: not _processes_of(home), 30, "every process of the workspace to end")
    assert _state(home) is None
    assert "No Prefect server running" in _run(["server", "status"], env).stdout


def test_killed_server_is_replaced_and_idle_server_stops_itself(tmp_path):
    home = tmp_path / "ws"
    env = _env(home, HOTLIST_PREFECT_IDLE_MINUTES="0.1")  # 6 s
    try:
        _run(["server", "start"], env)
        first = _state(home)
        os.killpg(first["pid"], signal.SIGKILL)  # supervisor and server die without cleaning up
        _wait(lambda: not _alive(first["pid"]), 30, "the kill")
        assert _state(home) == first  # the stale address is still on disk

        out = _run(["match", "--full"], env).stdout  # the next command notices and starts a new server
        assert "Nothing to re-rank" in out
        second = _state(home)
        assert second is not None and second["pid"] != first["pid"]
        assert _flow_runs(second["api_url"]) >= 1

        # Nobody uses it: it stops by itself after the idle period, leaving no process and no address.
        _wait(lambda: _state(home) is None and not _processes_of(home), 90, "the idle server to stop")
        assert "idle for 0.1 minutes" in (home / "prefect" / "server.log").read_text()
    finally:
        subprocess.run(HOTLIST + ["server", "stop"], cwd=ROOT, env=env, capture_output=True, timeout=60)


def _interrupt(args: list[str], env: dict[str, str], ready: str, arrive: Path, log: Path, during=None) -> str:
    """Start ``hotlist ARGS`` in its own process group, drop a file once it is ready, call ``during()`` once it is
    ingested, then press Ctrl-C."""
    proc = subprocess.Popen(HOTLIST + args, cwd=ROOT, env=env, stdout=open(log, "wb"), stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait(lambda: ready in log.read_text(errors="replace"), 180, ready)
        arrive.write_text(f"Sam Example {arrive.stem}\nsam.{arrive.stem}@mail.test\nSkills: Python, SQL\n")
        # (serve may first catch up on a missed nightly run, which ingests the file itself)
        _wait(lambda: "hotlist.serve: arrivals:" in log.read_text(errors="replace"), 120, "the arrival to be seen")
        if during is not None:
            during()
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole foreground group
        assert proc.wait(timeout=60) == 0, log.read_text()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    _wait(lambda: subprocess.run(["pgrep", "-g", str(proc.pid)], capture_output=True).returncode != 0, 30,
          "the command's processes (parse workers, forkserver) to end")
    text = log.read_text(errors="replace")
    for bad in ("Traceback", "KeyboardInterrupt", "Error"):
        assert bad not in text, text
    return text


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_ctrl_c_stops_watch_and_serve_quietly(tmp_path):
    import urllib.error
    import urllib.request

    home = tmp_path / "ws"
    inbox = home / "inbox"
    inbox.mkdir(parents=True)
    port = _free_port()
    env = _env(home, HOTLIST_WEB_PORT=str(port))
    desk = f"http://127.0.0.1:{port}/"

    def desk_answers() -> None:  # serve's desk shows the board, and the file the watcher just ingested
        with urllib.request.urlopen(desk, timeout=30) as page:
            html = page.read().decode()
        assert page.status == 200 and "<h1>Hot jobs</h1>" in html
        arrived = html[html.index('id="arrivals"'):]
        assert "<td>two.txt</td><td>ok</td>" in arrived and "Sam Example Two</a>" in arrived, arrived

    try:
        assert "Stopped after 1 batch(es)" in _interrupt(["watch"], env, "Watching", inbox / "one.txt",
                                                         tmp_path / "watch.log")
        # serve keeps the background server the watch started alive while it runs (it does not start a second one)
        text = _interrupt(["serve"], env, "Serving", inbox / "two.txt", tmp_path / "serve.log", during=desk_answers)
        assert "Stopped." in text and f"The recruiter's desk at {desk}" in text
        assert _supervisors(home) == 1
        with pytest.raises(urllib.error.URLError):  # the desk stopped with it
            urllib.request.urlopen(desk, timeout=5)
    finally:
        _run(["server", "stop"], env)
    _wait(lambda: not _processes_of(home), 30, "every process of the workspace to end")
