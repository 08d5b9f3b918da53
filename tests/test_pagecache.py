"""The page cache (cicopa/pagecache.py): HTTP headers any cache can use, 304s without rendering,
nothing private kept, a key space bounded by the data, and every way data changes emptying it."""

import datetime
import secrets

import pytest
from django.core import serializers
from django.core.cache import cache
from django.core.management import call_command
from django.test.signals import template_rendered
from django.utils import timezone

from cicopa.pagecache import GENERATION_KEY, generation
from members.models import Country, Organisation, Region
from news.models import NewsItem
from tests.factories import NewsItemFactory, OrganisationFactory, secretariat_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(country):
    organisation = OrganisationFactory(
        name="Liga de Cooperativas", slug="liga", country=country("PR")
    )
    item = NewsItemFactory(
        title="Welcome",
        slug="welcome",
        published_at=datetime.datetime(2017, 1, 13, tzinfo=datetime.UTC),
    )
    item.organisations.add(organisation)
    return {"organisation": organisation, "item": item}


PAGES = [
    "/",
    "/members/",
    "/members/?region=americas&page=1",
    "/members/?q=liga",
    "/members/liga/",
    "/members/regions/americas/",
    "/members/map/",
    "/members/figures/",
    "/members/feed/",
    "/members/regions/americas/feed/atom/",
    "/news/",
    "/news/2017/",
    "/news/2017/welcome/",
    "/news/feed/",
    "/fr/news/feed/atom/",
    "/es/members/",
    "/sitemap.xml",
    "/sitemap-members.xml",
    "/robots.txt",
]


@pytest.mark.parametrize("path", PAGES)
def test_visitors_pages_say_any_cache_may_keep_them(client, site, path, settings):
    settings.PAGE_MAX_AGE = 45
    response = client.get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == (
        "public, max-age=45, s-maxage=45, stale-while-revalidate=45, stale-if-error=3600"
    )
    assert response["ETag"].startswith('"')
    # The language is in the address. Compressed for clients that take it, but for answers
    # too short to gain (GZipMiddleware: under 200 bytes).
    compressible = len(response.content) >= 200
    assert response["Vary"] == ("Cookie, Accept-Encoding" if compressible else "Cookie")
    assert not response.cookies


