"""A picture in a news item's text, as the secretariat puts it there (#22): the editor's
picture button, "Browse..." to the picker, a photo uploaded there (checked, kept in four
widths) and handed back with its description; the published page shows it in its widths."""

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from news.models import Picture
from tests.factories import NewsItemFactory

from .test_journeys import log_in_as_secretariat, screenshot

CARD = Path(__file__).resolve().parents[2] / "static" / "icons" / "card.png"

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_picture_goes_into_a_text_through_the_picker(
    page, live_server, initial_content, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    item = NewsItemFactory(title="The general assembly", body="<p>Delegates met.</p>")
    change = f"/admin/news/newsitem/{item.pk}/change/"
    log_in_as_secretariat(page, live_server, "ines", change)
    english = page.locator(".field-body_en")
    english.locator("[contenteditable=true]").click()  # once the editor has started
    english.locator("button[title='figure']").click()
    dialog = page.locator("dialog.prose-editor-dialog")
    expect(dialog).to_be_visible()

    # The site's own card (scripts/icons.py), as a picture of the project's own making.
    (tmp_path / "assembly.png").write_bytes(CARD.read_bytes())
    with page.expect_popup() as opened:
        dialog.get_by_role("button", name="Browse...").click()
    picker = opened.value
    expect(picker.get_by_role("heading", name="Upload a picture")).to_be_visible()
    picker.get_by_label("Picture:").set_input_files(tmp_path / "assembly.png")
    picker.get_by_label("Description:").fill("The CICOPA mark beside the organisation’s name")
    screenshot(picker, "admin-picture-picker")
    picker.get_by_role("button", name="Upload and insert").click()
    picker.wait_for_event("close")

    picture = Picture.objects.get()
    expect(dialog.locator("input[name=imageUrl]")).to_have_value(picture.image_960.url)
    expect(dialog.locator("input[name=altText]")).to_have_value(
        "The CICOPA mark beside the organisation’s name"
    )
    dialog.get_by_role("button", name="Insert").click()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    # The front serves /media/ in production (deploy/nginx.conf); here, the test does.
    page.route("**/media/**", lambda route: route.fulfill(path=media_file(route, tmp_path)))
    page.goto(f"{live_server.url}{item.get_absolute_url()}")
    img = page.locator(".body figure img")
    expect(img).to_have_attribute("alt", "The CICOPA mark beside the organisation’s name")
    expect(img).to_have_attribute("width", "960")
    expect(img).to_have_attribute("height", "504")
    expect(img).to_have_attribute("loading", "lazy")
    srcset = img.get_attribute("srcset")
    assert all(f"{width}w" in srcset for width in (320, 640, 960)), srcset
    assert "1200w" in srcset and "1280w" not in srcset  # never wider than the picture
    img.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
    screenshot(page, "news-item-picture")


def media_file(route, media_root):
    return media_root / unquote(urlsplit(route.request.url).path).removeprefix("/media/")
