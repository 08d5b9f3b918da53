"""The article the site began with: "The CICOPA network is growing!" (13 January 2017)."""

import datetime
from zoneinfo import ZoneInfo

from members.models import Organisation

from .models import NewsItem

ARTICLE = {
    "title_en": "The CICOPA network is growing!",
    "slug": "the-cicopa-network-is-growing",
    "published_at": datetime.datetime(2017, 1, 13, 12, 0, tzinfo=ZoneInfo("Europe/Brussels")),
    "status": NewsItem.Status.PUBLISHED,
    "summary_en": (
        "In the last year, 3 new members from around the world have joined our network, allowing "
        "us to increase our representation in the Asia – Pacific regions and in America. To "
        "nowadays, CICOPA affiliates 46 organizations in 30 countries."
    ),
    "body_en": """\
<p>In the last year, 3 new members from around the world have joined our network, allowing us to \
increase our representation in the Asia – Pacific regions and in America. To nowadays, CICOPA \
affiliates 46 organizations in 30 countries.</p>
<p>Here it is a short insight of the member who joined us in the last year:</p>
<h2>Vietnam Cooperative Alliance (VCA)</h2>
<p>The Vietnam Cooperative Alliance (VCA), is a national organization, representing and \
protecting the rights and interests of cooperative members through activities such as training, \
consulting and supporting to push up and develop the cooperative movement in Vietnam. As of 2015, \
there are 18,024 cooperatives with 7,386,572 members, in which there are 1,424 trading and service \
cooperatives, 846 construction and material production cooperatives, 2,187 industrial and \
handicraft cooperatives, 963 transportation cooperatives and 332 environment cooperatives, among \
others.</p>
<p>Member of the ICA since 1961, the Vietnam Cooperative Alliance has been developing \
collaborative relations with domestic and international organizations, including CICOPA, to share \
information, exchange and learn experiences contributing to the development of the cooperative \
movement.</p>
<h2>Bolivian Cooperative of cement, industry and services (COBOCE)</h2>
<p>The Bolivian Cooperative of cement, industry and services (COBOCE), has joined CICOPA one year \
after its affiliation to the ICA in 2015.</p>
<p>COBOCE is the main industrial cooperative of Bolivia and an example and support to the growth \
of the socio economic cooperative model in the region. It was founded to bring together the \
different social strata of the country surrounding the project, so that the population savings \
was invested in the industrial sector, becoming the only industrial cooperative in the hands of \
Bolivians to boost the development of the country. Among its mission, we recall here the \
generation of decent and qualified work opportunities and the promotion of a cooperative economic \
development model.</p>
<h2>Liga de Cooperativas de Puerto Rico (LIGACOOP)</h2>
<p>The most recent adoption, the Liga de Cooperativas de Puerto Rico (LIGACOOP) through its \
integration agency and the National Commission of Cooperatives of Various Types represents \
cooperatives in industry and services in Puerto Rico. The general objective of the Commission is \
to foster the existence of an instance of participation that allows the cooperative leaders of the \
Diverse Types sector to plan and implement strategies aimed at integrating the cooperative \
movement. It also seeks at consolidating cooperatives that are part of the same sector and search \
for solutions to the common problems of cooperatives in industry and services organized under the \
"General Law of Cooperative Societies of Puerto Rico of 2004", providing the cooperative sector in \
general with a legal framework for organization, operation and regulation of cooperatives.</p>
""",
}
ABOUT = ["VCA", "COBOCE", "LIGACOOP"]


def load():
    """Create the article in a database that has no news yet; else do nothing."""
    if NewsItem.objects.exists():
        return None
    item = NewsItem(**ARTICLE)
    item.full_clean()
    item.save()
    item.organisations.set(Organisation.objects.filter(acronym__in=ABOUT))
    return item
