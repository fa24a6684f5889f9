"""``hotlist eval ...``: each harness lives in its own module and is imported only when run."""

from __future__ import annotations

import importlib
import importlib.util

import click

# command name -> "module:click command"; modules are imported on use, so `hotlist --help` stays fast.
HARNESSES = {
    "parse": "hotlist.evaluation.parse:command",
    "skills": "hotlist.evaluation.skills:command",
    "rank": "hotlist.evaluation.rank:command",
    "rank-fit": "hotlist.evaluation.rank_fit:command",
    "jd": "hotlist.evaluation.jd:command",
}


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name, target in HARNESSES.items() if _available(target))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = HARNESSES.get(name)
        if target is None or not _available(target):
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)


def _available(target: str) -> bool:
    return importlib.util.find_spec(target.split(":")[0]) is not None


@click.group(name="eval", cls=_LazyGroup)
def eval_group() -> None:
    """Measure parsing, skills and ranking against labelled data (paths are arguments)."""
