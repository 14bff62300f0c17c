"""The admin edits the review settings and sees nothing else of review: the rest is health information."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client

from review.config import get_review_settings, review_target_working_days
from review.models import AlertDisposition, Claim, Decision, FlagDisposition, ReviewSettings
from screening.models import ClinicSettings
from tests.factories import UserFactory
from tests.second_factor import force_login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinic_admin() -> Client:
    user = UserFactory(role="admin", is_staff=True)
    user.groups.add(Group.objects.get(name="admin"))
    return force_login_verified(Client(), user)


def test_the_admin_edits_the_single_review_settings_row(clinic_admin: Client) -> None:
    row = ReviewSettings.objects.get()
    url = f"/django-admin/review/reviewsettings/{row.pk}/change/"
    assert clinic_admin.get(url).status_code == 200
    response = clinic_admin.post(url, {"claim_lapse_minutes": "30"})
    assert response.status_code == 302
    saved = get_review_settings()
    assert (saved.claim_lapse_minutes, saved.cosignature_required) == (30, False)


def test_the_review_target_is_the_clinic_setting_patients_are_told() -> None:
    ClinicSettings.objects.update(review_working_days=3)
    assert review_target_working_days() == 3


def test_settings_out_of_range_are_refused(clinic_admin: Client) -> None:
    row = ReviewSettings.objects.get()
    url = f"/django-admin/review/reviewsettings/{row.pk}/change/"
    response = clinic_admin.post(
        url, {"claim_lapse_minutes": "1", "cosignature_required": "on"}
    )
    assert response.status_code == 200
    assert ReviewSettings.objects.get().claim_lapse_minutes == 60


def test_review_settings_cannot_be_added_twice_or_deleted(clinic_admin: Client) -> None:
    row = ReviewSettings.objects.get()
    assert clinic_admin.get("/django-admin/review/reviewsettings/add/").status_code == 403
    assert clinic_admin.get(f"/django-admin/review/reviewsettings/{row.pk}/delete/").status_code == 403


def test_claims_dispositions_and_decisions_are_not_in_the_admin() -> None:
    for model in (Claim, FlagDisposition, AlertDisposition, Decision):
        assert not admin.site.is_registered(model)


def test_the_defaults_hold_when_no_settings_row_is_saved() -> None:
    ReviewSettings.objects.all().delete()
    defaults = get_review_settings()
    assert (defaults.claim_lapse_minutes, defaults.cosignature_required) == (
        60,
        True,
    )
