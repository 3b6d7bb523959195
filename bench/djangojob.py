"""The Django side of bench/intake.py, run as a child process in the benchmark's throwaway environment.

    python bench/djangojob.py setup              migrate, add a few offices, a reporter and an API token
    python bench/djangojob.py verify SPEC.json   stored reports against the 2xx answers of each load run
    python bench/djangojob.py import N           bulk import of a file of N generated rows, and the raw insert beside it
    python bench/djangojob.py profile OUT N M    cProfile of N API submissions and of an M-row import in one process

Each prints one JSON object on its last line of standard output. The environment (THREATDESK_ENV,
secrets, THREATDESK_VAR_DIR, DATABASE_URL) is set by intake.py; never point it at real data.
"""

from __future__ import annotations

import cProfile
import datetime as dt
import gc
import io
import json
import os
import pstats
import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "threatdesk.settings")

import django  # noqa: E402

django.setup()

import workload  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from threatdesk.accounts.services import token_create, user_create  # noqa: E402
from threatdesk.audit.models import AuditEvent  # noqa: E402
from threatdesk.audit.selectors import verify_chain  # noqa: E402
from threatdesk.places.models import County, Office  # noqa: E402
from threatdesk.privacy.selectors import people_stamp  # noqa: E402
from threatdesk.reports import importer, workers  # noqa: E402
from threatdesk.reports.models import Report, ReportThreatType, SenderIdentifier  # noqa: E402
from threatdesk.reports.schemas import ReportIn  # noqa: E402
from threatdesk.reports.taxonomy import Source  # noqa: E402

RAW_TABLE_REPORTS = "reports_report"


def emit(result: dict[str, Any]) -> None:
    print(json.dumps(result, default=str))


def migrate() -> None:
    call_command("migrate", interactive=False, verbosity=0)


def setup() -> dict[str, Any]:
    """A fresh database with some county offices, one API client (a reporter) and its token."""
    migrate()
    rng = random.Random(7)
    counties = list(County.objects.order_by("fips"))
    Office.objects.bulk_create(
        [
            Office(name=f"{c.name} Elections", level=Office.Level.COUNTY, state_id=c.state_id, county=c)
            for c in rng.sample(counties, 300)
        ]
    )
    user = user_create(actor=None, username="bench-intake-client", password=None, role="reporter", email="client@example.org")
    token = token_create(actor=None, user=user, name="intake benchmark")
    return {"token": token, "user_id": user.pk}


def verify(spec_path: str) -> dict[str, Any]:
    """For each load run: every 2xx answer is one stored report, and nothing else was stored
    except requests still in flight when the load generator stopped (at most one per connection)."""
    spec = json.loads(Path(spec_path).read_text())
    runs = []
    for run in spec["runs"]:
        prefix = f"api:{spec['user_id']}:{run['tag']}-"
        stored = list(Report.objects.filter(submission_key__startswith=prefix).values_list("public_code", "submission_key"))
        stored_codes = {code for code, _ in stored}
        answered: list[str] = []
        for name in run["codes_files"]:
            path = Path(name)
            if path.exists():
                answered += [line.strip() for line in path.read_text().splitlines() if line.strip()]
        answered_set = set(answered)
        audit_events = AuditEvent.objects.filter(
            action="reports.report.submitted",
            object_id__in=Report.objects.filter(submission_key__startswith=prefix).values("public_code"),
        ).count()
        extra = len(stored_codes - answered_set)
        in_flight = max(0, int(run.get("sent", 0)) - int(run.get("completed", 0)))
        result = {
            "tag": run["tag"],
            "answered_2xx": len(answered),
            "answered_distinct_reports": len(answered_set),
            "stored_reports": len(stored),
            "stored_distinct_keys": len({key for _, key in stored}),
            "answered_but_not_stored": len(answered_set - stored_codes),
            "stored_without_answer": extra,
            "in_flight_at_stop": in_flight,
            "audit_events": audit_events,
        }
        result["ok"] = (
            result["answered_but_not_stored"] == 0
            and len(answered) == len(answered_set)
            and result["stored_distinct_keys"] == len(stored)
            and extra <= in_flight
            and audit_events == len(stored)
        )
        result["exact_match"] = extra == 0 and result["ok"]
        runs.append(result)
    checked, problems = verify_chain()
    return {
        "runs": runs,
        "reports_total": Report.objects.count(),
        "audit_chain_events": checked,
        "audit_chain_problems": len(problems),
        "ok": all(r["ok"] for r in runs) and not problems,
    }


