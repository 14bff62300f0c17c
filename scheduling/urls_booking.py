"""Booking and consultation pages (namespace "booking"), beside scheduling.urls under /scheduling/."""

from django.urls import path

from scheduling.views import booking, consultations_patient, consultations_staff

app_name = "booking"

urlpatterns = [
    path("cases/<int:intake_id>/book/", booking.book_case, name="book-case"),
    path("my/book/", booking.book_own, name="book-own"),
    path("my/consultations/<int:pk>/calendar.ics", consultations_patient.calendar_file, name="my-calendar"),
    path("my/consultations/<int:pk>/cancel/", consultations_patient.cancel_own, name="my-cancel"),
    path("my/consultations/<int:pk>/move/", consultations_patient.move_own, name="my-move"),
    path("consultations/", consultations_staff.consultation_list, name="consultations"),
    path("consultations/<int:pk>/", consultations_staff.consultation_detail, name="consultation"),
    path(
        "consultations/<int:pk>/cancel/", consultations_staff.consultation_cancel, name="consultation-cancel"
    ),
    path("consultations/<int:pk>/close/", consultations_staff.consultation_close, name="consultation-close"),
    path("consultations/<int:pk>/move/", consultations_staff.consultation_move, name="consultation-move"),
]
