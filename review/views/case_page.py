"""What the case template shows, built from the case read model: panels with their forms, anchors."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.forms import Form
from django.urls import reverse
from django.utils.text import slugify

from accounts.models import User
from patients.models import Intake
from review.forms import (
    AcknowledgeForm,
    AlertDispositionForm,
    CaseForm,
    ClearForm,
    DeclineForm,
    OverrideForm,
    RequestInfoForm,
)
from review.models import Route
from review.selectors.case import AlertView, AnswerGroup, CaseDetail, Evidence, FlagView
from screening.models import ScreeningFlag, Severity

SEVERITY_ORDER = {severity: rank for rank, severity in enumerate(Severity.values)}
# Text and colour: the badge always names the severity, the colour only repeats it.
SEVERITY_STYLE = {
    Severity.URGENT: "danger", Severity.EXCLUSION: "warning", Severity.PRECAUTION: "info",
    Severity.INFO: "secondary",
}
AT_HOME_YES = "The patient said a support person and transport home are available."
AT_HOME_NO = "Not possible: the patient did not say both a support person and transport home are available."


@dataclass(frozen=True)
class EvidenceLink:
    evidence: Evidence
    text: str
    href: str  # "" when the value is worked out by the rules rather than answered


@dataclass(frozen=True)
class FlagPanel:
    view: FlagView
    style: str
    evidence: list[EvidenceLink]
    action: str  # "acknowledge", "override", "cosign", "own-override", "alert" or ""
    form: Form | None
    url: str


@dataclass(frozen=True)
class AnswerRow:
    question: str
    answer: str
    anchor: str
    changed: bool
    flags: tuple[str, ...]  # codes of the current flags this answer triggered


@dataclass(frozen=True)
class AnswerSection:
    group: AnswerGroup
    anchor: str
    rows: list[AnswerRow]


@dataclass(frozen=True)
class AlertPanel:
    view: AlertView
    form: Form | None
    url: str


def case_context(detail: CaseDetail, *, user: User, bound: Mapping[str, Form] | None) -> dict:
    """The template's context: bound forms (from a refused POST) replace the empty ones of the same key."""
    bound = bound or {}
    in_queue = detail.intake.status in Intake.QUEUE_STATUSES
    flags = flag_panels(detail, user=user, bound=bound, act=in_queue)
    alerts = [alert_panel(view, detail, bound=bound) for view in detail.alerts]
    decisions = decision_forms(detail, bound) if in_queue else {}
    shown = [panel.form for panel in (*flags, *alerts)] + list(decisions.values())
    return {
        "detail": detail, "intake": detail.intake, "summary": detail.summary, "in_queue": in_queue,
        "held_by_other": detail.claimed_by is not None and detail.claimed_by.pk != user.pk,
        "scores": (detail.result.scores if detail.result else {}) or {},
        "flags": flags, "alerts": alerts, "decision_forms": decisions,
        "refusals": refusals(bound, shown=shown),
        "answers": answer_sections(detail.answers, triggered=triggered_by(flags)),
        "changed_count": sum(len(group.changed) for group in detail.answers),
        "latest_decision": next((e for e in reversed(detail.history) if e.what == "Decision"), None),
        "at_home_hint": (Route.AT_HOME.value, AT_HOME_YES if detail.at_home_possible else AT_HOME_NO),
    }


def refusals(bound: Mapping[str, Form], *, shown: list[Form | None]) -> list[str]:
    """Refusals on forms the page no longer shows (the flag changed meanwhile): they go on top instead."""
    hidden = [form for form in bound.values() if not any(form is other for other in shown)]
    return [error for form in hidden for error in form.non_field_errors()]


def flag_panels(detail: CaseDetail, *, user: User, bound: Mapping[str, Form], act: bool) -> list[FlagPanel]:
    """The flags, most severe first, each with what this clinician can do with it now."""
    anchors = {answer_anchor(group.step.slug, question) for group in detail.answers
               for question, _ in group.rows}
    flags = sorted(detail.flags, key=lambda view: (SEVERITY_ORDER.get(view.flag.severity, 9), view.flag.code))
    return [flag_panel(view, detail, user=user, bound=bound, anchors=anchors, act=act) for view in flags]