def _raw_tuples(rows: list[dict[str, Any]], validated: list[ReportIn]) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The same rows as plain values in the report table's column order: no encryption, no ORM."""
    from threatdesk.places.models import State

    states = dict(State.objects.values_list("code", "pk"))
    now = dt.datetime.now(dt.UTC).isoformat()
    columns = [f.column for f in Report._meta.concrete_fields]
    defaults = {f.column: _plain_default(f) for f in Report._meta.concrete_fields}
    tuples = []
    for i, (row, data) in enumerate(zip(rows, validated, strict=True)):
        values = {
            "id": i + 1,
            "public_code": f"R-{i:016d}",
            "submission_key": f"import:RAW-{i}",
            "submission_digest": "",
            "source": "import",
            "is_synthetic": False,
            "office_id": None,
            "state_id": states[data.state],
            "county_id": None,
            "occurred_on": data.occurred_on.isoformat(),
            "occurred_time": data.occurred_time.isoformat() if data.occurred_time else None,
            "received_at": now,
            "channel": data.channel,
            "platform": data.platform,
            "primary_threat_type": str(data.threat_types[0]),
            "target_role": str(data.target_role),
            "election_phase": str(data.election_phase),
            "message_text": row.get("message_text", ""),
            "narrative": row["narrative"],
            "sender_name": data.sender.name,
            "sender_phones": json.dumps(data.sender.phones),
            "sender_emails": json.dumps(data.sender.emails),
            "sender_handles": json.dumps(data.sender.handles),
            "sender_description": data.sender.description,
            "reporter_id": None,
            "reporter_contact": json.dumps(data.reporter_contact.model_dump(exclude_defaults=True)),
            "indicators": "[]",
            "severity": None,
            "severity_reasons": "[]",
            "status": "new",
            "created_at": now,
            "updated_at": now,
        }
        tuples.append(tuple(values[c] if c in values else defaults[c] for c in columns))
    return columns, tuples


def _plain_default(field: Any) -> Any:
    """A column the raw rows do not set (one added since) gets its default, as stored text."""
    default = field.get_default()
    return json.dumps(default) if isinstance(default, list | dict) else default


def _raw_children(validated: list[ReportIn]) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """The other rows an import writes for each report, as plain tuples: its threat types, its
    sender's blind indexes (stand-in digests) and its audit entry (stand-in hashes)."""
    now = dt.datetime.now(dt.UTC).isoformat()
    threat_types, identifiers, events = [], [], []
    for i, data in enumerate(validated):
        report_id = i + 1
        threat_types += [(report_id, str(code), position) for position, code in enumerate(data.threat_types)]
        sender = data.sender
        values = [*sender.phones, *sender.emails, *sender.handles, *([sender.name] if sender.name else [])]
        identifiers += [(report_id, "phone", f"{hash((report_id, v)) & (2**128 - 1):032x}") for v in values]
        event = ("reports.report.imported", "report", str(report_id), "", "{}", "0" * 64, "f" * 64)
        events.append((report_id, now, "import", *event))
    return {
        "reports_reportthreattype": (["report_id", "code", "position"], threat_types),
        "reports_senderidentifier": (["report_id", "kind", "digest"], identifiers),
        "audit_auditevent": (
            ["seq", "at", "actor_label", "action", "object_type", "object_id", "reason", "payload", "prev_hash", "hash"],
            events,
        ),
    }


