"""Organisations from and to spreadsheets in the admin (members/resources.py): a preview that
writes nothing, all rows or none, the directory's own columns both ways."""

import csv
import io
import re

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from import_export.tmp_storages import CacheStorage
from reversion.models import Version

from members.models import Organisation
from members.resources import OrganisationResource
from tests.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]

IMPORT = "/admin/members/organisation/import/"
FORMATS = {"csv": "0", "xlsx": "1"}


def csv_file(rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows(rows)
    return out.getvalue().encode()


def preview(client, content, fmt="csv", **choices):
    upload = SimpleUploadedFile(f"members.{fmt}", content)
    data = {"format": FORMATS[fmt], "resource": "0", "import_file": upload, **choices}
    return client.post(IMPORT, data)


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


def test_an_empty_cell_keeps_what_is_stored(staff_client, country):
    member = OrganisationFactory(
        name="Liga",
        slug="liga",
        country=country("PR"),
        individual_members=50_000_000,
        cooperatives=120,
        website="https://liga.example",
    )
    content = csv_file(
        [
            ["slug", "name", "country", "cooperatives", "individual_members", "website"],
            ["liga", "Liga", "PR", "130", "", ""],
        ]
    )
    shown = preview(staff_client, content)
    html = shown.content.decode()
    assert "Empty cells leave what is stored as it is." in html
    assert "<del>120</del> → <ins>130</ins>" in html
    assert "individual_members" not in html.split("Preview")[-1]  # not a change
    assert confirm(staff_client, shown).status_code == 302
    member.refresh_from_db()
    assert member.cooperatives == 130
    assert member.individual_members == 50_000_000 and member.website == "https://liga.example"


def test_empty_cells_clear_what_is_stored_when_the_secretariat_says_so(staff_client, country):
    member = OrganisationFactory(
        name="Liga", slug="liga", country=country("PR"), individual_members=50_000_000
    )
    content = csv_file(
        [["slug", "name", "country", "individual_members"], ["liga", "Liga", "PR", ""]]
    )
    shown = preview(staff_client, content, clear_blank_cells="on")
    html = shown.content.decode()
    assert "Empty cells clear what is stored." in html
    assert "<del>50000000</del> → <ins>—</ins>" in html
    assert confirm(staff_client, shown).status_code == 302
    member.refresh_from_db()
    assert member.individual_members is None


def test_a_file_without_a_slug_column_matches_by_name_and_country(staff_client, country):
    andina = OrganisationFactory(
        name="Cooperativa Andina", slug="cooperativa-andina", country=country("BO")
    )
    content = csv_file(
        [
            ["name", "country", "status", "website"],
            ["Cooperativa Andina", "Bolivia", "current", "https://andina.example"],
            ["Cooperativa Andina", "Peru", "current", ""],
            ["Cooperativa Andina", "Ecuador", "current", ""],
        ]
    )
    shown = preview(staff_client, content)
    html = shown.content.decode()
    assert "import_id_fields" not in html and "Confirm import" in html
    assert confirm(staff_client, shown).status_code == 302
    andina.refresh_from_db()
    assert andina.website == "https://andina.example"
    # The same name in other countries: new members, each with an address of its own.
    assert set(Organisation.objects.values_list("slug", "country__code")) == {
        (andina.slug, "BO"),
        (f"{andina.slug}-pe", "PE"),
        (f"{andina.slug}-ec", "EC"),
    }


def test_the_preview_shows_each_row_s_changes_and_no_export_only_column(
    client, staff_client, country
):
    OrganisationFactory(name="Liga", slug="liga", country=country("PR"), individual_members=356_000)
    exported = b"".join(client.get("/members/export.csv").streaming_content).decode()[1:]
    edited = exported.replace("356000", "35000")
    added = edited.rstrip("\r\n") + "\r\n,New Union,,,Belgium,,,current,,,,,,,,,,\r\n"
    html = preview(staff_client, added.encode()).content.decode()
    listing = html.split("<h2>Preview</h2>")[1]
    assert listing.count('<li class="import-') == 2  # one entry a row
    assert "<dt>individual_members</dt>" in listing
    assert "<del>356000</del> → <ins>35000</ins>" in listing  # whole values, never "35 6 000"
    shown_columns = set(re.findall(r"<dt>([^<]+)</dt>", listing))
    assert shown_columns == {"individual_members", "slug", "name", "country", "status"}
    assert "<dt>name</dt>" not in listing.split("New member")[0]  # unchanged on Liga
    assert "New member" in listing and "<dd>New Union</dd>" in listing


def test_refused_rows_say_which_column_and_why_in_words(staff_client):
    content = csv_file(
        [
            ["name", "country", "status"],
            ["Good Union", "BE", "current"],
            ["Nowhere Union", "Atlantis", "current"],
            ["Odd Union", "FR", "sleeping"],
        ]
    )
    html = preview(staff_client, content).content.decode()
    assert "Rows refused" in html and "validation-error-count" not in html
    assert "Column “country”: “Atlantis” is not a country we know." in html
    assert "Column “status”: Value &#x27;sleeping&#x27; is not a valid choice." in html
    assert "Traceback" not in html


def test_the_upload_waits_in_the_shared_cache_until_confirmed(staff_client):
    content = csv_file([["name", "country"], ["Andean Union", "BO"]])
    shown = preview(staff_client, content)
    name = re.search(r'name="import_file_name" value="([^"]+)"', shown.content.decode()).group(1)
    key = f"{CacheStorage.CACHE_PREFIX}{name}"
    assert cache.get(key) == content  # where every app server reads it
    assert confirm(staff_client, shown).status_code == 302
    assert cache.get(key) is None  # removed once confirmed (else it lapses after a day)
