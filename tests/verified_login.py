"""Sign a test client in past the second factor, as if the person had entered a code from their app."""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.two_factor import confirmed_app, has_second_factor


def force_login_verified(client: Client, user: User) -> Client:
    """`client.force_login(user)`, then mark the session verified (staff get a confirmed app if needed)."""
    client.force_login(user)
    if user.is_clinic_staff or has_second_factor(user):
        device = confirmed_app(user) or TOTPDevice.objects.create(
            user=user, name="Test authenticator", confirmed=True
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
