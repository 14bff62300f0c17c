"""The medicines page: "Add another medicine" without JavaScript, and error links that lead to each row."""

from datetime import date

from django.forms import BaseForm
from django.http import QueryDict

from patients.models import Intake
from patients.steps import Step
from patients.steps.medicines import MEDICATION_PREFIX
from patients.views.flow import field_anchor

MEDICINES_SLUG = "medicines"
ADD_MEDICINE = "add-medicine"
ROW_KEYS = ("name", "dose", "frequency")


def typed_rows(data: QueryDict, prefix: str) -> list[dict]:
    """The rows the patient has typed so far (blank and removed rows left out), not yet validated."""
    try:
        total = min(int(data.get(f"{prefix}-TOTAL_FORMS", 0)), 40)
    except ValueError:
        total = 0
    rows = []
    for index in range(total):
        row = {key: data.get(f"{prefix}-{index}-{key}", "").strip() for key in ROW_KEYS}
        if any(row.values()) and not data.get(f"{prefix}-{index}-DELETE"):
            rows.append(row)
    return rows


def form_with_another_row(page: Step, data: QueryDict, intake: Intake, today: date) -> BaseForm:
    """An unbound medicines form showing the typed rows and one more blank row (nothing is saved)."""
    rows = typed_rows(data, MEDICATION_PREFIX)
    answers = {key: value for key, value in intake.answers.items() if key != "medications"}
    if rows:
        answers["medications"] = rows
    form = page.form_class(None, answers=answers, today=today)
    # Without JavaScript the page reloads at the top: move focus (and the view) to the new row.
    form.formset.forms[-1].fields["name"].widget.attrs["autofocus"] = True
    return form


def medicine_error_links(form: BaseForm) -> list[tuple[str, str]]:
    """The error summary's (field id, message) pairs, each row's problems linking to that row's question."""
    links: list[tuple[str, str]] = []
    # Numbered as the page shows them: a removed row neither appears nor takes a number.
    for row, number in form.shown_rows():
        first = field_anchor(row["name"])
        links += [(first, f"Medicine {number}: {message}") for message in row.non_field_errors()]
        for field in row:
            links += [(field_anchor(field), f"Medicine {number}: {message}") for message in field.errors]
    none_ticked = field_anchor(form["no_medicines"])
    links += [(none_ticked, str(message)) for message in form.formset.non_form_errors()]
    return links + [(none_ticked, str(message)) for message in form["no_medicines"].errors]
