"""Thin Prefect flows that put ``pipeline`` and ``models`` calls in order.

Importing this package has no side effects. Whoever runs a flow sets Prefect's
environment first (:func:`hotlist.prefect_server.configure_prefect`; the CLI does).
"""
