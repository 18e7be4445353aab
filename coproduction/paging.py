from django.core.paginator import Paginator

PER_PAGE = 50


def paginate(request, items, per_page: int = PER_PAGE):
    """The page of `items` the request asks for (?page=N); a bad number gives the nearest page."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
