"""The content the site started from: the members announced in "The CICOPA network is growing!"
(13 January 2017). Only what that article states; a fact it does not give stays empty."""

from .models import Country, Organisation

ORGANISATIONS = [
    {
        "name": "Vietnam Cooperative Alliance",
        "acronym": "VCA",
        "slug": "vietnam-cooperative-alliance",
        "country": "VN",
        "ica_member_since": 1961,
        "cooperatives": 18024,
        "individual_members": 7386572,
        "figures_year": 2015,
        "description_en": (
            "The Vietnam Cooperative Alliance is a national organisation representing and "
            "protecting the rights and interests of cooperative members through activities such "
            "as training, consulting and support, to push up and develop the cooperative "
            "movement in Vietnam.\n\n"
            "As of 2015 there were 18,024 cooperatives with 7,386,572 members, among them 1,424 "
            "trading and service cooperatives, 846 construction and material production "
            "cooperatives, 2,187 industrial and handicraft cooperatives, 963 transportation "
            "cooperatives and 332 environment cooperatives.\n\n"
            "A member of the ICA since 1961, the Alliance develops collaborative relations with "
            "domestic and international organisations, including CICOPA, to share information "
            "and exchange experience for the development of the cooperative movement."
        ),
    },
    {
        # Its own name, as the directory keeps names; the article renders it in English.
        "name": "Cooperativa Boliviana de Cemento, Industrias y Servicios",
        "acronym": "COBOCE",
        "slug": "bolivian-cooperative-of-cement-industry-and-services",
        "country": "BO",
        "member_since": 2016,
        "ica_member_since": 2015,
        "description_en": (
            "COBOCE, the Bolivian Cooperative of Cement, Industry and Services, joined CICOPA one "
            "year after its affiliation to the ICA in 2015. It is the "
            "main industrial cooperative of Bolivia and an example and support to the growth of "
            "the socio-economic cooperative model in the region.\n\n"
            "It was founded to bring together the different social strata of the country around "
            "the project, so that the population's savings were invested in the industrial "
            "sector, becoming the only industrial cooperative in the hands of Bolivians to boost "
            "the development of the country. Its mission includes generating decent and "
            "qualified work opportunities and promoting a cooperative model of economic "
            "development."
        ),
    },
    {
        "name": "Liga de Cooperativas de Puerto Rico",
        "acronym": "LIGACOOP",
        "slug": "liga-de-cooperativas-de-puerto-rico",
        "country": "PR",
        "description_en": (
            "Through its integration agency and the National Commission of Cooperatives of "
            "Various Types, LIGACOOP represents cooperatives in industry and services in Puerto "
            "Rico.\n\n"
            "The Commission's general objective is to foster a forum in which the cooperative "
            "leaders of the Diverse Types sector plan and implement strategies to integrate the "
            "cooperative movement. It also seeks to consolidate the cooperatives of the sector and "
            "to find solutions to the common problems of cooperatives in industry and services "
            'organised under the "General Law of Cooperative Societies of Puerto Rico of 2004", '
            "which gives the cooperative sector a legal framework for organisation, operation "
            "and regulation."
        ),
    },
]


def load():
    """Create the article's members in a database that has no organisation; else do nothing."""
    if Organisation.objects.exists():
        return []
    countries = Country.objects.in_bulk(
        [entry["country"] for entry in ORGANISATIONS], field_name="code"
    )
    loaded = []
    for entry in ORGANISATIONS:
        organisation = Organisation(**{**entry, "country": countries[entry["country"]]})
        organisation.full_clean()
        organisation.save()
        loaded.append(organisation)
    return loaded
