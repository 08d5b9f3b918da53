import logging

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from members import network, worldmap
from news.models import NewsItem

logger = logging.getLogger(__name__)


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        by_country = network.members_by_country()
        return super().get_context_data(
            network=network.totals(by_country),
            world_map=worldmap.world_map(by_country),
            legend=worldmap.legend(),
            latest_news=NewsItem.objects.published().summaries()[:5],
            **kwargs,
        )


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain"


@csrf_exempt
@never_cache
@require_safe
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
