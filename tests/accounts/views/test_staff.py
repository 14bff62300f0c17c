import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from accounts.models import SecondFactorReset, User
from outbox.models import Message
from tests.accounts.conftest import make_user, signed_in

pytestmark = pytest.mark.django_db
LIST = reverse("accounts:staff-list")
CREATE = reverse("accounts:staff-create")
NEW = {"first_name": "Nia", "last_name": "Newhire", "email": "nia@example.test", "role": "clinician"}


def test_the_staff_list_shows_staff_in_pages_of_25(clinic_admin_client: Client) -> None:
    for n in range(30):
        make_user("clinician", last_name=f"Clinician{n:02}")
    make_user("patient", last_name="Patientname")
    first = clinic_admin_client.get(LIST).content.decode()
    second = clinic_admin_client.get(LIST, {"page": 2}).content.decode()
    # Sorted by last name: Ada Admin, then Clinician00 to Clinician23 fill the first page.
    assert "Page 1 of 2" in first and "Clinician23" in first and "Clinician23" not in second
    assert "Clinician24" in second and "Clinician24" not in first
    assert "Patientname" not in first + second


def test_the_deactivated_tab_explains_when_it_is_empty(clinic_admin_client: Client) -> None:
    page = clinic_admin_client.get(LIST, {"status": "deactivated"}).content.decode()
    assert "No staff accounts have been deactivated." in page


def test_an_admin_adds_a_staff_member_who_is_emailed_an_invitation(clinic_admin_client: Client) -> None:
    page = clinic_admin_client.post(CREATE, NEW, follow=True).content.decode()
    assert "Account created for Nia Newhire (nia@example.test)" in page
    assert "nia@example.test" in page.split("<table", 1)[1]
    assert Message.objects.get(kind="staff-invitation").recipient == "nia@example.test"
    assert User.objects.get(email="nia@example.test").groups.get().name == "clinician"
    row = next(r for r in page.split("<tr")[1:] if "nia@example.test" in r)
    creator = User.objects.get(email="nia@example.test").created_by
    assert creator is not None and creator.email in row


def test_the_role_question_is_a_fieldset_with_a_legend(clinic_admin_client: Client) -> None:
    page = clinic_admin_client.get(CREATE).content.decode()
    assert "<fieldset" in page and "<legend" in page


def test_adding_a_staff_member_with_a_taken_address_explains_the_problem(clinic_admin_client: Client) -> None:
    make_user("patient", email="nia@example.test")
    page = clinic_admin_client.post(CREATE, NEW).content.decode()
    assert "There is a problem" in page and "An account with this email address already exists" in page
    assert not Message.objects.exists()


@pytest.mark.parametrize("role", ["patient", "clinician"])
def test_only_admins_can_add_staff(role: str) -> None:
    response = signed_in(make_user(role)).post(CREATE, NEW)
    assert response.status_code == 403
    assert not User.objects.filter(email="nia@example.test").exists()


def test_deactivation_asks_for_confirmation_then_stops_sign_in(clinic_admin_client: Client) -> None:
    member = make_user("clinician", first_name="Casey", last_name="Leaving", email="casey@example.test")
    url = reverse("accounts:staff-deactivate", args=[member.pk])
    assert "Deactivate Casey Leaving?" in clinic_admin_client.get(url).content.decode()
    member.refresh_from_db()
    assert member.is_active
    page = clinic_admin_client.post(url, follow=True).content.decode()
    assert "Casey Leaving can no longer sign in." in page
    login = Client().post(reverse("accounts:login"), {"username": "casey@example.test",
                                                     "password": "correct-horse-battery-9"})
    assert "Enter a correct email address and password" in login.content.decode()


def test_an_admin_cannot_deactivate_themself(clinic_admin: User, clinic_admin_client: Client) -> None:
    url = reverse("accounts:staff-deactivate", args=[clinic_admin.pk])
    page = clinic_admin_client.post(url, follow=True).content.decode()
    assert "You cannot deactivate your own account." in page
    clinic_admin.refresh_from_db()
    assert clinic_admin.is_active


