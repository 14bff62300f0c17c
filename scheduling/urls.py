from django.urls import path

from scheduling.views import cases, providers

app_name = "scheduling"

urlpatterns = [
    path("providers/", providers.provider_list_view, name="provider-list"),
    path("providers/<int:pk>/", providers.provider_detail_view, name="provider-detail"),
    path("cases/<int:intake_id>/providers/", cases.case_providers, name="case-providers"),
]
