"""Append to the access log from a page showing a patient's record; search it; tell a patient who looked."""

import ipaddress
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from axes.helpers import get_client_ip_address
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import User
from audit.models import AccessKind, AccessRecord

RECENT_FOR_PATIENT = 5


def record_access(
    *, request: HttpRequest, patient: User, kind: AccessKind = AccessKind.VIEW, action: str = ""
) -> AccessRecord:
    """Append one record: the signed-in staff member is being shown `patient`'s record by this request.

    Call it once per response that shows a patient's health information or contact details, before
    rendering. `action` names the page or export; by default the request's URL name.
    """
    record = access_record(request=request, patient=patient, kind=kind, action=action)
    record.save()
    return record


def record_list_access(*, request: HttpRequest, patients: list[User]) -> list[AccessRecord]:
    """Append one record per distinct patient a list page shows (the review queue), in one query."""
    distinct = {patient.pk: patient for patient in patients}
    return AccessRecord.objects.bulk_create(
        [access_record(request=request, patient=patient) for patient in distinct.values()]
    )


def access_record(
    *, request: HttpRequest, patient: User, kind: AccessKind = AccessKind.VIEW, action: str = ""
) -> AccessRecord:
    """The unsaved record of this request showing `patient`'s record; refuses a non-staff reader."""
    staff = request.user
    if not (staff.is_authenticated and staff.is_clinic_staff):
        raise ValueError("Only a staff member's reading of a record is logged.")
    if not patient.is_patient:
        raise ValueError("The access log is about patients' records.")
    match = request.resolver_match
    return AccessRecord(
        staff=staff, staff_email=staff.email, staff_name=staff.get_full_name(), staff_role=staff.role,
        patient=patient, patient_email=patient.email, kind=AccessKind(kind),
        action=action or (match.view_name if match else ""), path=request.path[:500],
        ip_address=client_ip(request),
    )


def client_ip(request: HttpRequest) -> str | None:
    """The client address as the sign-in lock-out sees it (django-axes), or None if it is not an IP."""
    address = get_client_ip_address(request)
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return None


def search_access_records(
    *, staff: User | None = None, patient_email: str = "", patient_id: int | None = None,
    date_from: date | None = None, date_to: date | None = None,
) -> QuerySet[AccessRecord]:
    """Access records, newest first, narrowed by staff member, patient (email or id) and local dates."""
    records = AccessRecord.objects.all()
    if staff is not None:
        records = records.filter(staff=staff)
    if patient_email:
        # The address the patient has now, or the one they had when the record was opened.
        records = records.filter(
            Q(patient__email__iexact=patient_email) | Q(patient_email__iexact=patient_email)
        )
    if patient_id is not None:
        records = records.filter(patient_id=patient_id)
    if date_from is not None:
        records = records.filter(at__gte=start_of(date_from))
    if date_to is not None:
        records = records.filter(at__lt=start_of(date_to + timedelta(days=1)))
    return records.order_by("-at", "-pk")


def start_of(day: date) -> datetime:
    """Midnight at the start of `day` in the clinic's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def accesses_for_patient(*, patient: User) -> QuerySet[AccessRecord]:
    """Every time a staff member opened this patient's record, newest first."""
    return AccessRecord.objects.filter(patient=patient).order_by("-at", "-pk")


@dataclass(frozen=True)
class RecentAccesses:
    latest: list[AccessRecord]
    total: int


def recent_accesses(*, patient: User, limit: int = RECENT_FOR_PATIENT) -> RecentAccesses:
    """The latest few times staff opened this patient's record, and how many times in all."""
    records = accesses_for_patient(patient=patient)
    return RecentAccesses(latest=list(records[:limit]), total=records.count())