def _write(table: str, columns: list[str], tuples: list[tuple[Any, ...]]) -> None:
    """The fastest way each database takes many rows: COPY on PostgreSQL (as the importer's
    inserts use), one `executemany` on SQLite."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for values in tuples:
                copy.write_row(values)
    else:
        placeholders = ", ".join(["%s"] * len(columns))
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", tuples)  # noqa: S608


def raw_insert(tables: dict[str, tuple[list[str], list[tuple[Any, ...]]]]) -> dict[str, Any]:
    """Pre-built tuples into constraint-free copies of the tables (no keys, no indexes), one
    transaction: the rate is reports per second."""
    copies = {table: f"bench_raw_{table}" for table in tables}
    with connection.cursor() as cursor:
        for table, copy in copies.items():
            cursor.execute(f"CREATE TABLE {copy} AS SELECT * FROM {table} WHERE 1 = 0")  # noqa: S608
    start, cpu = time.perf_counter(), time.process_time()
    with transaction.atomic():
        for table, (columns, tuples) in tables.items():
            _write(copies[table], columns, tuples)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    counts = {}
    with connection.cursor() as cursor:
        for table, copy in copies.items():
            cursor.execute(f"SELECT COUNT(*) FROM {copy}")  # noqa: S608
            (counts[table],) = cursor.fetchone()
            cursor.execute(f"DROP TABLE {copy}")
    reports = counts["reports_report"]
    return {"rows": reports, **({"rows_by_table": counts} if len(counts) > 1 else {}), **_rate(reports, seconds, cpu)}


def one_core(n: int, work: Any) -> dict[str, Any]:
    """Rate of `work()` over n rows in this process alone, with the garbage collector off: these
    rates set a ceiling, so they leave out the cost of collecting around everything kept so far."""
    gc.collect()
    gc.disable()
    try:
        start, cpu = time.perf_counter(), time.process_time()
        work()
        return _rate(n, time.perf_counter() - start, time.process_time() - cpu)
    finally:
        gc.enable()


def encrypt_only(validated: list[ReportIn]) -> dict[str, Any]:
    """Sealing the encrypted columns of every row through the fields themselves, nothing else."""
    from threatdesk.privacy.fields import encrypted_fields

    fields = {f.name: f for f in encrypted_fields(Report)}  # type: ignore[attr-defined]
    values = [
        {
            "platform": d.platform,
            "message_text": d.message_text,
            "narrative": d.narrative,
            "sender_name": d.sender.name,
            "sender_phones": d.sender.phones,
            "sender_emails": d.sender.emails,
            "sender_handles": d.sender.handles,
            "sender_description": d.sender.description,
            "reporter_contact": d.reporter_contact.model_dump(exclude_defaults=True),
            # The redacted copies are sealed too; here they stand in at the originals' length.
            "narrative_redacted": d.narrative,
            "message_text_redacted": d.message_text,
            # And the assessment that quotes them: here one indicator and its explanation.
            "indicators": [
                {"code": "direct_threat", "label": "Direct threat", "axis": "words", "weight": 3, "evidence": d.narrative[:80]}
            ],
            "severity_reasons": [f'Level 3 (serious). The words: direct threat ("{d.narrative[:80]}"). Score 3.'],
        }
        for d in validated
    ]
    assert set(values[0]) == set(fields), f"encrypted fields changed: {sorted(fields)}"

    def seal() -> None:
        for row in values:
            for name, value in row.items():
                fields[name].get_prep_value(value)

    return {"fields_per_row": len(fields), **one_core(len(values), seal)}


def _rate(n: int, seconds: float, cpu: float) -> dict[str, Any]:
    """Wall-clock rate, and the process's own CPU time (which other load on the machine does not inflate)."""
    return {
        "seconds": round(seconds, 3),
        "rows_per_s": round(n / seconds),
        "cpu_seconds": round(cpu, 3),
        "rows_per_cpu_s": round(n / cpu) if cpu else None,
    }


def _write_jsonl(name: str, rows: list[dict[str, Any]], id_prefix: str) -> Path:
    """The rows as an import file in the throwaway var directory, each with an external id."""
    path = Path(settings.VAR_DIR) / name
    with path.open("w", encoding="utf-8") as handle:
        for i, row in enumerate(rows):
            handle.write(json.dumps({**row, "external_id": f"{id_prefix}-{i:07d}"}) + "\n")
    return path


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the import's worker processes)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


