"""Intake benchmark: API submissions against gunicorn, and bulk import, on SQLite and PostgreSQL.

    .venv/bin/python bench/intake.py            full run (7 to 10 minutes on 2 cores)
    .venv/bin/python bench/intake.py --quick    smoke run (about 1.5 minutes)
    make bench

Writes bench/results/intake.json (and intake-profile.txt, a cProfile listing). Everything runs
in a throwaway environment: fresh secrets generated here, THREATDESK_ENV=production with DEBUG
off, a temporary var directory with a new SQLite database, and a temporary PostgreSQL database
that is dropped at the end. Only 127.0.0.1 is contacted. See bench/README.md.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import datetime as dt
import http.client
import json
import os
import resource
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
PY = sys.executable
GUNICORN = str(Path(PY).parent / "gunicorn")
LUA = BENCH / "intake.lua"
PG_ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")

TARGETS = {"api_submissions_per_s": 500, "api_p99_ms": 100, "import_rows_per_s_end_to_end": 20_000}

sys.path.insert(0, str(BENCH))
import workload  # noqa: E402
from machine import loadavg, machine_facts  # noqa: E402


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- the throwaway environment ----------------------------------------------------------------


def _key() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()


SECRETS = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "FIELD_KEYS": f"b{secrets.randbelow(10**6)}:{_key()}",
    "PSEUDONYM_KEY": _key(),
}


def django_env(var_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "THREATDESK_", "DATABASE_"))}
    env.update(SECRETS)
    env.update(
        THREATDESK_ENV="production",
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        # Production requires both; with no mail server here, mail goes to the server's log.
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
        DEFAULT_FROM_EMAIL="threatdesk@example.org",
        SECURE_SSL_REDIRECT="false",
        # Production requires it; plain http, as nothing here has TLS. gunicorn() adds its port.
        SITE_URL="http://127.0.0.1",
        THREATDESK_VAR_DIR=str(var_dir),
        DB_CONN_MAX_AGE="60",
        LOG_LEVEL="WARNING",
        DEMO_MODE="false",
        PYTHONDONTWRITEBYTECODE="1",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def job(env: dict[str, str], *args: str, timeout: float = 900) -> dict[str, Any]:
    """Run bench/djangojob.py in the throwaway environment; return its JSON answer."""
    done = subprocess.run(
        [PY, str(BENCH / "djangojob.py"), *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"djangojob {args[0]} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


class Backend:
    """A fresh database: a SQLite file in a temp dir, or a throwaway PostgreSQL database."""

    def __init__(self, name: str, workdir: Path) -> None:
        self.name = name
        self.var_dir = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=workdir))
        self.db_name = f"threatdesk_bench_{secrets.token_hex(4)}" if name == "postgresql" else ""
        url = None
        if self.db_name:
            url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + self.db_name
            _pg_admin(f'CREATE DATABASE "{self.db_name}"')
        self.env = django_env(self.var_dir, url)

    def drop(self) -> None:
        if self.db_name:
            _pg_admin(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
        shutil.rmtree(self.var_dir, ignore_errors=True)


def _pg_admin(sql: str) -> Any:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as conn:
        cur = conn.execute(sql)  # type: ignore[arg-type]
        return cur.fetchone() if cur.description else None


def postgres_version() -> str | None:
    try:
        row = _pg_admin("SELECT version()")
    except Exception as exc:
        log(f"PostgreSQL not reachable at {PG_ADMIN_URL}: {exc}")
        return None
    return str(row[0]) if row else None


# --- the server and the load ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def gunicorn(env: dict[str, str], worker_class: str, threads: int, logfile: Path) -> Iterator[tuple[int, int]]:
    port = free_port()
    cmd = [GUNICORN, "threatdesk.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    cmd += ["--worker-class", worker_class, "--backlog", "2048", "--timeout", "60", "--graceful-timeout", "30"]
    cmd += ["--no-control-socket"]
    if worker_class == "gthread":
        cmd += ["--threads", str(threads)]
    env = {**env, "SITE_URL": f"http://127.0.0.1:{port}"}
    with logfile.open("ab") as out:
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {proc.returncode}; see {logfile}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/api/openapi.json")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer on port {port}; see {logfile}")
            time.sleep(0.2)
        yield port, proc.pid
    finally:
        # TERM is a graceful stop: workers finish the requests they hold, so the count is final.
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=45)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


CLK_TCK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # fields from the 3rd (state) on


def process_tree_cpu(root: int) -> float:
    """CPU seconds (user + system) used so far by a process and its children: gunicorn's master
    and workers. Other load on the machine does not inflate this figure, wall-clock rates it does."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        fields = _stat(int(entry.name))
        if fields and (int(entry.name) == root or int(fields[1]) == root):
            total += (int(fields[11]) + int(fields[12])) / CLK_TCK
    return total


