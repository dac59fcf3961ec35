"""The read-only REST API for partner websites (endpoints arrive with the API issue)."""

app_name = "api"
urlpatterns: list = []