def test_the_staff_pages_are_linked_from_the_admin_navigation(clinic_admin_client: Client) -> None:
    assert f'href="{LIST}"' in clinic_admin_client.get(LIST).content.decode()


def reset_url(member: User) -> str:
    return reverse("accounts:staff-two-factor-reset", args=[member.pk])


def with_app(user: User) -> User:
    TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    return user


def test_the_staff_list_shows_who_has_two_factor_and_links_to_a_reset(clinic_admin_client: Client) -> None:
    casey = with_app(make_user("clinician", first_name="Casey", last_name="Carer"))
    make_user("clinician", first_name="Nobody", last_name="Yet")
    page = clinic_admin_client.get(LIST).content.decode()
    rows = {name: row for row in page.split("<tr")[1:] for name in ("Carer", "Yet") if name in row}
    assert "<td>On</td>" in rows["Carer"] and reset_url(casey) in rows["Carer"]
    assert "<td>Not set up yet</td>" in rows["Yet"] and "two-factor-reset" not in rows["Yet"]


def test_an_admin_confirms_then_resets_a_clinicians_second_factor(
    clinic_admin: User, clinic_admin_client: Client
) -> None:
    casey = with_app(make_user("clinician", first_name="Casey", last_name="Carer"))
    confirm = clinic_admin_client.get(reset_url(casey)).content.decode()
    assert "Reset two-factor sign-in for Casey Carer?" in confirm and "<p>None.</p>" in confirm
    assert two_factor.has_second_factor(casey)
    page = clinic_admin_client.post(reset_url(casey), follow=True).content.decode()
    assert "Two-factor sign-in reset for Casey Carer. We have emailed them" in page
    assert not two_factor.has_second_factor(casey)
    record = SecondFactorReset.objects.get()
    assert (record.user, record.reset_by) == (casey, clinic_admin)
    assert Message.objects.get(kind="two-factor-reset").recipient == casey.email
    assert "by Ada Admin" in clinic_admin_client.get(reset_url(casey)).content.decode()


def test_an_admin_cannot_reset_their_own_second_factor_here(
    clinic_admin: User, clinic_admin_client: Client
) -> None:
    with_app(clinic_admin)
    assert "You cannot reset your own" in clinic_admin_client.get(reset_url(clinic_admin)).content.decode()
    page = clinic_admin_client.post(reset_url(clinic_admin), follow=True).content.decode()
    assert "You cannot reset your own two-factor sign-in" in page
    assert two_factor.has_second_factor(clinic_admin) and not SecondFactorReset.objects.exists()


def test_a_clinician_cannot_reset_anyones_second_factor() -> None:
    casey = with_app(make_user("clinician"))
    assert signed_in(make_user("clinician")).post(reset_url(casey)).status_code == 403
    assert two_factor.has_second_factor(casey)
    assert not Message.objects.filter(kind="two-factor-reset").exists()


def test_a_staff_name_with_a_bidi_override_is_refused_and_names_are_stored_in_nfc(
    clinic_admin_client: Client,
) -> None:
    page = clinic_admin_client.post(CREATE, {**NEW, "last_name": "Ann\u202egnp.exe"}).content.decode()
    assert "from the last name" in page and not User.objects.filter(email="nia@example.test").exists()
    clinic_admin_client.post(CREATE, {**NEW, "first_name": "Ni\u0301a"})
    assert User.objects.get(email="nia@example.test").first_name == "N\u00eda"


def test_a_role_sent_twice_is_refused_rather_than_taking_the_last(clinic_admin_client: Client) -> None:
    page = clinic_admin_client.post(CREATE, {**NEW, "role": ["clinician", "admin"]}).content.decode()
    assert "Give one answer to \u201cRole\u201d" in page
    assert not User.objects.filter(email="nia@example.test").exists()
