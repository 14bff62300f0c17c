import pytest
from django.contrib.auth.models import Group
from django.test import Client

from accounts.models import User
from screening import services
from screening.models import ClinicSettings, MedicationName, ScreeningFlag
from tests.factories import IntakeFactory, UserFactory
from tests.screening.documents import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinic_admin() -> Client:
    """Signed in as an admin the way the clinic sets one up: staff, in the admin group, not superuser."""
    admin = UserFactory(role="admin", is_staff=True)
    admin.groups.add(Group.objects.get(name="admin"))
    client = Client()
    client.force_login(admin)
    return client


def test_an_admin_adding_a_medication_name_changes_what_the_matcher_recognises(
    clinic_admin: Client,
) -> None:
    assert services.get_matcher().match("Frobnicol 5 mg").recognized is False
    response = clinic_admin.post(
        "/django-admin/screening/medicationname/add/",
        {"name": "Frobnicol", "generic": "frobnicolam", "classes": "benzodiazepine", "evidence": "U",
         "is_active": "on"},
    )
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
        "alert_ack_minutes": "10",
        "on_call": [clinician.pk],
    })
    assert response.status_code == 302
    assert services.get_crisis_text() == "Call or text 988 any time. In an emergency call 911."
    assert list(ClinicSettings.objects.get().on_call.all()) == [clinician]


def test_clinic_settings_cannot_be_added_twice_or_deleted(clinic_admin: Client) -> None:
    row = ClinicSettings.objects.get()
    assert clinic_admin.get("/django-admin/screening/clinicsettings/add/").status_code == 403
    assert clinic_admin.get(f"/django-admin/screening/clinicsettings/{row.pk}/delete/").status_code == 403


def test_only_clinicians_can_be_put_on_call(clinic_admin: Client) -> None:
    patient = UserFactory(role="patient")
    row = ClinicSettings.objects.get()
    response = clinic_admin.post(f"/django-admin/screening/clinicsettings/{row.pk}/change/", {
        "crisis_text": row.crisis_text, "alert_ack_minutes": "15", "on_call": [patient.pk],
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


def test_not_even_a_superuser_reads_flags_or_their_evidence_in_the_admin() -> None:
    # `createsuperuser` makes an admin-role account with every permission; flags are health information.
    document = make_document(medications=[{"name": "Xanax", "dose": "1 mg", "frequency": "daily"}])
    result = services.screen_intake(intake=IntakeFactory(document=document), reason="submitted")
    flag = ScreeningFlag.objects.get(result=result)
    client = Client()
    client.force_login(User.objects.create_superuser("root@clinic.test", "a-long-password-2026"))
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
