"""Pictures (#22): a news item's lead image and a member's logo, uploaded in the admin,
checked by their content, kept without metadata, made in a few widths and shown with
srcset, sizes, width and height; refused as a spreadsheet or an SVG would be."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from members.models import Organisation
from news.models import NewsItem
from tests.factories import NewsItemFactory, OrganisationFactory
from tests.queries import SiteQueries
from tests.test_editing import opened

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = "http://testserver"
    return tmp_path


def photo(width=2000, height=1500, name="photo.jpg", kind="JPEG"):
    """A camera's picture, with the metadata a camera writes: maker, author, place."""
    image = Image.new("RGB", (width, height), (163, 32, 28))
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x013B] = "Someone's name"  # Artist
    exif[0x8825] = {1: "N", 2: (50.0, 50.0, 0.0)}  # GPS: where it was taken
    out = io.BytesIO()
    image.save(out, kind, exif=exif.tobytes())
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def add_lead_image(staff_client, item, upload, alt="Delegates in Brussels"):
    change = f"/admin/news/newsitem/{item.pk}/change/"
    data = opened(staff_client, change)
    data.update({"lead_image": upload, "lead_image_alt_en": alt})
    return staff_client.post(change, data)


def test_a_lead_image_is_kept_without_metadata_in_four_widths(staff_client, client, media):
    item = NewsItemFactory(title="A meeting")
    assert add_lead_image(staff_client, item, photo()).status_code == 302
    item.refresh_from_db()
    assert (item.lead_image_width, item.lead_image_height) == (2000, 1500)
    with Image.open(item.lead_image.path) as kept:
        assert not kept.getexif() and "exif" not in kept.info
    for width in (320, 640, 960, 1280):
        rendition = getattr(item, f"lead_image_{width}")
        with Image.open(rendition.path) as made:
            assert made.format == "WEBP" and made.size == (width, width * 3 // 4)
            assert not made.getexif()

    html = client.get(item.get_absolute_url()).content.decode()
    img = html.split('class="lead-image"')[0].rsplit("<img", 1)[1]
    assert 'srcset="' in img and img.count("w, ") == 3 and "1280w" in img
    assert 'width="640" height="480"' in img and 'alt="Delegates in Brussels"' in img
    assert 'sizes="(min-width: 48rem) 45rem, 100vw"' in img
    assert 'loading="lazy"' not in img  # at the top of its page
    assert (
        f'<meta property="og:image" content="http://testserver{item.lead_image_1280.url}">' in html
    )
    assert f'"image": ["http://testserver{item.lead_image_1280.url}"]' in html  # NewsArticle

    listing = client.get("/news/").content.decode()
    assert 'class="summary-picture"' in listing and 'loading="lazy"' in listing
    feed = client.get("/news/feed/").content.decode()
    (enclosure,) = re.findall(r"<enclosure [^>]+>", feed)
    assert f'url="http://testserver{item.lead_image_960.url}"' in enclosure
    assert 'type="image/webp"' in enclosure
    assert f'length="{item.lead_image_960.storage.size(item.lead_image_960.name)}"' in enclosure


def test_a_small_picture_is_never_enlarged(staff_client, client):
    item = NewsItemFactory()
    add_lead_image(staff_client, item, photo(500, 250))
    item.refresh_from_db()
    html = client.get(item.get_absolute_url()).content.decode()
    img = html.split('class="lead-image"')[0].rsplit("<img", 1)[1]
    assert "500w" in img and "640w" not in img and 'width="500" height="250"' in img


def test_a_picture_turned_by_the_camera_is_kept_upright(staff_client):
    image = Image.new("RGB", (400, 300))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° to show
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    item = NewsItemFactory()
    add_lead_image(staff_client, item, SimpleUploadedFile("turned.jpg", out.getvalue()))
    item.refresh_from_db()
    assert (item.lead_image_width, item.lead_image_height) == (300, 400)


def svg():
    return SimpleUploadedFile(
        "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )


def huge():
    out = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(out, "PNG")
    return SimpleUploadedFile("huge.png", out.getvalue())


@pytest.mark.parametrize(
    "upload, error",
    [
        (lambda: SimpleUploadedFile("photo.png", b"name,country\nLiga,PR\n"), "valid image"),
        (svg, "valid image"),
        (huge, "million pixels at most"),
    ],
)
def test_what_is_not_a_picture_is_refused_and_the_form_kept(staff_client, upload, error):
    item = NewsItemFactory(title="Kept title")
    response = add_lead_image(staff_client, item, upload())
    assert response.status_code == 200
    assert error in response.content.decode()
    assert 'value="Delegates in Brussels"' in response.content.decode()
    item.refresh_from_db()
    assert not item.lead_image


def test_a_lead_image_needs_its_description(staff_client):
    item = NewsItemFactory()
    response = add_lead_image(staff_client, item, photo(), alt="")
    assert response.status_code == 200
    assert "Describe the picture" in response.content.decode()
    assert not NewsItem.objects.get(pk=item.pk).lead_image


def test_logos_show_in_the_lists_and_on_the_page_at_no_query(client, country, media):
    members = [OrganisationFactory(country=country("BO")) for _ in range(3)]

    def directory_queries():
        from tests.pages import start_afresh

        start_afresh()
        with SiteQueries(connection) as captured:
            html = client.get("/members/").content.decode()
        return len(captured), html

    without, _ = directory_queries()
    for member in members:
        member.logo = photo(600, 300, name="logo.png", kind="PNG")
        member.save()
    with_logos, html = directory_queries()
    assert with_logos == without
    assert html.count('class="list-logo"') == 3 and 'width="600" height="300"' in html
    page = client.get(members[0].get_absolute_url()).content.decode()
    assert 'class="logo"' in page and "600w" in page
    region = client.get("/members/regions/americas/").content.decode()
    assert region.count('class="list-logo"') == 3
    assert Organisation.objects.filter(logo_width=600).count() == 3


def test_pages_with_pictures_pass_the_nu_html_checker(staff_client, client, country, tmp_path):
    from tests.test_standards import nu_html_errors

    item = NewsItemFactory(title="With a picture")
    add_lead_image(staff_client, item, photo())
    member = OrganisationFactory(country=country("BO"))
    member.logo = photo(600, 300, name="logo.png", kind="PNG")
    member.save()
    pages = {
        "item": client.get(item.get_absolute_url()),
        "news": client.get("/news/"),
        "home": client.get("/"),
        "directory": client.get("/members/"),
        "organisation": client.get(member.get_absolute_url()),
    }
    assert all(page.status_code == 200 for page in pages.values())
    (tmp_path / "checked").mkdir()
    assert nu_html_errors(pages, tmp_path / "checked") == []
