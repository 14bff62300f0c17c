"""The review queue: waiting cases, most urgent and oldest first, in pages read by keyset.

A page costs the same few queries whatever the number of cases or rows: the settings, the rows (patient
and claim joined, "new flags" as a subquery), their flag counts, and a count capped at COUNT_CAP.
"""

import base64
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan

from accounts.models import User
from accounts.roles import Role
from patients.models import Intake
from review.config import get_review_settings, review_target_working_days
from review.selectors.waiting import Waiting, start_of, waiting
from screening.models import ScreeningFlag, Severity

PAGE_SIZE = 50
COUNT_CAP = 1000
ORDER = ("outcome_rank", "submitted_at", "id")
SENT_STATUSES = frozenset(Intake.Status.values) - {Intake.Status.DRAFT}
# Every case the clinic still owes an answer: waiting ones and those asked for more (the catalogue's count).
OPEN = "open"
# The JSON a row does not show: loading every patient's answers for a list would cost more than the list.
HEAVY_FIELDS = ("answers", "document", "unsaved_pages", "answers_at_request", "patient__password")


@dataclass(frozen=True)
class QueueFilters:
    """What the clinician narrowed the queue to; empty values filter nothing (status: waiting cases).

    `status` is one of Intake.Status or OPEN.
    """

    outcome: str = ""
    status: str = ""
    flag_code: str = ""
    claimed_by: int | None = None
    unclaimed: bool = False
    submitted_from: date | None = None
    submitted_to: date | None = None
    search: str = ""


@dataclass(frozen=True)
class QueueRow:
    """One case as the queue shows it."""

    intake: Intake
    waiting: Waiting
    flag_counts: tuple[tuple[str, int], ...]  # (severity, count) most severe first, zeros left out
    claimed_by: User | None  # None when unclaimed or the claim has lapsed
    new_flags: bool
    changed_answers: bool

    @property
    def patient(self) -> User:
        return self.intake.patient


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    next_cursor: str = ""
    previous_cursor: str = ""
    total: int = 0
    total_is_capped: bool = False
    target_days: int = 0
    filters: QueueFilters = field(default_factory=QueueFilters)


def queue_page(
    filters: QueueFilters, *, cursor: str = "", now: datetime, page_size: int = PAGE_SIZE
) -> QueuePage:
    """One page of the queue after (or before) `cursor`; an unreadable cursor gives the first page."""
    review_settings = get_review_settings()
    lapse = review_settings.claim_lapse
    matching = filtered(filters, now=now, lapse=lapse)
    direction, key = parse_cursor(cursor)
    intakes, has_more = fetch(matching, direction=direction, key=key, size=page_size)
    counts = flag_counts([intake.pk for intake in intakes])
    target = review_target_working_days()
    rows = [make_row(intake, counts, now=now, lapse=lapse, target=target) for intake in intakes]
    total = matching.order_by()[: COUNT_CAP + 1].count()
    return QueuePage(
        rows=rows, total=min(total, COUNT_CAP), total_is_capped=total > COUNT_CAP, target_days=target,
        filters=filters,
        **page_links(intakes, direction=direction, has_more=has_more, from_cursor=key is not None),
    )


def filtered(filters: QueueFilters, *, now: datetime, lapse: timedelta) -> QuerySet[Intake]:
    """The intakes the filters select, with what each row shows joined or annotated."""
    if filters.status and filters.status not in SENT_STATUSES | {OPEN}:
        return Intake.objects.none()
    intakes = Intake.objects.filter(status__in=statuses_of(filters.status))
    if filters.outcome:
        intakes = intakes.filter(current_outcome=filters.outcome)
    if filters.flag_code:
        intakes = intakes.filter(Exists(current_flags().filter(code=filters.flag_code)))
    intakes = intakes.filter(claim_q(filters, now=now, lapse=lapse), sent_q(filters))
    intakes = intakes.filter(search_q(filters.search))
    new = current_flags().filter(added_by_rescreen=True, review_state=ScreeningFlag.ReviewState.OPEN)
    return (
        intakes.select_related("patient", "claim__clinician").defer(*HEAVY_FIELDS)
        .annotate(has_new_flags=Exists(new))
    )


def statuses_of(status: str) -> list[str]:
    """The statuses a status filter selects: waiting cases by default, OPEN adds those asked for more."""
    if status == OPEN:
        return list(Intake.OPEN_STATUSES)
    return [status] if status else list(Intake.QUEUE_STATUSES)


def current_flags() -> QuerySet[ScreeningFlag]:
    return ScreeningFlag.objects.filter(result__intake=OuterRef("pk"), result__is_current=True)


