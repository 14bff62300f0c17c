from django.urls import path

from review.views import case, case_alerts, case_decisions, case_flags, queue

app_name = "review"

urlpatterns = [
    path("", queue.queue, name="queue"),
    path("<int:intake_id>/claim/", queue.claim, name="claim"),
    path("<int:intake_id>/release/", queue.release, name="release"),
    path("<int:intake_id>/", case.case, name="case"),
    path("<int:intake_id>/flags/<int:flag_id>/acknowledge/", case_flags.acknowledge, name="flag-acknowledge"),
    path("<int:intake_id>/flags/<int:flag_id>/override/", case_flags.override, name="flag-override"),
    path("<int:intake_id>/flags/<int:flag_id>/cosign/", case_flags.cosign, name="flag-cosign"),
    path("<int:intake_id>/alerts/<int:alert_id>/disposition/", case_alerts.alert_disposition,
         name="alert-disposition"),
    path("<int:intake_id>/clear/", case_decisions.clear, name="case-clear"),
    path("<int:intake_id>/decline/", case_decisions.decline, name="case-decline"),
    path("<int:intake_id>/request-info/", case_decisions.request_info, name="case-request-info"),
]
