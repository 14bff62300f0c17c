"""Acting on a flag from the case page: acknowledge, override with a reason and a note, co-sign."""

import pytest

from review.models import FlagDisposition
from screening.models import ScreeningFlag
from screening.services import screen_intake
from tests.review.cases import EXCLUSION, INFO, PRECAUTION, flag, screened_case
from tests.review.pages import action_url, case_url, client_for
from tests.screening.documents import make_document

pytestmark = pytest.mark.django_db
ANEURYSM, BP = "CARDIO_ANEURYSM_AVM", "CARDIO_BP_ELEVATED"


def post_flag(client: object, name: str, target: ScreeningFlag, **fields: str) -> object:
    intake = target.result.intake
    data = {f"flag-{target.pk}-{key}": value for key, value in fields.items()}
    return client.post(action_url(name, intake, target.pk), data)


def override(client: object, intake: object, **fields: str) -> object:
    return post_flag(client, "flag-override", flag(intake, ANEURYSM), **fields)


def test_a_precaution_is_acknowledged_with_a_note_and_the_page_shows_who_and_when(casey: object) -> None:
    intake = screened_case(**PRECAUTION)
    client = client_for(casey)
    response = post_flag(client, "flag-acknowledge", flag(intake, BP), note="Rechecked: 128/80")
    assert response.status_code == 302
    assert response["Location"] == f"{case_url(intake)}#flag-{flag(intake, BP).pk}"
    assert flag(intake, BP).review_state == "acknowledged"
    html = client.get(case_url(intake)).content.decode()
    assert "CARDIO_BP_ELEVATED acknowledged." in html
    assert "<strong>Acknowledged</strong>. Rechecked: 128/80" in html and "Casey Reviewer, Mon 15 Jun" in html


def test_information_is_acknowledged_without_a_note(casey: object) -> None:
    intake = screened_case(**INFO)
    info = flag(intake, "PSYCH_PTSD_DISTRESS_PLAN")
    assert post_flag(client_for(casey), "flag-acknowledge", info, note="").status_code == 302
    assert FlagDisposition.objects.get().kind == "acknowledged"


def test_an_exclusion_cannot_be_acknowledged_and_the_refusal_says_why(casey: object) -> None:
    intake = screened_case(**EXCLUSION)
    response = post_flag(client_for(casey), "flag-acknowledge", flag(intake, ANEURYSM), note="typed words")
    html = response.content.decode()
    assert response.status_code == 200 and "An exclusion cannot be acknowledged" in html
    assert flag(intake, ANEURYSM).is_open and not FlagDisposition.objects.exists()


def test_an_override_without_a_note_comes_back_with_the_error_and_the_reason_kept(casey: object) -> None:
    intake = screened_case(**EXCLUSION)
    response = override(client_for(casey), intake, reason="condition_resolved", note="  ")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Write a note explaining the override." in html
    assert 'value="condition_resolved" id="id_flag-' in html
    assert f'value="condition_resolved" id="id_flag-{flag(intake, ANEURYSM).pk}-reason_2" checked' in html
    assert flag(intake, ANEURYSM).is_open


def test_an_override_with_a_reason_off_the_list_is_refused_and_the_note_kept(casey: object) -> None:
    intake = screened_case(**EXCLUSION)
    html = override(client_for(casey), intake, reason="felt like it", note="My long note").content.decode()
    assert "Choose the reason for the override from the list." in html and "My long note</textarea>" in html


def test_an_exclusion_is_overridden_with_a_reason_and_a_note(casey: object) -> None:
    intake = screened_case(**EXCLUSION)
    response = override(client_for(casey), intake, reason="specialist_clearance", note="Letter on file")
    assert response.status_code == 302
    overridden = flag(intake, ANEURYSM)
    assert (overridden.review_state, overridden.override_reason, overridden.review_reason) == (
        "overridden", "specialist_clearance", "Letter on file")


def test_the_clinician_who_made_the_override_cannot_co_sign_it_and_is_told_so(casey: object) -> None:
    intake = screened_case(**EXCLUSION)
    client = client_for(casey)
    override(client, intake, reason="other", note="Seen")
    page = client.get(case_url(intake)).content.decode()
    assert "You made this override:" in page and "Co-sign the override" not in page
    response = post_flag(client, "flag-cosign", flag(intake, ANEURYSM))
    assert response.status_code == 200
    assert "A second clinician must co-sign: you made this override." in response.content.decode()
    assert flag(intake, ANEURYSM).cosigned_by is None


def test_a_second_clinician_co_signs_the_override(casey: object, corey: object) -> None:
    intake = screened_case(**EXCLUSION)
    override(client_for(casey), intake, reason="other", note="Seen")
    client = client_for(corey)
    assert "Co-sign the override" in client.get(case_url(intake)).content.decode()
    assert post_flag(client, "flag-cosign", flag(intake, ANEURYSM)).status_code == 302
    assert flag(intake, ANEURYSM).cosigned_by == corey
    assert "Overridden and co-signed" in client.get(case_url(intake)).content.decode()


def test_a_flag_of_another_case_is_not_found(casey: object) -> None:
    intake, other = screened_case(**PRECAUTION), screened_case(**PRECAUTION)
    url = action_url("flag-acknowledge", intake, flag(other, BP).pk)
    assert client_for(casey).post(url, {}).status_code == 404
    assert flag(other, BP).is_open


def test_a_flag_of_an_earlier_screening_is_refused_in_words(casey: object) -> None:
    intake = screened_case(**PRECAUTION)
    old = flag(intake, BP)
    intake.document = make_document(**PRECAUTION, **INFO)
    screen_intake(intake=intake, reason="answers_changed")
    response = post_flag(client_for(casey), "flag-acknowledge", old, note="")
    assert "This flag is from an earlier screening" in response.content.decode()
