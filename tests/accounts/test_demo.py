from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import demo, two_factor
from tests.accounts.conftest import make_user
from tests.second_factor import app_code

pytestmark = pytest.mark.django_db


def demo_totp(email: str) -> str:
    out = StringIO()
    call_command("demo_totp", email, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def test_loaddemo_gives_demo_staff_the_demo_app_and_patients_none(settings: object) -> None:
    settings.DEBUG = True
    out = StringIO()
    call_command("loaddemo", stdout=out)
    for email in ("admin@demo.clinic", "clinician@demo.clinic", "clinician2@demo.clinic"):
        assert TOTPDevice.objects.get(user__email=email, confirmed=True).key == demo.DEMO_TOTP_KEY
    assert not TOTPDevice.objects.filter(user__email__startswith="patient").exists()
    assert "manage.py demo_totp clinician@demo.clinic" in out.getvalue()
    assert demo.demo_secret() in out.getvalue()


def test_demo_totp_prints_the_code_the_demo_app_shows_and_it_signs_in(settings: object) -> None:
    settings.DEBUG = True
    call_command("loaddemo", stdout=StringIO())
    code = demo_totp("Clinician@demo.clinic")
    device = TOTPDevice.objects.get(user__email="clinician@demo.clinic")
    assert code in {app_code(device.bin_key, steps_ahead=step) for step in (0, -1)}
    assert two_factor.verify_sign_in(user=device.user, code=code) == device


@pytest.mark.parametrize("email", ["patient@demo.clinic", "someone@example.test", "nobody@demo.clinic"])
def test_demo_totp_refuses_accounts_that_are_not_demo_staff(email: str) -> None:
    make_user("clinician", email="someone@example.test")
    with pytest.raises(CommandError, match="not a demo staff account"):
        demo_totp(email)


def test_demo_totp_refuses_a_demo_address_whose_app_was_replaced(settings: object) -> None:
    settings.DEBUG = True
    call_command("loaddemo", stdout=StringIO())
    TOTPDevice.objects.filter(user__email="admin@demo.clinic").update(key="00" * 20)
    with pytest.raises(CommandError):
        demo_totp("admin@demo.clinic")