def flag_panel(view: FlagView, detail: CaseDetail, *, user: User, bound: Mapping[str, Form],
               anchors: set[str], act: bool) -> FlagPanel:
    action = flag_action(view.flag, user=user, cosign=detail.cosignature_required) if act else ""
    key = f"flag-{view.flag.pk}"
    form = (bound.get(key) or empty_flag_form(action, prefix=key)) if action in FLAG_FORMS else None
    names = {"acknowledge": "review:flag-acknowledge", "override": "review:flag-override",
             "cosign": "review:flag-cosign"}
    url = reverse(names[action], args=[detail.intake.pk, view.flag.pk]) if action in names else ""
    return FlagPanel(
        view=view, style=SEVERITY_STYLE.get(view.flag.severity, "secondary"),
        evidence=[evidence_link(evidence, anchors) for evidence in view.evidence],
        action=action, form=form, url=url,
    )


def flag_action(flag: ScreeningFlag, *, user: User, cosign: bool) -> str:
    """What a clinician can do with the flag now."""
    if flag.severity == Severity.URGENT:
        return "alert" if flag.is_open else ""
    if flag.is_open:
        return "override" if flag.severity == Severity.EXCLUSION else "acknowledge"
    overridden = flag.review_state == ScreeningFlag.ReviewState.OVERRIDDEN
    if overridden and cosign and flag.cosigned_by_id is None:
        return "own-override" if flag.reviewed_by_id == user.pk else "cosign"
    return ""


FLAG_FORMS = {"acknowledge": AcknowledgeForm, "override": OverrideForm, "cosign": CaseForm}


def empty_flag_form(action: str, *, prefix: str) -> Form:
    return FLAG_FORMS[action](prefix=prefix)


def alert_panel(view: AlertView, detail: CaseDetail, *, bound: Mapping[str, Form]) -> AlertPanel:
    if view.is_settled:
        return AlertPanel(view=view, form=None, url="")
    key = f"alert-{view.alert.pk}"
    return AlertPanel(
        view=view, form=bound.get(key) or AlertDispositionForm(prefix=key),
        url=reverse("review:alert-disposition", args=[detail.intake.pk, view.alert.pk]),
    )


def decision_forms(detail: CaseDetail, bound: Mapping[str, Form]) -> dict[str, Form]:
    return {
        "clear": bound.get("clear") or ClearForm(prefix="clear"),
        "decline": bound.get("decline") or DeclineForm(prefix="decline"),
        "request_info": bound.get("request_info")
        or RequestInfoForm(prefix="request_info", steps=detail.reopenable_steps),
    }


def triggered_by(panels: list[FlagPanel]) -> dict[str, tuple[str, ...]]:
    """Anchor of each answer row -> the codes of the flags it triggered."""
    codes: dict[str, list[str]] = {}
    for panel in panels:
        for link in panel.evidence:
            if link.href.startswith("#answer-"):
                codes.setdefault(link.href[1:], []).append(panel.view.flag.code)
    return {anchor: tuple(dict.fromkeys(found)) for anchor, found in codes.items()}


def answer_sections(
    groups: list[AnswerGroup], *, triggered: Mapping[str, tuple[str, ...]]
) -> list[AnswerSection]:
    sections = []
    for group in groups:
        changed = set(group.changed)
        rows = []
        for question, answer in group.rows:
            anchor = answer_anchor(group.step.slug, question)
            rows.append(AnswerRow(question, answer, anchor, question in changed, triggered.get(anchor, ())))
        sections.append(AnswerSection(group=group, anchor=f"answers-{group.step.slug}", rows=rows))
    return sections


def answer_anchor(slug: str, question: str) -> str:
    return f"answer-{slug}-{slugify(question)[:60]}"


def evidence_link(evidence: Evidence, anchors: set[str]) -> EvidenceLink:
    """The answer behind a flag, linked to its row in the answers (or its step, for a worked-out value)."""
    href = ""
    if evidence.step_slug:
        anchor = answer_anchor(evidence.step_slug, evidence.question)
        href = "#" + (anchor if anchor in anchors else f"answers-{evidence.step_slug}")
    return EvidenceLink(evidence=evidence, text=value_text(evidence.value), href=href)


def value_text(value: object) -> str:
    """A rule's evidence value in words: lists joined, mappings as key: value, yes/no as words."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Mapping):
        return "; ".join(f"{key}: {value_text(item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(value_text(item) for item in value) or "None"
    if value is None:
        return "Not answered"
    return {"yes": "Yes", "no": "No"}.get(str(value), str(value))
