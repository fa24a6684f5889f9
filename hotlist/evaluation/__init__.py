"""Evaluation harnesses: measure Hotlist against labelled data given by path (nothing is copied)."""
