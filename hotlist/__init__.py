"""Hotlist: resume ingestion and hot-job matching for recruiters."""

__version__ = "0.1.0"
