"""The team setup in prefect.yaml matches the code that `hotlist serve` runs."""

from __future__ import annotations

import yaml

from hotlist.pipeline.rank.schedule import validate
from tests.conftest import ROOT

SPEC = yaml.safe_load((ROOT / "prefect.yaml").read_text())


def _flow(entrypoint: str):
    """The flow a Prefect worker would load for ``entrypoint`` (Prefect's own loader, no placeholder)."""
    from prefect.flows import load_flow_from_entrypoint

    return load_flow_from_entrypoint(entrypoint, use_placeholder_flow=False)


def test_prefect_yaml_deploys_the_served_flows(workspace):
    from hotlist.serve import deployments
    from hotlist.settings import get_settings

    served = {d.name: d for d in deployments(get_settings())}
    declared = {d["name"]: d for d in SPEC["deployments"]}
    assert set(declared) == set(served) == {"nightly", "inbox-sweep"}
    for name, spec in declared.items():
        flow = _flow(spec["entrypoint"])
        assert flow.name == served[name].flow_name, name
        assert spec["work_pool"]["name"] == "hotlist"
    assert set(declared["inbox-sweep"]["parameters"]) == set(served["inbox-sweep"].parameters)


def test_prefect_yaml_schedules_are_valid():
    for spec in SPEC["deployments"]:
        for schedule in spec["schedules"]:
            if "cron" in schedule:
                validate(schedule["cron"], schedule.get("timezone", "UTC"))
            else:
                assert schedule["interval"] > 0


def test_served_nightly_uses_the_configured_cron_and_time_zone(workspace, monkeypatch):
    from hotlist.serve import deployments
    from hotlist.settings import get_settings

    monkeypatch.setenv("HOTLIST_NIGHTLY_CRON", "30 1 * * 1-5")
    monkeypatch.setenv("HOTLIST_TIMEZONE", "Europe/London")
    get_settings.cache_clear()
    nightly = next(d for d in deployments(get_settings()) if d.name == "nightly")
    schedule = nightly.schedules[0].schedule
    assert (schedule.cron, schedule.timezone) == ("30 1 * * 1-5", "Europe/London")
