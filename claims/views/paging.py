"""Page numbers for the browser lists; claim lists count a bounded number of rows.

A full COUNT(*) reads every matching row (300,000 red-line claims at a million claims); the
claim lists instead count at most ``ahead`` rows from the start of the requested page and say
"1,000+" when there are more, so the cost of a page does not grow with the table.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import cached_property

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


class CappedPaginator(Paginator):
    """Counts at most ``ahead`` rows past the start of page ``number``.

    When more rows follow, ``more`` is true, ``count`` is one past the counted rows (so the
    last counted page has a "next" link) and ``count_label`` reads "N+"; asking for a later
    page counts further from there.
    """

    def __init__(
        self, object_list: Any, per_page: int, number: int, ahead: int, known: int | None = None
    ) -> None:
        super().__init__(object_list, per_page)
        self.limit = (number - 1) * per_page + max(ahead, per_page)
        self.known = known

    @cached_property
    def count(self) -> int:
        if self.known is not None:
            return min(self.known, self.limit + 1)
        rows = self.object_list
        if isinstance(rows, QuerySet):
            # COUNT over a LIMITed subquery: the scan stops after limit + 1 rows.
            return int(rows.order_by().values("pk")[: self.limit + 1].count())
        return min(len(rows), self.limit + 1)

    @property
    def more(self) -> bool:
        """True when rows past the counted ones exist."""
        return self.count > self.limit

    @property
    def pages_label(self) -> str:
        """The number of pages as shown: "12" or, when not counted to the end, "40+"."""
        return f"{-(-self.limit // self.per_page)}+" if self.more else str(self.num_pages)

    @property
    def count_label(self) -> str:
        """The count as shown: "1,234" or, when not counted to the end, "1,000+"."""
        return f"{self.limit:,}+" if self.more else f"{self.count:,}"


def page_size(request: HttpRequest) -> int:
    """The requested page size (``per``), 5–100."""
    try:
        per = int(request.GET.get("per", DEFAULT_PAGE_SIZE))
    except ValueError:
        per = DEFAULT_PAGE_SIZE
    return max(5, min(per, MAX_PAGE_SIZE))


def page_of(
    request: HttpRequest, items: Any, count_ahead: int | None = None, count: int | None = None
) -> Page:
    """The requested page (``page``) of ``items``; with ``count_ahead``, a bounded count (or
    ``count``, when the caller knows it)."""
    per = page_size(request)
    if count_ahead is None:
        return Paginator(items, per).get_page(request.GET.get("page"))
    raw = request.GET.get("page", "")
    number = int(raw) if raw.isdigit() and int(raw) > 0 else 1
    return CappedPaginator(items, per, number, count_ahead, count).get_page(number)
