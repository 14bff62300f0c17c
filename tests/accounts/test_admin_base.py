"""The lookup lockdown keeps the admin's own filters, search and sorting, and refuses everything else."""

import pytest
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.core import checks
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.admin_base import ClinicModelAdmin, LookupLockdownMixin, locked_down
from accounts.models import User
from outbox.models import Message
from tests.accounts.conftest import make_user, signed_in

pytestmark = pytest.mark.django_db
MESSAGES = reverse("admin:outbox_message_changelist")
USERS = reverse("admin:accounts_user_changelist")


def queue(kind: str, status: str = "pending", body: str = "") -> Message:
    sent_at = "2026-01-01T00:00:00Z" if status == "sent" else None
    return Message.objects.create(
        recipient=f"{kind}@example.test", subject="s", body=body, kind=kind, status=status, sent_at=sent_at
    )


def shown_kinds(client: Client, query: dict) -> list[str]:
    response = client.get(MESSAGES, query)
    assert response.status_code == 200
    return sorted(message.kind for message in response.context["cl"].result_list)


@pytest.fixture
def admin_client() -> Client:
    return signed_in(make_user("admin"))


def test_the_declared_filters_still_narrow_the_list(admin_client: Client) -> None:
    queue("verify-email")
    queue("password-reset", status="sent")
    assert shown_kinds(admin_client, {"status__exact": "sent"}) == ["password-reset"]
    assert shown_kinds(admin_client, {"kind": "verify-email"}) == ["verify-email"]


def test_a_shown_column_still_sorts(admin_client: Client) -> None:
    queue("b-kind")
    queue("a-kind")
    assert shown_kinds(admin_client, {"o": "1"}) == ["a-kind", "b-kind"]
    kinds = [m.kind for m in admin_client.get(MESSAGES, {"o": "-1"}).context["cl"].result_list]
    assert kinds == ["b-kind", "a-kind"]


def test_search_over_shown_columns_still_finds_a_staff_member(admin_client: Client) -> None:
    make_user("clinician", email="casey@example.test", last_name="Quill")
    page = admin_client.get(USERS, {"q": "Quill"}).content.decode()
    assert "casey@example.test" in page


def test_a_lookup_on_a_shown_column_that_is_not_a_filter_is_refused(admin_client: Client) -> None:
    queue("verify-email")
    assert admin_client.get(MESSAGES, {"recipient__startswith": "verify"}).status_code == 400


def test_a_search_field_the_list_does_not_show_is_dropped_and_reported() -> None:
    class Leaky(ClinicModelAdmin):
        list_display = ("kind", "status")
        search_fields = ("kind", "body", "^subject")
        list_filter = ("status", "last_error")

    leaky = Leaky(Message, admin.site)
    request = RequestFactory().get("/")
    assert leaky.get_search_fields(request) == ["kind"]
    assert leaky.get_list_filter(request) == ["status"]
    errors = [e.msg for e in leaky.check() if e.id == "accounts.E101"]
    assert errors == [
        "Leaky searches 'body', which its list_display does not show.",
        "Leaky searches 'subject', which its list_display does not show.",
        "Leaky filters on 'last_error', which its list_display does not show.",
    ]


def test_searching_a_list_without_search_is_refused_not_ignored() -> None:
    message = queue("password-reset", body="https://clinic.test/reset/MQ/secret-token/")
    request = RequestFactory().get(MESSAGES, {"q": "secret-token"})
    request.user = User.objects.create_superuser("root@clinic.test", "a-long-root-passphrase")
    with pytest.raises(DisallowedModelAdminLookup):
        admin.site._registry[Message].changelist_view(request)
    assert message.pk  # the row exists: the refusal is not an empty result


def test_every_registered_admin_has_the_lockdown_and_passes_its_checks() -> None:
    for model_admin in admin.site._registry.values():
        assert isinstance(model_admin, LookupLockdownMixin), type(model_admin)
    errors = checks.run_checks(tags=[checks.Tags.admin])
    assert [e for e in errors if e.level >= checks.ERROR] == []


def test_an_admin_class_without_the_lockdown_gets_it_when_registered() -> None:
    class Plain(ModelAdmin):
        list_display = ("kind",)

    wrapped = locked_down(Plain)
    assert issubclass(wrapped, LookupLockdownMixin) and issubclass(wrapped, Plain)
    assert wrapped.__name__ == "Plain" and locked_down(wrapped) is wrapped


def test_a_date_drill_down_on_a_shown_column_still_works() -> None:
    root = signed_in(User.objects.create_superuser("root@clinic.test", "a-long-root-passphrase"))
    attempts = reverse("admin:axes_accessattempt_changelist")
    assert root.get(attempts, {"attempt_time__year": "2026"}).status_code == 200
    assert root.get(attempts, {"attempt_time__hour": "3"}).status_code == 400
