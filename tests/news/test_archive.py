"""An older site's archive brought in from its feed file (news/archive.py)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from news.models import NewsItem
from tests.test_editing import staff

pytestmark = pytest.mark.django_db

IMPORT = "/admin/news/newsitem/import-feed/"

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Old site</title><link>https://old.example/</link>
<description>News</description>
<item><title>General Assembly in Antalya</title><link>https://old.example/news/antalya</link>
<pubDate>Thu, 10 Nov 2016 09:00:00 +0000</pubDate>
<description><![CDATA[<p>The assembly met.</p><script>alert(1)</script>
<p onclick="x()">Delegates voted.</p>]]></description>
</item>
<item><title>New members in Asia</title><link>https://old.example/news/asia</link>
<pubDate>Mon, 05 Sep 2016 12:00:00 +0000</pubDate>
<description>Two federations joined.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Old site</title><id>urn:old</id>
<updated>2015-06-01T00:00:00Z</updated>
<entry><title>World Cooperative Day</title><id>urn:1</id>
<link href="https://old.example/news/coop-day"/>
<updated>2015-07-04T08:00:00Z</updated><published>2015-07-04T08:00:00Z</published>
<summary>A day for cooperatives.</summary>
<content type="html">&lt;p&gt;A day for &lt;strong&gt;cooperatives&lt;/strong&gt;.&lt;/p&gt;
</content></entry>
</feed>"""


def bring(client, content, name="feed.xml"):
    return client.post(IMPORT, {"feed": SimpleUploadedFile(name, content)})


def test_an_rss_archive_becomes_published_items_and_a_second_run_adds_nothing(client):
    ana = staff("ana")
    assert "Import a feed" in ana.get("/admin/news/newsitem/").content.decode()
    assert bring(ana, RSS).status_code == 302
    antalya = NewsItem.objects.get(title_en="General Assembly in Antalya")
    assert antalya.published_at.date().isoformat() == "2016-11-10"
    assert (
        antalya.status == "published" and antalya.original_url == "https://old.example/news/antalya"
    )
    assert "<script" not in antalya.body_en and "onclick" not in antalya.body_en
    assert "Delegates voted." in antalya.body_en
    page = client.get(antalya.get_absolute_url()).content.decode()
    assert 'href="https://old.example/news/antalya"' in page
    assert NewsItem.objects.count() == 2

    again = bring(ana, RSS)
    assert again.status_code == 302
    assert NewsItem.objects.count() == 2
    listing = ana.get("/admin/news/newsitem/").content.decode()
    assert "0 items brought in, 2 already here." in listing


def test_an_atom_archive_too():
    ana = staff("ana")
    assert bring(ana, ATOM).status_code == 302
    item = NewsItem.objects.get()
    assert item.title_en == "World Cooperative Day"
    assert item.body_en == "<p>A day for <strong>cooperatives</strong>.</p>"
    assert item.summary_en == "A day for cooperatives."


def test_a_file_that_is_no_feed_is_refused_and_nothing_written():
    ana = staff("ana")
    response = bring(ana, b"name,country\nLiga,PR\n", "members.csv")
    assert response.status_code == 200
    assert "holds no RSS or Atom entries" in response.content.decode()
    assert not NewsItem.objects.exists()
