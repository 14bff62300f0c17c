"""Validation of the flat intake document (intake-fields.md): every problem, each named by its field. Pure."""

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from screening.document_fields import (
    ENUMS,
    FIELD_NAMES,
    FIELDS,
    FIELDS_BY_NAME,
    MEDICATION_KEYS,
    FieldSpec,
    Kind,
)

__all__ = [
    "ENUMS",
    "FIELD_NAMES",
    "FIELDS",
    "FieldError",
    "FieldSpec",
    "InvalidDocument",
    "Kind",
    "check_document",
    "parse_date",
    "validate_document",
]

DOCUMENT_FIELD = ""  # the field of a problem with the document as a whole
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SHOWN_LENGTH = 60


@dataclass(frozen=True)
class FieldError:
    """One problem with an intake document: the field it is about and a plain message naming it."""

    field: str
    message: str

    def __str__(self) -> str:
        return self.message


class InvalidDocument(ValueError):
    """Raised by check_document; .errors lists every problem found."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(error.message for error in errors))
        self.errors = errors


def validate_document(document: object) -> list[FieldError]:
    """Every problem with an intake document, in field order; an empty list means it is valid."""
    if not isinstance(document, Mapping):
        return [FieldError(DOCUMENT_FIELD, f"intake document: must be a JSON object, got {_show(document)}")]
    errors = [FieldError(str(key), f"{key}: unknown field") for key in document if key not in FIELDS_BY_NAME]
    for spec in FIELDS:
        if spec.name not in document:
            errors.append(FieldError(spec.name, f"{spec.name}: missing (every field must be present)"))
        else:
            errors.extend(_CHECKS[spec.kind](spec, document[spec.name]))
    errors.extend(_order_errors(document))
    errors.extend(_branch_errors(document))
    return errors


def check_document(document: object) -> None:
    """Returns quietly for a valid intake document; raises InvalidDocument listing every problem otherwise."""
    errors = validate_document(document)
    if errors:
        raise InvalidDocument(errors)


def parse_date(value: object) -> date | None:
    """The date of a strict "YYYY-MM-DD" string naming a real calendar day, else None."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _check_enum(spec: FieldSpec, value: object) -> Iterator[FieldError]:
    if value is None and spec.nullable:
        return
    if not isinstance(value, str) or value not in spec.choices:
        yield _error(spec.name, f"must be one of {_choices(spec)}, got {_show(value)}")


def _check_enum_list(spec: FieldSpec, value: object) -> Iterator[FieldError]:
    if not isinstance(value, list):
        yield _error(spec.name, f"must be a list of values from {_choices(spec)}, got {_show(value)}")
        return
    seen: set[str] = set()
    for member in value:
        if not isinstance(member, str) or member not in spec.choices:
            yield _error(spec.name, f"{_show(member)} is not one of {_choices(spec)}")
        elif member in seen:
            yield _error(spec.name, f"{_show(member)} is listed more than once")
        else:
            seen.add(member)


def _check_date(spec: FieldSpec, value: object) -> Iterator[FieldError]:
    if value is None and spec.nullable:
        return
    if parse_date(value) is None:
        alternative = " or null" if spec.nullable else ""
        yield _error(spec.name, f"must be a real date written YYYY-MM-DD{alternative}, got {_show(value)}")


def _check_int(spec: FieldSpec, value: object) -> Iterator[FieldError]:
    if value is None and spec.nullable:
        return
    if _is_whole_number(value):
        if not spec.minimum <= value <= spec.maximum:
            yield _error(spec.name, f"must be a whole number from {_range(spec)}, got {_show(value)}")
        return
    alternative = " or null" if spec.nullable else ""
    yield _error(spec.name, f"must be a whole number from {_range(spec)}{alternative}, got {_show(value)}")


def _check_item_scores(spec: FieldSpec, value: object) -> Iterator[FieldError]:
    if not isinstance(value, list):
        yield _error(spec.name, f"must be a list of {spec.length} answers, got {_show(value)}")
        return
    if len(value) != spec.length:
        yield _error(spec.name, f"must hold exactly {spec.length} answers, got {len(value)}")
    for index, item in enumerate(value):
        if item is not None and not (_is_whole_number(item) and spec.minimum <= item <= spec.maximum):
            message = f"must be a whole number from {_range(spec)} or null (unanswered), got {_show(item)}"
            yield FieldError(spec.name, f"{spec.name}[{index}]: {message}")


