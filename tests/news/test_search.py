"""/search/?q=: the news and the member organisations together, ranked, the words found
marked, in the visitor's language; operators and accents on PostgreSQL; hostile queries."""

import pytest
from django.db import connection

from tests.factories import NewsItemFactory, OrganisationFactory
from tests.pages import start_afresh

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search is PostgreSQL's"
)


@pytest.fixture
def content(country):
    return {
        "cement": OrganisationFactory(
            name="Cement Workers Cooperative",
            country=country("BO"),
            description="Makes cement in Cochabamba.",
            description_fr="Fabrique du ciment à Cochabamba.",
        ),
        "bakery": OrganisationFactory(name="Bakers Union", country=country("AR")),
        "meeting": NewsItemFactory(
            title="Cement cooperatives meet",
            title_fr="Les coopératives du ciment se réunissent",
            summary="Worker cooperatives making cement met in La Paz.",
            summary_fr="Les coopératives de travail du ciment se sont réunies à La Paz.",
        ),
        "bread": NewsItemFactory(
            title="Bread and cooperation",
            summary="A bakery joins the network; cement is not involved.",
        ),
        "draft": NewsItemFactory(title="Cement draft", status="draft"),
    }


def found(client, query, prefix=""):
    response = client.get(f"{prefix}/search/", {"q": query})
    assert response.status_code == 200, response.content[:500]
    return response, [result.obj for result in response.context["results"]]


def test_news_and_members_are_found_together_ranked_and_marked(client, content):
    response, results = found(client, "cement")
    assert set(results) == {content["cement"], content["meeting"], content["bread"]}
    # In a title counts more than in a summary.
    assert results.index(content["bread"]) > results.index(content["meeting"])
    html = response.content.decode()
    assert "<mark>Cement</mark>" in html
    assert "Cement draft" not in html  # drafts stay private


def test_a_search_speaks_the_visitor_s_language(client, content):
    response, results = found(client, "ciment", prefix="/fr")
    assert content["meeting"] in results and content["cement"] in results
    html = response.content.decode()
    assert "<mark>ciment</mark>" in html and "/fr/news/" in html


@on_postgresql
def test_operators_phrases_and_accents(client, content):
    assert content["cement"] in found(client, "cement cooperatives")[1]
    assert found(client, '"cement cooperatives"')[1] == [content["meeting"]]  # words in order
    assert set(found(client, "bread or bakers")[1]) == {content["bread"], content["bakery"]}
    assert content["bread"] not in found(client, "cement -bakery")[1]
    # Accents aside, and words by their stem, in French.
    assert content["meeting"] in found(client, "cooperative reunir", prefix="/fr")[1]
    assert content["cement"] in found(client, "fabriqué", prefix="/fr")[1]


def test_the_fallback_reads_the_same_operators(client, content):
    if connection.vendor == "postgresql":
        pytest.skip("the fallback is for other databases")
    assert found(client, '"worker cooperatives"')[1] == [content["meeting"]]
    assert content["bread"] not in found(client, "cement -bakery")[1]


@pytest.mark.parametrize(
    "query",
    ["&|!():*", '"unbalanced', "-", "or", "<script>alert(1)</script>", "' OR 1=1 --", "ü" * 150],
)
def test_hostile_queries_never_fail(client, content, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert b"<script>alert" not in response.content


@pytest.mark.parametrize("query", ["a\x00b", "x" * 201])
def test_what_cannot_be_read_is_a_form_error(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 400
    assert b'class="error"' in response.content


def test_a_title_with_markup_is_shown_as_text(client, country):
    OrganisationFactory(name="<b>Bold</b> Cooperative", country=country("BO"))
    html = found(client, "cooperative")[0].content.decode()
    assert "&lt;b&gt;" in html and "<b>Bold" not in html


def test_every_page_has_the_search_box_and_searches_are_never_kept(client, content):
    for prefix, path in (("", "/"), ("", "/members/"), ("/fr", "/fr/news/")):
        assert f'class="site-search" method="get" action="{prefix}/search/"'.encode() in (
            client.get(path).content
        )
    response = client.get("/search/", {"q": "cement"})
    assert response["Cache-Control"].startswith("public")
    assert client.get("/search/", {"q": "cement", "utm_source": "x"}).status_code == 301


def test_a_search_costs_a_query_for_each_kind(client, content, django_assert_max_num_queries):
    start_afresh()  # the generation's own query, once per change, is not the search's
    # The news, the events, the publications, the organisations.
    with django_assert_max_num_queries(4):
        client.get("/search/", {"q": "cement"})
