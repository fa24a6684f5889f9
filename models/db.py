"""Engines, sessions and automatic schema migration.

``open_engine(url)`` returns an engine whose schema is at the latest Alembic
revision: ``hotlist`` applies migrations on first use, so there is no separate
set-up step.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from hotlist.errors import DatabaseUnavailable

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest revision under migrations/versions. Kept here so that opening an up-to-date
# database costs one query, not an import of Alembic (a third of a second in every command);
# tests/test_store.py checks it against Alembic's own answer.
HEAD_REVISION = "0010"
_engines: dict[str, Engine] = {}
# One first use per database at a time: two threads migrating the same fresh database (the watcher's and the
# command's) wait on each other's DDL locks inside Alembic and never finish.
_engines_lock = threading.Lock()
_sessions: dict[str, sessionmaker] = {}


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # pragma: no cover - trivial
    # Let SQLAlchemy's "begin" event issue BEGIN IMMEDIATE (below) instead of the
    # driver's deferred BEGIN: a deferred transaction that reads and then writes can
    # fail at once with "database is locked" when another process wrote in between.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA secure_delete=ON")  # erased personal data is overwritten, not left in free pages
    cursor.close()


def _begin_immediate(connection) -> None:  # pragma: no cover - trivial
    # Take the write lock up front; other writers wait (busy_timeout) instead of failing.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def create(url: str) -> Engine:
    """A new engine for ``url`` (SQLite gets WAL, foreign keys and a busy timeout)."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _begin_immediate)
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(url: str):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _stored_revision(engine: Engine) -> str | None:
    """The revision recorded in the database, read without Alembic (None if there is none yet)."""
    try:
        with engine.connect() as connection:
            return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    except DBAPIError:
        return None


@contextmanager
def _foreign_keys_off(connection: Connection) -> Iterator[None]:
    """SQLite: foreign keys off while migrations run (they rebuild tables), back on after; a no-op elsewhere.

    Rebuilding a table (Alembic batch mode) drops the old one, and with foreign keys on SQLite first runs every
    ON DELETE action against it: the rows of child tables would be deleted or lose their link. The pragma only
    takes effect outside a transaction, so it goes to the driver connection before ``begin``.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    raw = connection.connection.driver_connection
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def migrate(engine: Engine) -> None:
    """Upgrade the schema to the latest revision (no-op when already there)."""
    if _stored_revision(engine) == HEAD_REVISION:
        return
    from alembic import command

    try:
        # Upgrading to head is a no-op for a database already there; the check above only spares the import.
        config = alembic_config(engine.url.render_as_string(hide_password=False))
        with engine.connect() as connection, _foreign_keys_off(connection):
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
    except OperationalError as exc:
        raise DatabaseUnavailable(
            f"cannot open the database {engine.url.render_as_string(hide_password=True)}: {exc.orig}. "
            "Check HOTLIST_DATABASE_URL and that the server is running."
        ) from exc


def open_engine(url: str) -> Engine:
    """The process-wide engine for ``url``, migrated to the latest schema."""
    engine = _engines.get(url)
    if engine is None:
        with _engines_lock:
            engine = _engines.get(url)
            if engine is None:
                engine = create(url)
                migrate(engine)
                _engines[url] = engine
    return engine


def dispose_all() -> None:
    """Close every pooled connection (tests, forked workers)."""
    for engine in _engines.values():
        engine.dispose()
    _engines.clear()
    _sessions.clear()


@contextmanager
def session_scope(url: str) -> Iterator[Session]:
    """A session in one transaction: committed on success, rolled back on error."""
    factory = _sessions.get(url)
    if factory is None:  # one per database: a new sessionmaker per call cost ~0.3 ms per stored resume
        factory = _sessions[url] = sessionmaker(open_engine(url), expire_on_commit=False)
    with factory() as session, session.begin():
        yield session


@contextmanager
def transaction(url: str) -> Iterator[Connection]:
    """A connection in one transaction (Core only, no ORM session): committed on success, rolled back on error."""
    with open_engine(url).begin() as connection:
        yield connection


def scrub(url: str) -> None:
    """After an erasure: copy the WAL into the database and empty it, so no old page keeps erased data (SQLite)."""
    if url.startswith("sqlite"):
        raw = open_engine(url).raw_connection()  # outside any transaction: a checkpoint cannot run inside one
        try:
            cursor = raw.cursor()
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cursor.close()
        finally:
            raw.close()


def table_names(engine: Engine) -> list[str]:
    return sorted(inspect(engine).get_table_names())
