"""Thin Prefect flows that wire ``pipeline`` and ``models`` together.

Importing this package sets Prefect's environment defaults (see ``flows.runtime``)
before Prefect itself is imported; nothing else happens at import.
"""

from hotlist.flows.runtime import configure_prefect

configure_prefect()
