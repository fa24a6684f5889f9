"""Parsing: plain text becomes fields (name, contacts, places, work history and years, education, dates)."""
