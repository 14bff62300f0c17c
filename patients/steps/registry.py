"""The ordered intake steps and the branching between them."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from patients.steps.about import AboutYouForm, WhyCareForm
from patients.steps.conditions import OtherConditionsForm, PregnancyForm
from patients.steps.heart import HeartForm
from patients.steps.history import AlcoholDrugsForm, MentalHealthForm
from patients.steps.logistics import ConsentForm, LogisticsForm
from patients.steps.medicines import MedicinesForm
from patients.steps.questionnaires import QuestionnairesForm, SuicideScreenForm


@dataclass(frozen=True)
class Step:
    """One page of the intake: its URL slug, page title, form and whether it applies to the answers so far."""

    slug: str
    title: str
    form_class: type
    applies: Callable[[dict], bool]


def always(answers: Mapping) -> bool:
    return True


def can_become_pregnant(answers: Mapping) -> bool:
    """The pregnancy questions apply unless the patient said they cannot become pregnant."""
    return answers.get("can_become_pregnant") != "no"


STEPS: tuple[Step, ...] = (
    Step("about-you", "About you", AboutYouForm, always),
    Step("why-care", "Why you are looking for care", WhyCareForm, always),
    Step("questionnaires", "How you have been feeling", QuestionnairesForm, always),
    Step("suicide-screen", "Thoughts of death and suicide", SuicideScreenForm, always),
    Step("mental-health", "Your mental health history", MentalHealthForm, always),
    Step("alcohol-drugs", "Alcohol and drugs", AlcoholDrugsForm, always),
    Step("heart", "Blood pressure, heart and blood vessels", HeartForm, always),
    Step("other-conditions", "Other health conditions", OtherConditionsForm, always),
    Step("pregnancy", "Pregnancy", PregnancyForm, can_become_pregnant),
    Step("medicines", "Medicines you take", MedicinesForm, always),
    Step("logistics", "Getting to treatment", LogisticsForm, always),
    Step("review", "Check your answers and sign", ConsentForm, always),
)
STEPS_BY_SLUG = {step.slug: step for step in STEPS}


def steps_for(answers: Mapping) -> list[Step]:
    """The steps that apply to these answers, in order (what "Step 4 of 11" counts)."""
    return [step for step in STEPS if step.applies(answers)]


def get_step(slug: str) -> Step:
    """The step with this slug; raises KeyError for an unknown slug."""
    return STEPS_BY_SLUG[slug]


def first_unfinished(answers: Mapping, completed_steps: list[str]) -> Step | None:
    """The first applicable step not yet completed, or None when every applicable step is done."""
    return next((step for step in steps_for(answers) if step.slug not in completed_steps), None)


def clear_inapplicable(answers: Mapping) -> dict:
    """A copy of `answers` without answers to questions that no longer apply (skipped steps, follow-ups)."""
    cleared = dict(answers)
    for step in STEPS:
        if not step.applies(cleared):
            inapplicable = step.form_class.answer_names()
        else:
            hidden = [followup for followup in step.form_class.followups if not followup.applies(cleared)]
            inapplicable = [name for followup in hidden for name in followup.fields]
        for name in inapplicable:
            cleared.pop(name, None)
    return cleared
