"""Which provider is offered for a case, where, and why not: the issue's table, then the slots offered."""

from datetime import UTC, date, datetime, time

import pytest

from review.models import Decision, Route
from scheduling.selectors import offered_slot, offered_slots, verdicts_for
from tests.factories import UserFactory
from tests.scheduling.factories import (
    ConsultationFactory,
    LicenceFactory,
    LocationFactory,
    ProviderFactory,
    TelehealthLocationFactory,
    WeeklyHoursFactory,
    cleared_case,
)

pytestmark = pytest.mark.django_db
ON = date(2026, 6, 15)
IV, IM, SPRAY = Route.IV_INFUSION, Route.INTRAMUSCULAR, Route.ESKETAMINE_NASAL_SPRAY
BEFORE = datetime(2026, 1, 1, tzinfo=UTC)

# Each row changes the baseline: an active MD accepting new patients, offering IV, at an uncertified
# in-person clinic in NY, licensed in NY until the end of 2026; a NY patient cleared for IV, either setting.
ROWS = [
    ("baseline", {}, []),
    ("licence in another state only", {"licences": [("NJ", "2026-12-31")]}, ["no licence in NY"]),
    ("licence expired the day before", {"licences": [("NY", "2026-06-14")]},
     ["licence in NY expired 2026-06-14"]),
    ("licence valid through its expiry date", {"licences": [("NY", "2026-06-15")]}, []),
    ("a renewed licence beside the lapsed one",
     {"licences": [("NY", "2025-01-31"), ("NY", "2027-01-31")]}, []),
    ("in person: the location's state, not the patient's", {"location": {"state": "NJ"}},
     ["no licence in NJ"]),
    ("in person across a state line, licensed there",
     {"location": {"state": "NJ"}, "licences": [("NJ", "2026-12-31")]}, []),
    ("route not cleared", {"provider": {"routes": [IM]}}, ["does not offer a cleared route"]),
    ("one of several routes cleared", {"provider": {"routes": [IV, IM]}, "routes": [IM, SPRAY]}, []),
    ("esketamine only, uncertified location", {"provider": {"routes": [SPRAY]}, "routes": [SPRAY]},
     ["location not certified for esketamine"]),
    ("esketamine only, certified location",
     {"provider": {"routes": [SPRAY]}, "routes": [SPRAY], "location": {"esketamine_certified": True}}, []),
    ("esketamine and IV cleared, uncertified location",
     {"provider": {"routes": [IV, SPRAY]}, "routes": [IV, SPRAY]}, []),
    ("esketamine only by telehealth",
     {"telehealth": True, "provider": {"routes": [SPRAY]}, "routes": [SPRAY]},
     ["location not certified for esketamine"]),
    ("telehealth: the patient's state", {"telehealth": True, "answers": {"state": "CA"},
                                          "licences": [("CA", "2026-12-31")]}, []),
    ("telehealth: not licensed in the patient's state", {"telehealth": True, "answers": {"state": "CA"}},
     ["no licence in CA"]),
    ("telehealth: the patient's state licence lapsed", {"telehealth": True, "answers": {"state": "CA"},
                                                         "licences": [("CA", "2026-05-31")]},
     ["licence in CA expired 2026-05-31"]),
    ("inactive provider", {"provider": {"active": False}}, ["inactive"]),
    ("not accepting new patients", {"provider": {"accepts_new_patients": False}},
     ["not accepting new patients"]),
    ("inactive location", {"location": {"active": False}}, ["location inactive"]),
    ("prefers in person, telehealth location",
     {"telehealth": True, "answers": {"preferred_setting": "in_person"}},
     ["location does not suit the patient's preference (in person)"]),
    ("prefers video, in-person location", {"answers": {"preferred_setting": "telehealth"}},
     ["location does not suit the patient's preference (by video call)"]),
    ("case back in review", {"status": "in_review"}, ["the case is not cleared for a consultation"]),
    ("every reason at once",
     {"provider": {"active": False, "accepts_new_patients": False, "routes": [IM]}, "licences": []},
     ["inactive", "not accepting new patients", "does not offer a cleared route", "no licence in NY"]),
]


def build(row: dict) -> tuple:
    """The case and the one provider at one location that a table row describes."""
    factory = TelehealthLocationFactory if row.get("telehealth") else LocationFactory
    location = factory(**row.get("location", {}))
    provider = ProviderFactory(locations=[location], **{"routes": [IV], **row.get("provider", {})})
    for state, expires in row.get("licences", [("NY", "2026-12-31")]):
        LicenceFactory(provider=provider, state=state, expires_on=date.fromisoformat(expires))
    answers = {"state": "NY", "preferred_setting": "either", **row.get("answers", {})}
    case = cleared_case(row.get("routes", [IV]), status=row.get("status", "cleared"), **answers)
    return case, provider, location


