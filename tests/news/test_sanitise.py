import pytest

from news.sanitise import sanitise_html
from tests.factories import NewsItemFactory

pytestmark = pytest.mark.django_db

ALLOWED = (
    "<h2>Heading</h2><p>A <strong>bold</strong> and <em>gentle</em> "
    '<a href="https://cicopa.coop/">link</a>.</p><ul><li>one</li></ul><ol start="3"><li>three</li>'
    '</ol><blockquote><p>quoted</p></blockquote><hr><img src="https://example.org/a.png" alt="A">'
)


def test_what_the_editor_makes_survives():
    cleaned = sanitise_html(ALLOWED)
    for fragment in [
        "<h2>Heading</h2>",
        "<strong>bold</strong>",
        "<em>gentle</em>",
        'href="https://cicopa.coop/"',
        "<li>one</li>",
        '<ol start="3">',
        "<blockquote>",
        '<img src="https://example.org/a.png" alt="A">',
    ]:
        assert fragment in cleaned, fragment


@pytest.mark.parametrize(
    ("hostile", "forbidden"),
    [
        ("<script>alert(1)</script><p>text</p>", "<script"),
        ("<script>alert(1)</script><p>text</p>", "alert"),
        ('<p onclick="alert(1)">text</p>', "onclick"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "alert"),
        ('<a href="&#106;avascript:alert(1)">x</a>', "alert"),
        ('<img src="data:image/svg+xml;base64,PHN2Zz4=">', "data:"),
        ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "data:"),
        ("<svg><script>alert(1)</script></svg>", "<svg"),
        ('<svg onload="alert(1)"></svg>', "onload"),
        ("<iframe src='https://evil.example'></iframe>", "<iframe"),
        ('<p style="background:url(javascript:alert(1))">x</p>', "style"),
        ("<style>body{display:none}</style>", "<style"),
        ('<form action="https://evil.example"><input name="q"></form>', "<form"),
        ("<p>unclosed <strong>bold <a href='https://x.example'>link", None),
    ],
)
def test_hostile_bodies_are_defused(hostile, forbidden):
    cleaned = sanitise_html(hostile)
    if forbidden:
        assert forbidden.lower() not in cleaned.lower()
    else:  # unclosed tags get closed
        assert cleaned.count("<strong>") == cleaned.count("</strong>")
        assert cleaned.count("<a ") == cleaned.count("</a>")


def test_links_are_marked_noopener():
    assert 'rel="noopener noreferrer"' in sanitise_html('<a href="https://x.example">x</a>')


def test_the_page_shows_only_the_sanitised_body(client):
    item = NewsItemFactory(body='<p onmouseover="steal()">Hi</p><script>steal()</script>')
    html = client.get(item.get_absolute_url()).content.decode()
    assert "<p>Hi</p>" in html
    assert "steal()" not in html


def test_the_admin_form_stores_the_sanitised_body(admin_client, settings, tmp_path):
    from news.models import NewsItem, Picture
    from tests.test_pictures import photo

    settings.MEDIA_ROOT = tmp_path
    picture = Picture.objects.create(image=photo(400, 300), alt="A picture uploaded here")

    response = admin_client.post(
        "/admin/news/newsitem/add/",
        {
            "title_en": "Clean",
            "slug": "clean",
            "summary_en": "S",
            "body_en": f'<p>ok</p><img src="x" data-file="{picture.pk}" onerror="alert(1)">'
            "<script>x()</script>",
            "status": "draft",
            "published_at_0": "2020-01-01",
            "published_at_1": "10:00:00",
        },
    )
    assert response.status_code == 302
    body = NewsItem.objects.get(slug="clean").body
    assert "<p>ok</p>" in body and "onerror" not in body and "script" not in body
