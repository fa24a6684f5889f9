"""The warm parse service: the workspace's parse workers, kept loaded beside the lasting Prefect server.

A one-shot ``hotlist ingest`` otherwise starts its own forkserver, which preloads spaCy, the
skills matcher and the header NER (3-4 s of CPU) while the command imports Prefect on the
other core. The lasting server's supervisor (``hotlist.prefect_server``) also runs this
service, ``python -m hotlist.flows.parse_service PREFECT_HOME``: it preloads once, listens on
``<home>/prefect/parse.sock`` (mode 0600, in the owner-only ``prefect/`` folder; its pid in
``parse.json``), and parses the files a command sends with :func:`hotlist.flows.isolation.parse_isolated`
itself, so every limit is the same as in the command: a time limit per file, a memory cap per
worker, workers forked from a preloaded forkserver, a crash or timeout being that file's
quarantine reason. It stops with the server (SIGTERM to the group).

The client side is :func:`request`: ``None`` (the caller parses locally instead) when nothing
listens, the socket is stale, the service is busy with another command's files for more than
a moment, runs other code (another interpreter, or its sources changed since it started), or
does not answer in time. Requests and outcomes are pickles over a socket only the owner can
open (the service also checks the peer's uid); paths travel absolute and come back as given.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import socket
import struct
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path

SOCKET = "parse.sock"
STATE = "parse.json"
ANSWER_SECONDS = 5.0  # a service that does not even say ok/busy within this is treated as absent
BUSY_WAIT_SECONDS = 1.0  # how long a request waits for another command's files before the caller parses locally


class ServiceLost(Exception):
    """The parse service stopped answering part-way: the caller parses the remaining files itself."""


def socket_path(prefect_home: Path) -> Path:
    return prefect_home / SOCKET


def state_path(prefect_home: Path) -> Path:
    return prefect_home / STATE


def service_pid(prefect_home: Path) -> int | None:
    """The pid ``parse.json`` records (the service may have died since)."""
    try:
        return int(json.loads(state_path(prefect_home).read_text())["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


@contextmanager
def _address(path: Path) -> Iterator[str]:
    """``path`` as a socket address: through ``/proc/self/fd`` when it is longer than a socket name may be."""
    if len(os.fsencode(path)) < 100 or not Path("/proc/self/fd").is_dir():
        yield str(path)
        return
    folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        yield f"/proc/self/fd/{folder}/{path.name}"
    finally:
        os.close(folder)


def _origin() -> tuple[str, str, str]:
    """What must match between command and service for their outcomes to be the same: interpreter, code, time zone."""
    import hotlist

    return sys.executable, str(Path(hotlist.__file__).resolve().parent), os.environ.get("TZ", "")


def _code_stamp() -> tuple[int, int]:
    """(newest mtime, count) of the sources and data a parse runs: a service older than them is stale."""
    import hotlist.flows
    import hotlist.pipeline
    import hotlist.settings

    newest, count = Path(hotlist.settings.__file__).stat().st_mtime_ns, 1
    for package in (hotlist.pipeline, hotlist.flows):
        for root, _dirs, files in os.walk(Path(package.__file__).parent):
            for name in files:
                if name.endswith((".py", ".json", ".jsonl", ".gz", ".txt", ".yaml", ".bin")):
                    try:
                        newest = max(newest, os.stat(os.path.join(root, name)).st_mtime_ns)
                    except OSError:
                        continue
                    count += 1
    return newest, count


# --- the client: a command ------------------------------------------------------------------------------------------


def _connect(path: Path, timeout: float) -> Connection | None:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        with _address(path) as address:
            sock.connect(address)
    except OSError:  # no socket file, a stale one (nobody listening), a full backlog
        sock.close()
        return None
    sock.setblocking(True)
    return Connection(sock.detach())


def _answer(conn: Connection, timeout: float):
    if not conn.poll(timeout):
        raise ServiceLost(f"no answer within {timeout:g} s")
    try:
        return conn.recv()
    except (EOFError, OSError) as exc:
        raise ServiceLost(str(exc) or type(exc).__name__) from None


def status(path: Path, timeout: float = 1.0) -> dict | None:
    """``{"pid", "requests"}`` of the parse service at ``path`` (requests: parse requests it has taken), or None."""
    conn = _connect(path, timeout)
    if conn is None:
        return None
    try:
        conn.send(("ping",))
        kind, pid, requests = _answer(conn, timeout)
    except (ServiceLost, OSError, ValueError, TypeError):
        return None
    finally:
        conn.close()
    return {"pid": pid, "requests": requests} if kind == "pong" else None


def answers(path: Path, timeout: float = 1.0) -> bool:
    """True if a parse service listens at ``path`` and answers a ping (about a millisecond when it does)."""
    return status(path, timeout) is not None


def request(path: Path, paths: list[str], **options) -> Iterator | None:
    """Outcomes of ``paths`` parsed by the service at ``path``, in order; None if it cannot take them now.

    ``options`` are :func:`hotlist.flows.isolation.parse_isolated`'s (limits, region, mode). The
    iterator raises :class:`ServiceLost` if the service stops answering part-way; closing it
    early closes the connection, and the service stops the workers still parsing for it.
    """
    conn = _connect(path, ANSWER_SECONDS)
    if conn is None:
        return None
    cwd = os.getcwd()
    sent = [os.path.join(cwd, p) for p in paths]  # joined, not normalised: the same file the command would open
    try:
        conn.send(("parse", _origin(), sent, options))
        reply = _answer(conn, ANSWER_SECONDS + BUSY_WAIT_SECONDS)
    except (ServiceLost, OSError, ValueError):
        conn.close()
        return None
    if reply != ("ok",):
        conn.close()
        return None
    # A file takes at most the time limit on a worker, twice if retried on a fresh one; waiting for a worker is
    # bounded by the others' time limits. Past that, the service is hung (stopped, swapped out): parse here.
    patience = 4 * float(options.get("timeout", 30.0)) + 30.0
    return _outcomes(conn, paths, patience)


def _outcomes(conn: Connection, paths: list[str], patience: float) -> Iterator:
    try:
        for original in paths:
            message = _answer(conn, patience)
            if not isinstance(message, tuple) or message[0] != "outcome":
                raise ServiceLost(f"unexpected answer {message!r:.80}")
            outcome = message[1]
            if dataclasses.is_dataclass(outcome) and hasattr(outcome, "path"):
                outcome = dataclasses.replace(outcome, path=original)  # as the command named it
            yield outcome
    finally:
        conn.close()


# --- the service ----------------------------------------------------------------------------------------------------


def _peer_uid(conn_socket: socket.socket) -> int | None:
    try:
        creds = conn_socket.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
        return struct.unpack("3i", creds)[1]
    except (OSError, AttributeError):
        return None


class _Service:
    def __init__(self, prefect_home: Path) -> None:
        self.prefect_home = prefect_home
        self.origin = _origin()
        self.stamp = _code_stamp()
        self.parsing = threading.Lock()  # one command's files at a time: two would only share the same workers
        self.stopping = threading.Event()
        self.requests = 0

    def handle(self, conn: Connection) -> None:
        try:
            if not conn.poll(ANSWER_SECONDS):
                return
            message = conn.recv()
            if message == ("ping",):
                conn.send(("pong", os.getpid(), self.requests))
            elif isinstance(message, tuple) and len(message) == 4 and message[0] == "parse":
                self.parse(conn, *message[1:])
        except (EOFError, OSError, ValueError):
            pass  # the command went away
        finally:
            conn.close()

    def parse(self, conn: Connection, origin, paths: list[str], options: dict) -> None:
        from hotlist.flows.isolation import parse_isolated

        if tuple(origin) != self.origin:
            conn.send(("other",))
            return
        if _code_stamp() != self.stamp:  # the sources changed since this process loaded them
            conn.send(("stale",))
            print("hotlist: parse service stopping: its code changed on disk (the server starts a new one)",
                  flush=True)
            self.stopping.set()
            return
        if not self.parsing.acquire(timeout=BUSY_WAIT_SECONDS):
            conn.send(("busy",))
            return
        try:
            self.requests += 1
            conn.send(("ok",))
            outcomes = parse_isolated(paths, **options)
            try:
                for outcome in outcomes:
                    conn.send(("outcome", outcome))
            finally:
                outcomes.close()  # the command went away part-way: its busy workers are stopped
        finally:
            self.parsing.release()


def _warm(workers: int, memory_mb: int) -> None:
    """Preload now (the forkserver loads spaCy and the pipelines) and fork the workers, before the first request."""
    from hotlist.flows.isolation import _pool

    pool = _pool(workers, memory_mb)
    started = [pool.take(block=True) for _ in range(pool.size)]
    for worker in started:
        pool.give_back(worker)


def serve(prefect_home: Path) -> int:
    """Listen on ``<prefect_home>/parse.sock`` until SIGTERM; each connection is one command's request."""
    from hotlist.flows.isolation import shutdown
    from hotlist.settings import get_settings

    os.umask(0o077)
    service = _Service(prefect_home)

    def on_term(signum, frame) -> None:
        service.stopping.set()

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)
    path = socket_path(prefect_home)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    with _address(path) as address:
        path.unlink(missing_ok=True)  # a socket left by a killed service: nobody listens there any more
        listener.bind(address)
    os.chmod(path, 0o600)
    listener.listen(16)
    listener.settimeout(0.25)  # short naps: a stop is answered at once
    state = state_path(prefect_home)
    tmp = state.with_name(f".{STATE}.{os.getpid()}")
    tmp.write_text(json.dumps({"pid": os.getpid(), "socket": str(path)}))
    tmp.replace(state)
    settings = get_settings()
    if settings.parse_workers > 0:
        threading.Thread(target=_warm, args=(settings.parse_workers, settings.parse_memory_mb), daemon=True,
                         name="hotlist-parse-warm").start()
    print(f"hotlist: parse service listening at {path}", flush=True)
    try:
        while not service.stopping.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                if service.stopping.is_set():
                    break
                time.sleep(0.1)
                continue
            if _peer_uid(client) not in (os.getuid(), None):
                client.close()
                continue
            client.setblocking(True)
            threading.Thread(target=service.handle, args=(Connection(client.detach()),), daemon=True,
                             name="hotlist-parse-request").start()
    finally:
        listener.close()
        try:
            if json.loads(state.read_text()).get("pid") == os.getpid():
                state.unlink(missing_ok=True)
                path.unlink(missing_ok=True)
        except (OSError, ValueError):
            pass
        shutdown()
    return 0


if __name__ == "__main__":  # started by the lasting server's supervisor: python -m hotlist.flows.parse_service HOME
    sys.exit(serve(Path(sys.argv[1])))