class _TransactionClock:
    """When the save's transaction began: its first statement (SQLite's BEGIN IMMEDIATE, which
    takes the write lock every filing waits on, or PostgreSQL's first statement in it)."""

    def __init__(self) -> None:
        self.began: float | None = None

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if self.began is None and (connection.in_atomic_block or sql.lstrip().upper().startswith("BEGIN")):
            self.began = time.perf_counter()
        return execute(sql, params, many, context)


def _import_file(path: Path, workers: int) -> tuple[int, tuple[float, float], tuple[float, float], float]:
    """The file through the path `manage.py import_reports` takes: the checking pass (read,
    validate, draft in worker processes, no transaction), then the save pass (assess in order,
    insert, in one transaction); the commit counts as storing. Returns the reports saved, for each
    pass (seconds, CPU seconds), and the seconds the save's transaction was open."""
    start, cpu = time.perf_counter(), _cpu()
    people_seen = people_stamp()
    checked = importer.read_reports(path, "jsonl", draft=True, workers=workers)
    assert not checked.errors, checked.errors[:5]
    check_s, check_cpu = time.perf_counter() - start, _cpu() - cpu
    start, cpu = time.perf_counter(), _cpu()
    clock = _TransactionClock()
    with connection.execute_wrapper(clock):
        saved = importer.save_reports(checked.drafts, people_seen=people_seen)
    end = time.perf_counter()
    store_s, store_cpu = end - start, _cpu() - cpu
    return saved, (check_s, check_cpu), (store_s, store_cpu), end - (clock.began or start)


def import_rows(n: int, seed: int = 11) -> dict[str, Any]:
    """What `manage.py import_reports` does with a JSON-lines file of n generated rows, each with an
    external id, on as many worker processes as the command would start."""
    migrate()
    rows = workload.payloads(n, seed=seed)
    path = _write_jsonl("import.jsonl", rows, f"HOTLINE-{seed}")
    count = workers.default_count()
    saved, (check_s, check_cpu), (store_s, store_cpu), transaction_s = _import_file(path, count)

    stored = Report.objects.filter(source=Source.IMPORT).count()
    written = {
        "reports": stored,
        "threat_types": ReportThreatType.objects.count(),
        "sender_identifiers": SenderIdentifier.objects.count(),
        "audit_events": AuditEvent.objects.filter(action="reports.report.imported").count(),
    }
    lines = path.read_text(encoding="utf-8").splitlines()
    parse = one_core(n, lambda: [json.loads(line) for line in lines])
    validated: list[ReportIn] = []
    validate = one_core(n, lambda: validated.extend(ReportIn.model_validate(row) for row in rows))
    reports = {RAW_TABLE_REPORTS: _raw_tuples(rows, validated)}
    raw = raw_insert(reports)
    raw_all = raw_insert({**reports, **_raw_children(validated)})
    encrypt = encrypt_only(validated)
    return {
        "rows": n,
        "workers": count,
        "returned": saved,
        "stored_ok": stored == n == saved and written["audit_events"] == n,
        "rows_written": written,
        "check": _rate(n, check_s, check_cpu),
        "store": _rate(n, store_s, store_cpu),
        # On SQLite every other write waits this long: the save holds the one write lock throughout.
        "transaction_seconds": round(transaction_s, 3),
        "end_to_end": _rate(n, check_s + store_s, check_cpu + store_cpu),
        "raw_insert": raw,
        "raw_insert_all_tables": raw_all,
        "parse_only": parse,
        "validate_only": validate,
        "encrypt_only": encrypt,
    }


