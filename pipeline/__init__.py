"""Pure resume-processing logic: text extraction, parsing, skills, ranking, export.

Nothing in this package imports Prefect, a database session or a CLI framework.
"""
