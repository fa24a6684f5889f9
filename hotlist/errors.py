"""Errors of the layers above the pipeline: storage and lookups. Each carries a message a recruiter can act on.

Every Hotlist error derives from :class:`HotlistError` (defined with the pipeline's own errors, the bottom
layer); the CLI and the service edges turn them into ``Error: ...`` text.
"""

from hotlist.pipeline.errors import HotlistError

__all__ = ["HotlistError", "UnknownJob", "UnknownCandidate", "DatabaseUnavailable", "WebTokenRequired", "DuplicateTarget", "JobExists", "UnknownBatch", "DocumentUnavailable"]


class UnknownJob(HotlistError):
    """No hot job has the given id."""


class UnknownCandidate(HotlistError):
    """No candidate has the given id."""


class DatabaseUnavailable(HotlistError):
    """The configured database cannot be reached or migrated."""


class WebTokenRequired(HotlistError):
    """``hotlist web`` was asked to bind to a host other than localhost without ``HOTLIST_WEB_TOKEN`` set."""


class DuplicateTarget(HotlistError):
    """The job already lists that client-named target (same name and company)."""


class JobExists(HotlistError):
    """A new hot job would replace a stored job (or a job file) of the same id."""
class UnknownBatch(HotlistError):
    """An ``ingest`` flow run named a batch of files this process does not hold (batches never leave their process)."""


class DocumentUnavailable(HotlistError):
    """A stored document's file is no longer where it was read from, or is not the file that was read."""