def _by_package(stats: pstats.Stats) -> list[tuple[str, float]]:
    """Own time (tottime) summed by where the code lives: a package, an app, or a C call."""
    totals: Counter[str] = Counter()
    for (filename, _line, func), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if filename == "~":
            name = func.strip("<>{}")
            if "sqlite" in name.lower():
                key = "sqlite3 (C)"
            elif "psycopg" in name:
                key = "psycopg (C)"
            elif "pydantic_core" in name:
                key = "pydantic_core (C)"
            elif "_rust" in name or "AESGCM" in name or "encrypt" in name:
                key = "cryptography (C)"
            else:
                name = name.split(" of ")[0].split(" at 0x")[0]
                key = "builtins: " + name.removeprefix("built-in method ").removeprefix("method ").removeprefix("function ")
        elif "site-packages/" in filename:
            key = filename.split("site-packages/", 1)[1].split("/", 1)[0]
            if key == "django":
                parts = filename.split("site-packages/django/", 1)[1].split("/")
                key = "django." + ".".join(parts[:2]).removesuffix(".py") if parts[0] in ("db", "core") else "django." + parts[0]
        elif "/threatdesk/" in filename:
            key = "threatdesk." + filename.split("/threatdesk/", 1)[1].split("/", 1)[0].removesuffix(".py")
        else:
            key = "stdlib: " + Path(filename).stem
        totals[key] += tottime
    whole = sum(totals.values()) or 1.0
    return [(k, round(100 * v / whole, 1)) for k, v in totals.most_common(14)]


def _profile_text(profile: cProfile.Profile, title: str) -> tuple[str, pstats.Stats]:
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    out.write(f"==== {title}: by cumulative time ====\n")
    stats.sort_stats("cumulative").print_stats(45)
    out.write(f"==== {title}: by own time ====\n")
    stats.sort_stats("tottime").print_stats(30)
    return out.getvalue(), stats


def profile(out_path: str, requests: int, rows: int) -> dict[str, Any]:
    """cProfile of API submissions through Django's full handler (middleware, auth, ninja) and of
    the import path; writes the listings to out_path and returns the share of time by package."""
    from django.test import Client

    setup_info = setup()
    client = Client(HTTP_AUTHORIZATION=f"Bearer {setup_info['token']}")
    bodies = [json.dumps(p) for p in workload.payloads(max(requests, 1), seed=99)]
    for i in range(20):  # warm caches and lazy imports outside the profile
        client.post("/api/reports", bodies[i % len(bodies)], content_type="application/json", HTTP_IDEMPOTENCY_KEY=f"warm-{i}")
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.post("/api/reports", bodies[0], content_type="application/json", HTTP_IDEMPOTENCY_KEY="count-queries")
    statements = Counter(q["sql"].split(None, 1)[0].upper() for q in queries.captured_queries)
    api = cProfile.Profile()
    start = time.perf_counter()
    api.enable()
    statuses: Counter[int] = Counter()
    for i, body in enumerate(bodies):
        statuses[
            client.post("/api/reports", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY=f"prof-{i}").status_code
        ] += 1
    api.disable()
    api_s = time.perf_counter() - start
    api_text, api_stats = _profile_text(api, f"API: {requests} POST /api/reports in process")

    path = _write_jsonl("profile.jsonl", workload.payloads(rows, seed=5), "P")
    imp = cProfile.Profile()
    imp.enable()
    _import_file(path, workers=1)  # the work of every worker, in the one process the profiler sees
    imp.disable()
    imp_text, imp_stats = _profile_text(imp, f"import: {rows} rows read, checked, drafted and stored in one process")
    Path(out_path).write_text(api_text + "\n" + imp_text)
    return {
        "api_requests": requests,
        "api_statuses": dict(statuses),
        "api_ms_per_request_under_profiler": round(1000 * api_s / max(requests, 1), 2),
        "sql_statements_per_submission": dict(statements),
        "api_own_time_share_pct": _by_package(api_stats),
        "import_rows": rows,
        "import_own_time_share_pct": _by_package(imp_stats),
        "listing": str(out_path),
    }


def main(argv: list[str]) -> None:
    command = argv[0]
    if command == "setup":
        emit(setup())
    elif command == "verify":
        emit(verify(argv[1]))
    elif command == "import":
        emit(import_rows(int(argv[1])))
    elif command == "profile":
        emit(profile(argv[1], int(argv[2]), int(argv[3])))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
