"""Deciding a case from its page: checked, shown back for confirmation, then made; refusals keep typing."""

import pytest

from outbox.models import Message
from patients.models import Intake
from review import services
from review.models import Decision
from tests.review.cases import EXCLUSION, PRECAUTION, URGENT, flag, screened_case, sent_intake
from tests.review.pages import action_url, case_url, client_for

pytestmark = pytest.mark.django_db


def post(client: object, name: str, intake: Intake, prefix: str, step: str = "", **fields: object) -> object:
    data = {f"{prefix}-{key}": value for key, value in fields.items()}
    return client.post(action_url(name, intake), {**data, "step": step})


def clear(client: object, intake: Intake, step: str = "", **fields: object) -> object:
    return post(client, "case-clear", intake, "clear", step, **fields)


def status(intake: Intake) -> str:
    return Intake.objects.get(pk=intake.pk).status


def test_clearing_is_shown_back_for_confirmation_before_anything_is_done(casey: object) -> None:
    intake = sent_intake()
    response = clear(client_for(casey), intake, routes=["iv_infusion", "at_home"], conditions="BP re-check")
    html = response.content.decode()
    assert response.status_code == 200 and "check before you confirm" in html
    assert "IV infusion, At home" in html and "BP re-check" in html
    assert 'name="clear-routes" value="iv_infusion"' in html and 'name="clear-routes" value="at_home"' in html
    assert 'name="clear-conditions" value="BP re-check"' in html
    assert status(intake) == "submitted" and not Decision.objects.exists()


def test_a_confirmed_clearance_clears_the_case_with_its_routes_and_tells_the_patient(casey: object) -> None:
    intake = sent_intake()
    client = client_for(casey)
    response = clear(client, intake, "confirm", routes=["iv_infusion", "oral_sublingual"], conditions="BP")
    assert response.status_code == 302 and response["Location"] == case_url(intake) + "#decision"
    assert status(intake) == "cleared"
    decision = Decision.objects.get()
    assert (decision.kind, decision.conditions) == ("clear", "BP")
    assert decision.routes == ["iv_infusion", "oral_sublingual"]
    html = client.get(case_url(intake)).content.decode()
    assert "Status: Cleared" in html
    routes = "routes: IV infusion, Oral or sublingual (in clinic); conditions: BP"
    assert f"Cleared for consultation; {routes}" in html
    assert Message.objects.filter(recipient=intake.patient.email).exists()


def test_clearing_is_refused_with_every_unmet_precondition_listed(casey: object) -> None:
    intake = screened_case(**URGENT, **EXCLUSION, **PRECAUTION)
    response = clear(client_for(casey), intake, "confirm", routes=["iv_infusion"], conditions="My conditions")
    html = response.content.decode()
    assert response.status_code == 200 and "The case cannot be cleared yet" in html
    for words in ("no outcome has been recorded",
                  "CARDIO_ANEURYSM_AVM: the exclusion has not been overridden",
                  "CARDIO_BP_ELEVATED: the precaution has not been acknowledged"):
        assert words in html, words
    assert "My conditions</textarea>" in html and status(intake) == "submitted"


def test_an_override_waiting_for_its_co_signature_blocks_clearance(casey: object) -> None:
    intake = screened_case(**EXCLUSION)
    services.override_flag(flag=flag(intake, "CARDIO_ANEURYSM_AVM"), by=casey, reason="other", note="Seen")
    html = clear(client_for(casey), intake, routes=["iv_infusion"]).content.decode()
    assert "the override needs a second clinician" in html and not Decision.objects.exists()


def test_at_home_is_refused_without_a_support_person_and_transport(casey: object) -> None:
    intake = sent_intake(has_support_person="no")
    client = client_for(casey)
    assert "Not possible: the patient did not say both" in client.get(case_url(intake)).content.decode()
    html = clear(client, intake, "confirm", routes=["at_home"]).content.decode()
    assert "At home can be cleared only when" in html and status(intake) == "submitted"


def test_no_route_and_an_unknown_route_are_refused_in_words(casey: object) -> None:
    intake = sent_intake()
    client = client_for(casey)
    assert "Choose at least one treatment route." in clear(client, intake).content.decode()
    assert "Choose treatment routes from the list." in clear(client, intake, routes=["x"]).content.decode()


def test_go_back_and_change_returns_to_the_case_page_with_the_typing_in_place(casey: object) -> None:
    intake = sent_intake()
    response = clear(client_for(casey), intake, "change", routes=["intramuscular"], conditions="Half dose")
    html = response.content.decode()
    assert response.status_code == 200 and "Half dose</textarea>" in html
    assert 'value="intramuscular" id="id_clear-routes_1" checked' in html
    assert '<details class="border rounded mb-2" id="decide-clear" open>' in html
    assert not Decision.objects.exists()


def test_declining_needs_a_message_and_a_reason_and_keeps_what_was_typed(casey: object) -> None:
    intake = sent_intake()
    response = post(client_for(casey), "case-decline", intake, "decline", "confirm", patient_message="Sorry")
    html = response.content.decode()
    assert "Write the reason for the clinic&#x27;s record." in html and "Sorry</textarea>" in html
    assert status(intake) == "submitted"


def test_a_confirmed_decline_declines_the_case(casey: object) -> None:
    intake = sent_intake()
    client = client_for(casey)
    response = post(client, "case-decline", intake, "decline", "confirm", patient_message="Not suitable now",
                    internal_reason="Uncontrolled epilepsy")
    assert response.status_code == 302 and status(intake) == "declined"
    html = client.get(case_url(intake)).content.decode()
    assert "Declined; internal reason: Uncontrolled epilepsy" in html and "Not suitable now" in html
    assert "decisions are made while a case waits for review" in html


def test_requesting_more_information_reopens_the_chosen_steps(casey: object) -> None:
    intake = sent_intake()
    client = client_for(casey)
    confirm = post(client, "case-request-info", intake, "request_info", steps=["heart"], message="Recent BP?")
    assert "Parts of the form reopened" in confirm.content.decode() and status(intake) == "submitted"
    response = post(client, "case-request-info", intake, "request_info", "confirm", steps=["heart"],
                    message="Recent BP?")
    assert response.status_code == 302
    intake.refresh_from_db()
    assert (intake.status, intake.reopened_steps) == ("more_info_requested", ["heart"])
    assert "More information requested" in client.get(case_url(intake)).content.decode()


def test_requesting_more_information_without_steps_names_what_is_missing(casey: object) -> None:
    intake = sent_intake()
    response = post(client_for(casey), "case-request-info", intake, "request_info", message="Typed")
    html = response.content.decode()
    assert "Choose the parts of the form the patient should look at again." in html
    assert "Typed</textarea>" in html


def test_a_decided_case_cannot_be_decided_again(casey: object) -> None:
    intake = sent_intake()
    services.clear_case(intake=intake, by=casey, routes=["iv_infusion"])
    html = post(client_for(casey), "case-decline", intake, "decline", "confirm", patient_message="m",
                internal_reason="r").content.decode()
    assert "That was not recorded" in html and "only a case waiting for review is decided" in html
    assert status(intake) == "cleared"


def test_a_case_another_clinician_is_reviewing_cannot_be_decided(casey: object, corey: object) -> None:
    intake = sent_intake()
    services.claim_case(intake=intake, by=corey)
    client = client_for(casey)
    assert "Corey Cosigner is reviewing this case." in client.get(case_url(intake)).content.decode()
    html = clear(client, intake, "confirm", routes=["iv_infusion"]).content.decode()
    assert "Corey Cosigner is reviewing this case; their claim lapses at" in html
    assert status(intake) == "in_review"
