"""The three pages, in English, saying only what the article the site began with ("The CICOPA
network is growing!", 13 January 2017) and its footer state; the secretariat edits and
translates them. The Secretariat group may change them."""

from django.db import migrations

from members.secretariat import grant_secretariat

ADDRESS = (
    "<p>CICOPA secretariat<br>c/o European Cooperative House<br>avenue Milcamps 105<br>"
    "1030 Brussels, Belgium</p>"
    "<p>Telephone: +32 2 543 1033<br>Fax: +32 2 543 1037</p>"
)

PAGES = [
    (
        "about",
        "About CICOPA",
        "CICOPA, the International Organisation of Industrial and Service Cooperatives, "
        "brings together federations of cooperatives in industry and services.",
        "<p>CICOPA is the International Organisation of Industrial, Artisanal and Service "
        "Producers' Cooperatives. Its members are organisations that represent cooperatives in "
        "industry and services, such as the Vietnam Cooperative Alliance, the Bolivian "
        "Cooperative of cement, industry and services (COBOCE) and the Liga de Cooperativas de "
        "Puerto Rico (LIGACOOP), who joined in 2016.</p>"
        "<p>In January 2017, CICOPA affiliated 46 organisations in 30 countries.</p>"
        "<p>Its secretariat is in Brussels, at the European Cooperative House.</p>",
    ),
    (
        "contact",
        "Contact",
        "How to reach CICOPA's secretariat in Brussels.",
        ADDRESS,
    ),
    (
        "join",
        "Become a member",
        "Organisations that represent cooperatives in industry and services may join CICOPA.",
        "<p>CICOPA's members are organisations that represent cooperatives in industry and "
        "services, from around the world. To ask about membership, write to the "
        "secretariat:</p>" + ADDRESS,
    ),
]


def ship(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    for kind, title, summary, body in PAGES:
        Page.objects.get_or_create(
            kind=kind, defaults={"title_en": title, "summary_en": summary, "body_en": body}
        )
    grant_secretariat(apps, "pages", ["page"])


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial"), ("members", "0003_secretariat_group")]

    operations = [migrations.RunPython(ship, migrations.RunPython.noop)]
