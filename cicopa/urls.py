from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from two_factor.urls import urlpatterns as two_factor_urls

from news.views import HomeView

from . import enrolment
from .api import api
from .sitemaps import sitemap, sitemap_index
from .views import RobotsView, favicon, manifest

admin.site.site_header = _("CICOPA secretariat")
admin.site.site_title = _("CICOPA secretariat")
admin.site.index_title = _("Members and news")
admin.site.index_template = "admin/cicopa_index.html"  # with what waits for the secretariat

# The visitors' pages in each language: English unprefixed, as the site began, then /fr/, /es/.
urlpatterns = i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("members/", include("members.urls")),
    path("", include("news.urls")),  # /news/..., and /members/regions/<slug>/feed/
    path("", include("publications.urls")),  # /publications/...
    path("", include("pages.urls")),  # /about/, /contact/, /become-a-member/
    prefix_default_language=False,
)
urlpatterns += [
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<section>.xml", sitemap, name="sitemap-section"),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    # Asked for by browsers and feed readers whatever the pages say: the icon's own address.
    path("favicon.ico", favicon),
    path("manifest.webmanifest", manifest, name="manifest"),
    # The API speaks every language at once (each text in en, fr and es), so it has one
    # address: /api/. /fr/api/... and /es/api/... lead there.
    path("api/", RedirectView.as_view(url="/api/docs"), name="api-home"),
    path("api/", api.urls),
    re_path(
        r"^(?:fr|es)/api/(?P<rest>.*)$",
        RedirectView.as_view(url="/api/%(rest)s", query_string=True),
    ),
    path(settings.ADMIN_URL, admin.site.urls),
    # Staff sign-in with a second factor, enrolment and recovery codes: /account/... The
    # first enrolment only through the link mailed to the account (cicopa/enrolment.py).
    path("account/enrol/<str:token>/", enrolment.enrol, name="enrol"),
    path("account/two_factor/setup/", enrolment.LinkedSetupView.as_view()),
    path("", include(two_factor_urls)),
]
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
