"""Pictures in a text's body (#22): the editor's picture button opens the picker, which
uploads through the lead image's checks and hands the picture back to the editor; a body
shows only pictures uploaded so, each in its widths with its size, on news items and on the
secretariat's pages alike."""

import json
import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from reversion.models import Version

from news.models import NewsItem, Picture
from pages.models import Page
from tests.factories import NewsItemFactory
from tests.test_editing import opened
from tests.test_pictures import huge, photo, svg

pytestmark = pytest.mark.django_db

PICKER = "/admin/news/picture/picker/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(staff_client, file, alt="Delegates at the general assembly"):
    return staff_client.post(f"{PICKER}?CKEditorFuncNum=-1", {"image": file, "alt": alt})


def figure(picture, alt="Delegates"):
    # What the editor sends once the picker has handed it a picture.
    return (
        f'<p>Before.</p><figure class="figure"><img src="{picture.body_url}" alt="{alt}" '
        f'data-file="{picture.pk}"><figcaption class="figure-caption">In Brussels</figcaption>'
        "</figure><p>After.</p>"
    )


def save_body(staff_client, obj, change, body):
    data = opened(staff_client, change)
    data["body_en"] = body
    return staff_client.post(change, data)


def test_the_editor_s_picture_button_opens_the_picker(staff_client):
    response = staff_client.get("/admin/news/newsitem/add/")
    configs = re.findall(r'data-django-prose-editor-configurable="([^"]+)"', response.text)
    assert len(configs) == 3  # a body in each language
    for config in configs:
        extensions = json.loads(unescape(config))["extensions"]
        assert extensions["Figure"] == {"pickerUrl": PICKER}
        assert "Image" in extensions and "Caption" in extensions


def test_only_staff_open_the_picker(client):
    response = client.get(PICKER)
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_picture_uploaded_from_the_picker_is_checked_kept_and_handed_to_the_editor(
    staff_client, media
):
    response = upload(staff_client, photo())
    assert response.status_code == 200
    picture = Picture.objects.get()
    assert picture.alt == "Delegates at the general assembly"
    assert (picture.image_width, picture.image_height) == (2000, 1500)
    with Image.open(picture.image.path) as kept:
        assert not kept.getexif()
    for width in (320, 640, 960, 1280):
        with Image.open(getattr(picture, f"image_{width}").path) as made:
            assert made.format == "WEBP" and made.width == width
    # The page hands it straight to the editor (static/js/picture-picker.js).
    html = response.content.decode()
    (button,) = re.findall(r"<button[^>]*data-uploaded[^>]*>", html)
    assert f'data-picture="{picture.pk}"' in button
    assert f'data-url="{picture.image_960.url}"' in button
    assert 'data-alt="Delegates at the general assembly"' in button
    assert 'data-editor-call="-1"' in html
    # Kept in the history, as every admin save is: a deleted picture can be recovered.
    assert Version.objects.get_for_object(picture).count() == 1


@pytest.mark.parametrize(
    "file, error",
    [
        (lambda: SimpleUploadedFile("photo.png", b"name,country\nLiga,PR\n"), "valid image"),
        (svg, "valid image"),
        (huge, "million pixels at most"),
    ],
)
def test_the_picker_refuses_what_a_lead_image_refuses_and_keeps_the_description(
    staff_client, file, error
):
    response = upload(staff_client, file())
    assert response.status_code == 200
    html = response.content.decode()
    assert error in html
    assert 'value="Delegates at the general assembly"' in html
    assert not Picture.objects.exists()
    assert "data-uploaded" not in html


def test_the_picker_lists_and_finds_what_was_uploaded_before(staff_client):
    upload(staff_client, photo(), alt="A workshop in Lima")
    upload(staff_client, photo(), alt="The board in Brussels")
    html = staff_client.get(f"{PICKER}?CKEditorFuncNum=-2").content.decode()
    assert html.count("data-picture=") == 2 and "data-uploaded" not in html
    found = staff_client.get(f"{PICKER}?CKEditorFuncNum=-2&q=lima").content.decode()
    assert "A workshop in Lima" in found and "The board in Brussels" not in found


