"""Call outcomes a recruiter records. ``do-not-call`` is honoured forever."""

OUTCOMES = ("no-answer", "left-voicemail", "interested", "not-interested", "not-now", "hung-up", "do-not-call", "placed")
DO_NOT_CALL = "do-not-call"
