"""The records' invariants, checked inside an installation by the crash harness, the several-machines
test and the load bench: ``python -m bench._records check [--after LEDGER_ID]`` prints one JSON line.

- every case's state is the state of its last ledger line, and of its last state-change audit event;
  each ledger line of a step has exactly one such event (DP-21, DP-22: all of a step or none of it);
- no two cases share a number; every issued document is on the audit log;
- every step after ``--after`` that calls for notices queued exactly one task; with the queue drained,
  every such task succeeded and issued each of its kinds, once per addressee (no notice lost or doubled).
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter, defaultdict
from typing import Any


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chotei.settings")
    import django

    django.setup()


def pending() -> int:
    """Tasks still queued or held by a worker."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count()


def check(after: int) -> dict[str, Any]:
    from django.db.models import Count, Max
    from django_tasks_db.models import DBTaskResult

    from chotei.audit.models import AuditEvent
    from chotei.disputes.models import Case, LedgerLine
    from chotei.documents.models import IssuedDocument
    from chotei.rules.states import Action
    from chotei.rules.step_notices import notices_of

    problems: list[str] = []
    checked = Counter[str]()
    transitions = {a.value for a in Action}

    last_line: dict[int, str] = {}
    step_lines: Counter[int] = Counter()
    for case_id, action, state in LedgerLine.objects.order_by("pk").values_list("case_id", "action", "state"):
        last_line[case_id] = state
        step_lines[case_id] += action in transitions
    last_event: dict[int, str] = {}
    step_events: Counter[int] = Counter()
    # A step's event carries its source and target whatever its type (an appointment is filed under
    # 委員会指名 so the auditor finds it); a panel change has no target and is not a step.
    for case_id, payload in (
        AuditEvent.objects.filter(event_type__in=[AuditEvent.Type.CASE_STEP, AuditEvent.Type.PANEL_APPOINTED])
        .order_by("pk")
        .values_list("case_id", "payload")
    ):
        if "target" not in payload:
            continue
        last_event[case_id] = payload["target"]
        step_events[case_id] += 1
    for case_id, state, number in Case.objects.values_list("pk", "state", "number"):
        checked["cases"] += 1
        if last_line.get(case_id) != state:
            problems.append(f"case {number}: state {state}, last ledger line {last_line.get(case_id)}")
        if case_id in last_event and last_event[case_id] != state:
            problems.append(f"case {number}: state {state}, last audit step {last_event[case_id]}")
        if step_lines[case_id] != step_events[case_id]:
            problems.append(f"case {number}: {step_lines[case_id]} step lines, {step_events[case_id]} events")
    doubled = Case.objects.values("number").annotate(n=Count("id")).filter(n__gt=1)
    problems += [f"case number {d['number']} given {d['n']} times" for d in doubled]

    audited = {
        p.get("document")
        for p in AuditEvent.objects.filter(event_type=AuditEvent.Type.DOCUMENT_ISSUED).values_list(
            "payload", flat=True
        )
    }
    issued: dict[int, Counter[str]] = defaultdict(Counter)
    for pk, step_id, kind, side in IssuedDocument.objects.values_list(
        "pk", "step_id", "kind", "addressee_side"
    ):
        checked["documents"] += 1
        if pk not in audited:
            problems.append(f"document {pk}: no audit event")
        if step_id is not None:
            issued[step_id][f"{kind}/{side}"] += 1

    tasks: dict[int, list[Any]] = defaultdict(list)
    for row in DBTaskResult.objects.all():
        tasks[row.args_kwargs["kwargs"].get("step_id")].append(row)
    drained = pending() == 0
    for line_id, action in LedgerLine.objects.filter(pk__gt=after).values_list("pk", "action"):
        kinds = notices_of(action)
        if not kinds:
            continue
        checked["notice steps"] += 1
        queued = tasks.get(line_id, [])
        if len(queued) != 1:
            problems.append(f"ledger line {line_id} ({action}): {len(queued)} notice tasks")
            continue
        if not drained:
            continue
        if queued[0].status != "SUCCESSFUL":
            cause = queued[0].traceback.strip().splitlines()[-1:] or [""]
            problems.append(f"ledger line {line_id} ({action}): task {queued[0].status} {cause[0][:300]}")
        got = issued.get(line_id, Counter())
        missing = [k.value for k in kinds if not any(key.startswith(f"{k.value}/") for key in got)]
        if missing:
            problems.append(f"ledger line {line_id} ({action}): notices not issued {missing}")
        problems += [f"ledger line {line_id}: {key} issued {n} times" for key, n in got.items() if n > 1]
        checked["notices"] += sum(got.values())
    return {
        "ok": not problems,
        "drained": drained,
        "checked": dict(checked),
        "invariants": sum(checked.values()),
        "problems": problems[:20],
        "last_ledger": LedgerLine.objects.aggregate(m=Max("pk"))["m"] or 0,
    }


def simulate_killed(issued: int, dead: int, live: int) -> dict[str, int]:
    """Leave queued tasks as workers would that died holding them: ``issued`` after issuing their
    notices (before marking the task done), ``dead`` before, both ten minutes ago; ``live`` claimed
    just now, as by a worker still at work."""
    import datetime as dt

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    rows = list(DBTaskResult.objects.ready().order_by("enqueued_at")[: issued + dead + live])
    if len(rows) < issued + dead + live:
        raise SystemExit(f"only {len(rows)} tasks queued")
    for i, row in enumerate(rows):
        if i < issued:
            result = row.task_result
            row.task.call(*result.args, **result.kwargs)
        row.status = "RUNNING"
        row.started_at = now - dt.timedelta(minutes=10) if i < issued + dead else now
        row.worker_ids = [*row.worker_ids, f"killed-{i}"]
        row.save(update_fields=["status", "started_at", "worker_ids"])
    return {"issued": issued, "dead": dead, "live": live}


def main(argv: list[str]) -> None:
    _setup()
    if argv[:1] == ["pending"]:
        print(json.dumps({"pending": pending()}))
        return
    if argv[:1] == ["simulate-killed"]:
        print(json.dumps(simulate_killed(*(int(a) for a in argv[1:4]))))
        return
    after = int(argv[argv.index("--after") + 1]) if "--after" in argv else 0
    print(json.dumps(check(after), ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