def test_a_body_s_picture_is_shown_in_its_widths_with_its_size(staff_client, client):
    upload(staff_client, photo())
    picture = Picture.objects.get()
    item = NewsItemFactory(title="The assembly")
    change = f"/admin/news/newsitem/{item.pk}/change/"
    assert save_body(staff_client, item, change, figure(picture)).status_code == 302
    item.refresh_from_db()
    (img,) = re.findall(r"<img [^>]+>", item.body_en)
    assert f'src="{picture.image_960.url}"' in img
    for width in (320, 640, 960, 1280):
        assert f"{getattr(picture, f'image_{width}').url} {width}w" in img
    assert 'width="960" height="720"' in img and 'loading="lazy"' in img
    assert 'sizes="(min-width: 48rem) 45rem, calc(100vw - 2rem)"' in img
    assert 'alt="Delegates"' in img  # what the editor's dialog said
    assert "<figcaption" in item.body_en

    page = client.get(item.get_absolute_url()).content.decode()
    assert img in page and '<figure class="figure">' in page
    # Saved again as the editor sends it back, it is written out the same.
    before = item.body_en
    save_body(staff_client, item, change, item.body_en)
    item.refresh_from_db()
    assert item.body_en == before


def test_a_picture_not_uploaded_here_is_refused_and_the_text_kept(staff_client):
    item = NewsItemFactory(title="Kept")
    change = f"/admin/news/newsitem/{item.pk}/change/"
    body = '<p>Our new members.</p><p><img src="https://tracker.example/pixel.gif" alt=""></p>'
    response = save_body(staff_client, item, change, body)
    assert response.status_code == 200
    html = response.content.decode()
    assert "was not uploaded with the editor&#x27;s picture button" in html
    assert "https://tracker.example/pixel.gif" in html and "Our new members." in html
    assert "tracker.example" not in NewsItem.objects.get(pk=item.pk).body_en


def test_a_picture_number_that_is_not_one_is_refused(staff_client):
    item = NewsItemFactory()
    change = f"/admin/news/newsitem/{item.pk}/change/"
    for number in ("999999", "1 OR 1=1", "99999999999999999999"):
        body = f'<p><img src="/media/x.jpg" alt="" data-file="{number}"></p>'
        response = save_body(staff_client, item, change, body)
        assert response.status_code == 200
        assert "picture button" in response.content.decode()


def test_the_secretariat_s_pages_take_pictures_too(staff_client, client):
    upload(staff_client, photo(800, 600))
    picture = Picture.objects.get()
    about = Page.objects.get(kind="about")
    change = f"/admin/pages/page/{about.pk}/change/"
    assert save_body(staff_client, about, change, figure(picture)).status_code == 302
    html = client.get("/about/").content.decode()
    assert f"{picture.image_640.url} 640w" in html and "800w" in html
    assert 'width="800" height="600"' in html


def test_pictures_have_their_list_and_pages_with_them_pass_the_nu_html_checker(
    staff_client, client, tmp_path
):
    from tests.test_standards import nu_html_errors

    upload(staff_client, photo(), alt="A workshop in Lima")
    picture = Picture.objects.get()
    listing = staff_client.get("/admin/news/picture/").content.decode()
    assert 'class="admin-thumbnail"' in listing and "A workshop in Lima" in listing
    item = NewsItemFactory()
    save_body(staff_client, item, f"/admin/news/newsitem/{item.pk}/change/", figure(picture))
    pages = {"item": client.get(item.get_absolute_url())}
    assert pages["item"].status_code == 200
    (tmp_path / "checked").mkdir()
    assert nu_html_errors(pages, tmp_path / "checked") == []


@pytest.mark.parametrize("feed", ["/news/feed/", "/news/feed/atom/"])
def test_a_feed_reader_gets_the_picture_at_full_addresses(staff_client, client, settings, feed):
    upload(staff_client, photo())
    picture = Picture.objects.get()
    item = NewsItemFactory()
    save_body(staff_client, item, f"/admin/news/newsitem/{item.pk}/change/", figure(picture))
    xml = unescape(client.get(feed).content.decode())
    (img,) = re.findall(r"<img [^>]+>", xml)
    assert f'src="http://testserver{picture.image_960.url}"' in img
    (srcset,) = re.findall(r'srcset="([^"]+)"', img)
    assert [c.split()[0][:18] for c in srcset.split(", ")] == ["http://testserver/"] * 4
