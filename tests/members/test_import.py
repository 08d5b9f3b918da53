"""Organisations from and to spreadsheets in the admin (members/resources.py): a preview that
writes nothing, all rows or none, the directory's own columns both ways."""

import csv
import io
import re

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from reversion.models import Version

from members.models import Organisation
from members.resources import OrganisationResource
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

IMPORT = "/admin/members/organisation/import/"
FORMATS = {"csv": "0", "xlsx": "1"}


def csv_file(rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows(rows)
    return out.getvalue().encode()


def preview(client, content, fmt="csv"):
    upload = SimpleUploadedFile(f"members.{fmt}", content)
    return client.post(IMPORT, {"format": FORMATS[fmt], "resource": "0", "import_file": upload})


def confirm(client, response):
    html = response.content.decode()
    form = html.split('action="/admin/members/organisation/process_import/"')[1].split("</form>")[0]
    data = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    return client.post("/admin/members/organisation/process_import/", data)


def test_new_rows_are_previewed_then_written_with_countries_by_code_or_any_name(staff_client):
    content = csv_file(
        [
            ["slug", "name", "country_code", "country", "region", "status", "member_since"],
            ["", "Fédération des SCOP", "FR", "", "europe", "current", "1950"],
            ["", "Cooperativa Andina", "", "Bolivie", "", "current", ""],
            ["", "Unión de Cooperativas", "", "Uruguay", "Américas", "current", ""],
        ]
    )
    shown = preview(staff_client, content)
    assert shown.status_code == 200
    assert "Confirm import" in shown.content.decode()
    assert not Organisation.objects.exists()  # nothing until confirmed
    assert confirm(staff_client, shown).status_code == 302
    assert {(o.name, o.country.code) for o in Organisation.objects.all()} == {
        ("Fédération des SCOP", "FR"),
        ("Cooperativa Andina", "BO"),
        ("Unión de Cooperativas", "UY"),
    }
    assert Organisation.objects.get(country__code="FR").member_since == 1950


def test_rows_match_members_by_slug_else_by_name_and_country(staff_client, country):
    by_slug = OrganisationFactory(name="Old Name", slug="liga", country=country("PR"))
    by_name = OrganisationFactory(name="Cooperativa Andina", country=country("BO"))
    content = csv_file(
        [
            ["slug", "name", "country", "status", "website"],
            ["liga", "Liga de Cooperativas", "PR", "current", ""],
            ["", "cooperativa andina", "Bolivia", "current", "https://andina.example"],
        ]
    )
    assert confirm(staff_client, preview(staff_client, content)).status_code == 302
    assert Organisation.objects.count() == 2
    by_slug.refresh_from_db()
    by_name.refresh_from_db()
    assert by_slug.name == "Liga de Cooperativas"
    assert by_name.website == "https://andina.example"


@pytest.mark.parametrize(
    "row, column, why",
    [
        (["", "Nowhere Union", "Atlantis", "", "current"], "country", "not a country we know"),
        (["", "Misplaced Union", "FR", "americas", "current"], "country", "not the region of"),
        (["", "Odd Union", "FR", "", "sleeping"], "status", "not a valid choice"),
        (["", "Future Union", "FR", "", "current", "2999"], "member_since", ""),
        (["", "", "FR", "", "current"], "name", "cannot be blank"),
    ],
)
def test_one_bad_row_refuses_the_whole_import_saying_which_column_and_why(
    staff_client, row, column, why
):
    header = ["slug", "name", "country", "region", "status", "member_since"]
    good = ["", "Good Union", "BE", "", "current", ""]
    response = preview(staff_client, csv_file([header, good, row + [""] * (6 - len(row))]))
    html = response.content.decode()
    assert "Confirm import" not in html
    assert column in html and why in html
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(staff_client, country, fmt):
    OrganisationFactory(
        name="=Formula Union", acronym="+FU", country=country("PR"), website="https://fu.example"
    )
    OrganisationFactory(name="Cooperativa Andina", country=country("BO"), member_since=2016)
    before = list(Organisation.objects.order_by("pk").values())
    exported = staff_client.post(
        "/admin/members/organisation/export/",
        {
            "format": FORMATS[fmt],
            "resource": "0",
            **{f"organisationresource_{f}": "on" for f in OrganisationResource.Meta.fields},
        },
    )
    assert exported.status_code == 200
    content = exported.content
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        assert [cell.value for cell in sheet[1]][:3] == ["slug", "name", "acronym"]
    shown = preview(staff_client, content, fmt)
    assert "Confirm import" in shown.content.decode()
    assert confirm(staff_client, shown).status_code == 302
    after = list(Organisation.objects.order_by("pk").values())
    for row in before + after:
        row.pop("updated_at")
    assert after == before


def test_the_public_csv_imports_back_as_it_was_recorded(client, staff_client, country):
    OrganisationFactory(name="=HYPERLINK(1)", slug="formula", country=country("PR"))
    public = b"".join(client.get("/members/export.csv").streaming_content).decode()[1:]
    assert "'=HYPERLINK(1)" in public
    Organisation.objects.all().delete()
    assert confirm(staff_client, preview(staff_client, public.encode())).status_code == 302
    assert Organisation.objects.get().name == "=HYPERLINK(1)"


def test_an_imported_row_is_a_version_in_the_member_s_history(staff_client):
    content = csv_file(
        [["slug", "name", "country", "status"], ["", "Andean Union", "BO", "current"]]
    )
    assert confirm(staff_client, preview(staff_client, content)).status_code == 302
    organisation = Organisation.objects.get()
    (version,) = Version.objects.get_for_object(organisation)
    assert version.revision.get_comment() == "Imported from a spreadsheet."
    assert version.revision.user.username == "secretariat"


def test_only_staff_who_may_add_members_import_them(client):
    viewer = UserFactory(is_staff=True, username="viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_organisation"))
    client.force_login(viewer)
    assert client.get(IMPORT).status_code == 403
    assert client.get("/admin/members/organisation/export/").status_code == 200
