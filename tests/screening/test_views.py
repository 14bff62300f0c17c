from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import dateformat, timezone

from outbox.models import Message
from screening import services
from screening.models import CrisisAlert
from screening.rules import CATALOGUE
from tests.factories import DraftIntakeFactory, IntakeFactory, UserFactory
from tests.screening.documents import make_document
from tests.second_factor import force_login_verified

pytestmark = pytest.mark.django_db

URGENT_ANSWERS = {"cssrs_q1": "yes", "cssrs_q2": "yes", "cssrs_q3": "no", "cssrs_q4": "yes", "cssrs_q5": "no"}
RAISED = datetime(2026, 6, 15, 9, 0, tzinfo=UTC)
SUICIDE_RISK = {"SI_CSSRS_HIGH": {"cssrs_q4": "yes"}}


def client_for(user: object) -> Client:
    client = Client()
    force_login_verified(client, user)
    return client


def urgent_alert(**intake_fields: object) -> CrisisAlert:
    intake = IntakeFactory(document=make_document(**URGENT_ANSWERS), patient__first_name="Jordan",
                           patient__last_name="Urgentcase", **intake_fields)
    with time_machine.travel(RAISED, tick=False):
        services.screen_intake(intake=intake, reason="submitted")
    return CrisisAlert.objects.get(intake=intake)


def draft_alert() -> CrisisAlert:
    contact = {"phone": "555 010 0177", "emergency_contact_name": "Robin Near",
               "emergency_contact_phone": "555 010 0178"}
    answers = URGENT_ANSWERS | {"cssrs_q6": "no"} | contact
    intake = DraftIntakeFactory(answers=answers, patient__first_name="Dana", patient__last_name="Draftcase")
    with time_machine.travel(RAISED, tick=False):
        return services.raise_draft_crisis_alert(intake=intake, findings=SUICIDE_RISK)


def answer_cell(html: str, question: str) -> str:
    start = html.index(question)
    return html[html.index("<td>", start) : html.index("</td>", start)].removeprefix("<td>")


def catalogue_row(html: str, code: str) -> str:
    start = html.index(f'id="rule-{code}"')
    return html[start : html.index("</tr>", start)]


