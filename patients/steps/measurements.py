"""Height and weight in feet, inches and pounds or in centimeters and kilograms.

Stored in one unit (`height_cm`, `weight_kg`) with the unit the patient typed (`height_unit`,
`weight_unit`), so the page and the review show back what they typed: exact for inches and pounds
to one decimal place, because centimeters keep two decimals and kilograms three.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from crispy_forms.layout import HTML, Div, Fieldset
from django import forms
from django.utils.html import format_html

CM_PER_INCH = Decimal("2.54")
KG_PER_POUND = Decimal("0.45359237")
IMPERIAL = {"height": "ft_in", "weight": "lb"}
METRIC = {"height": "cm", "weight": "kg"}


def number(label: str, invalid: str, *, whole: bool = False) -> forms.Field:
    """One box of a measurement: optional, since the patient fills one unit or the other."""
    kind = forms.IntegerField if whole else forms.DecimalField
    options = {} if whole else {"decimal_places": 1}
    messages = {"invalid": invalid, "max_decimal_places": f"{invalid}, with at most one decimal place"}
    return kind(label=label, required=False, error_messages=messages,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "input-measure"}), **options)


def measurement_fields() -> dict[str, forms.Field]:
    """The five boxes of the height and weight questions, in page order."""
    return {
        "height_feet": number("Feet", "Enter the feet of your height as a whole number, like 5", whole=True),
        "height_inches": number("Inches", "Enter the inches of your height as a number, like 7"),
        "height_cm": number("Centimeters", "Enter your height in centimeters as a number, like 170"),
        "weight_lb": number("Pounds", "Enter your weight in pounds as a number, like 154"),
        "weight_kg": number("Kilograms", "Enter your weight in kilograms as a number, like 70"),
    }


@dataclass(frozen=True)
class Measure:
    """What the form makes of one measurement: the stored value and unit, or the field and error to show."""

    value: Decimal | None = None
    unit: str = ""
    error_field: str = ""
    error: str = ""


def measure_height(feet: int | None, inches: Decimal | None, cm: Decimal | None) -> Measure:
    """The height in centimeters (two decimals) from feet and inches or from centimeters."""
    if feet is None and inches is None:
        if cm is None:
            return Measure(error_field="height_feet",
                           error="Enter your height in feet and inches, or in centimeters")
        if not 100 <= cm <= 250:
            return Measure(error_field="height_cm",
                           error="Your height must be between 100 and 250 centimeters")
        return Measure(cm, "cm")
    if cm is not None:
        return Measure(error_field="height_feet",
                       error="Enter your height in feet and inches or in centimeters, not both")
    if feet is None or not 0 <= (inches or 0) < 12:
        return Measure(error_field="height_feet" if feet is None else "height_inches",
                       error="Enter your height as feet and inches from 0 to 11, like 5 feet 7 inches")
    total = feet * 12 + (inches or 0)
    if not 40 <= total <= 98:
        return Measure(error_field="height_feet", error="Your height must be between 3 feet 4 inches and "
                                                        "8 feet 2 inches")
    return Measure((total * CM_PER_INCH).quantize(Decimal("0.01")), "ft_in")


def measure_weight(pounds: Decimal | None, kg: Decimal | None) -> Measure:
    """The weight in kilograms (three decimals) from pounds or from kilograms."""
    if pounds is not None and kg is not None:
        return Measure(error_field="weight_lb", error="Enter your weight in pounds or in kilograms, not both")
    if pounds is not None:
        if not 56 <= pounds <= 770:
            return Measure(error_field="weight_lb", error="Your weight must be between 56 and 770 pounds")
        return Measure((pounds * KG_PER_POUND).quantize(Decimal("0.001")), "lb")
    if kg is None:
        return Measure(error_field="weight_lb", error="Enter your weight in pounds or in kilograms")
    if not 25 <= kg <= 350:
        return Measure(error_field="weight_kg", error="Your weight must be between 25 and 350 kilograms")
    return Measure(kg, "kg")


def plain(value: Decimal) -> str:
    """A number as a person writes it: 7, 7.5 (never 7.0 or 7.50)."""
    text = f"{value.quantize(Decimal('0.1')):f}"
    return text.removesuffix(".0")


def typed_measurements(answers: Mapping) -> dict[str, str]:
    """The boxes as the patient filled them, from the stored centimeters and kilograms."""
    boxes: dict[str, str] = {}
    if answers.get("height_cm") is not None:
        cm = Decimal(str(answers["height_cm"]))
        if answers.get("height_unit") == IMPERIAL["height"]:
            inches = (cm / CM_PER_INCH).quantize(Decimal("0.1"))
            boxes.update(height_feet=str(int(inches // 12)), height_inches=plain(inches % 12))
        else:
            boxes["height_cm"] = plain(cm)
    if answers.get("weight_kg") is not None:
        kg = Decimal(str(answers["weight_kg"]))
        pounds = answers.get("weight_unit") == IMPERIAL["weight"]
        boxes["weight_lb" if pounds else "weight_kg"] = plain(kg / KG_PER_POUND if pounds else kg)
    return boxes


def measurement_rows(answers: Mapping) -> list[tuple[str, str]]:
    """("Height", "5 feet 7 inches") and ("Weight", "154 pounds"), in the units the patient typed."""
    boxes = typed_measurements(answers)
    rows = []
    if "height_feet" in boxes:
        rows.append(("Height", f"{boxes['height_feet']} feet {boxes['height_inches']} inches"))
    elif "height_cm" in boxes:
        rows.append(("Height", f"{boxes['height_cm']} centimeters"))
    if "weight_lb" in boxes or "weight_kg" in boxes:
        rows.append(("Weight", f"{boxes['weight_lb']} pounds" if "weight_lb" in boxes
                     else f"{boxes['weight_kg']} kilograms"))
    return rows


def measurement_layout(question: str, hint: str, imperial: tuple[str, ...], metric: str) -> Fieldset:
    """One measurement as a fieldset: the US boxes side by side, then "or" and the metric box."""
    hint_html = HTML(format_html('<div class="form-text mt-0 mb-2">{}</div>', hint))
    legend = format_html('{}<span class="asteriskField">*</span>', question)
    return Fieldset(
        legend, hint_html, Div(*imperial, css_class="d-flex flex-wrap gap-3"),
        HTML('<p class="mb-2">or</p>'), metric, css_class="intake-measure mb-3",
    )
