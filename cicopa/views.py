import logging

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.utils.translation import gettext
from django.views.decorators.cache import cache_control, never_cache
from django.views.generic import TemplateView

logger = logging.getLogger(__name__)


def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for whatever the pages say: the icon
    at its address among the static files (a hashed name in production)."""
    return HttpResponsePermanentRedirect(static("icons/favicon.ico"))


@cache_control(public=True, max_age=60 * 60 * 24)
def manifest(request):
    """The web app manifest: the site's name, colours and icons (at their hashed addresses in
    production), for phones that add it to their home screen."""
    icons = [
        {"src": static(f"icons/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ]
    data = {
        "name": "CICOPA",
        "short_name": "CICOPA",
        "description": gettext(
            "CICOPA, the International Organisation of Industrial and Service Cooperatives."
        ),
        "start_url": "/",
        "display": "browser",
        "background_color": "#fdfcfa",
        "theme_color": "#a3201c",
        "icons": [
            *icons,
            {"src": static("icons/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json")


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain"
    query_parameters = ()  # a page for cicopa.pagecache


class HealthCheckMiddleware:
    """Answers `GET /healthz` (and HEAD) first of all, before the HTTPS redirect and the
    ALLOWED_HOSTS check: a load balancer asks over plain HTTP with a Host of its own (an
    address and a port). Only that path and those methods; anything else goes on as usual."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz" and request.method in ("GET", "HEAD"):
            return healthz(request)
        return self.get_response(request)


@never_cache
def healthz(request):
    """200 when the database and the cache answer, 503 otherwise. Touches no session."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            checks["database"] = cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Health check: the database did not answer")
        checks["database"] = False
    try:
        cache.set("healthz", "ok", timeout=10)
        checks["cache"] = cache.get("healthz") == "ok"
    except Exception:
        logger.exception("Health check: the cache did not answer")
        checks["cache"] = False
    healthy = all(checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )
