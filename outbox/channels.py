"""Delivery channels by name; a new channel (SMS) is one more function in CHANNELS."""

from collections.abc import Callable

from django.conf import settings
from django.core.mail import send_mail

from outbox.models import Message


def send_email(message: Message) -> None:
    """Send one message by email; raises on failure so the dispatcher can retry."""
    send_mail(
        message.subject,
        message.body,
        settings.DEFAULT_FROM_EMAIL,
        [message.recipient],
        fail_silently=False,
    )


CHANNELS: dict[str, Callable[[Message], None]] = {Message.Channel.EMAIL: send_email}
