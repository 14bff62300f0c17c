"""Accounts test helpers: users whose groups match their role, and the links inside queued emails."""

import re
from collections.abc import Callable

import pytest
from django.conf import settings
from django.core.mail import EmailMessage
from django.test import Client

from accounts.models import User
from accounts.services import assign_role
from outbox.models import Message
from tests.factories import UserFactory
from tests.second_factor import force_login_verified


def make_user(role: str = "patient", **fields: object) -> User:
    """A user created the way the app creates them: role, group and admin-site flag in step."""
    return assign_role(user=UserFactory(role=role, **fields), role=role)


def link_in(message: Message | EmailMessage) -> str:
    """The site path of the (only) link in a queued email, or in one sent (a sent Message keeps no body)."""
    url = re.search(r"https?://\S+", message.body).group(0)
    assert url.startswith(settings.SITE_URL), url
    return url.removeprefix(settings.SITE_URL.rstrip("/"))


def signed_in(user: User) -> Client:
    """A client signed in as `user`, past the second factor where the account has or needs one."""
    return force_login_verified(Client(), user)


def password_only(user: User) -> Client:
    """A client signed in with the password step only: the second factor not passed yet."""
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def clinic_admin(db: None) -> User:
    return make_user("admin", first_name="Ada", last_name="Admin")


@pytest.fixture
def clinic_admin_client(clinic_admin: User) -> Client:
    return signed_in(clinic_admin)


@pytest.fixture
def make(db: None) -> Callable[..., User]:
    return make_user
