"""Publications (#32): PDFs checked by their content as they arrive, their metadata shown,
each language's file at an address that survives a new upload, served as a PDF; the list
narrowed by kind, year, language and words, with bad values a form error."""

import io
import json
import re

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from publications.models import Publication, PublicationFile

pytestmark = pytest.mark.django_db


def pdf(text="World Declaration on Worker Cooperatives", author="CICOPA", pages=2):
    """A real PDF, made by pypdf: blank pages with metadata (text extraction reads none)."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": text, "/Author": author, "/Producer": "A word processor"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def publication(title="World Declaration on Worker Cooperatives", **fields):
    defaults = {
        "title_en": title,
        "slug": re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"),
        "summary_en": f"About {title}.",
        "kind": Publication.Kind.DECLARATION,
        "year": 2005,
        "status": Publication.Status.PUBLISHED,
    }
    return Publication.objects.create(**{**defaults, **fields})


def attach(item, language="en", content=None, name="declaration.pdf"):
    return PublicationFile.objects.create(
        publication=item,
        language=language,
        file=SimpleUploadedFile(name, content or pdf(), "application/pdf"),
    )


def admin_post(staff_client, data, files=()):
    """The add form as a browser posts it: the publication, then its files' inline rows."""
    post = {
        "title_en": "Global report",
        "slug": "global-report",
        "summary_en": "Cooperatives and employment.",
        "kind": "report",
        "year": "2017",
        "status": "published",
        "files-TOTAL_FORMS": str(len(files)),
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "3",
        **data,
    }
    for n, (language, upload) in enumerate(files):
        post[f"files-{n}-language"] = language
        post[f"files-{n}-file"] = upload
    return staff_client.post("/admin/publications/publication/add/", post)


def test_a_pdf_is_checked_by_its_content_and_what_it_says_of_itself_is_kept(staff_client):
    renamed = SimpleUploadedFile("report.pdf", b"GIF89a not a pdf at all", "application/pdf")
    refused = admin_post(staff_client, {}, [("en", renamed)])
    assert refused.status_code == 200 and "This file is not a PDF." in refused.content.decode()
    assert 'value="Cooperatives and employment."' in refused.content.decode() or (
        "Cooperatives and employment." in refused.content.decode()
    )
    assert not Publication.objects.exists()

    good = SimpleUploadedFile("report.pdf", pdf("Global report", "Jane Doe", 3), "application/pdf")
    assert admin_post(staff_client, {}, [("en", good)]).status_code == 302
    stored = PublicationFile.objects.get()
    assert stored.pages == 3 and stored.size > 0
    assert stored.metadata["Author"] == "Jane Doe"
    change = staff_client.get(f"/admin/publications/publication/{stored.publication.pk}/change/")
    assert "Author: Jane Doe" in change.content.decode()  # shown before publishing


def test_each_file_has_an_address_that_survives_a_new_upload(client):
    item = publication()
    first = attach(item)
    address = "/publications/world-declaration-on-worker-cooperatives/en.pdf"
    assert first.get_absolute_url() == address
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        'filename="world-declaration-on-worker-cooperatives-en.pdf"'
        in (response["Content-Disposition"])
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    first.file = SimpleUploadedFile("declaration-v2.pdf", pdf("Second edition"), "application/pdf")
    first.save()
    again = b"".join(client.get(address).streaming_content)
    assert b"Second edition" in again
    assert (
        client.get("/publications/world-declaration-on-worker-cooperatives/fr.pdf").status_code
        == 404
    )


def test_the_list_filters_by_kind_year_language_and_words(client):
    declaration = publication()
    attach(declaration, "en")
    attach(declaration, "fr")
    report = publication("Cooperatives and Employment: a Global Report", kind="report", year=2017)
    attach(report, "en")
    publication("A draft report", kind="report", year=2017, status="draft")

    def titles(query=""):
        response = client.get(f"/publications/{query}")
        assert response.status_code == 200, query
        return re.findall(
            r'<h3><a href="/publications/[^"]+/">([^<]+)</a></h3>', response.content.decode()
        )

    assert titles() == ["Cooperatives and Employment: a Global Report", declaration.title]
    assert titles("?kind=report") == ["Cooperatives and Employment: a Global Report"]
    assert titles("?year=2005") == [declaration.title]
    assert titles("?language=fr") == [declaration.title]
    assert titles("?q=employment+global") == ["Cooperatives and Employment: a Global Report"]
    assert titles("?kind=report&language=fr") == []
    assert client.get("/publications/?year=1900").status_code == 400
    assert client.get("/publications/?kind=%00").status_code == 400


