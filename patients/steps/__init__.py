"""The intake questionnaire's steps: a registry of pages, their forms and their branching."""

from patients.steps.base import Followup, IntakeStepForm
from patients.steps.registry import STEPS, Step, clear_inapplicable, first_unfinished, get_step, steps_for
from screening.rules import needs_crisis_help

__all__ = [
    "STEPS",
    "Followup",
    "IntakeStepForm",
    "Step",
    "clear_inapplicable",
    "first_unfinished",
    "get_step",
    "needs_crisis_help",
    "steps_for",
]
