"""The bench's own floor: a trivial view and a one-INSERT view, in a URL configuration of their own.

bench/pages.py serves the product's URLs plus these two, so every page is measured through the same
middleware as the floor it is divided by. None of this is part of the product.
"""

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from accounts.access import public
from clinic.urls import urlpatterns as product_urlpatterns

FLOOR_TABLE = "bench_floor_row"


def create_floor_table() -> None:
    """The table the one-INSERT view writes to (created by the bench, never by a migration)."""
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {FLOOR_TABLE} (id bigserial PRIMARY KEY, at timestamptz)")


@public
def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


@public
@csrf_exempt
def one_insert(request: HttpRequest) -> HttpResponse:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {FLOOR_TABLE} (at) VALUES (now())")
    return HttpResponse("ok")


urlpatterns = [
    *product_urlpatterns,
    path("bench/trivial/", trivial, name="bench-trivial"),
    path("bench/one-insert/", one_insert, name="bench-one-insert"),
]
handler403 = "clinic.views.permission_denied"
handler404 = "clinic.views.page_not_found"
handler500 = "clinic.views.server_error"
