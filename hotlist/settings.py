"""All of Hotlist's settings, in one place.

Precedence (highest first): environment variables with the ``HOTLIST_`` prefix,
the optional TOML config file (``HOTLIST_CONFIG``, else ``$HOTLIST_HOME/hotlist.toml``),
then the defaults below.  Every field is documented in the README's settings table.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, TomlConfigSettingsSource

DEFAULT_HOME = Path("~/hotlist")


def _config_file() -> Path:
    explicit = os.environ.get("HOTLIST_CONFIG")
    if explicit:
        return Path(explicit).expanduser()
    home = Path(os.environ.get("HOTLIST_HOME", str(DEFAULT_HOME))).expanduser()
    return home / "hotlist.toml"


class Settings(BaseSettings):
    """Hotlist settings (environment: ``HOTLIST_<FIELD>``)."""

    model_config = SettingsConfigDict(env_prefix="HOTLIST_", extra="ignore")

    home: Path = Field(DEFAULT_HOME, description="Workspace folder: database, inbox, quarantine, exports, logs, Prefect state.")
    database_url: str | None = Field(None, description="SQLAlchemy URL. Default: SQLite file hotlist.db in the workspace (WAL mode).")
    inbox: Path | None = Field(None, description="Watched folder for new resumes. Default: <home>/inbox.")
    jobs_dir: Path | None = Field(None, description="Folder of hot-job YAML files read by the nightly run. Default: <home>/jobs.")
    exports_dir: Path | None = Field(None, description="Where call lists are written. Default: <home>/exports.")
    quarantine_dir: Path | None = Field(None, description="Where unreadable files are copied, beside a .reason.txt. Default: <home>/quarantine.")
    default_region: str = Field("US", description="Phone region (ISO 3166 alpha-2) for numbers written without a country code.")
    as_of_margin_months: int = Field(12, ge=0, description="A resume with no date of its own (no metadata, dated file name, 'Last updated' line or past date in the text) is dated by its file's modification time, at most this many months after the newest date its text mentions.")
    batch_size: int = Field(50, ge=1, le=500, description="Resumes per Prefect task (tens, not one: a task run costs ~25 ms of CPU between client and server).")
    max_file_mb: float = Field(20.0, gt=0, description="Files larger than this are quarantined unread.")
    parse_workers: int = Field(2, ge=0, description="Processes parsing at once, one file each, with the limits below; 0 parses in-process (no limits).")
    parse_timeout_seconds: float = Field(30.0, gt=0, description="A file that takes longer to parse is stopped and quarantined.")
    parse_memory_mb: int = Field(2048, ge=64, description="A file that needs more memory than this to parse is stopped and quarantined (OCR of a scan needs about 1.2 GB of address space).")
    contact_cooldown_days: int = Field(14, ge=0, description="Candidates contacted within this many days are left off call lists (or marked: cooldown_action).")
    cooldown_action: Literal["omit", "mark"] = Field("omit", description="Recently contacted candidates: omit them from call lists, or list them with a cooldown_until date.")
    outcome_model_min: int = Field(30, ge=2, description="Calls with a clear result (interested/placed vs not-interested/hung-up) needed before a logistic regression on them is blended into the ranking.")
    outcome_blend: float = Field(0.3, ge=0, le=1, description="Share of the score that comes from the outcome model once it is fitted (0 turns it off).")
    call_list_size: int = Field(50, ge=1, description="Most candidates per call list.")
    match_keep: int = Field(200, ge=1, description="Ranked candidates stored per job and match run (the call list is cut from these).")
    ranking_weights: Path | None = Field(None, description="YAML file overriding ranking weights; HOTLIST_RANKING_<WEIGHT> variables override it.")
    nightly_cron: str = Field("0 2 * * *", description="Cron schedule of the nightly run served by `hotlist serve`.")
    timezone: str = Field("UTC", description="Time zone of the nightly schedule (IANA name, e.g. America/Chicago).")
    sweep_minutes: float = Field(5.0, gt=0, description="How often `hotlist serve` sweeps the whole inbox (safety net for missed file events).")
    settle_seconds: float = Field(1.0, ge=0, description="A new file is read only after its size has not changed for this long.")
    arrival_grace_seconds: float = Field(30.0, ge=0, description="An inbox file that fails to read but changed this recently is left to finish arriving (a paused copy), not quarantined.")
    after_ingest: Literal["keep", "move"] = Field("keep", description="Inbox files after ingest: keep them in place, or move them to <inbox>/processed/.")
    cache_dir: Path | None = Field(None, description="Where the tokenized skills taxonomy is kept between runs (saves 1-2 s per process start). Default: $XDG_CACHE_HOME/hotlist or ~/.cache/hotlist; the value \"off\" keeps none.")
    prefect_server: Literal["lasting", "embedded"] = Field("lasting", description="Prefect server for commands that run a flow: \"lasting\" finds or starts the workspace's background server (it stops after prefect_idle_minutes unused); \"embedded\" uses a running `hotlist serve`'s server, else Prefect's temporary one per command (7-14 s).")
    prefect_idle_minutes: float = Field(30.0, gt=0, description="The background Prefect server stops by itself after this many minutes with no command using it.")
    parse_service: bool = Field(True, description="The background Prefect server also runs a warm parse service (workers with spaCy loaded, the same limits) that commands parse on when it answers; off, each command starts its own workers.")
    user: str | None = Field(None, description="Who a recruiter's correction (`hotlist candidate edit`) is recorded as. Default: the operating-system user.")
    reparse_on_upgrade: bool = Field(False, description="The nightly run re-parses stored documents behind the current parser or taxonomy before matching (`hotlist reparse --all`); off, it only reports how many are behind.")
    dask_address: str | None = Field(None, description="Address of a Dask scheduler to fan parsing out to (tcp://host:8786); default: parse in-process.")
    calling_hours_start: int = Field(8, ge=0, le=23, description="Earliest local hour (in the candidate's time zone) the web page offers someone as callable now.")
    calling_hours_end: int = Field(20, ge=1, le=24, description="Local hour from which nobody is offered as callable (8 and 20: 8:00-20:00 their time).")
    web_host: str = Field("127.0.0.1", description="Address `hotlist serve` serves the recruiter's desk on (anything but localhost needs web_token).")
    web_port: int = Field(8765, ge=0, le=65535, description="Port of the recruiter's desk, served by `hotlist serve` (and `hotlist web`'s default); 0: `hotlist serve` runs no desk.")
    web_token: str | None = Field(None, description="Token `hotlist web` requires when it binds to a host other than 127.0.0.1/localhost (sign in once per browser); without it such a host is refused.")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        config = _config_file()
        if config.is_file():
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=config))
        return tuple(sources)

    # Derived paths ---------------------------------------------------------
    @property
    def home_dir(self) -> Path:
        return self.home.expanduser().resolve()

    @property
    def db_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home_dir / 'hotlist.db'}"

    @property
    def inbox_dir(self) -> Path:
        return (self.inbox or self.home_dir / "inbox").expanduser()

    @property
    def jobs_path(self) -> Path:
        return (self.jobs_dir or self.home_dir / "jobs").expanduser()

    @property
    def exports_path(self) -> Path:
        return (self.exports_dir or self.home_dir / "exports").expanduser()

    @property
    def quarantine_path(self) -> Path:
        return (self.quarantine_dir or self.home_dir / "quarantine").expanduser()

    @property
    def cache_path(self) -> Path | None:
        """The cache folder, or None when ``cache_dir`` is "off"."""
        if self.cache_dir is not None:
            return None if str(self.cache_dir) == "off" else self.cache_dir.expanduser()
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache").expanduser() / "hotlist"

    @property
    def editor(self) -> str:
        """Who recruiter corrections are recorded as: ``user``, else the operating-system user."""
        if self.user:
            return self.user
        import getpass

        try:
            return getpass.getuser()
        except (KeyError, OSError):
            return "unknown"

    @property
    def prefect_home(self) -> Path:
        return self.home_dir / "prefect"

    def ensure_workspace(self) -> None:
        """Create the workspace folders (owner-only permissions)."""
        for path in (self.home_dir, self.inbox_dir, self.exports_path, self.quarantine_path, self.prefect_home):
            path.mkdir(parents=True, exist_ok=True, mode=0o700)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (read once; tests call ``get_settings.cache_clear()``)."""
    return Settings()