def claim_q(filters: QueueFilters, *, now: datetime, lapse: timedelta) -> Q:
    held = Q(claim__claimed_at__gt=now - lapse)
    if filters.claimed_by is not None:
        return held & Q(claim__clinician_id=filters.claimed_by)
    if filters.unclaimed:
        return Q(claim__isnull=True) | Q(claim__claimed_at__lte=now - lapse)
    return Q()


def sent_q(filters: QueueFilters) -> Q:
    q = Q()
    if filters.submitted_from:
        q &= Q(submitted_at__gte=start_of(filters.submitted_from))
    if filters.submitted_to:
        q &= Q(submitted_at__lt=start_of(filters.submitted_to + timedelta(days=1)))
    return q


def search_q(search: str) -> Q:
    """Every word must appear in the patient's name or email; a number also finds that case number."""
    q = Q()
    for word in search.split()[:5]:
        word_q = Q(patient__first_name__icontains=word) | Q(patient__last_name__icontains=word)
        word_q |= Q(patient__email__icontains=word)
        if word.isdigit():
            word_q |= Q(pk=int(word))
        q &= word_q
    return q


def fetch(
    matching: QuerySet[Intake], *, direction: str, key: tuple | None, size: int
) -> tuple[list[Intake], bool]:
    """One page of rows after (or before) the key, and whether there are more beyond it."""
    columns = Tuple(*(F(name) for name in ORDER))
    if key is not None:
        lookup = TupleLessThan if direction == BACKWARD else TupleGreaterThan
        matching = matching.filter(lookup(columns, key))
    ordering = [f"-{name}" for name in ORDER] if direction == BACKWARD else list(ORDER)
    intakes = list(matching.order_by(*ordering)[: size + 1])
    has_more = len(intakes) > size
    intakes = intakes[:size]
    return (intakes[::-1] if direction == BACKWARD else intakes), has_more


def flag_counts(intake_ids: list[int]) -> dict[int, Counter]:
    """Flags of each intake's current result by severity, in one query."""
    rows = (
        ScreeningFlag.objects.filter(result__intake_id__in=intake_ids, result__is_current=True)
        .values("result__intake_id", "severity").annotate(count=Count("pk")).order_by()
    )
    counts: dict[int, Counter] = {}
    for row in rows:
        counts.setdefault(row["result__intake_id"], Counter())[row["severity"]] = row["count"]
    return counts


def make_row(
    intake: Intake, counts: dict[int, Counter], *, now: datetime, lapse: timedelta, target: int
) -> QueueRow:
    claim = getattr(intake, "claim", None)
    held = claim is not None and claim.is_active(now=now, lapse=lapse)
    mine = counts.get(intake.pk, Counter())
    return QueueRow(
        intake=intake,
        waiting=waiting(
            submitted_at=intake.submitted_at, outcome=intake.current_outcome, target_days=target, now=now
        ),
        flag_counts=tuple((severity, mine[severity]) for severity in Severity.values if mine[severity]),
        claimed_by=claim.clinician if held else None,
        new_flags=intake.has_new_flags,
        changed_answers=bool(intake.changed_answers) and intake.status in Intake.QUEUE_STATUSES,
    )


FORWARD, BACKWARD = "after", "before"


def encode_cursor(intake: Intake, direction: str) -> str:
    raw = f"{direction}|{intake.outcome_rank}|{intake.submitted_at.isoformat()}|{intake.pk}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def parse_cursor(cursor: str) -> tuple[str, tuple | None]:
    """(direction, key) from a cursor; anything unreadable means the first page."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        direction, rank, sent, pk = raw.split("|")
        key = (int(rank), datetime.fromisoformat(sent), int(pk))
    except (ValueError, UnicodeDecodeError):
        return FORWARD, None
    if direction not in (FORWARD, BACKWARD) or key[1].tzinfo is None:
        return FORWARD, None
    return direction, key


def page_links(intakes: list[Intake], *, direction: str, has_more: bool, from_cursor: bool) -> dict[str, str]:
    """The cursors of the next and previous pages ("" where there is none)."""
    if not intakes:
        return {}
    # Rows lie on the side a cursor came from; beyond the page only if one more row was fetched.
    more_after = has_more if direction == FORWARD else from_cursor
    more_before = has_more if direction == BACKWARD else from_cursor
    return {
        "next_cursor": encode_cursor(intakes[-1], FORWARD) if more_after else "",
        "previous_cursor": encode_cursor(intakes[0], BACKWARD) if more_before else "",
    }


def claim_filter_choices() -> list[User]:
    """The clinicians the queue can be filtered by (active ones, by name)."""
    clinicians = User.objects.filter(role=Role.CLINICIAN, is_active=True)
    return list(clinicians.order_by("first_name", "last_name", "email"))
