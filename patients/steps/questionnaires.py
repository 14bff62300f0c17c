"""The scored questionnaires (PHQ-9, GAD-7) and the C-SSRS suicide screener, worded as in scales.md."""

from collections.abc import Mapping

from crispy_forms.layout import HTML
from django import forms
from django.utils.html import format_html

from patients.steps.base import Followup, IntakeStepForm
from patients.steps.choices import SCALE_0_3
from patients.steps.fields import radio

STEM = "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
PHQ9_ITEMS = (
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself \u2014 or that you are a failure or have let yourself or your family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite \u2014 being so "
    "fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
)
GAD7_ITEMS = (
    "Feeling nervous, anxious, or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid as if something awful might happen",
)
SCALES = {"phq9": PHQ9_ITEMS, "gad7": GAD7_ITEMS}


def scale_item(text: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=text, choices=SCALE_0_3, coerce=int, widget=forms.RadioSelect,
        error_messages={"required": f"Select how often you have been bothered by this: {text.lower()}",
                        "invalid_choice": f"Select how often you have been bothered by this: {text.lower()}"},
    )


class QuestionnairesBase(IntakeStepForm):
    """Stores each scale as one list (`phq9_items`, `gad7_items`), as the intake document has it."""

    @classmethod
    def answer_names(cls) -> tuple[str, ...]:
        return ("phq9_items", "phq9_difficulty", "gad7_items")

    @classmethod
    def answers_to_initial(cls, answers: Mapping) -> dict:
        initial = {"phq9_difficulty": answers["phq9_difficulty"]} if "phq9_difficulty" in answers else {}
        for scale in SCALES:
            for number, score in enumerate(answers.get(f"{scale}_items") or [], start=1):
                initial[f"{scale}_{number}"] = score
        return initial

    def cleaned_answers(self) -> dict:
        data = self.cleaned_data
        return {
            "phq9_items": [data[f"phq9_{number}"] for number in range(1, 10)],
            "phq9_difficulty": data["phq9_difficulty"],
            "gad7_items": [data[f"gad7_{number}"] for number in range(1, 8)],
        }

    def posted_answers(self) -> dict:
        answers = super().posted_answers()
        for scale, items in SCALES.items():
            answers[f"{scale}_items"] = [answers.get(f"{scale}_{n}") for n in range(1, len(items) + 1)]
        return answers

    def layout_items(self) -> list:
        items = super().layout_items()
        stem = HTML(format_html('<p class="fw-bold">{}</p>', STEM))
        items.insert(items.index("phq9_1"), stem)
        items.insert(items.index("gad7_1"), stem)
        return items


class QuestionnairesForm(QuestionnairesBase):
    """PHQ-9 (with its difficulty question) and GAD-7: every item is required."""

    lead = "These are standard questions that help your clinician understand how you have been feeling."

    phq9_1 = scale_item(PHQ9_ITEMS[0])
    phq9_2 = scale_item(PHQ9_ITEMS[1])
    phq9_3 = scale_item(PHQ9_ITEMS[2])
    phq9_4 = scale_item(PHQ9_ITEMS[3])
    phq9_5 = scale_item(PHQ9_ITEMS[4])
    phq9_6 = scale_item(PHQ9_ITEMS[5])
    phq9_7 = scale_item(PHQ9_ITEMS[6])
    phq9_8 = scale_item(PHQ9_ITEMS[7])
    phq9_9 = scale_item(PHQ9_ITEMS[8])
    phq9_difficulty = radio(
        "If you checked off any problems, how difficult have these problems made it for you to do your work, "
        "take care of things at home, or get along with other people?", "phq9_difficulty",
        message="Select how difficult these problems have made things for you",
    )
    gad7_1 = scale_item(GAD7_ITEMS[0])
    gad7_2 = scale_item(GAD7_ITEMS[1])
    gad7_3 = scale_item(GAD7_ITEMS[2])
    gad7_4 = scale_item(GAD7_ITEMS[3])
    gad7_5 = scale_item(GAD7_ITEMS[4])
    gad7_6 = scale_item(GAD7_ITEMS[5])
    gad7_7 = scale_item(GAD7_ITEMS[6])


PAST_MONTH = "In the past month, "


def screener(question: str, message: str, hint: str = "") -> forms.ChoiceField:
    return radio(question, "cssrs_q1", hint=hint, message=message)


def screener_followup(question: str, message: str) -> forms.ChoiceField:
    return radio(question, "cssrs_q1", required=False, message=message)


class SuicideScreenForm(IntakeStepForm):
    """The C-SSRS screener, paraphrased: 3-5 only after a yes to 2; the 3-month question after a yes to 6."""

    lead = ("These questions are about thoughts of death and suicide. We ask everyone. Your answers help "
            "us keep you safe. This form is not watched live: if you are in crisis, call or text 988.")
    followups = (
        Followup("cssrs_plans", ("cssrs_q3", "cssrs_q4", "cssrs_q5"), ("cssrs_q2",),
                 prompt="You answered yes to having thoughts of killing yourself. Answer the 3 questions "
                        "about these thoughts that are now shown below"),
        Followup("cssrs_recent_behavior", ("cssrs_q6_past_3_months",), ("cssrs_q6",),
                 prompt="Answer whether this was in the past 3 months"),
    )

    cssrs_q1 = screener(PAST_MONTH + "have you wished you were dead, or wished you could go to sleep and "
                                     "not wake up?",
                        "Select whether, in the past month, you have wished you were dead or could go to "
                        "sleep and not wake up")
    cssrs_q2 = screener(PAST_MONTH + "have you actually had any thoughts of killing yourself?",
                        "Select whether, in the past month, you have had any thoughts of killing yourself")
    cssrs_q3 = screener_followup(PAST_MONTH + "have you been thinking about how you might do this?",
                                 "Select whether, in the past month, you have been thinking about how you "
                                 "might kill yourself")
    cssrs_q4 = screener_followup(PAST_MONTH + "have you had these thoughts and had some intention of "
                                              "acting on them?",
                                 "Select whether, in the past month, you have had some intention of acting "
                                 "on these thoughts")
    cssrs_q5 = screener_followup(PAST_MONTH + "have you started to work out, or worked out, the details "
                                              "of how to kill yourself, and do you intend to carry out "
                                              "this plan?",
                                 "Select whether, in the past month, you have worked out the details of how "
                                 "to kill yourself and intend to carry out this plan")
    cssrs_q6 = screener(
        "Have you ever done anything, started to do anything, or prepared to do anything to end your life?",
        "Select whether you have ever done, started to do or prepared to do anything to end your life",
        hint="For example: collecting pills, getting a weapon, giving away valuables, writing a will or "
             "suicide note, taking out pills but not swallowing any, holding a weapon but changing your "
             "mind, "
             "someone stopping you, or actually trying to end your life.",
    )
    cssrs_q6_past_3_months = screener_followup(
        "Was this within the past 3 months?",
        "Select whether what you did to end your life was within the past 3 months",
    )
