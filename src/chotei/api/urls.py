from ninja import NinjaAPI

api = NinjaAPI(title="chotei API", version="1", urls_namespace="api")