def rendering(client, path, **headers):
    """The response, and the templates rendered (and queries made) to answer it."""
    rendered = []

    def note(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(note, dispatch_uid="pagecache-test")
    try:
        return client.get(path, headers=headers), rendered
    finally:
        template_rendered.disconnect(dispatch_uid="pagecache-test")


@pytest.mark.parametrize("path", PAGES)
def test_a_conditional_get_answers_304_without_rendering_or_reading(
    client, site, path, settings, django_assert_num_queries
):
    etag = client.get(path)["ETag"]
    settings.PAGE_CACHE = False  # not even the kept page: the ETag alone answers
    with django_assert_num_queries(0):
        response, rendered = rendering(client, path, if_none_match=etag)
    assert response.status_code == 304 and rendered == []
    assert response["ETag"] == etag and response["Cache-Control"].startswith("public")


def test_a_kept_page_is_served_without_a_query_then_rendered_afresh_after_a_change(
    client, site, django_assert_num_queries
):
    first = client.get("/members/")
    with django_assert_num_queries(0):
        response, rendered = rendering(client, "/members/")
    assert rendered == [] and response.content == first.content
    site["organisation"].name = "Liga Renamed"
    site["organisation"].save()
    response = client.get("/members/", headers={"if-none-match": first["ETag"]})
    assert response.status_code == 200 and "Liga Renamed" in response.content.decode()
    assert response["ETag"] != first["ETag"]


def private(response):
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    return {"private", "no-store"} <= directives and "public" not in directives


def test_nothing_for_one_person_may_be_kept(client, site):
    # A form with a CSRF token, which sets its cookie.
    form = client.get("/members/liga/correction/")
    assert form.status_code == 200 and "csrfmiddlewaretoken" in form.content.decode()
    assert private(form)
    # A signed-in member of the secretariat, on a public page and on a preview.
    client.force_login(secretariat_user(username="staff"))
    assert private(client.get("/members/"))
    draft = NewsItemFactory(status="draft", published_at=timezone.now())
    preview = client.get(draft.get_absolute_url())
    assert preview.status_code == 200 and private(preview)
    assert private(client.get("/admin/"))


@pytest.mark.parametrize(
    ("asked", "clean"),
    [
        ("/?utm_campaign=spring", "/"),
        ("/members/?region=americas&utm_source=x&q=&page=2", "/members/?region=americas&page=2"),
        ("/news/?page=3&fbclid=abc", "/news/?page=3"),
        ("/members/map/?v=1", "/members/map/"),
        ("/sitemap-news.xml?v=2&p=3", "/sitemap-news.xml?p=3"),
    ],
)
def test_a_parameter_no_page_reads_is_redirected_away(client, site, asked, clean):
    response = client.get(asked)
    assert response.status_code == 301 and response["Location"] == clean


def test_a_page_number_is_kept_once_however_it_is_written(client, country):
    OrganisationFactory.create_batch(30, country=country("PR"))
    etag = client.get("/members/?page=2")["ETag"]
    for spelling in ("02", "+2", " 2", "002"):
        response = client.get(f"/members/?page={spelling}")
        assert response.status_code == 200 and response["ETag"] == etag  # one key


def test_searches_are_answered_but_not_kept(client, site, django_assert_max_num_queries):
    client.get("/members/?q=liga")
    with django_assert_max_num_queries(10):  # rendered again, not read from the cache
        response, rendered = rendering(client, "/members/?q=liga")
    assert response.status_code == 200 and rendered


def test_losing_the_generation_never_brings_back_an_older_page(client, site):
    assert "Liga de Cooperativas" in client.get("/members/").content.decode()
    site["organisation"].name = "Liga Renamed"
    site["organisation"].save()
    assert "Liga Renamed" in client.get("/members/").content.decode()
    cache.delete(GENERATION_KEY)  # evicted, or flushed
    html = client.get("/members/").content.decode()
    assert "Liga Renamed" in html and "Liga de Cooperativas" not in html


def test_a_generation_starts_with_one_query_then_costs_none(django_assert_num_queries):
    with django_assert_num_queries(1):  # when does public content next change by itself?
        token = generation()
    with django_assert_num_queries(0):
        assert generation() == token


def rename_with_save(organisation, tmp_path):
    organisation.name = "Changed"
    organisation.save()


def rename_with_update(organisation, tmp_path):
    Organisation.objects.filter(pk=organisation.pk).update(name="Changed")


def add_with_bulk_create(organisation, tmp_path):
    Organisation.objects.bulk_create(
        [Organisation(name="Changed", slug="changed", country=organisation.country)]
    )


def rename_with_bulk_update(organisation, tmp_path):
    organisation.name = "Changed"
    Organisation.objects.bulk_update([organisation], ["name"])


def rename_with_loaddata(organisation, tmp_path):
    organisation.name = "Changed"
    fixture = tmp_path / "renamed.json"
    fixture.write_text(serializers.serialize("json", [organisation]))
    call_command("loaddata", str(fixture), verbosity=0)


def rename_the_country(organisation, tmp_path):
    Country.objects.filter(pk=organisation.country_id).update(name_en="Changed")


def rename_the_region(organisation, tmp_path):
    region = Region.objects.get(countries=organisation.country_id)
    region.name_en = "Changed"
    region.save()


def generate_data(organisation, tmp_path):
    call_command("generate_data", organisations=1, news=0, verbosity=0)


@pytest.mark.parametrize(
    ("change", "shown"),
    [
        (rename_with_save, "Changed"),
        (rename_with_update, "Changed"),
        (add_with_bulk_create, "Changed"),
        (rename_with_bulk_update, "Changed"),
        (rename_with_loaddata, "Changed"),
        (rename_the_country, "Changed"),
        (rename_the_region, "Changed"),
        (generate_data, "2 organisations"),  # its own writes alone, nothing renamed after
    ],
)
def test_every_way_members_change_reaches_the_kept_pages(client, site, change, shown, tmp_path):
    assert shown not in client.get("/members/").content.decode()
    change(site["organisation"], tmp_path)
    assert shown in client.get("/members/").content.decode()


def test_every_way_news_changes_reaches_the_kept_pages(client, site, country):
    item = site["item"]
    news = lambda: client.get("/news/").content.decode()  # noqa: E731
    assert "Welcome" in news()
    NewsItem.objects.filter(pk=item.pk).update(title_en="Updated")
    assert "Updated" in news()
    NewsItem.objects.bulk_create([NewsItem(title_en="Bulk", slug="bulk", summary_en="s")])
    assert "Bulk" not in news()  # a draft
    NewsItem.objects.filter(slug="bulk").update(status="published")
    assert "Bulk" in news()
    page = site["organisation"].get_absolute_url()
    other = NewsItemFactory(title="About someone else")
    assert "About someone else" not in client.get(page).content.decode()
    other.organisations.add(site["organisation"])
    assert "About someone else" in client.get(page).content.decode()
    other.delete()
    assert "About someone else" not in client.get(page).content.decode()


def used(redis):
    return redis.info("memory")["used_memory"]


def test_a_flood_of_query_strings_keeps_the_cache_bounded(client, site, redis_cache):
    for path in PAGES:  # every page kept once
        client.get(path)
    kept, memory = redis_cache.dbsize(), used(redis_cache)
    # Mostly what the attack sent (a parameter no page reads, a new one each time), and pages
    # that cannot be kept: searches, filters that cannot be read, pages past the end.
    for n in range(10_000):
        noise = secrets.token_hex(6)
        path = {
            0: f"/members/?q={noise}",
            1: f"/members/?region={noise}",
            2: f"/news/?page={n + 2}",
        }.get(n % 30, f"/?utm_campaign={noise}" if n % 2 else f"/members/?v={noise}")
        assert client.get(path).status_code in (301, 200, 400, 404)
    assert redis_cache.dbsize() <= kept + 5  # a page or two kept anew, nothing per visitor
    assert used(redis_cache) < memory + 1_000_000
    assert client.get("/").status_code == 200


def test_a_full_cache_degrades_to_rendering(client, site, redis_cache):
    redis_cache.config_set("maxmemory-policy", "noeviction")
    redis_cache.config_set("maxmemory", used(redis_cache) + 10_000)
    try:
        for _ in range(20):
            redis_cache.set(f"filler:{secrets.token_hex(4)}", "x" * 1000)  # fill it up
    except Exception:  # noqa: BLE001 - Redis refused: it is full, as wanted
        pass
    try:
        for path in PAGES:
            assert client.get(path).status_code == 200, path
        site["organisation"].name = "Renamed While Full"
        site["organisation"].save()
        assert "Renamed While Full" in client.get("/members/").content.decode()
    finally:
        redis_cache.config_set("maxmemory", 0)
