"""gunicorn entry point of the load test: the product's URLs plus the bench's floor views (bench/floor.py).

    gunicorn bench.floor_wsgi --config gunicorn.conf.py

The floor is served by the same server, middleware and workers as every page, so a page's time over
HTTP can be divided by the trivial view's (GET) and the one-INSERT view's (POST), as issue 12 measured.
Never used in production: clinic.wsgi serves the product alone.
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")
application = get_wsgi_application()
settings.ROOT_URLCONF = "bench.floor"  # before the first request, so the resolver is built on it
