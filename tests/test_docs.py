"""The README stays true: every setting and every command is documented."""

from __future__ import annotations

import click

from hotlist.cli import main
from hotlist.settings import Settings
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme():
    missing = [name for name in Settings.model_fields if f"`HOTLIST_{name.upper()}`" not in README]
    assert not missing, f"settings missing from README: {missing}"


def _commands(group: click.Group, prefix: str = "hotlist"):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix} {name}")
        else:
            yield f"{prefix} {name}"


def test_every_command_is_in_the_readme():
    missing = [c for c in _commands(main) if f"`{c}" not in README]
    assert not missing, f"commands missing from README: {missing}"