def test_a_publication_s_page_offers_its_files_with_their_sizes_and_schema_org_data(client):
    item = publication(authors="CICOPA")
    attach(item, "en")
    attach(item, "es")
    html = client.get(item.get_absolute_url()).content.decode()
    assert 'href="/publications/world-declaration-on-worker-cooperatives/es.pdf"' in html
    assert "PDF," in html and "2 pages" in html
    data = json.loads(
        re.search(
            r'<script type="application/ld\+json">(\{[^<]*"CreativeWork"[^<]*)</script>', html
        )[1]
    )
    assert {encoding["inLanguage"] for encoding in data["encoding"]} == {"en", "es"}
    assert data["datePublished"] == "2005"
    draft = publication("Not yet", status="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_an_empty_list_says_why_in_each_language(client):
    for prefix, words in [
        ("", "No publication is on the site yet"),
        ("/fr", "Aucune"),
        ("/es", "Ninguna"),
    ]:
        assert words in client.get(f"{prefix}/publications/").content.decode()


def test_the_list_keeps_its_query_budget_with_2000_publications(
    client, django_assert_max_num_queries
):
    Publication.objects.bulk_create(
        Publication(
            title_en=f"Report {n}",
            slug=f"report-{n}",
            summary_en="Figures.",
            kind="report",
            year=1990 + n % 35,
            status="published",
        )
        for n in range(2000)
    )
    for query in ("", "?kind=report&year=2001", "?q=report&page=3"):
        with django_assert_max_num_queries(4):
            assert client.get(f"/publications/{query}").status_code == 200


def test_publications_are_found_by_their_words_and_their_files_text(client):
    report = publication("Cooperatives and Employment", kind="report", year=2017)
    PublicationFile.objects.create(
        publication=report,
        language="en",
        file=SimpleUploadedFile("report.pdf", pdf(), "application/pdf"),
    )
    report.refresh_from_db()
    Publication.objects.filter(pk=report.pk).update(text="Industrial cooperatives in Brazil.")
    publication("A draft on Brazil", status="draft")
    html = client.get("/search/?q=brazil").content.decode()
    assert report.get_absolute_url() in html and "A draft on Brazil" not in html
    assert "Report · 2017" in html


def test_the_home_page_shows_the_latest_publication_after_the_news(client):
    assert "Latest publication" not in client.get("/").content.decode()
    publication("Older", year=2005)
    publication("Cooperatives and Employment", kind="report", year=2017)
    html = client.get("/").content.decode()
    latest = html.split("Latest publication")[1]
    assert "Cooperatives and Employment" in latest and "Older" not in latest
    assert html.index("latest-heading") < html.index("Latest publication")


def test_a_new_file_s_text_is_gathered_for_the_search_and_goes_with_it():
    item = publication()
    file = attach(item)
    item.refresh_from_db()
    assert item.text == file.text
    file.delete()
    item.refresh_from_db()
    assert item.text == ""


@pytest.mark.parametrize("path", ["/publications/feed/", "/publications/feed/atom/"])
def test_the_feeds_are_valid_and_carry_each_publication_s_pdf(client, path, settings):
    settings.SITE_URL = "http://testserver"
    report = publication("Cooperatives and Employment", kind="report", year=2017)
    attach(report, "fr")
    attach(report, "en")
    publication("A draft", status="draft")
    feed = feedparser.parse(client.get(path).content)
    assert not feed.bozo and feed.version in ("rss20", "atom10")
    (entry,) = feed.entries
    assert entry.title == "Cooperatives and Employment"
    assert entry.id == f"tag:cicopa.coop,2026:publications/{report.pk}"
    (enclosure,) = entry.enclosures
    assert enclosure.href == "http://testserver/publications/cooperatives-and-employment/en.pdf"
    assert enclosure.type == "application/pdf"
