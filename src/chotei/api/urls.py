"""The JSON API (issue #2 item 5) at /api/v1/…; schema at /api/openapi.json, docs at /api/docs.

Every operation calls the same services as the staff desk; errors are mapped in chotei.api.errors.
"""

from ninja import NinjaAPI

from chotei.api import actions, cases, claims, errors, proceedings, reference, submissions
from chotei.api.auth import BearerToken
from chotei.api.validation import JsonOnly

api = NinjaAPI(
    title="chotei API",
    version="1",
    urls_namespace="api",
    auth=BearerToken(),
    parser=JsonOnly(),
    description="自賠責保険・共済紛争処理の事案管理API。Authorization: Bearer <トークン> で認証します。",
)
errors.install(api)
for module in (cases, actions, proceedings, submissions, claims, reference):
    api.add_router("/v1/", module.router)
