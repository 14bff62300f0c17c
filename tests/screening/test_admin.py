import logging
from collections.abc import Callable, Iterator

import pytest
from celery import Celery
from django.contrib.auth.models import Group
from django.test import Client

from accounts.models import User
from screening import services, tasks
from screening.models import ClinicSettings, CrisisAlert, MedicationName, ScreeningFlag
from tests.factories import IntakeFactory, UserFactory
from tests.faults import celery_publishing_to
from tests.outbox.test_outage import closed_port
from tests.screening.documents import make_document
from tests.second_factor import force_login_verified

pytestmark = pytest.mark.django_db
RESCREEN_MESSAGE = "Open cases will be screened again with the updated dictionary."
FROBNICOL = {"name": "Frobnicol", "generic": "frobnicolam", "classes": "benzodiazepine", "evidence": "U",
             "is_active": "on"}


@pytest.fixture
def clinic_admin() -> Client:
    """Signed in as an admin the way the clinic sets one up: staff, in the admin group, not superuser."""
    admin = UserFactory(role="admin", is_staff=True)
    admin.groups.add(Group.objects.get(name="admin"))
    client = Client()
    force_login_verified(client, admin)
    return client


def test_an_admin_adding_a_medication_name_changes_what_the_matcher_recognises(
    clinic_admin: Client,
) -> None:
    assert services.get_matcher().match("Frobnicol 5 mg").recognized is False
    response = clinic_admin.post("/django-admin/screening/medicationname/add/", FROBNICOL)
    assert response.status_code == 302
    match = services.get_matcher().match("Frobnicol 5 mg")
    assert (match.keys, match.classes) == (("frobnicol",), {"BENZODIAZEPINE"})
    typed = {"name": "frobnicol 5 mg", "dose": "", "frequency": ""}
    flagged = services.screen_document(make_document(medications=[typed]))
    assert flagged.codes == ("MED_BENZODIAZEPINE",)


def test_the_admin_edits_the_single_clinic_settings_row(clinic_admin: Client) -> None:
    clinician = UserFactory(role="clinician", email="on.call@clinic.test")
    row = ClinicSettings.objects.get()
    url = f"/django-admin/screening/clinicsettings/{row.pk}/change/"
    response = clinic_admin.post(url, {
        "crisis_text": "Call or text 988 any time. In an emergency call 911.",
        "bp_warning_text": "Very high. With chest pain call 911.",
        "alert_ack_minutes": "10",
        "on_call": [clinician.pk],
        "clinic_phone": "(555) 010-0123",
        "clinic_hours": "Monday to Saturday, 8 AM to 8 PM",
        "review_working_days": "3",
    })
    assert response.status_code == 302
    assert services.get_crisis_text() == "Call or text 988 any time. In an emergency call 911."
    assert services.get_bp_warning_text() == "Very high. With chest pain call 911."
    saved = ClinicSettings.objects.get()
    assert list(saved.on_call.all()) == [clinician]
    assert (saved.clinic_phone, saved.clinic_hours, saved.review_working_days) == (
        "(555) 010-0123", "Monday to Saturday, 8 AM to 8 PM", 3
    )


def test_the_clinic_contact_settings_start_with_defaults_and_refuse_a_review_time_of_zero(
    clinic_admin: Client,
) -> None:
    row = ClinicSettings.objects.get()
    assert (row.clinic_phone, row.clinic_hours, row.review_working_days) == (
        "", "Monday to Friday, 9 AM to 5 PM", 2
    )
    url = f"/django-admin/screening/clinicsettings/{row.pk}/change/"
    page = clinic_admin.get(url).content.decode()
    assert "Clinic phone number" in page and "Working days to review an intake" in page
    response = clinic_admin.post(url, {"crisis_text": row.crisis_text, "bp_warning_text": row.bp_warning_text,
                                       "alert_ack_minutes": "15", "clinic_hours": "Any time",
                                       "review_working_days": "0"})
    assert response.status_code == 200 and ClinicSettings.objects.get().review_working_days == 2


def test_clinic_settings_cannot_be_added_twice_or_deleted(clinic_admin: Client) -> None:
    row = ClinicSettings.objects.get()
    assert clinic_admin.get("/django-admin/screening/clinicsettings/add/").status_code == 403
    assert clinic_admin.get(f"/django-admin/screening/clinicsettings/{row.pk}/delete/").status_code == 403


def test_only_clinicians_can_be_put_on_call(clinic_admin: Client) -> None:
    patient = UserFactory(role="patient")
    row = ClinicSettings.objects.get()
    response = clinic_admin.post(f"/django-admin/screening/clinicsettings/{row.pk}/change/", {
        "crisis_text": row.crisis_text, "bp_warning_text": row.bp_warning_text, "alert_ack_minutes": "15",
        "on_call": [patient.pk],
    })
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_the_dictionary_can_be_searched_and_a_bad_class_is_explained(clinic_admin: Client) -> None:
    html = clinic_admin.get("/django-admin/screening/medicationname/?q=alprazolam").content.decode()
    assert "xanax xr" in html and "klonopin" not in html
    response = clinic_admin.post("/django-admin/screening/medicationname/add/", {
        "name": "Frobnicol", "generic": "frobnicolam", "classes": "SEDATIVE", "evidence": "U",
        "is_active": "on",
    })
    assert "Unknown class SEDATIVE" in response.content.decode()
    assert not MedicationName.objects.filter(name="frobnicol").exists()