@pytest.mark.parametrize(("row", "reasons"), [(r[1], r[2]) for r in ROWS], ids=[r[0] for r in ROWS])
def test_the_provider_filter(row: dict, reasons: list[str]) -> None:
    case, provider, location = build(row)
    [verdict] = verdicts_for(case, on=ON)
    assert (verdict.provider, verdict.location) == (provider, location)
    assert list(verdict.reasons) == reasons
    assert verdict.offered is (not reasons)


def test_a_provider_without_a_location_is_listed_and_left_out() -> None:
    case, _, _ = build({})
    ProviderFactory(name="Dr Nowhere")
    nowhere = [v for v in verdicts_for(case, on=ON) if v.provider.name == "Dr Nowhere"]
    assert [(v.location, v.offered, v.reasons[-1]) for v in nowhere] == [(None, False, "not at any location")]


def test_each_location_of_a_provider_has_its_verdict_offered_ones_first() -> None:
    case, provider, albany = build({})
    newark = LocationFactory(name="Newark", state="NJ")
    provider.locations.add(newark)
    assert [(v.location, v.reasons) for v in verdicts_for(case, on=ON)] == [
        (albany, ()), (newark, ("no licence in NJ",))
    ]


def test_the_latest_clearance_names_the_routes() -> None:
    case, provider, _ = build({})
    Decision.objects.create(intake=case, kind="clear", routes=[IM], by=UserFactory(role="clinician"))
    assert verdicts_for(case, on=ON)[0].reasons == ("does not offer a cleared route",)


def test_a_case_never_cleared_offers_nobody() -> None:
    case, _, _ = build({})
    case.decisions.all().delete()
    assert verdicts_for(case, on=ON)[0].reasons == ("the case is not cleared for a consultation",)


def test_verdicts_read_a_fixed_number_of_queries(django_assert_max_num_queries: object) -> None:
    case, _, _ = build({})
    for n in range(5):
        build({"licences": [("NY", "2026-12-31"), ("NJ", "2027-01-01")], "location": {"name": f"Site {n}"}})
    with django_assert_max_num_queries(4):
        verdicts = verdicts_for(case, on=ON)
    assert len(verdicts) == 6


def test_offered_slots_are_those_of_offered_providers_only() -> None:
    case, provider, location = build({})
    WeeklyHoursFactory(provider=provider, location=location, weekday=0, starts=time(9), ends=time(11))
    other = ProviderFactory(locations=[location], routes=[IM])
    LicenceFactory(provider=other)
    WeeklyHoursFactory(provider=other, location=location, weekday=0, starts=time(9), ends=time(11))
    slots = offered_slots(case, start=ON, days=7, now=BEFORE)
    assert [(s.provider_id, s.local_starts_at.strftime("%a %H:%M %Z")) for s in slots] == [
        (provider.pk, "Mon 09:00 EDT"), (provider.pk, "Mon 10:00 EDT")
    ]


def test_no_slot_falls_after_the_licence_lapses_within_the_range() -> None:
    case, provider, location = build({"licences": [("NY", "2026-06-22")]})
    WeeklyHoursFactory(provider=provider, location=location, weekday=0, starts=time(9), ends=time(10))
    slots = offered_slots(case, start=ON, days=21, now=BEFORE)
    assert [s.local_starts_at.date() for s in slots] == [date(2026, 6, 15), date(2026, 6, 22)]


def test_an_uncleared_case_is_offered_no_slot() -> None:
    case, provider, location = build({"status": "in_review"})
    WeeklyHoursFactory(provider=provider, location=location, weekday=0, starts=time(9), ends=time(10))
    assert offered_slots(case, start=ON, days=7, now=BEFORE) == []


def test_offered_slot_confirms_one_slot_and_refuses_a_taken_or_unoffered_one() -> None:
    case, provider, location = build({})
    WeeklyHoursFactory(provider=provider, location=location, weekday=0, starts=time(9), ends=time(11))
    nine = datetime(2026, 6, 15, 13, tzinfo=UTC)
    pick = {"provider_id": provider.pk, "location_id": location.pk, "now": BEFORE}
    assert offered_slot(case, starts_at=nine, **pick).ends_at == datetime(2026, 6, 15, 14, tzinfo=UTC)
    assert offered_slot(case, starts_at=nine.replace(minute=30), **pick) is None  # not on the grid
    other = cleared_case()
    ConsultationFactory(provider=provider, location=location, starts_at=nine, intake=other)
    assert offered_slot(case, starts_at=nine, **pick) is None  # taken
    assert offered_slot(case, starts_at=nine, **{**pick, "location_id": 0}) is None
