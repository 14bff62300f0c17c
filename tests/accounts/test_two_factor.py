from base64 import b32decode
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from accounts.models import SecondFactorReset
from outbox.models import Message
from tests.accounts.conftest import make_user
from tests.second_factor import app_code, wrong_code

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 6, 15, 13, 0, 5, tzinfo=UTC)


def enrolled(role: str = "clinician", **fields: object) -> tuple[object, TOTPDevice, list[str]]:
    """A user who set up an app at NOW - 1 minute; returns the user, the app and the recovery codes."""
    user = make_user(role, **fields)
    with time_machine.travel(NOW - timedelta(minutes=1), tick=False):
        pending = two_factor.pending_app(user=user)
        device, codes = two_factor.confirm_app(user=user, code=app_code(pending.bin_key))
    return user, device, codes


def test_setting_up_shows_the_same_secret_until_the_app_is_confirmed() -> None:
    user = make_user("clinician")
    first = two_factor.pending_app(user=user)
    assert two_factor.pending_app(user=user).pk == first.pk
    secret = two_factor.secret_text(first)
    assert b32decode(secret.replace(" ", "")) == first.bin_key
    assert all(len(group) == 4 for group in secret.split())
    assert not two_factor.has_second_factor(user)


def test_the_qr_code_is_an_inline_svg_drawn_here_with_a_text_alternative() -> None:
    device = two_factor.pending_app(user=make_user("clinician", email="casey@example.test"))
    svg = two_factor.qr_svg(device)
    assert svg.startswith("<svg") and 'role="img"' in svg and 'aria-label="QR code' in svg
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    assert device.config_url.startswith("otpauth://totp/Clinic%20intake%3Acasey%40example.test?secret=")


def test_a_right_code_switches_two_factor_on_and_issues_ten_recovery_codes() -> None:
    user, device, codes = enrolled()
    assert two_factor.has_second_factor(user) and device.confirmed
    assert len(set(codes)) == 10 and two_factor.recovery_codes_left(user) == 10


def test_a_wrong_code_leaves_the_app_unconfirmed_and_counts_a_failure() -> None:
    user = make_user("clinician")
    pending = two_factor.pending_app(user=user)
    with time_machine.travel(NOW, tick=False), pytest.raises(two_factor.WrongCode):
        two_factor.confirm_app(user=user, code=wrong_code(pending.bin_key))
    pending.refresh_from_db()
    assert not pending.confirmed and pending.throttling_failure_count == 1
    assert not StaticDevice.objects.filter(user=user).exists()


def test_a_new_app_replaces_the_old_one_and_its_recovery_codes() -> None:
    user, old, old_codes = enrolled()
    with time_machine.travel(NOW, tick=False):
        new = two_factor.pending_app(user=user)
        assert new.pk != old.pk
        _, codes = two_factor.confirm_app(user=user, code=app_code(new.bin_key))
    assert list(TOTPDevice.objects.filter(user=user).values_list("pk", flat=True)) == [new.pk]
    assert not StaticToken.objects.filter(token__in=old_codes).exists()
    assert StaticToken.objects.filter(token__in=codes).count() == 10


def test_a_code_from_the_app_signs_in_once_and_not_twice() -> None:
    user, device, _ = enrolled()
    with time_machine.travel(NOW, tick=False):
        code = app_code(device.bin_key)
        assert two_factor.verify_sign_in(user=user, code=f" {code[:3]} {code[3:]} ").pk == device.pk
        with pytest.raises(two_factor.WrongCode):
            two_factor.verify_sign_in(user=user, code=code)


def test_a_code_from_another_secret_is_refused() -> None:
    user, device, _ = enrolled()
    with time_machine.travel(NOW, tick=False), pytest.raises(two_factor.WrongCode):
        two_factor.verify_sign_in(user=user, code=wrong_code(device.bin_key))


def test_a_recovery_code_works_once_in_any_case_and_with_spaces() -> None:
    user, _, codes = enrolled()
    typed = f"{codes[0][:4].upper()} {codes[0][4:]}"
    assert isinstance(two_factor.verify_sign_in(user=user, code=typed), StaticDevice)
    assert two_factor.recovery_codes_left(user) == 9
    with time_machine.travel(NOW + timedelta(minutes=5), tick=False), pytest.raises(two_factor.WrongCode):
        two_factor.verify_sign_in(user=user, code=codes[0])


