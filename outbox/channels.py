"""Delivery channels by name; a new channel (SMS) is one more function in CHANNELS."""

from collections.abc import Callable
from dataclasses import asdict, dataclass
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage

from outbox.models import Message


@dataclass(frozen=True)
class Attachment:
    """A text file sent with an email, stored on the outbox row until it is sent."""

    filename: str
    mimetype: str
    content: str

    def as_json(self) -> dict[str, str]:
        return asdict(self)


def message_id(message: Message) -> str:
    """A Message-ID made from the outbox row, the same on every attempt, so a resent copy can be dropped."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<outbox.{message.pk}.{message.created_at:%Y%m%d%H%M%S%f}@{domain}>"


def send_email(message: Message) -> None:
    """Send one message by email (SMTP waits at most EMAIL_TIMEOUT per reply); raises on failure."""
    email = EmailMessage(
        message.subject,
        message.body,
        settings.DEFAULT_FROM_EMAIL,
        [message.recipient],
        headers={"Message-ID": message_id(message)},
    )
    for attachment in message.attachments:
        email.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    email.send(fail_silently=False)


CHANNELS: dict[str, Callable[[Message], None]] = {Message.Channel.EMAIL: send_email}
