from django.urls import path

from patients.views import dashboard, pages, review, steps, suggest

app_name = "patients"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("start/", dashboard.start, name="start"),
    path("<int:pk>/step/<slug:slug>/", steps.step, name="step"),
    path("<int:pk>/review/", review.review, name="review"),
    path("<int:pk>/submit/", review.submit, name="submit"),
    path("<int:pk>/sent/", pages.confirmation, name="confirmation"),
    path("<int:pk>/", pages.intake_detail, name="intake-detail"),
    path("medications/suggest/", suggest.medication_suggest, name="medication-suggest"),
]
