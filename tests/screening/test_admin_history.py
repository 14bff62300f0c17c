"""Changes to clinic settings and the medication dictionary keep a history naming the admin who made them."""

import re

import pytest
from django.forms.models import model_to_dict
from django.test import Client

from screening.models import ClinicSettings, MedicationName
from tests.factories import UserFactory
from tests.screening.test_admin import FROBNICOL
from tests.second_factor import force_login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada() -> object:
    return UserFactory(role="admin", email="ada@clinic.test")


@pytest.fixture
def client(ada: object) -> Client:
    client = Client()
    force_login_verified(client, ada)
    return client


def history_table(client: Client, url: str) -> str:
    html = client.get(url).content.decode()
    start = html.index('id="change-history"')
    return html[start : html.index("</table>", start)]


def test_changing_clinic_settings_records_the_admin_and_the_old_and_new_values(
    client: Client, ada: object
) -> None:
    casey = UserFactory(role="clinician", email="casey@clinic.test")
    row = ClinicSettings.objects.get()
    form = {key: value for key, value in model_to_dict(row).items() if value is not None}
    response = client.post(f"/django-admin/screening/clinicsettings/{row.pk}/change/", {
        **form, "alert_ack_minutes": "10", "on_call": [casey.pk],
    })
    assert response.status_code == 302
    latest = row.history.latest()
    assert (latest.history_user, latest.alert_ack_minutes) == (ada, 10)
    assert [entry.user for entry in latest.on_call.all()] == [casey]
    table = history_table(client, f"/django-admin/screening/clinicsettings/{row.pk}/history/")
    assert "ada@clinic.test" in table
    assert re.search(r"15\s*&nbsp;&rarr;&nbsp;&nbsp;10", table)  # the version kept when the history began


def test_the_history_starts_with_what_the_settings_and_dictionary_held_when_it_began() -> None:
    settings_row, name = ClinicSettings.objects.get(), MedicationName.objects.first()
    for first in (settings_row.history.earliest(), name.history.get()):
        assert (first.history_type, first.history_user) == ("+", None)
        assert first.history_change_reason == "As it was when the change history began"


def test_adding_and_editing_a_medication_name_records_who_did_it(client: Client, ada: object) -> None:
    assert client.post("/django-admin/screening/medicationname/add/", FROBNICOL).status_code == 302
    name = MedicationName.objects.get(name="frobnicol")
    client.post(f"/django-admin/screening/medicationname/{name.pk}/change/", {**FROBNICOL, "evidence": "V"})
    assert [(entry.history_type, entry.evidence, entry.history_user) for entry in name.history.all()] == [
        ("~", "V", ada), ("+", "U", ada)
    ]


def test_switching_names_off_in_bulk_records_one_change_per_name(client: Client, ada: object) -> None:
    names = list(MedicationName.objects.filter(name__in=["xanax", "klonopin"]))
    client.post("/django-admin/screening/medicationname/", {
        "action": "deactivate", "_selected_action": [name.pk for name in names],
    })
    for name in names:
        latest = name.history.latest()
        assert (latest.is_active, latest.history_user, latest.history_type) == (False, ada, "~")
    table = history_table(client, f"/django-admin/screening/medicationname/{names[0].pk}/history/")
    assert "ada@clinic.test" in table
