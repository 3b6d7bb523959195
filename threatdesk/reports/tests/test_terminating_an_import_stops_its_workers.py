"""`kill PID` (SIGTERM) of an import that has started its worker processes ends the import and
its workers, as Ctrl-C does (`workers.WorkerPool`). Left to the signal's default, the workers
would wait for good, reparented to init, on a queue whose writing end they themselves hold: a
plain `kill`, or a supervisor that signals only the main process, would leave them behind.

This runs the real command in a subprocess on its own SQLite database (about 5 s).
"""

from __future__ import annotations

import contextlib
import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]  # the checkout
ROWS = 12_000  # over importer.POOL_MIN_ROWS, so the pool starts


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in {"Z", "X"}


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    var = tmp_path_factory.mktemp("var")
    env = {**os.environ, "THREATDESK_ENV": "test", "THREATDESK_VAR_DIR": str(var)}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=120)
    return env


def _big_file(path: Path) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["external_id", "occurred_on", "state", "channel", "threat_types", "target_role", "narrative"])
        for n in range(ROWS):
            row = [f"T-{n:06d}", "2024-11-06", "AZ", "voicemail", "threat_violence", "poll_worker", f"Synthetic call {n}."]
            writer.writerow(row)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_terminating_an_import_stops_its_worker_processes(environment: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    _big_file(path)
    command = [sys.executable, "manage.py", "import_reports", str(path), "--dry-run", "--workers", "2"]
    main = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and main.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
            workers = _children(main.pid)
        assert len(workers) == 2, "the import finished before its workers could be seen; use a larger file"
        main.send_signal(signal.SIGTERM)  # `kill PID`
        main.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [pid for pid in workers if _running(pid)]
        assert not left, f"worker process(es) {left} still running 10 s after the import was terminated"
    finally:
        if main.poll() is None:
            main.kill()
            main.wait()
        for pid in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