def pids_cpu(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        fields = _stat(pid)
        if fields:
            total += (int(fields[11]) + int(fields[12])) / CLK_TCK
    return total


def pg_backend_pids(db_name: str) -> list[int]:
    if not db_name:
        return []
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as conn:
        rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [db_name]).fetchall()
    return [int(r[0]) for r in rows]


def client_cpu() -> float:
    """CPU seconds of this process and its finished children: wrk, or the Python client's threads."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime + time.process_time()


def write_bodies(path: Path, count: int) -> None:
    bodies = [json.dumps(p, separators=(",", ":")) for p in workload.payloads(count, seed=42)]
    assert all("]==]" not in b for b in bodies)
    path.write_text("return {\n" + ",\n".join(f"[==[{b}]==]" for b in bodies) + "\n}\n")


def wrk_load(port: int, token: str, tag: str, connections: int, seconds: float, workdir: Path, bodies: Path) -> dict[str, Any]:
    codes = workdir / f"codes-{tag}"
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{round(seconds)}s", "--latency", "--timeout", "10s", "-s", str(LUA)]
    cmd += [f"http://127.0.0.1:{port}/api/reports", "--", tag, str(codes), str(bodies)]
    env = {**os.environ, "BENCH_TOKEN": token}
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=seconds + 120, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("BENCHJSON ")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stdout[-2000:]} {done.stderr[-2000:]}")
    raw = json.loads(lines[-1].removeprefix("BENCHJSON "))
    raw["codes_files"] = [str(p) for p in sorted(workdir.glob(f"codes-{tag}.*"))]
    raw["seconds"] = raw["duration_us"] / 1e6
    return raw


def python_load(
    port: int, token: str, tag: str, connections: int, seconds: float, workdir: Path, _bodies: Path
) -> dict[str, Any]:
    """Fallback when wrk is absent: threads with keep-alive http.client connections. It shares the
    GIL and the CPUs with the server, so it understates what the server can do."""
    bodies = [json.dumps(p, separators=(",", ":")) for p in workload.payloads(2000, seed=42)]
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    sent = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    codes_path = workdir / f"codes-{tag}.1"
    codes_out = codes_path.open("w")

    def client(tid: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        n = 0
        while time.monotonic() < deadline:
            n += 1
            with lock:
                sent[0] += 1
            headers = {
                "Content-Type": "application/json",
                "Authorization": f"Bearer {token}",
                "Idempotency-Key": f"{tag}-{tid}-{n}",
            }
            start = time.perf_counter()
            try:
                conn.request("POST", "/api/reports", bodies[n % len(bodies)], headers)
                resp = conn.getresponse()
                body = resp.read()
            except OSError as exc:
                errors[type(exc).__name__] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                statuses[str(resp.status)] += 1
                if 200 <= resp.status < 300:
                    codes_out.write(json.loads(body)["code"] + "\n")
            if resp.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.close()

    start = time.perf_counter()
    workers = [threading.Thread(target=client, args=(i + 1,)) for i in range(connections)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - start
    codes_out.close()
    latencies.sort()

    def pct(p: float) -> int:
        return int(1e6 * latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))]) if latencies else 0

    ok = sum(n for s, n in statuses.items() if s.startswith("2"))
    return {
        "duration_us": int(elapsed * 1e6),
        "seconds": elapsed,
        "completed": len(latencies),
        "sent": sent[0],
        "ok_2xx": ok,
        "statuses": dict(statuses),
        "errors": dict(errors),
        "latency_us": {
            "mean": int(1e6 * sum(latencies) / len(latencies)) if latencies else 0,
            "p50": pct(50),
            "p90": pct(90),
            "p95": pct(95),
            "p99": pct(99),
            "max": int(1e6 * latencies[-1]) if latencies else 0,
        },
        "codes_files": [str(codes_path)],
    }


def summarise_load(raw: dict[str, Any], connections: int) -> dict[str, Any]:
    lat = raw["latency_us"]
    return {
        "connections": connections,
        "seconds": round(raw["seconds"], 2),
        "ok_2xx": raw["ok_2xx"],
        "submissions_per_s": round(raw["ok_2xx"] / raw["seconds"], 1),
        "latency_ms": {k: round(lat[k] / 1000, 1) for k in ("mean", "p50", "p90", "p95", "p99", "max")},
        "statuses": raw["statuses"],
        "socket_errors": {k: v for k, v in raw["errors"].items() if v},
        "loadavg_after": loadavg(),
    }


def api_bench(backend: Backend, args: argparse.Namespace, workdir: Path, bodies: Path) -> dict[str, Any]:
    log(f"{backend.name}: migrating a fresh database and issuing a token")
    info = job(backend.env, "setup")
    token, user_id = info["token"], info["user_id"]
    load = wrk_load if shutil.which("wrk") and not args.python_client else python_load
    out: dict[str, Any] = {"load_generator": "wrk" if load is wrk_load else "python http.client threads"}
    runs_to_check: list[dict[str, Any]] = []
    for worker_class in args.worker_classes:
        label = worker_class if worker_class == "sync" else f"gthread-{args.threads}"
        results = []
        with gunicorn(backend.env, worker_class, args.threads, workdir / f"gunicorn-{backend.name}.log") as (port, master):
            for c in args.connections:
                tag = f"{backend.name[:2]}{worker_class[:2]}c{c}{secrets.token_hex(2)}"
                log(f"{backend.name} {label}: {c} connections, {args.warmup:g}s warm-up + {args.duration:g}s")
                warm = load(port, token, f"{tag}w", c, args.warmup, workdir, bodies)
                db_pids = pg_backend_pids(backend.db_name)
                cpu = (process_tree_cpu(master), pids_cpu(db_pids), client_cpu())
                measured = load(port, token, f"{tag}m", c, args.duration, workdir, bodies)
                spent = (process_tree_cpu(master) - cpu[0], pids_cpu(db_pids) - cpu[1], client_cpu() - cpu[2])
                for t, raw in ((f"{tag}w", warm), (f"{tag}m", measured)):
                    runs_to_check.append(
                        {"tag": t, "codes_files": raw["codes_files"], "sent": raw["sent"], "completed": raw["completed"]}
                    )
                row = summarise_load(measured, c)
                per = max(measured["completed"], 1)
                row["cpu_ms_per_submission"] = {
                    "gunicorn": round(1000 * spent[0] / per, 2),
                    "postgresql": round(1000 * spent[1] / per, 2) if db_pids else None,
                    "load_generator": round(1000 * spent[2] / per, 2),
                }
                server_ms = row["cpu_ms_per_submission"]["gunicorn"] + (row["cpu_ms_per_submission"]["postgresql"] or 0)
                row["cpu_bound_ceiling_per_s"] = round(1000 * (os.cpu_count() or 1) / server_ms) if server_ms else None
                log(
                    f"  {row['submissions_per_s']}/s  p50 {row['latency_ms']['p50']} ms  p99 {row['latency_ms']['p99']} ms"
                    f"  server CPU {server_ms:.1f} ms/submission  load {row['loadavg_after'][0]}"
                )
                results.append(row)
        out[label] = results
    spec = workdir / f"verify-{backend.name}.json"
    spec.write_text(json.dumps({"user_id": user_id, "runs": runs_to_check}))
    log(f"{backend.name}: checking stored reports against the 2xx answers")
    check = job(backend.env, "verify", str(spec))
    out["stored_vs_answered"] = {
        "ok": check["ok"],
        "runs_checked": len(check["runs"]),
        "answered_2xx": sum(r["answered_2xx"] for r in check["runs"]),
        "stored": sum(r["stored_reports"] for r in check["runs"]),
        "answered_but_not_stored": sum(r["answered_but_not_stored"] for r in check["runs"]),
        "stored_without_answer": sum(r["stored_without_answer"] for r in check["runs"]),
        "in_flight_when_load_stopped": sum(r["in_flight_at_stop"] for r in check["runs"]),
        "duplicate_answers": sum(r["answered_2xx"] - r["answered_distinct_reports"] for r in check["runs"]),
        "audit_events_for_them": sum(r["audit_events"] for r in check["runs"]),
        "audit_chain_events": check["audit_chain_events"],
        "audit_chain_problems": check["audit_chain_problems"],
        "how": (
            "each 2xx answer's receipt code is looked up among the reports stored under that run's "
            "Idempotency-Keys; a report stored without an answer is allowed only for a request still in "
            "flight when the load generator stopped (at most one per connection, counted as sent - completed)"
        ),
        "per_run": check["runs"],
    }
    return out


# --- the whole run ----------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    wrk = shutil.which("wrk")
    wrk_version = ""
    if wrk:
        wrk_version = subprocess.run([wrk, "--version"], capture_output=True, text=True, check=False).stdout.splitlines()[0:1]
        wrk_version = wrk_version[0] if wrk_version else ""
    import django
    import gunicorn as gunicorn_pkg

    return {
        **machine_facts(),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": postgres_version(),
        "django": django.get_version(),
        "gunicorn": gunicorn_pkg.__version__,
        "wrk": wrk_version,
        "loadavg_at_start": loadavg(),
    }


def best(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return max(rows, key=lambda r: r["submissions_per_s"])


# What no import can skip: reading the line, validating it and sealing its personal data (in worker
# processes, so spread over every core), and writing the rows a report needs (in one transaction).
IMPORT_FLOOR_PARTS = ("parse_only", "validate_only", "encrypt_only", "raw_insert_all_tables")


def import_ceiling(imp: dict[str, Any], cores: int) -> dict[str, Any] | None:
    """The fastest any import could go on this machine if it did only the parts no import can skip:
    their CPU per row spread over every core, and no faster than the rows can be written at all."""
    if not all(imp.get(part, {}).get("rows_per_cpu_s") for part in IMPORT_FLOOR_PARTS):
        return None
    cpu_us = {part: round(1e6 / imp[part]["rows_per_cpu_s"], 1) for part in IMPORT_FLOOR_PARTS}
    cpu_bound = round(cores * 1e6 / sum(cpu_us.values()))
    write_bound = imp["raw_insert_all_tables"]["rows_per_s"]
    return {
        "cpu_us_per_row": cpu_us,
        "all_cores_rows_per_s": cpu_bound,
        "write_rows_per_s": write_bound,
        "rows_per_s": min(cpu_bound, write_bound),
    }


def summary(results: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, api in results.get("api", {}).items():
        if "error" in api:
            continue
        for label, rows in api.items():
            if not isinstance(rows, list):
                continue
            top = best(rows)
            out[f"api_{name}_{label}"] = {
                "best_submissions_per_s": top["submissions_per_s"],
                "at_connections": top["connections"],
                "p99_ms_there": top["latency_ms"]["p99"],
                "by_connections_fields": ["submissions_per_s", "p50_ms", "p95_ms", "p99_ms"],
                "by_connections": {
                    r["connections"]: [
                        r["submissions_per_s"],
                        r["latency_ms"]["p50"],
                        r["latency_ms"]["p95"],
                        r["latency_ms"]["p99"],
                    ]
                    for r in rows
                },
            }
        out[f"api_{name}_stored_equals_2xx"] = api["stored_vs_answered"]["ok"]
    for name, imp in results.get("import", {}).items():
        if "error" in imp:
            continue
        out[f"import_{name}_rows_per_s"] = {
            "check": imp["check"]["rows_per_s"],
            "store": imp["store"]["rows_per_s"],
            "end_to_end": imp["end_to_end"]["rows_per_s"],
            "raw_insert": imp["raw_insert"]["rows_per_s"],
            "raw_insert_all_tables": imp.get("raw_insert_all_tables", {}).get("rows_per_s"),
            "ceiling": (import_ceiling(imp, results["machine"]["cores"] or 1) or {}).get("rows_per_s"),
        }
    api_best = [v["best_submissions_per_s"] for k, v in out.items() if k.startswith("api_") and isinstance(v, dict)]
    p99_ok = [
        r["submissions_per_s"] >= TARGETS["api_submissions_per_s"] and r["latency_ms"]["p99"] <= TARGETS["api_p99_ms"]
        for api in results.get("api", {}).values()
        if "error" not in api
        for rows in api.values()
        if isinstance(rows, list)
        for r in rows
    ]
    e2e = [v["end_to_end"] for k, v in out.items() if k.startswith("import_")]
    out["meets_api_target"] = any(p99_ok)
    out["best_api_submissions_per_s"] = max(api_best) if api_best else None
    out["meets_import_target"] = bool(e2e) and max(e2e) >= TARGETS["import_rows_per_s_end_to_end"]
    return out


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small numbers, for a smoke run")
    parser.add_argument("--skip-api", action="store_true")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--skip-profile", action="store_true")
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"])
    parser.add_argument("--worker-classes", nargs="+", default=["sync", "gthread"], choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=4, help="threads per gthread worker")
    parser.add_argument("--connections", type=int, nargs="+", help="concurrency levels (default 4 16 32)")
    parser.add_argument("--duration", type=float, help="seconds measured per level (default 15)")
    parser.add_argument("--warmup", type=float, help="seconds of warm-up per level (default 3)")
    parser.add_argument("--rows", type=int, help="rows to import (default 100000)")
    parser.add_argument("--python-client", action="store_true", help="use the Python load generator even if wrk is there")
    parser.add_argument("--out", type=Path, default=RESULTS / "intake.json")
    args = parser.parse_args(argv)
    args.connections = args.connections or ([4, 16] if args.quick else [4, 16, 32])
    args.duration = args.duration or (4.0 if args.quick else 15.0)
    args.warmup = args.warmup or (1.0 if args.quick else 3.0)
    args.rows = args.rows or (5_000 if args.quick else 100_000)
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    facts = machine()
    if facts["postgresql"] is None and "postgresql" in args.backends:
        args.backends = [b for b in args.backends if b != "postgresql"]
    results: dict[str, Any] = {
        "benchmark": "intake",
        "run_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "quick": args.quick,
        "machine": facts,
        "parameters": {
            "server": "gunicorn threatdesk.wsgi, 2 workers, on 127.0.0.1; THREATDESK_ENV=production, DEBUG off",
            "worker_classes": [w if w == "sync" else f"gthread ({args.threads} threads per worker)" for w in args.worker_classes],
            "connections": args.connections,
            "warmup_s": args.warmup,
            "duration_s": args.duration,
            "request": "POST /api/reports, JSON body ~0.9 kB from 2000 varied payloads, Bearer token, unique Idempotency-Key",
            "api_client_role": "reporter without an office (the office is found from the county)",
            "import_rows": args.rows,
            "import_path": "a JSON-lines file through the importer as manage.py import_reports runs it: the checking "
            "pass (read, validate, redact, read the words, seal; in worker processes, one per CPU), then the save "
            "pass (assess in order of receipt, insert in batches of 2000), one transaction",
            "raw_insert": "pre-built plaintext tuples into a constraint-free copy of reports_report, one "
            "transaction: COPY on PostgreSQL (cursor.executemany before 2026-11-29), cursor.executemany on SQLite",
            "raw_insert_all_tables": "the same, for every row an import writes per report: the report, its threat "
            "types, its sender blind indexes and its audit entry, into constraint-free copies of their tables",
            "floor_parts": "parse_only (json.loads of each line), validate_only (ReportIn.model_validate) and "
            "encrypt_only (sealing the encrypted columns), each alone in one process",
            "backends": args.backends,
            "targets": TARGETS,
        },
        "api": {},
        "import": {},
    }
    workdir = Path(tempfile.mkdtemp(prefix="threatdesk-intake-"))
    bodies = workdir / "bodies.lua"
    write_bodies(bodies, 2000)
    try:
        for name in args.backends:
            if not args.skip_api:
                backend = Backend(name, workdir)
                try:
                    results["api"][name] = api_bench(backend, args, workdir, bodies)
                except Exception as exc:
                    log(f"{name} API run failed: {exc}")
                    results["api"][name] = {"error": str(exc)[-2000:]}
                finally:
                    backend.drop()
            if not args.skip_import:
                backend = Backend(name, workdir)
                try:
                    log(f"{name}: importing {args.rows} rows")
                    results["import"][name] = job(backend.env, "import", str(args.rows))
                    imp = results["import"][name]
                    log(
                        f"  check {imp['check']['rows_per_s']}/s ({imp['workers']} workers), "
                        f"store {imp['store']['rows_per_s']}/s ({imp['transaction_seconds']} s in its transaction), "
                        f"end to end {imp['end_to_end']['rows_per_s']}/s, raw insert {imp['raw_insert']['rows_per_s']}/s"
                    )
                except Exception as exc:
                    log(f"{name} import failed: {exc}")
                    results["import"][name] = {"error": str(exc)[-2000:]}
                finally:
                    backend.drop()
        if not args.skip_profile:
            backend = Backend("sqlite", workdir)
            try:
                log("profiling one process in place of a worker (cProfile), SQLite")
                n_req, n_rows = (200, 2000) if args.quick else (1000, 10000)
                results["profile"] = job(
                    backend.env, "profile", str(args.out.with_name(f"{args.out.stem}-profile.txt")), str(n_req), str(n_rows)
                )
            except Exception as exc:
                log(f"profile failed: {exc}")
                results["profile"] = {"error": str(exc)[-2000:]}
            finally:
                backend.drop()
    finally:
        for log_file in workdir.glob("gunicorn-*.log"):
            text = log_file.read_text(errors="replace").strip()
            if text:
                results.setdefault("server_log_tail", {})[log_file.stem] = text[-1500:]
        shutil.rmtree(workdir, ignore_errors=True)
    results["summary"] = summary(results)
    results["notes"] = notes(results)
    results["machine"]["loadavg_at_end"] = loadavg()
    results["wall_seconds"] = round(time.monotonic() - started, 1)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    log(f"wrote {args.out} in {results['wall_seconds']} s")
    print(json.dumps(results["summary"], indent=2))
    return 0


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0


def notes(results: dict[str, Any]) -> list[str]:
    """Plain statements about this run, computed from its figures."""
    out: list[str] = []
    cores = results["machine"]["cores"] or 1
    start_load = (results["machine"].get("loadavg_at_start") or [0.0])[0]
    if start_load > 0.5 * cores:
        out.append(
            f"Other work was already running on this {cores}-core machine when the run started (1-minute load "
            f"average {start_load:.1f}), so wall-clock rates are lower than on an idle machine; the CPU "
            "milliseconds per submission and per row are the steadier figures. (While the API runs, the "
            "benchmark's own gunicorn workers and wrk add about 3 to the load average.)"
        )
    for name, api in results["api"].items():
        if "error" in api:
            out.append(f"API on {name}: the run failed ({api['error'][:200]}).")
            continue
        series = {label: rows for label, rows in api.items() if isinstance(rows, list) and rows}
        top_label, top = max(((lbl, best(rows)) for lbl, rows in series.items()), key=lambda x: x[1]["submissions_per_s"])
        meets = [
            r for rows in series.values() for r in rows
            if r["submissions_per_s"] >= TARGETS["api_submissions_per_s"] and r["latency_ms"]["p99"] <= TARGETS["api_p99_ms"]
        ]  # fmt: skip
        out.append(
            f"API on {name}: best {top['submissions_per_s']:.0f} submissions/s ({top_label}, {top['connections']} connections, "
            f"p99 {top['latency_ms']['p99']:.0f} ms); target {TARGETS['api_submissions_per_s']}/s with p99 <= "
            f"{TARGETS['api_p99_ms']} ms {'met' if meets else 'not met'}."
        )
        top_rows = series[top_label]
        server_ms = [r["cpu_ms_per_submission"]["gunicorn"] + (r["cpu_ms_per_submission"]["postgresql"] or 0) for r in top_rows]
        app_ms = _median([r["cpu_ms_per_submission"]["gunicorn"] for r in top_rows])
        if server_ms:
            ms = _median(server_ms)
            out.append(
                f"API on {name} ({top_label}): each submission costs about {ms:.1f} ms of server CPU "
                f"({app_ms:.1f} ms in the gunicorn workers"
                f"{', the rest in PostgreSQL' if name == 'postgresql' else ', SQLite included'}), so even with all "
                f"{cores} cores given to the server the ceiling is about {1000 * cores / ms:.0f}/s; "
                f"{TARGETS['api_submissions_per_s']}/s would need under {1000 * cores / TARGETS['api_submissions_per_s']:.1f} ms."
            )
        if "sync" in series and len(series) > 1:
            other = next(lbl for lbl in series if lbl != "sync")
            a, b = best(series["sync"])["submissions_per_s"], best(series[other])["submissions_per_s"]
            verdict = "clearly better" if b > 1.15 * a else ("clearly worse" if b < 0.87 * a else "no clear difference")
            p99_sync = min(r["latency_ms"]["p99"] for r in series["sync"])
            p99_other = min(r["latency_ms"]["p99"] for r in series[other])
            out.append(
                f"API on {name}: {other} best {b:.0f}/s against sync {a:.0f}/s ({verdict}); lowest p99 "
                f"{p99_other:.0f} ms against {p99_sync:.0f} ms. The deployment should use "
                f"{'sync' if verdict != 'clearly better' else other} workers."
            )
            if verdict != "clearly better":
                out.append(
                    f"API on {name}: every submission appends to the hash-chained audit trail under one locked head row"
                    + (" and takes the database write lock at BEGIN" if name == "sqlite" else "")
                    + ", so their writes go one at a time whatever the worker count; more threads than "
                    "cores only add waiting"
                    + (
                        ", and SQLite's busy handler retries a held lock after sleeps of up to 100 ms, which is "
                        "where the long tail comes from."
                        if name == "sqlite"
                        else " and CPU switching between threads under the GIL."
                    )
                )
        check = api["stored_vs_answered"]
        out.append(
            f"API on {name}: stored reports {'match' if check['ok'] else 'DO NOT match'} the 2xx answers: "
            f"{check['answered_2xx']} answered, {check['answered_but_not_stored']} answered but not stored, "
            f"{check['duplicate_answers']} answered twice, {check['stored_without_answer']} stored for requests still "
            f"in flight when the load generator stopped (of {check['in_flight_when_load_stopped']} in flight); "
            f"audit chain {'intact' if not check['audit_chain_problems'] else 'BROKEN'} "
            f"over {check['audit_chain_events']} events."
        )
    for name, imp in results["import"].items():
        if "error" in imp:
            out.append(f"Import on {name}: the run failed ({imp['error'][:200]}).")
            continue
        ch, st, e2e, raw = (imp[k]["rows_per_s"] for k in ("check", "store", "end_to_end", "raw_insert"))
        enc = imp.get("encrypt_only", {})
        target = TARGETS["import_rows_per_s_end_to_end"]
        out.append(
            f"Import on {name}: {e2e:,} rows/s end to end against a target of {target:,} "
            f"({'met' if e2e >= target else 'not met'}). The checking pass (read, validate, redact, read the words, "
            f"seal; in {imp['workers']} worker processes) runs at {ch:,} rows/s; storing (assessing in order of "
            f"receipt and inserting, in the main process alone) at {st:,} rows/s, {raw / st:.0f}x slower than the "
            f"raw insert of the same rows into one plain table ({raw:,} rows/s)."
        )
        if enc.get("cpu_seconds") and imp["check"].get("cpu_seconds"):
            share = 100 * enc["cpu_seconds"] / imp["check"]["cpu_seconds"]
            written = sum(imp["rows_written"].values()) / imp["rows"]
            out.append(
                f"Import on {name}: sealing the {enc['fields_per_row']} encrypted columns alone takes {enc['cpu_seconds']:.1f} "
                f"CPU-s ({share:.0f}% of the checking pass's CPU, in the workers); storing's CPU goes to the senders' "
                "histories, the last step of each assessment, the insert preparation of the clear columns, the child "
                f"rows (threat types, sender blind indexes) and the audit chain ({written:.1f} rows written per report)."
            )
        ceiling = import_ceiling(imp, cores)
        if ceiling:
            parts = ceiling["cpu_us_per_row"]
            out.append(
                f"Import on {name}: even an import that only read, validated and sealed each row and wrote the rows a "
                f"report needs, with nothing else (no redaction, pseudonyms, assessment or audit chain), could reach "
                f"at most {ceiling['rows_per_s']:,} rows/s on these {cores} cores: {sum(parts.values()):.0f} CPU-µs a "
                f"row (reading {parts['parse_only']:.0f}, validating {parts['validate_only']:.0f}, sealing "
                f"{parts['encrypt_only']:.0f}, writing {parts['raw_insert_all_tables']:.0f}) allows "
                f"{ceiling['all_cores_rows_per_s']:,} rows/s on all cores, and writing alone runs at "
                f"{ceiling['write_rows_per_s']:,} reports/s. The target of {target:,} rows/s is "
                f"{'within' if ceiling['rows_per_s'] >= target else 'beyond'} that ceiling."
            )
    prof = results.get("profile", {})
    if prof and "error" not in prof:
        stmts = prof.get("sql_statements_per_submission", {})
        top_api = ", ".join(f"{k} {v}%" for k, v in prof["api_own_time_share_pct"][:6])
        top_imp = ", ".join(f"{k} {v}%" for k, v in prof["import_own_time_share_pct"][:6])
        out.append(
            f"Profile of one process (cProfile, SQLite): a submission runs {sum(stmts.values())} SQL statements "
            f"({', '.join(f'{n} {k}' for k, n in sorted(stmts.items(), key=lambda kv: -kv[1]))}); own time by where the code "
            f"lives: {top_api}."
        )
        out.append(f"Profile of the import path: own time by where the code lives: {top_imp}.")
    done_imports = [imp for imp in results["import"].values() if "error" not in imp]
    target = TARGETS["import_rows_per_s_end_to_end"]
    if done_imports and max(imp["end_to_end"]["rows_per_s"] for imp in done_imports) < target:
        check_ms = min(1000 * imp["check"]["cpu_seconds"] / imp["rows"] for imp in done_imports)
        store_ms = min(1000 / imp["store"]["rows_per_s"] for imp in done_imports)
        out.append(
            f"Import: {target:,} rows/s end to end is out of reach on this {cores}-core machine: checking and drafting "
            f"a row (validation, redaction, the words' indicators, sealing) costs {check_ms:.2f} CPU-ms, spread over "
            f"the cores, and storing, which runs in the one main process because a row's level depends on the "
            f"sender's earlier rows, costs {store_ms:.2f} ms a row at best."
        )
    return out


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
