"""Shared fixtures: a workspace per test, SQLite and PostgreSQL databases, one Prefect harness.

PostgreSQL: ``HOTLIST_TEST_POSTGRES_URL`` (default: the local server, database ``test``).
Each test that asks for it gets a fresh database created beside ``test`` and dropped
afterwards.  If the server is unreachable those tests are skipped with the reason,
unless ``HOTLIST_REQUIRE_POSTGRES=1`` (set by ``.ci/run``), which makes it a failure.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_resumes"
SAMPLE_JOBS = ROOT / "sample_jobs"
PG_URL = os.environ.get("HOTLIST_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

# Before any test module imports Prefect: the session's workspace, and Prefect's
# environment defaults set there as the CLI sets them (importing hotlist.flows does not).
_SESSION_HOME = Path(tempfile.mkdtemp(prefix="hotlist-tests-"))
os.environ["HOTLIST_HOME"] = str(_SESSION_HOME)
os.environ.pop("HOTLIST_DATABASE_URL", None)
# In-process flow tests use one prefect_test_harness; a test that wants the workspace's lasting
# background server (the default outside tests) sets HOTLIST_PREFECT_SERVER=lasting itself.
os.environ["HOTLIST_PREFECT_SERVER"] = "embedded"


def pytest_configure(config) -> None:
    from hotlist.prefect_server import configure_prefect

    configure_prefect()


def pytest_sessionfinish(session, exitstatus) -> None:
    """The suite leaves no background Prefect server behind (a failed test may not have stopped its own)."""
    import signal

    roots = (str(_SESSION_HOME), str(session.config._tmp_path_factory.getbasetemp()))
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            args = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"hotlist.prefect_server" in args and len(args) > 3 and args[args.index(b"hotlist.prefect_server") + 1].decode(
                errors="replace").startswith(roots):
            try:
                os.killpg(int(proc.name), signal.SIGTERM)
            except OSError:
                pass


def _postgres_problem() -> str | None:
    from sqlalchemy import create_engine, text

    try:
        engine = create_engine(PG_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("select 1"))
        engine.dispose()
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        return f"PostgreSQL not reachable at {PG_URL}: {type(exc).__name__}: {str(exc).splitlines()[0]}"


@pytest.fixture(scope="session")
def postgres_server() -> str:
    problem = _postgres_problem()
    if problem:
        if os.environ.get("HOTLIST_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"{problem} (HOTLIST_REQUIRE_POSTGRES=1)")
        pytest.skip(problem)
    return PG_URL


def _fresh_pg_database(server_url: str):
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"hotlist_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)

    def drop() -> None:
        from hotlist.models.db import dispose_all

        dispose_all()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """A fresh, empty database URL: SQLite file, then PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'hotlist.db'}"
        from hotlist.models.db import dispose_all

        dispose_all()
        return
    server = request.getfixturevalue("postgres_server")
    url, drop = _fresh_pg_database(server)
    yield url
    drop()


@pytest.fixture
def workspace(tmp_path, db_url, monkeypatch) -> Path:
    """HOTLIST_HOME in a temp folder, using ``db_url``; settings re-read."""
    from hotlist.settings import get_settings

    home = tmp_path / "ws"
    monkeypatch.setenv("HOTLIST_HOME", str(home))
    monkeypatch.setenv("HOTLIST_DATABASE_URL", db_url)
    get_settings.cache_clear()
    get_settings().ensure_workspace()
    yield home
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect server for the whole session (it takes ~10 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield


@pytest.fixture(scope="session")
def skill_nlp():
    from hotlist.flows.resources import skill_nlp as build

    return build()
