"""Keep email addresses and phone numbers out of log lines."""

from __future__ import annotations

import logging
import re

EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+")
# Seven or more digits, possibly with a leading + and separators: phone numbers, not counts or years.
PHONE = re.compile(r"(?<![\w])\+?\(?\d(?:[\s().\-]{0,3}\d){6,}(?![\w])")


def redact(text: str) -> str:
    """``text`` with email addresses and phone numbers replaced by ``[email]`` and ``[phone]``."""
    return PHONE.sub("[phone]", EMAIL.sub("[email]", text))


class RedactingFilter(logging.Filter):
    """A logging filter that redacts emails and phone numbers from each record's message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
