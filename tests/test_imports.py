"""Commands that only list or print import no Prefect, spaCy or scikit-learn (each run in a fresh process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SAMPLE_JOBS

HEAVY = ("prefect", "spacy", "sklearn")
PROBE = """
import json, sys
from hotlist.cli import main
try:
    main(sys.argv[1:], prog_name="hotlist")
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "heavy": sorted({m.split(".")[0] for m in sys.modules} & set(%r))}))
""" % (HEAVY,)


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("imports") / "ws"
    env = _env(home)
    subprocess.run([sys.executable, "-m", "hotlist.cli", "jobs", "import", str(SAMPLE_JOBS)], cwd=ROOT, env=env,
                   check=True, capture_output=True)
    return home


def _env(home) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "HOTLIST_"))}
    env.update(HOTLIST_HOME=str(home), HOTLIST_PREFECT_SERVER="lasting")
    return env


@pytest.mark.parametrize("args", [
    ["jobs", "list"],
    ["shortlist", "backend-python-austin"],
    ["status"],
    ["candidates"],
    ["candidates", "--json"],
    ["outcome", "1", "-", "no-answer"],
])
def test_listing_commands_import_no_prefect_spacy_or_sklearn(home, args):
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=ROOT, env=_env(home), capture_output=True,
                          text=True, timeout=120)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["heavy"] == [], (args, proc.stdout, proc.stderr)
    assert result["code"] in (0, None) or args[0] == "outcome", proc.stdout + proc.stderr  # no candidate 1 here
    assert not (home / "prefect" / "server.json").exists()  # and no Prefect server was started for them
