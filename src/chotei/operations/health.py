"""Health (生存) and readiness (準備完了) endpoints for a load balancer (issue #10 items 5 and 6)."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """The process answers: no database, so a slow database never gets a server killed."""
    return JsonResponse({"status": "ok"})


@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Ready for traffic: the database answers and has every migration of this release."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        pending = MigrationExecutor(connection).migration_plan(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )
    except DatabaseError as exc:
        return JsonResponse(
            {"status": "unavailable", "reason": f"データベースに接続できません: {exc}"}, status=503
        )
    if pending:
        return JsonResponse(
            {"status": "unavailable", "reason": f"未適用のマイグレーションが {len(pending)} 件あります"},
            status=503,
        )
    return JsonResponse({"status": "ready"})
