"""The crisis alert page writes one access-log line each time it shows a patient's details, and only then."""

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AccessRecord
from tests.factories import UserFactory
from tests.screening.test_views import client_for, draft_alert, urgent_alert

pytestmark = pytest.mark.django_db


def test_each_time_a_clinician_opens_an_alert_exactly_one_line_is_added() -> None:
    alert = urgent_alert()
    clinician = UserFactory(role="clinician", first_name="Casey", last_name="Carer")
    client = client_for(clinician)
    url = reverse("screening:alert-detail", args=[alert.pk])

    assert client.get(url, REMOTE_ADDR="198.51.100.7").status_code == 200
    record = AccessRecord.objects.get()
    assert (record.staff, record.staff_role, record.patient) == (clinician, "clinician", alert.intake.patient)
    assert (record.action, record.path, record.ip_address) == ("screening:alert-detail", url, "198.51.100.7")

    client.get(url)
    assert AccessRecord.objects.count() == 2


def test_a_draft_alert_shown_to_a_clinician_is_logged_against_its_patient(clinician_client: Client) -> None:
    alert = draft_alert()
    clinician_client.get(reverse("screening:alert-detail", args=[alert.pk]))
    assert list(AccessRecord.objects.values_list("patient", flat=True)) == [alert.intake.patient_id]


def test_an_admin_opening_an_alert_sees_no_patient_details_and_writes_no_line(admin_client: Client) -> None:
    alert = urgent_alert()
    response = admin_client.get(reverse("screening:alert-detail", args=[alert.pk]))
    assert "Patient details are shown to clinicians only." in response.content.decode()
    assert not AccessRecord.objects.exists()


def test_a_missing_alert_writes_no_line(clinician_client: Client) -> None:
    assert clinician_client.get(reverse("screening:alert-detail", args=[999])).status_code == 404
    assert not AccessRecord.objects.exists()