def test_deactivating_names_in_bulk_takes_them_out_of_screening(clinic_admin: Client) -> None:
    xanax = MedicationName.objects.get(name="xanax")
    assert services.get_matcher().match("xanax").recognized
    clinic_admin.post("/django-admin/screening/medicationname/", {
        "action": "deactivate", "_selected_action": [xanax.pk],
    })
    assert not services.get_matcher().match("xanax").recognized


def test_the_admin_role_cannot_read_screening_results(clinic_admin: Client) -> None:
    services.screen_intake(intake=IntakeFactory(), reason="submitted")
    assert clinic_admin.get("/django-admin/screening/screeningresult/").status_code == 404
    assert clinic_admin.get("/django-admin/screening/crisisalert/").status_code == 200


def test_a_crisis_alert_in_the_admin_does_not_name_the_screening_outcome(clinic_admin: Client) -> None:
    result = services.screen_intake(intake=IntakeFactory(), reason="submitted")
    alert = CrisisAlert.objects.create(intake=result.intake, result=result)
    page = clinic_admin.get(f"/django-admin/screening/crisisalert/{alert.pk}/change/").content.decode()
    assert f"Intake {result.intake_id}" in page and result.outcome not in page


def test_not_even_a_superuser_reads_flags_or_their_evidence_in_the_admin() -> None:
    # `createsuperuser` makes an admin-role account with every permission; flags are health information.
    document = make_document(medications=[{"name": "Xanax", "dose": "1 mg", "frequency": "daily"}])
    result = services.screen_intake(intake=IntakeFactory(document=document), reason="submitted")
    flag = ScreeningFlag.objects.get(result=result)
    client = Client()
    force_login_verified(client, User.objects.create_superuser("root@clinic.test", "a-long-password-2026"))
    index = client.get("/django-admin/").content.decode()
    assert "Screening results" not in index and "Screening flags" not in index
    for url in (
        "/django-admin/screening/screeningresult/",
        f"/django-admin/screening/screeningresult/{result.pk}/change/",
        "/django-admin/screening/screeningflag/",
        f"/django-admin/screening/screeningflag/{flag.pk}/change/",
        "/django-admin/screening/screeningchange/",
    ):
        response = client.get(url)
        assert response.status_code in (403, 404), url
        assert "xanax" not in response.content.decode().lower()


def screened_listing(name: str) -> object:
    medication = {"name": name, "dose": "", "frequency": ""}
    intake = IntakeFactory(document=make_document(medications=[medication]))
    services.screen_intake(intake=intake, reason="submitted")
    return intake


def current_codes(intake: object) -> list[str]:
    return [flag.code for flag in intake.screening_results.get(is_current=True).flags.all()]


@pytest.fixture
def broker_down(settings: object, monkeypatch: pytest.MonkeyPatch) -> Iterator[Celery]:
    """Make the current Celery app publish to a Redis that refuses connections."""
    dead = f"redis://127.0.0.1:{closed_port()}/0"
    with celery_publishing_to(dead, settings, monkeypatch, "clinic-broker-down") as down:
        yield down


def test_adding_a_name_in_the_admin_screens_open_cases_again_once_it_commits(
    clinic_admin: Client, django_capture_on_commit_callbacks: Callable
) -> None:
    intake = screened_listing("frobnicol 5 mg")
    with django_capture_on_commit_callbacks(execute=True):
        response = clinic_admin.post("/django-admin/screening/medicationname/add/", FROBNICOL, follow=True)
        assert current_codes(intake) == ["MED_UNRECOGNIZED"]
    assert RESCREEN_MESSAGE in response.content.decode()
    assert current_codes(intake) == ["MED_BENZODIAZEPINE"]
    assert intake.screening_results.get(is_current=True).reason == "dictionary_changed"


def test_deactivating_a_name_in_the_admin_screens_open_cases_again(
    clinic_admin: Client, django_capture_on_commit_callbacks: Callable
) -> None:
    intake = screened_listing("xanax")
    xanax = MedicationName.objects.get(name="xanax")
    with django_capture_on_commit_callbacks(execute=True):
        response = clinic_admin.post("/django-admin/screening/medicationname/", {
            "action": "deactivate", "_selected_action": [xanax.pk],
        }, follow=True)
    assert RESCREEN_MESSAGE in response.content.decode()
    assert current_codes(intake) == ["MED_UNRECOGNIZED"]


def test_a_superuser_deleting_a_name_screens_open_cases_again(
    django_capture_on_commit_callbacks: Callable,
) -> None:
    # The clinic's admin group deactivates names instead; only a superuser may delete one.
    intake = screened_listing("xanax")
    xanax = MedicationName.objects.get(name="xanax")
    client = Client()
    force_login_verified(client, User.objects.create_superuser("root@clinic.test", "a-long-password-2026"))
    url = f"/django-admin/screening/medicationname/{xanax.pk}/delete/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"post": "yes"}, follow=True)
    assert RESCREEN_MESSAGE in response.content.decode()
    assert current_codes(intake) == ["MED_UNRECOGNIZED"]


def test_while_the_broker_is_down_the_edit_saves_and_the_next_run_catches_up(
    clinic_admin: Client, broker_down: Celery, django_capture_on_commit_callbacks: Callable,
    caplog: pytest.LogCaptureFixture,
) -> None:
    intake = screened_listing("frobnicol")
    with (
        caplog.at_level(logging.WARNING, logger="screening.services.dictionary"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = clinic_admin.post("/django-admin/screening/medicationname/add/", FROBNICOL)
    assert response.status_code == 302
    assert "could not queue the re-screening" in caplog.text
    assert current_codes(intake) == ["MED_UNRECOGNIZED"]
    assert tasks.rescreen_outdated() == 1
    assert current_codes(intake) == ["MED_BENZODIAZEPINE"]
