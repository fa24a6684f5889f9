"""Errors of the pure pipeline (documents, jobs, schedules, outcome files). Each carries a message a recruiter can act on.

Errors of storage and lookups live in :mod:`hotlist.errors`.

They are turned into user-facing text only at the edges (CLI, flow logs,
quarantine reasons).
"""


class HotlistError(Exception):
    """Base class for every error Hotlist reports to a user."""


class UnreadableDocument(HotlistError):
    """A resume file could not be turned into text; the message is the quarantine reason."""


class UnsupportedFormat(UnreadableDocument):
    """The file type is not one Hotlist reads (PDF, DOCX, TXT)."""


class InvalidJob(HotlistError):
    """A hot-job definition is invalid; the message names the file, field and problem."""





class InvalidSchedule(HotlistError):
    """The nightly cron expression or time zone is not valid."""


class InvalidOutcomes(HotlistError):
    """A call-outcome file (a filled-in call list) cannot be imported; the message names the file, row and problem."""


class InvalidEdit(HotlistError):
    """A recruiter's correction of a candidate (``hotlist candidate edit``) is not valid; the message names the field."""
