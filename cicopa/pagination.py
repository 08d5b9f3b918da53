"""Pages of a list too long to count on every request."""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator

# Far beyond any real list; a larger number would overflow the database's OFFSET.
MAX_PAGE = 1_000_000


class UncountedPaginator(Paginator):
    """Newer and older pages without a total: counting the whole news archive cost each
    request more than showing the page (20,000 items). A page reads one item more than it shows,
    to know whether another page follows; `count` and `num_pages` are None, and a page past the
    end is empty (a 404 in ListView)."""

    def validate_number(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from error
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if number > MAX_PAGE:
            raise EmptyPage(self.error_messages["no_results"])
        return number

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and (number > 1 or not self.allow_empty_first_page):
            raise EmptyPage(self.error_messages["no_results"])
        return UncountedPage(rows[: self.per_page], number, self, more=len(rows) > self.per_page)

    count = num_pages = None  # not counted


class UncountedPage(Page):
    def __init__(self, object_list, number, paginator, more):
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self):
        return self.more

    def __repr__(self):
        return f"<Page {self.number}>"


class KeysFirstPaginator(Paginator):
    """Deep pages of a sorted queryset found by their primary keys first, then read whole: to
    reach one the database otherwise sorts every column of every row before skipping them
    (bench/RESULTS.md, notes, has what it saves). Pages within the first thousand rows, where
    the subquery saves nothing (PostgreSQL keeps just the top rows as it sorts), are read as
    usual."""

    SHALLOW = 1000  # rows

    def page(self, number):
        page = super().page(number)
        if page.start_index() > self.SHALLOW:
            keys = page.object_list.values("pk")  # still sorted and sliced: a subquery
            page.object_list = self.object_list.filter(pk__in=keys)
        return page