def test_the_staff_home_lists_open_alerts_first_with_a_link_to_each(clinician_client: Client) -> None:
    alert = urgent_alert()
    response = clinician_client.get(reverse("screening:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 intake needs same-day contact" in html
    assert reverse("screening:alert-detail", args=[alert.pk]) in html
    assert html.index("Open crisis alerts") < html.index("Read the rule catalogue")


def test_the_staff_home_says_so_when_there_are_no_alerts(admin_client: Client) -> None:
    html = admin_client.get(reverse("screening:home")).content.decode()
    assert "There are no open crisis alerts." in html
    assert "No alert has been acknowledged yet." in html
    assert reverse("screening:catalogue") in html


def test_the_staff_home_warns_when_emails_are_not_getting_through(admin_client: Client) -> None:
    assert "Email problem" not in admin_client.get(reverse("screening:home")).content.decode()
    Message.objects.create(recipient="oncall@clinic.test", subject="s", body="", kind="crisis-alert",
                           status=Message.Status.FAILED)
    with time_machine.travel(timezone.now() - timedelta(minutes=20)):
        Message.objects.create(recipient="x@clinic.test", subject="s", body="b", kind="crisis-alert")
    Message.objects.create(recipient="y@clinic.test", subject="s", body="b", kind="crisis-alert")
    page = admin_client.get(reverse("screening:home")).content.decode()
    assert "Email problem:</strong> 2 emails could not be delivered" in page


def test_the_catalogue_shows_every_rule_with_its_severity_sources_and_basis(clinician_client: Client) -> None:
    html = clinician_client.get(reverse("screening:catalogue")).content.decode()
    assert "Ruleset version 2026.2: 64 rules" in html
    for rule in CATALOGUE:
        assert f'id="rule-{rule.code}"' in html
    row = catalogue_row(html, "CARDIO_BP_ELEVATED")
    assert "PRECAUTION" in row and "SPRAVATO-PI §5.6" in row and "140/90" in row


def test_the_catalogue_counts_open_cases_per_code_in_one_query(clinician_client: Client) -> None:
    for document in (make_document(bp_systolic=150), make_document(bp_systolic=150, bp_diastolic=95)):
        services.screen_intake(intake=IntakeFactory(document=document), reason="submitted")
    decided = IntakeFactory(status="declined", document=make_document(bp_systolic=150))
    services.screen_intake(intake=decided, reason="submitted")
    with CaptureQueriesContext(connection) as queries:
        html = clinician_client.get(reverse("screening:catalogue")).content.decode()
    assert len([query for query in queries if "screening_screeningflag" in query["sql"]]) == 1
    queue = f'{reverse("review:queue")}?flag_code=CARDIO_BP_ELEVATED&amp;status=open">2<'
    assert queue in catalogue_row(html, "CARDIO_BP_ELEVATED")
    assert catalogue_row(html, "ALLERGY_KETAMINE").rstrip().endswith('<td class="text-end">0</td>')


def test_an_admin_sees_the_open_case_counts_but_no_link_into_the_review_queue(admin_client: Client) -> None:
    services.screen_intake(intake=IntakeFactory(document=make_document(bp_systolic=150)), reason="submitted")
    html = admin_client.get(reverse("screening:catalogue")).content.decode()
    assert catalogue_row(html, "CARDIO_BP_ELEVATED").rstrip().endswith('<td class="text-end">1</td>')
    assert reverse("review:queue") not in html


def test_the_alert_page_links_a_clinician_to_the_case_and_an_admin_to_nothing(
    clinician_client: Client, admin_client: Client
) -> None:
    alert = urgent_alert()
    url = reverse("screening:alert-detail", args=[alert.pk])
    case = reverse("review:case", args=[alert.intake_id])
    assert f'href="{case}"' in clinician_client.get(url).content.decode()
    assert case not in admin_client.get(url).content.decode()


def test_the_alert_page_of_an_unsent_intake_has_no_case_to_link_to(clinician_client: Client) -> None:
    alert = draft_alert()
    html = clinician_client.get(reverse("screening:alert-detail", args=[alert.pk])).content.decode()
    assert "Dana" in html and reverse("review:case", args=[alert.intake_id]) not in html


def test_the_catalogue_lists_the_defaults_a_medical_director_must_confirm(admin_client: Client) -> None:
    html = admin_client.get(reverse("screening:catalogue")).content.decode()
    section = html[html.index('id="sign-off"') : html.index('id="all-rules"')]
    assert "Defaults a medical director must confirm (26)" in section
    assert "SI_SCREEN_INCOMPLETE" in section
    assert "ALLERGY_KETAMINE" not in section
    assert "Needs sign-off" in catalogue_row(html, "VITALS_BP_MISSING_OR_STALE")


def test_a_clinician_sees_who_to_contact_and_why_on_an_alert(clinician_client: Client) -> None:
    alert = urgent_alert(answers={"phone": "555 010 0199", "emergency_contact_name": "Riley Helper",
                                  "emergency_contact_phone": "555 010 0142"})
    html = clinician_client.get(reverse("screening:alert-detail", args=[alert.pk])).content.decode()
    assert "Jordan Urgentcase" in html
    assert 'href="tel:555 010 0199"' in html
    assert "Riley Helper" in html and "555 010 0142" in html
    assert alert.intake.patient.email in html
    assert "SI_CSSRS_HIGH" in html
    assert "Acknowledge: I will contact the patient today" in html


def test_an_admin_sees_the_alert_status_but_no_patient_details(admin_client: Client) -> None:
    alert = urgent_alert()
    html = admin_client.get(reverse("screening:alert-detail", args=[alert.pk])).content.decode()
    assert "Open" in html
    assert "Urgentcase" not in html and "SI_CSSRS_HIGH" not in html
    assert "Only a clinician can acknowledge an alert." in html


def test_acknowledging_an_alert_confirms_it_and_shows_the_time_it_took() -> None:
    alert = urgent_alert()
    clinician = UserFactory(role="clinician", first_name="Casey", last_name="Carer")
    client = client_for(clinician)
    with time_machine.travel(RAISED + timedelta(minutes=12), tick=False):
        response = client.post(reverse("screening:alert-acknowledge", args=[alert.pk]), follow=True)
    html = response.content.decode()
    assert "Alert acknowledged. Contact the patient today." in html
    assert "Casey Carer" in html
    assert "Time to acknowledgement" in html and "12\xa0minutes" in html
    alert.refresh_from_db()
    assert (alert.status, alert.acknowledged_by) == ("acknowledged", clinician)


def test_acknowledging_twice_says_it_is_already_acknowledged(clinician_client: Client) -> None:
    alert = urgent_alert()
    url = reverse("screening:alert-acknowledge", args=[alert.pk])
    clinician_client.post(url)
    html = clinician_client.post(url, follow=True).content.decode()
    assert "This alert is already acknowledged." in html


def test_an_admin_cannot_acknowledge_an_alert(admin_client: Client) -> None:
    alert = urgent_alert()
    response = admin_client.post(reverse("screening:alert-acknowledge", args=[alert.pk]))
    assert response.status_code == 403
    alert.refresh_from_db()
    assert alert.status == "open"


def test_an_unknown_alert_is_not_found(clinician_client: Client) -> None:
    assert clinician_client.get(reverse("screening:alert-detail", args=[999])).status_code == 404


def test_a_clinician_sees_an_alert_from_an_unsent_intake_with_the_answers_that_raised_it(
    clinician_client: Client,
) -> None:
    alert = draft_alert()
    response = clinician_client.get(reverse("screening:alert-detail", args=[alert.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Raised from an unsent intake: the patient has not submitted yet." in html
    assert "Dana Draftcase" in html and 'href="tel:555 010 0177"' in html
    assert "Robin Near" in html and alert.intake.patient.email in html
    assert f"Intake {alert.intake_id}, not submitted yet" in html
    assert answer_cell(html, "some intention of acting on them") == "<strong>Yes: high risk</strong>"
    assert answer_cell(html, "Thought about how") == "No"
    assert answer_cell(html, "within the past 3 months") == "Not answered"
    assert "There is no screening result yet" in html
    assert "Acknowledge: I will contact the patient today" in html


def test_an_admin_sees_a_draft_alert_without_the_patient_or_the_answers(admin_client: Client) -> None:
    alert = draft_alert()
    response = admin_client.get(reverse("screening:alert-detail", args=[alert.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "An unsent intake" in html
    assert "Draftcase" not in html and "555 010 0177" not in html and "intention of acting" not in html
    assert "Patient details are shown to clinicians only." in html


def test_the_staff_home_lists_a_draft_alert_with_the_others(clinician_client: Client) -> None:
    urgent_alert()
    alert = draft_alert()
    html = clinician_client.get(reverse("screening:home")).content.decode()
    assert "2 intakes need same-day contact" in html
    assert f"Alert {alert.pk}, intake {alert.intake_id}</a> (from an unsent intake)" in html


def test_once_the_draft_is_submitted_its_alert_shows_the_urgent_flags(clinician_client: Client) -> None:
    alert = draft_alert()
    intake = alert.intake
    intake.status, intake.submitted_at = "submitted", RAISED + timedelta(minutes=5)
    intake.document = make_document(**URGENT_ANSWERS)
    intake.save()
    services.screen_intake(intake=intake, reason="submitted")

    html = clinician_client.get(reverse("screening:alert-detail", args=[alert.pk])).content.decode()
    assert "An unsent intake, which the patient has since submitted" in html
    assert "SI_CSSRS_HIGH" in html
    assert "not submitted yet" not in html


READING = {"bp_systolic": 196, "bp_diastolic": 124, "bp_measured_on": "2026-06-14", "bp_source": "home_cuff"}
BP_CRISIS = {"CARDIO_BP_CRISIS_RANGE": READING}


def bp_draft_alert(**answers: object) -> CrisisAlert:
    reading = {"has_bp_reading": "yes", **BP_CRISIS["CARDIO_BP_CRISIS_RANGE"]}
    intake = DraftIntakeFactory(answers={**reading, **answers}, patient__last_name="Pressurecase")
    with time_machine.travel(RAISED, tick=False):
        return services.raise_draft_crisis_alert(intake=intake, findings=BP_CRISIS)


def urgent_section(html: str) -> str:
    return html[html.index("Why it is urgent") : html.index("</section>")]


def test_an_alert_from_a_crisis_reading_says_which_reading_when_and_how_it_was_taken(
    clinician_client: Client,
) -> None:
    alert = bp_draft_alert()
    html = clinician_client.get(reverse("screening:alert-detail", args=[alert.pk])).content.decode()
    section = urgent_section(html)
    assert "CARDIO_BP_CRISIS_RANGE" in section
    assert f"saved {dateformat.format(timezone.localtime(RAISED), 'D j M Y, H:i')}" in section
    assert "<strong>196/124 mmHg, taken Sun 14 Jun 2026, source: home cuff</strong>" in section
    assert "same-day contact" in section  # the rule's own rationale
    assert "The reading in the intake now: <strong>196/124 mmHg" in section
    assert "Suicide screening answers" not in section
    assert "Pressurecase" in html


def test_the_alert_keeps_the_reading_that_raised_it_after_the_patient_enters_a_lower_one(
    clinician_client: Client,
) -> None:
    alert = bp_draft_alert()
    intake = alert.intake
    intake.answers = {**intake.answers, "bp_systolic": 150, "bp_diastolic": 95}
    intake.save()
    section = urgent_section(
        clinician_client.get(reverse("screening:alert-detail", args=[alert.pk])).content.decode()
    )
    assert "<strong>196/124 mmHg" in section
    assert "The reading in the intake now: <strong>150/95 mmHg" in section


def test_an_alert_joined_by_a_second_urgent_answer_shows_both(clinician_client: Client) -> None:
    alert = draft_alert()
    services.raise_draft_crisis_alert(intake=alert.intake, findings=BP_CRISIS)
    section = urgent_section(
        clinician_client.get(reverse("screening:alert-detail", args=[alert.pk])).content.decode()
    )
    assert section.index("SI_CSSRS_HIGH") < section.index("CARDIO_BP_CRISIS_RANGE")
    assert "196/124 mmHg" in section
    assert answer_cell(section, "some intention of acting on them") == "<strong>Yes: high risk</strong>"


def test_an_admin_sees_a_blood_pressure_alert_without_the_reading(admin_client: Client) -> None:
    alert = bp_draft_alert()
    html = admin_client.get(reverse("screening:alert-detail", args=[alert.pk])).content.decode()
    assert "196" not in html and "CARDIO_BP" not in html and "Pressurecase" not in html
    admin_page = admin_client.get(f"/django-admin/screening/crisisalert/{alert.pk}/change/")
    assert admin_page.status_code == 200
    assert "196" not in admin_page.content.decode() and "home_cuff" not in admin_page.content.decode()


def test_a_submitted_urgent_reading_shows_its_date_and_source_from_the_document(
    clinician_client: Client,
) -> None:
    reading = {"bp_systolic": 186, "bp_diastolic": 100, "bp_measured_on": "2026-06-10",
               "bp_source": "pharmacy_kiosk"}
    intake = IntakeFactory(document=make_document(**reading))
    services.screen_intake(intake=intake, reason="submitted")
    alert = CrisisAlert.objects.get(intake=intake)
    section = urgent_section(
        clinician_client.get(reverse("screening:alert-detail", args=[alert.pk])).content.decode()
    )
    assert "<strong>186/100 mmHg, taken Wed 10 Jun 2026, source: pharmacy kiosk</strong>" in section
