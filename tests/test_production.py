"""Production settings, security headers, health check, and the page cache."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client, override_settings

from members.models import Country, Organisation, Region
from news.models import NewsItem
from tests.factories import NewsItemFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "cicopa.settings.prod",
    "DJANGO_SECRET_KEY": "a-long-random-secret-for-tests-" + "x7Qp2Lm9Zr4Tv8Wb1Nc6Hd3Jf5Kg0Ys",
    "DJANGO_ALLOWED_HOSTS": "www.cicopa.test",
    "DATABASE_URL": "postgres://cicopa@db.invalid:5432/cicopa",
}


def manage(*args, **env):
    """Run manage.py in a fresh process with only the given environment."""
    environment = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_silent_with_only_the_three_required_variables():
    result = manage("check", "--deploy", "--fail-level", "DEBUG", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_a_secret_or_hosts(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and missing in result.stderr


def test_the_admin_can_move():
    script = "from django.urls import reverse; print(reverse('admin:index'))"
    result = manage("shell", "-c", script, DJANGO_ADMIN_URL="back-office/")
    assert result.stdout.strip().endswith("/back-office/"), result.stderr


def test_logos_go_to_object_storage_when_a_bucket_is_named():
    script = "from django.core.files.storage import storages; print(type(storages['default']))"
    assert manage("shell", "-c", script).stdout.strip().endswith("FileSystemStorage'>")
    result = manage("shell", "-c", script, AWS_STORAGE_BUCKET_NAME="cicopa-logos")
    assert result.stdout.strip().endswith("S3Storage'>"), result.stderr


def test_healthz_answers_200_without_a_session(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True, "cache": True}
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert "no-cache" in response["Cache-Control"]


@override_settings(
    ALLOWED_HOSTS=["www.cicopa.test"], SECURE_SSL_REDIRECT=True, SECURE_PROXY_SSL_HEADER=None
)
def test_healthz_answers_a_load_balancer_over_plain_http_whatever_its_host(client):
    for host in ("10.0.0.7:8000", "www.cicopa.test", "[2001:db8::1]:8000", "bad host!"):
        response = client.get("/healthz", HTTP_HOST=host)
        assert response.status_code == 200, host
        assert client.head("/healthz", HTTP_HOST=host).status_code == 200, host
    # Nothing else is opened: other paths and methods meet the redirect and the host check.
    assert client.get("/members/", HTTP_HOST="www.cicopa.test").status_code == 301
    assert client.get("/members/", HTTP_HOST="10.0.0.7:8000").status_code == 400
    assert client.get("/healthz/", HTTP_HOST="10.0.0.7:8000").status_code == 400
    assert client.post("/healthz", HTTP_HOST="10.0.0.7:8000").status_code == 400
    assert client.post("/healthz", HTTP_HOST="www.cicopa.test", secure=True).status_code == 404


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
)
def test_healthz_answers_503_when_the_cache_is_down(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] is False


@pytest.mark.parametrize("with_redis", [False, True])
def test_healthz_answers_503_when_the_database_is_down(with_redis):
    """Without Redis the shared cache is a table of that database: it is down with it."""
    redis = {"REDIS_URL": os.environ.get("TEST_REDIS_URL", "")} if with_redis else {}
    if with_redis and not redis["REDIS_URL"]:
        pytest.skip("needs TEST_REDIS_URL: make test starts a Redis for it")
    script = (
        "from django.test import Client; "
        "r = Client().get('/healthz', headers={'host': 'localhost'}); "
        "print(r.status_code, r.json())"
    )
    result = manage(
        "shell", "-c", script, DATABASE_URL="postgres://nobody@127.0.0.1:1/none", **redis
    )
    last_line = result.stdout.strip().splitlines()[-1]
    assert last_line.startswith("503"), result.stdout + result.stderr
    assert "'database': False" in last_line and f"'cache': {with_redis}" in last_line


@pytest.mark.parametrize("path", ["/", "/members/", "/news/", "/admin/login/"])
def test_security_headers(client, path):
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_no_page_carries_an_inline_script(client):
    """Nothing inline runs (the Content-Security-Policy allows only the site's own files):
    an inline <script> is only ever schema.org data, JSON that no browser executes."""
    import json
    import re

    item = NewsItemFactory()
    for path in ["/", "/members/", "/news/", item.get_absolute_url()]:
        html = client.get(path).content.decode()
        for tag, body in re.findall(r"(<script\b[^>]*>)(.*?)</script>", html, re.S):
            if "src=" not in tag:
                assert tag == '<script type="application/ld+json">', tag
                assert json.loads(body)["@context"] == "https://schema.org"


def test_a_region_or_country_in_use_cannot_be_deleted(admin_client, country):
    OrganisationFactory(country=country("BO"))
    bolivia, americas = country("BO"), Region.objects.get(slug="americas")
    for url, obj in [
        (f"/admin/members/country/{bolivia.pk}/delete/", bolivia),
        (f"/admin/members/region/{americas.pk}/delete/", americas),
    ]:
        page = admin_client.get(url).content.decode()
        assert "would require deleting the following protected related objects" in page
        admin_client.post(url, {"post": "yes"})
        assert type(obj).objects.filter(pk=obj.pk).exists()
    # An unused country can go.
    andorra = country("AD")
    admin_client.post(f"/admin/members/country/{andorra.pk}/delete/", {"post": "yes"})
    assert not Country.objects.filter(code="AD").exists()


def test_deleting_an_organisation_keeps_the_news_about_it(admin_client):
    organisation = OrganisationFactory()
    item = NewsItemFactory()
    item.organisations.add(organisation)
    admin_client.post(f"/admin/members/organisation/{organisation.pk}/delete/", {"post": "yes"})
    assert not Organisation.objects.exists()
    assert NewsItem.objects.get(pk=item.pk).organisations.count() == 0


def test_every_admin_change_is_in_the_history(admin_client, country):
    admin_client.post(
        "/admin/members/organisation/add/",
        {"name": "Logged", "slug": "logged", "country": country("CL").pk, "status": "current"},
    )
    organisation = Organisation.objects.get(slug="logged")
    items = NewsItemFactory.create_batch(2, status="draft")
    admin_client.post(
        "/admin/news/newsitem/",
        {"action": "publish", "_selected_action": [i.pk for i in items]},
    )
    admin_client.post(f"/admin/members/organisation/{organisation.pk}/delete/", {"post": "yes"})
    actions = sorted((entry.object_repr, entry.action_flag) for entry in LogEntry.objects.all())
    assert ("Logged", 1) in actions and ("Logged", 3) in actions  # added, deleted
    assert {(i.title, 2) for i in items} <= set(actions)  # changed by the action


def test_visitors_get_cached_pages_that_a_staff_save_refreshes(
    client, admin_client, country, django_assert_num_queries
):
    organisation = OrganisationFactory(name="Before", country=country("BO"))
    assert "Before" in client.get("/members/").content.decode()
    with django_assert_num_queries(0):
        assert "Before" in client.get("/members/").content.decode()

    response = admin_client.post(
        f"/admin/members/organisation/{organisation.pk}/change/",
        {
            "name": "After",
            "version": organisation.updated_at.isoformat(),
            "slug": organisation.slug,
            "country": country("BO").pk,
            "status": "current",
            # The representatives' inline, as a browser posts it: none.
            "representatives-TOTAL_FORMS": "0",
            "representatives-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    html = client.get("/members/").content.decode()
    assert "After" in html and "Before" not in html


def test_staff_never_get_a_visitor_s_cached_page(client, admin_client):
    item = NewsItemFactory(status="draft", title="Draft for staff")
    client.get("/news/")  # cached for visitors
    assert "Draft for staff" not in client.get("/news/").content.decode()
    assert admin_client.get(item.get_absolute_url()).status_code == 200
    assert client.get(item.get_absolute_url()).status_code == 404


def test_a_scheduled_item_appears_when_due_even_on_a_cached_page(client):
    import datetime
    import time

    from django.utils import timezone

    NewsItemFactory(title="Out now")
    due = timezone.now() + datetime.timedelta(seconds=2)
    NewsItemFactory(title="Coming soon", published_at=due)
    assert "Coming soon" not in client.get("/news/").content.decode()
    assert "Coming soon" not in client.get("/news/").content.decode()  # from the cache
    time.sleep(max(0, (due - timezone.now()).total_seconds()) + 1.1)
    # No save happened: the cached page was kept only until the item was due.
    assert "Coming soon" in client.get("/news/").content.decode()


@pytest.mark.urls("tests.test_standards")
def test_an_error_is_logged_on_one_line_and_mailed_to_the_admins(settings, mailoutbox, caplog):
    settings.ADMINS = [("Secretariat", "it@cicopa.test")]
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert [m.to for m in mailoutbox] == [["it@cicopa.test"]]
    assert "secret detail that must not leak" in mailoutbox[0].body  # for the admins only
    errors = [r for r in caplog.records if r.name == "django.request" and r.levelname == "ERROR"]
    assert len(errors) == 1 and errors[0].getMessage() == "Internal Server Error: /boom/"


def test_a_change_empties_the_page_cache_again_once_committed(
    client, country, django_capture_on_commit_callbacks
):
    from cicopa.pagecache import generation

    organisation = OrganisationFactory(name="Before", country=country("BO"))
    client.get("/members/")
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        organisation.name = "After"
        organisation.save()
        during = generation()
    assert len({before, during, generation()}) == 3