def test_after_a_wrong_code_even_the_right_one_waits_and_the_wait_doubles() -> None:
    user, device, _ = enrolled()
    with time_machine.travel(NOW, tick=False) as clock:
        with pytest.raises(two_factor.WrongCode):
            two_factor.verify_sign_in(user=user, code=wrong_code(device.bin_key))
        with pytest.raises(two_factor.TooManyAttempts) as waiting:
            two_factor.verify_sign_in(user=user, code=app_code(device.bin_key))
        assert waiting.value.seconds_left(NOW) == 1
        clock.shift(timedelta(seconds=1))
        with pytest.raises(two_factor.WrongCode):
            two_factor.verify_sign_in(user=user, code=wrong_code(device.bin_key))
        with pytest.raises(two_factor.TooManyAttempts) as waiting:
            two_factor.verify_sign_in(user=user, code=app_code(device.bin_key))
        assert waiting.value.seconds_left(NOW + timedelta(seconds=1)) == 2
        clock.shift(timedelta(seconds=2))
        assert two_factor.verify_sign_in(user=user, code=app_code(device.bin_key)).pk == device.pk


def test_recovery_codes_have_their_own_throttle() -> None:
    user, _, codes = enrolled()
    with time_machine.travel(NOW, tick=False):
        with pytest.raises(two_factor.WrongCode):
            two_factor.verify_sign_in(user=user, code="wrongcode")
        with pytest.raises(two_factor.TooManyAttempts):
            two_factor.verify_sign_in(user=user, code=codes[0])
    assert two_factor.recovery_codes_left(user) == 10


def test_a_new_set_of_recovery_codes_voids_the_old_set() -> None:
    user, _, old = enrolled()
    new = two_factor.replace_recovery_codes(user=user)
    assert not set(old) & set(new) and two_factor.recovery_codes_left(user) == 10
    with pytest.raises(two_factor.WrongCode):
        two_factor.verify_sign_in(user=user, code=old[0])


def test_a_user_without_an_app_has_no_code_to_pass() -> None:
    with pytest.raises(two_factor.WrongCode):
        two_factor.verify_sign_in(user=make_user("clinician"), code="123456")


def test_an_admin_reset_clears_the_app_and_codes_records_it_and_emails_the_person() -> None:
    member, _, _ = enrolled(email="casey@example.test", first_name="Casey")
    admin = make_user("admin", first_name="Ada", last_name="Admin")
    record = two_factor.reset_second_factor(user=member, reset_by=admin)
    assert not two_factor.has_second_factor(member) and two_factor.recovery_codes_left(member) == 0
    assert (record.user, record.reset_by) == (member, admin)
    email = Message.objects.get(kind="two-factor-reset")
    assert email.recipient == "casey@example.test" and "Ada Admin" in email.body
    assert "http" not in email.body and "reset two-factor sign-in" in email.body


def test_an_admin_cannot_reset_their_own_second_factor() -> None:
    admin, _, _ = enrolled("admin")
    with pytest.raises(ValidationError, match="own"):
        two_factor.reset_second_factor(user=admin, reset_by=admin)
    assert two_factor.has_second_factor(admin) and not SecondFactorReset.objects.exists()


@pytest.mark.parametrize("role", ["clinician", "patient"])
def test_only_admins_reset_a_second_factor(role: str) -> None:
    member, _, _ = enrolled()
    with pytest.raises(PermissionDenied):
        two_factor.reset_second_factor(user=member, reset_by=make_user(role))
    assert two_factor.has_second_factor(member)
    assert not Message.objects.filter(kind="two-factor-reset").exists()


def test_a_patients_second_factor_is_not_reset_from_the_staff_pages() -> None:
    patient, _, _ = enrolled("patient")
    with pytest.raises(ValidationError, match="staff"):
        two_factor.reset_second_factor(user=patient, reset_by=make_user("admin"))
    assert two_factor.has_second_factor(patient)


def test_patients_may_turn_it_off_and_staff_may_not() -> None:
    patient, _, _ = enrolled("patient")
    two_factor.turn_off(user=patient)
    assert not two_factor.has_second_factor(patient) and two_factor.recovery_codes_left(patient) == 0
    clinician, _, _ = enrolled("clinician")
    with pytest.raises(ValidationError):
        two_factor.turn_off(user=clinician)
    assert two_factor.has_second_factor(clinician)
