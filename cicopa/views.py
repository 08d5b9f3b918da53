from django.db.models import Count
from django.views.generic import TemplateView

from members.models import Organisation
from news.models import NewsItem


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            network=Organisation.objects.current().aggregate(
                organisations=Count("pk"), countries=Count("country", distinct=True)
            ),
            latest_news=NewsItem.objects.published()[:5],
            **kwargs,
        )


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain"
