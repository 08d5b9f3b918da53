from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from news.views import HomeView

from .api import api
from .sitemaps import sitemap, sitemap_index
from .views import RobotsView

admin.site.site_header = _("CICOPA secretariat")
admin.site.site_title = _("CICOPA secretariat")
admin.site.index_title = _("Members and news")

# The visitors' pages in each language: English unprefixed, as the site began, then /fr/, /es/.
urlpatterns = i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("members/", include("members.urls")),
    path("", include("news.urls")),  # /news/..., and /members/regions/<slug>/feed/
    prefix_default_language=False,
)
urlpatterns += [
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<section>.xml", sitemap, name="sitemap-section"),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path("api/", api.urls),
    path(settings.ADMIN_URL, admin.site.urls),
]
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