def _check_medications(spec: FieldSpec, value: object) -> Iterator[FieldError]:
    if not isinstance(value, list):
        yield _error(spec.name, f"must be a list of {{name, dose, frequency}} objects, got {_show(value)}")
        return
    for index, item in enumerate(value):
        yield from _check_medication(f"{spec.name}[{index}]", item)


def _check_medication(label: str, item: object) -> Iterator[FieldError]:
    if not isinstance(item, Mapping):
        message = f"must be an object with name, dose and frequency, got {_show(item)}"
        yield FieldError("medications", f"{label}: {message}")
        return
    for key in item:
        if key not in MEDICATION_KEYS:
            yield FieldError("medications", f"{label}: unknown key {_show(key)}")
    for key in MEDICATION_KEYS:
        if key not in item:
            yield FieldError("medications", f"{label}: missing {key}")
    name = item.get("name")
    if "name" in item and not (isinstance(name, str) and name.strip()):
        yield FieldError("medications", f"{label}.name: must be non-empty text, got {_show(name)}")
    for key in ("dose", "frequency"):
        if key in item and not (item[key] is None or isinstance(item[key], str)):
            yield FieldError("medications", f"{label}.{key}: must be text or null, got {_show(item[key])}")


def _order_errors(document: Mapping) -> Iterator[FieldError]:
    for spec in FIELDS:
        if spec.not_after is None:
            continue
        own, limit = parse_date(document.get(spec.name)), parse_date(document.get(spec.not_after))
        if own is not None and limit is not None and own > limit:
            message = f"must not be after {spec.not_after} ({limit.isoformat()}), got {own.isoformat()}"
            yield _error(spec.name, message)


# "not_applicable" means the pregnancy questions were skipped, which is right only after a "no" here;
# accepting it otherwise would screen someone who may be pregnant without any pregnancy rule.
PREGNANCY_FIELDS = ("pregnancy_status", "planning_pregnancy_12mo")


# intake-fields.md (2026.2): bp_source is null exactly when there is no reading.
BP_READING_FIELDS = ("bp_systolic", "bp_diastolic", "bp_measured_on")


def _branch_errors(document: Mapping) -> Iterator[FieldError]:
    yield from _reading_source_errors(document)
    yield from _pregnancy_errors(document)


def _reading_source_errors(document: Mapping) -> Iterator[FieldError]:
    if "bp_source" not in document:
        return
    has_reading = any(document.get(name) is not None for name in BP_READING_FIELDS)
    source = document["bp_source"]
    if has_reading and source is None:
        yield _error("bp_source", "must say where the reading was taken when there is one, got null")
    elif not has_reading and source is not None:
        no_reading = "there is no reading (bp_systolic, bp_diastolic and bp_measured_on all null)"
        yield _error("bp_source", f"must be null when {no_reading}, got {_show(source)}")


def _pregnancy_errors(document: Mapping) -> Iterator[FieldError]:
    answer = document.get("can_become_pregnant")
    if answer == "no" or answer not in FIELDS_BY_NAME["can_become_pregnant"].choices:
        return
    problem = f'may be "not_applicable" only when can_become_pregnant is "no", got it with {_show(answer)}'
    for name in PREGNANCY_FIELDS:
        if document.get(name) == "not_applicable":
            yield _error(name, problem)


_CHECKS: dict[Kind, Callable[[FieldSpec, object], Iterator[FieldError]]] = {
    Kind.ENUM: _check_enum,
    Kind.ENUM_LIST: _check_enum_list,
    Kind.DATE: _check_date,
    Kind.INT: _check_int,
    Kind.ITEM_SCORES: _check_item_scores,
    Kind.MEDICATIONS: _check_medications,
}


def _error(field: str, problem: str) -> FieldError:
    return FieldError(field, f"{field}: {problem}")


def _is_whole_number(value: object) -> bool:
    # JSON true/false arrive as bool, a subclass of int; they are not answers on a numeric scale.
    return isinstance(value, int) and not isinstance(value, bool)


def _choices(spec: FieldSpec) -> str:
    return ", ".join(spec.choices) + (" or null" if spec.nullable else "")


def _range(spec: FieldSpec) -> str:
    return f"{spec.minimum} to {spec.maximum}"


def _show(value: object) -> str:
    try:
        shown = json.dumps(value, ensure_ascii=False, default=repr)
    except (RecursionError, ValueError):
        # Hostile input: nested deeper than the encoder can follow, or an int too long to print.
        return f"a {type(value).__name__} too deeply nested or too long to show"
    return shown if len(shown) <= _SHOWN_LENGTH else shown[: _SHOWN_LENGTH - 1] + "…"
