from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from accounts.access import public
from clinic.health import healthz

urlpatterns = [
    path("", public(RedirectView.as_view(pattern_name="accounts:home", permanent=False)), name="root"),
    path("accounts/", include("accounts.urls")),
    path("intake/", include("patients.urls")),
    path("screening/", include("screening.urls")),
    path("review/", include("review.urls")),
    path("audit/", include("audit.urls")),
    path("scheduling/", include("scheduling.urls")),
    path("scheduling/", include("scheduling.urls_booking")),
    path("django-admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]

handler403 = "clinic.views.permission_denied"
handler404 = "clinic.views.page_not_found"
handler500 = "clinic.views.server_error"
