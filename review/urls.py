from django.urls import path

from review.views import queue
from review.views.case_placeholder import case_placeholder

app_name = "review"

urlpatterns = [
    path("", queue.queue, name="queue"),
    path("<int:intake_id>/claim/", queue.claim, name="claim"),
    path("<int:intake_id>/release/", queue.release, name="release"),
    # Replaced by the real case page when it is merged.
    path("<int:intake_id>/", case_placeholder, name="case"),
]
