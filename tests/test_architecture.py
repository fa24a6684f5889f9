"""The one-package layout and the one-way layers (ARCHITECTURE.md), checked on the source itself."""

from __future__ import annotations

import ast
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Folder at the repository root -> the import package it installs as.
PACKAGES = {"pipeline": "hotlist.pipeline", "models": "hotlist.models", "flows": "hotlist.flows", "hotlist": "hotlist"}
BARE = {"pipeline", "models", "flows"}
# Importable from every layer.
BOTTOM = {"hotlist", "hotlist.settings", "hotlist.errors", "hotlist.pipeline.errors"}
# Lower number = lower layer; a module may import only its own layer or lower ones.
LAYERS = {"hotlist.pipeline": 0, "hotlist.models": 1, "hotlist.flows": 2}
TOP = 3
# Third-party frameworks a layer must not import.
FORBIDDEN = {0: {"prefect", "sqlalchemy", "click", "alembic"}, 1: {"prefect", "click"}, 2: {"click"}}


def _modules() -> list[tuple[str, Path]]:
    found = []
    for folder, package in PACKAGES.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = path.relative_to(ROOT / folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found.append((".".join((package, *parts)), path))
    return found


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module name imported anywhere in the file (top level or inside functions)."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append((node.lineno, node.module))
    return names


def _layer(module: str) -> int | None:
    if module in BOTTOM or not (module == "hotlist" or module.startswith("hotlist.")):
        return None
    for prefix, layer in LAYERS.items():
        if module == prefix or module.startswith(prefix + "."):
            return layer
    return TOP


def test_no_module_imports_the_bare_folder_names():
    every = [(m, p) for m, p in _modules()] + [(p.stem, p) for p in (ROOT / "tests").rglob("*.py")]
    every += [(p.stem, p) for p in (ROOT / "scripts").glob("*.py")]
    bad = [f"{path.relative_to(ROOT)}:{line} imports {name}"
           for _, path in every for line, name in _imports(path) if name.split(".")[0] in BARE]
    assert not bad, "import them as hotlist.pipeline / hotlist.models / hotlist.flows:\n" + "\n".join(bad)


def test_layers_run_one_way():
    bad = []
    for module, path in _modules():
        own = _layer(module)
        for line, name in _imports(path):
            target = _layer(name)
            if own is not None and target is not None and target > own:
                bad.append(f"{path.relative_to(ROOT)}:{line} ({module}, layer {own}) imports {name} (layer {target})")
            if own is not None and name.split(".")[0] in FORBIDDEN.get(own, set()):
                bad.append(f"{path.relative_to(ROOT)}:{line} ({module}) imports {name}")
    assert not bad, "\n".join(bad)


def test_the_layer_rule_catches_an_upward_import():
    """The checks above can fail: a pipeline module importing models is reported."""
    assert _layer("hotlist.models.candidates") > _layer("hotlist.pipeline.rank.ranking")
    assert _layer("hotlist.cli") > _layer("hotlist.flows.ingest")
    assert _layer("hotlist.settings") is None and _layer("sqlalchemy") is None


def test_cli_has_no_sql_and_the_ingest_flow_no_sqlalchemy():
    cli = [name for _, name in _imports(ROOT / "hotlist" / "cli.py")]
    assert not [n for n in cli if n.startswith(("sqlalchemy", "hotlist.models"))], cli
    ingest = [name for _, name in _imports(ROOT / "flows" / "ingest.py")]
    assert not [n for n in ingest if n.startswith("sqlalchemy")], ingest


def test_installed_under_one_package_only(tmp_path):
    """From a folder holding its own models.py and pipeline.py, Hotlist's packages still import, and
    importing hotlist.flows makes no workspace (no settings read, no folders)."""
    for name in ("models.py", "pipeline.py", "flows.py"):
        (tmp_path / name).write_text("MINE = True\n")
    home = tmp_path / "ws"
    code = ("import importlib.util, hotlist.pipeline, hotlist.models, hotlist.flows, models, pipeline, flows\n"
            "assert models.MINE and pipeline.MINE and flows.MINE\n"
            "assert hotlist.flows.__file__.endswith('flows/__init__.py')\n")
    env = {**os.environ, "HOTLIST_HOME": str(home)}
    env.pop("PYTHONPATH", None)
    subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, check=True)
    assert not home.exists(), "importing hotlist.flows created the workspace"
    empty = tmp_path / "empty"
    empty.mkdir()
    code = "import importlib.util; print([importlib.util.find_spec(n) for n in ('models', 'pipeline', 'flows')])"
    out = subprocess.run([sys.executable, "-c", code], cwd=empty, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[None, None, None]"


# pipeline/ keeps at its top only what every stage uses; everything else sits in a stage folder.
PIPELINE_TOP = {"__init__.py", "errors.py", "types.py", "versions.py"}
PIPELINE_STAGES = {"read", "parse", "skills", "jobs", "rank", "calls"}


def test_pipeline_modules_live_in_stage_folders():
    top = {p.name for p in (ROOT / "pipeline").glob("*.py")}
    assert top == PIPELINE_TOP
    folders = {p.name for p in (ROOT / "pipeline").iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == PIPELINE_STAGES
    for stage in PIPELINE_STAGES:
        assert (ROOT / "pipeline" / stage / "__init__.py").read_text().startswith('"""'), f"{stage}/ says what it is for"


def test_the_wheel_holds_every_module_and_data_file_under_hotlist_only(tmp_path):
    """Built from a copy of the tracked tree: one top-level folder, every source module and data file inside it."""
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    source = tmp_path / "src"
    for name in tracked:
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            (source / name).write_bytes((ROOT / name).read_bytes())
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "-w", str(tmp_path / "dist"), str(source)], check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("hotlist-*.whl")
    import zipfile

    names = {n for n in zipfile.ZipFile(wheel).namelist() if ".dist-info/" not in n}
    assert {n.split("/")[0] for n in names} == {"hotlist"}
    expected = set()
    for folder, package in PACKAGES.items():
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix not in {".pyc"}:
                rel = path.relative_to(ROOT / folder).as_posix()
                if path.suffix == ".py" or "data" in path.parts or "templates" in path.parts:
                    expected.add("/".join((*package.split("."), rel)))
    assert expected - names == set()


@pytest.mark.parametrize("name", ["hotlist_skill_matcher", "hotlist_skill_disambiguator"])
def test_spacy_entry_points_name_the_hotlist_package(name):
    from importlib.metadata import entry_points

    (point,) = [p for p in entry_points(group="spacy_factories") if p.name == name]
    assert point.value.startswith("hotlist.pipeline.")
    assert callable(point.load())
    assert importlib.util.find_spec(point.value.split(":")[0]) is not None


def test_every_hotlist_import_names_a_module_that_exists():
    """A moved module leaves no import behind (lazy imports inside functions included)."""
    every = [p for _, p in _modules()] + sorted((ROOT / "tests").rglob("*.py")) + sorted((ROOT / "scripts").glob("*.py"))
    missing = []
    for path in every:
        for line, name in _imports(path):
            if name.startswith("hotlist."):
                try:
                    found = importlib.util.find_spec(name) is not None
                except ModuleNotFoundError:
                    found = False
                if not found:
                    missing.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    assert not missing, "\n".join(missing)
