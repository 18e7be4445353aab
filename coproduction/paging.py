from django.core.paginator import Paginator

PER_PAGE = 50


class _KnownTotalPaginator(Paginator):
    """Given its total by the caller (a kept figure, perhaps a minute old): each page is
    sliced by the page size alone, so the last one still shows everyone there is now."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom:bottom + self.per_page], number, self)


def paginate(request, items, per_page: int = PER_PAGE, *, count: int | None = None):
    """The page of `items` the request asks for (?page=N); a bad number gives the nearest page.
    `count`, when the caller already knows about how many there are (a kept total), saves
    counting them all again."""
    if count is None:
        return Paginator(items, per_page).get_page(request.GET.get("page"))
    paginator = _KnownTotalPaginator(items, per_page)
    paginator.count = count  # Paginator.count is a cached property: this is its value
    return paginator.get_page(request.GET.get("page"))
