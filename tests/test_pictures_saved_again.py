"""Records with pictures are saved again and restored (#36): a picture already stored is never
reopened by validation, on the app server's disk or in an S3-compatible bucket (an S3 server
on loopback, reached over HTTP as docs/deployment.md configures a bucket)."""

import boto3
import pytest
from django.core.files.storage import default_storage
from moto.server import ThreadedMotoServer
from reversion.models import Version

from members.models import Organisation
from news.models import NewsItem, Picture
from tests.factories import NewsItemFactory, OrganisationFactory
from tests.test_body_pictures import figure, save_body, upload
from tests.test_editing import opened
from tests.test_pictures import photo

pytestmark = pytest.mark.django_db

BUCKET = "cicopa-pictures"


@pytest.fixture(scope="module")
def s3_server():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(params=["disk", "bucket"])
def storage(request, settings, tmp_path):
    """Where uploads go: MEDIA_ROOT, or a bucket named as production names one."""
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = "http://testserver"
    if request.param == "bucket":
        endpoint = request.getfixturevalue("s3_server")
        credentials = {"aws_access_key_id": "cicopa", "aws_secret_access_key": "secret"}
        s3 = boto3.client("s3", endpoint_url=endpoint, region_name="eu-west-1", **credentials)
        s3.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
        )
        settings.AWS_STORAGE_BUCKET_NAME = BUCKET
        settings.AWS_S3_ENDPOINT_URL = endpoint
        settings.AWS_S3_REGION_NAME = "eu-west-1"
        settings.AWS_ACCESS_KEY_ID = credentials["aws_access_key_id"]
        settings.AWS_SECRET_ACCESS_KEY = credentials["aws_secret_access_key"]
        settings.AWS_QUERYSTRING_AUTH = False
        settings.AWS_DEFAULT_ACL = None
        # Last: changing STORAGES makes Django build default_storage anew, from the above.
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "storages.backends.s3.S3Storage"},
        }
    yield request.param
    if request.param == "bucket":
        kept = s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])
        assert any(stored["Key"].endswith(".webp") for stored in kept)  # its widths too
        for stored in kept:
            s3.delete_object(Bucket=BUCKET, Key=stored["Key"])
        s3.delete_bucket(Bucket=BUCKET)


def saved(client, path, **changes):
    data = opened(client, path)
    data.update(changes)
    return client.post(path, data)


def restore_first_version(client, obj, admin_path):
    first = Version.objects.get_for_object(obj).order_by("pk")[0]
    revision = f"{admin_path}history/{first.pk}/"
    return client.post(revision, opened(client, revision))


def test_an_organisation_with_a_logo_is_saved_again_and_restored(
    staff_client, client, country, storage
):
    organisation = OrganisationFactory(name="Liga de Cooperativas", country=country("PR"))
    change = f"/admin/members/organisation/{organisation.pk}/change/"
    assert saved(staff_client, change, logo=photo(800, 400, "logo.png", "PNG")).status_code == 302
    organisation.refresh_from_db()
    logo = organisation.logo.name
    assert default_storage.exists(logo)

    response = saved(staff_client, change, acronym="LC")  # was a server error
    assert response.status_code == 302, response.content.decode()[:2000]
    response = restore_first_version(
        staff_client, organisation, f"/admin/members/organisation/{organisation.pk}/"
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    organisation = Organisation.objects.get(pk=organisation.pk)
    assert organisation.acronym == "" and organisation.logo.name == logo
    assert (organisation.logo_width, organisation.logo_height) == (800, 400)
    assert default_storage.exists(logo) and default_storage.exists(organisation.logo_320.name)
    assert organisation.logo_320.url in client.get(organisation.get_absolute_url()).text


def test_a_news_item_with_a_lead_image_is_saved_again_and_restored(staff_client, client, storage):
    item = NewsItemFactory(title="A meeting")
    change = f"/admin/news/newsitem/{item.pk}/change/"
    response = saved(
        staff_client, change, lead_image=photo(), lead_image_alt_en="Delegates in Brussels"
    )
    assert response.status_code == 302
    item.refresh_from_db()
    image = item.lead_image.name

    assert saved(staff_client, change, title_en="A meeting in Brussels").status_code == 302
    assert (
        restore_first_version(staff_client, item, f"/admin/news/newsitem/{item.pk}/").status_code
        == 302
    )

    item = NewsItem.objects.get(pk=item.pk)
    assert item.title == "A meeting" and item.lead_image.name == image
    assert default_storage.exists(image)
    assert item.lead_image_960.url in client.get(item.get_absolute_url()).text


def test_a_news_item_with_a_body_picture_is_saved_again_and_restored(staff_client, client, storage):
    assert upload(staff_client, photo(1200, 900)).status_code == 200
    picture = Picture.objects.get()
    item = NewsItemFactory(title="A meeting")
    change = f"/admin/news/newsitem/{item.pk}/change/"
    assert save_body(staff_client, item, change, figure(picture)).status_code == 302

    assert saved(staff_client, change, title_en="A meeting in Brussels").status_code == 302
    assert (
        restore_first_version(staff_client, item, f"/admin/news/newsitem/{item.pk}/").status_code
        == 302
    )
    picture_change = f"/admin/news/picture/{picture.pk}/change/"
    assert saved(staff_client, picture_change, alt="Delegates, again").status_code == 302

    item = NewsItem.objects.get(pk=item.pk)
    assert item.title == "A meeting" and f'data-file="{picture.pk}"' in item.body
    page = client.get(item.get_absolute_url()).text
    assert picture.image_640.url in page and default_storage.exists(picture.image.name)
