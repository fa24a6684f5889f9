"""The warm parse service beside the lasting Prefect server, with real processes (no mocks).

Its outcomes equal the command's own workers' on every sample resume and on hostile files
(same quarantine reasons, the service answering after each); `hotlist ingest` parses there
when it answers, falls back to its own workers when the service was killed, the supervisor
replaces a killed service and a new server replaces a stale socket; `hotlist server stop`
leaves no process of the tree behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from hotlist.flows.isolation import parse_isolated
from hotlist.flows.parse_service import request, service_pid, socket_path, state_path, status
from tests.conftest import ROOT, SAMPLES
from tests.hostile_corpus import bomb_pdf, one_page_pdf
from tests.test_prefect_server import HOTLIST, _env, _run, _state, _wait

OPTIONS = dict(default_region="US", max_bytes=20_000_000, timeout=30.0, memory_mb=2048, workers=2, mode="resume",
               margin_months=12)


def _tree(pid: int) -> list[psutil.Process]:
    try:
        leader = psutil.Process(pid)
        return [leader, *leader.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _gone(processes: list[psutil.Process]) -> bool:
    return not [p for p in processes if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]


@pytest.fixture
def service(tmp_path):
    """A parse service run as the supervisor runs it, in a folder whose socket path is too long for a socket name."""
    prefect_home = tmp_path / ("p" * 60) / "prefect"
    prefect_home.mkdir(parents=True, mode=0o700)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    proc = subprocess.Popen([sys.executable, "-m", "hotlist.flows.parse_service", str(prefect_home)], cwd=prefect_home,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    path = socket_path(prefect_home)
    assert len(str(path)) > 108  # reached through /proc/self/fd
    try:
        _wait(lambda: status(path) is not None, 120, "the parse service to answer")
        assert path.stat().st_mode & 0o777 == 0o600
        assert service_pid(prefect_home) == proc.pid
        yield path
    finally:
        tree = _tree(proc.pid)
        proc.send_signal(signal.SIGTERM)
        out = proc.communicate(timeout=60)[0]
        assert proc.returncode == 0, out
        assert "Traceback" not in out, out
        _wait(lambda: _gone(tree), 30, "the service's forkserver and workers to end")
        assert not path.exists() and not state_path(prefect_home).exists()


def test_service_and_local_workers_give_equal_outcomes_on_the_samples(service, monkeypatch):
    monkeypatch.chdir(SAMPLES.parent)  # relative paths: the service opens them absolute, they come back as given
    paths = [str(p.relative_to(SAMPLES.parent)) for p in sorted(SAMPLES.iterdir()) if p.is_file()]
    assert len(paths) >= 20
    before = status(service)["requests"]
    remote = list(request(service, paths, **OPTIONS))
    local = list(parse_isolated(paths, **OPTIONS))  # no service given: this process's own workers
    assert [o.path for o in remote] == paths
    assert remote == local
    assert {o.status for o in local} >= {"ok"}
    assert status(service)["requests"] == before + 1


def test_hostile_files_through_the_service_are_quarantined_as_locally_and_it_keeps_answering(service, tmp_path):
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(bomb_pdf(1.0))  # inflates to 1 GB: over a 256 MB cap
    slow = tmp_path / "slow.pdf"  # one page of 4,000 overlapping lines: the layout pass needs ~15 s of CPU (2,000: 4 s)
    slow.write_bytes(one_page_pdf(b"BT /F1 9 Tf 20 780 Td " + b"(Python SQL Kubernetes Go) Tj 0 -0.5 Td " * 4000 + b"ET"))
    good = str(SAMPLES / "01_maya_okafor.pdf")
    pid = status(service)["pid"]
    cases = [(bomb, {"memory_mb": 256}, ("needed more than 256 MB", "the reader was stopped")),
             (slow, {"timeout": 1.0}, ("took longer than 1 s",))]
    for path, limits, reasons in cases:
        options = {**OPTIONS, **limits}
        (remote,) = request(service, [str(path)], **options)
        (local,) = parse_isolated([str(path)], **options)
        assert remote == local
        assert remote.status == "quarantined" and remote.reason.startswith(reasons), remote.reason
        assert status(service)["pid"] == pid  # the file's worker died, not the service
        (after,) = request(service, [good], **OPTIONS)
        assert after.status != "quarantined" and after.resume is not None


def _new_resume(folder: Path, number: int) -> Path:
    target = folder / f"new-{number}.pdf"
    target.write_bytes((SAMPLES / "01_maya_okafor.pdf").read_bytes() + f"\n% copy {number}\n".encode())
    return target


@pytest.mark.flow
def test_ingest_uses_the_warm_service_falls_back_when_killed_and_stop_leaves_nothing(tmp_path):
    home = tmp_path / "ws"
    env = _env(home, HOTLIST_PREFECT_IDLE_MINUTES="0.5")  # the supervisor looks at its service every 5 s
    prefect_home = home / "prefect"
    path = socket_path(prefect_home)
    drops = tmp_path / "drops"
    drops.mkdir()
    try:
        _run(["server", "start"], env)
        _wait(lambda: status(path) is not None, 120, "the parse service to answer")
        first = status(path)
        # Parsed by the service: the stored candidate comes out of it.
        out = _run(["ingest", str(_new_resume(drops, 1))], env).stdout
        assert "1 added" in out
        assert status(path) == {"pid": first["pid"], "requests": first["requests"] + 1}
        listed = _run(["candidates", "--json"], env).stdout
        assert "Maya" in listed and "Okafor" in listed

        # Killed: the next ingest parses with its own workers and works.
        os.kill(first["pid"], signal.SIGKILL)
        _wait(lambda: not psutil.pid_exists(first["pid"]) or psutil.Process(first["pid"]).status() == "zombie", 30,
              "the kill")
        assert path.exists() and status(path) is None  # a stale socket: nobody listens
        assert "1 updated" in _run(["ingest", str(_new_resume(drops, 2))], env).stdout
        # The supervisor starts a new service, which parses the next one.
        _wait(lambda: (status(path) or {}).get("pid") not in (None, first["pid"]), 120, "a new parse service")
        second = status(path)
        assert "1 updated" in _run(["ingest", str(_new_resume(drops, 3))], env).stdout
        assert status(path)["requests"] == second["requests"] + 1

        # The whole server killed: a stale socket and pid stay behind; the next server start replaces them.
        leader = _state(home)["pid"]
        os.killpg(leader, signal.SIGKILL)
        _wait(lambda: not psutil.pid_exists(second["pid"]) or psutil.Process(second["pid"]).status() == "zombie",
              30, "the kill")
        assert path.exists() and service_pid(prefect_home) == second["pid"]
        _run(["server", "start"], env)
        _wait(lambda: status(path) is not None, 120, "the parse service of the new server")
        assert status(path)["pid"] not in (first["pid"], second["pid"])
        assert "1 updated" in _run(["ingest", str(_new_resume(drops, 4))], env).stdout
        tree = _tree(_state(home)["pid"])
        names = " ".join(" ".join(p.cmdline()) for p in tree)
        assert "hotlist.flows.parse_service" in names and "forkserver" in names
    finally:
        subprocess.run(HOTLIST + ["server", "stop"], cwd=ROOT, env=env, capture_output=True, timeout=60)
    _wait(lambda: _gone(tree), 30, "every process of the server's tree to end")
    assert not path.exists() and not state_path(prefect_home).exists()
    log = (prefect_home / "server.log").read_text()
    assert "starting a new one" in log and "Traceback" not in log
