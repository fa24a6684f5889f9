"""Screenshots of the recruiter's desk for the README: the board, a call list, a candidate and a report.

Builds a throwaway workspace from the generated samples (`make run`'s sample_resumes/ and sample_jobs/, through
`hotlist nightly`), records three example calls on the job with the longest list, serves `hotlist web`'s app on a free local
port with the clock at 16:00 UTC today (a US morning) and photographs it with headless Chromium (Debian's chromium + chromium-driver; selenium from the dev extras).

    .venv/bin/python scripts/desk_screenshots.py [--workspace DIR] [--out docs]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.browser: the same Chromium flags and live server as the browser tests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workspace", type=Path, help="Workspace to build (default: a temporary folder)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    home = args.workspace or Path(tempfile.mkdtemp(prefix="hotlist-desk-"))
    os.environ["HOTLIST_HOME"] = str(home)
    os.environ.pop("HOTLIST_DATABASE_URL", None)
    if not (home / "hotlist.db").exists():
        subprocess.run([str(Path(sys.executable).parent / "hotlist"), "nightly", "--inbox", str(ROOT / "sample_resumes"),
                        "--jobs", str(ROOT / "sample_jobs"), "--out", str(home / "exports"), "--top", "3"],
                       check=True, env=os.environ)

    from hotlist.desk import board, call_sheet, job_report, record_call
    from hotlist.settings import get_settings
    from hotlist.web.app import create_app
    from tests.browser import browser_problem, chromium, live_server

    problem = browser_problem()
    if problem:
        sys.exit(f"Error: {problem}")
    settings = get_settings()
    settings.ensure_workspace()
    job = max(board(settings).jobs, key=lambda j: (j.to_call, j.urgency))  # the longest list: some left after three calls
    rows = call_sheet(settings, job.id).rows
    if not job_report(settings, job.id).lines and len(rows) >= 3:
        calls = [("hung-up", "hung up: driving, said try email", None),
                 ("interested", "keen; wants hybrid 3 days", date.today() + timedelta(days=2)),
                 ("left-voicemail", "left voicemail with the role summary", None)]
        for n, (result, note, callback) in enumerate(calls):
            record_call(settings, f"screenshot-{n}", rows[n].row.candidate_id, job.id, result, note, callback)
    candidate = job_report(settings, job.id).lines[0].candidate_id if job_report(settings, job.id).lines else rows[0].row.candidate_id
    args.out.mkdir(parents=True, exist_ok=True)
    pages = {"desk-board.png": "/", "desk-call-list.png": f"/jobs/{job.id}",
             "desk-candidate.png": f"/candidates/{candidate}", "desk-report.png": f"/jobs/{job.id}/report"}
    afternoon = datetime.now(timezone.utc).replace(hour=16, minute=0, second=0, microsecond=0)  # 11:00 in New York
    with live_server(create_app(settings, now=lambda: afternoon)) as url, chromium() as browser:
        for name, path in pages.items():
            browser.get(url + path)
            height = browser.execute_script("return document.documentElement.scrollHeight")
            browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": 1300, "height": min(max(height, 500), 1600), "deviceScaleFactor": 1, "mobile": False})
            browser.save_screenshot(str(args.out / name))
            print(f"{args.out / name}: {path}")
    if args.workspace is None:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
