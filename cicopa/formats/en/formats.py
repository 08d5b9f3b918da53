# British English dates, as the secretariat writes them: 13 January 2017. French and Spanish
# keep Django's own formats (13 janvier 2017, 13 de enero de 2017).
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
