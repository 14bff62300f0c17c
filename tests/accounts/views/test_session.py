"""Stay signed in: one POST renews the idle limit; the warning's figures come with every signed-in page."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from tests.accounts.conftest import make_user, signed_in

pytestmark = pytest.mark.django_db
START = datetime(2026, 6, 15, 9, 0, tzinfo=ZoneInfo("America/New_York"))
PAGE = reverse("accounts:password-change")
STAY = reverse("accounts:stay-signed-in")


def test_staying_signed_in_28_minutes_into_a_patients_session_gives_30_more_minutes() -> None:
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in(make_user("patient"))
        client.get(PAGE)
        clock.shift(timedelta(minutes=28))
        stayed = client.post(STAY)
        clock.shift(timedelta(minutes=28))
        later = client.get(PAGE)

    assert stayed.status_code == 200
    assert stayed.json() == {"idle_seconds": 30 * 60, "absolute_seconds": 12 * 3600 - 28 * 60}
    assert later.status_code == 200


def test_staying_signed_in_after_the_limit_is_refused_with_a_sign_in_redirect() -> None:
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in(make_user("clinician"))
        client.get(PAGE)
        clock.shift(timedelta(minutes=16))
        response = client.post(STAY)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_every_signed_in_page_carries_the_warning_with_the_seconds_left_and_visitors_get_none() -> None:
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in(make_user("clinician"))
        client.get(PAGE)
        clock.shift(timedelta(minutes=5))
        page = client.get(PAGE).content.decode()
    assert 'role="alertdialog"' in page and 'data-idle-seconds="900"' in page
    assert f'data-stay-url="{STAY}"' in page and "js/session-timeout.js" in page
    visitor = signed_in(make_user("patient"))
    visitor.post(reverse("accounts:logout"))
    assert 'role="alertdialog"' not in visitor.get(reverse("accounts:login")).content.decode()
