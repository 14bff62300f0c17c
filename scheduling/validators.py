"""Validators for what admins type about providers and locations: NPI, time zone, routes."""

import zoneinfo

from django.core.exceptions import ValidationError

from review.models import Route

NPI_PREFIX = "80840"  # the ISO card-issuer prefix the NPI check digit is computed over


def luhn_valid(digits: str) -> bool:
    """Whether a string of digits passes the Luhn check (its last digit is the check digit)."""
    total = 0
    for position, character in enumerate(reversed(digits)):
        value = int(character)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def npi_check_digit(first_nine: str) -> str:
    """The check digit that completes these nine digits into a valid NPI."""
    return next(digit for digit in "0123456789" if luhn_valid(NPI_PREFIX + first_nine + digit))


def is_valid_npi(value: str) -> bool:
    """An NPI: ten digits whose last is the Luhn check digit over "80840" and the first nine."""
    return len(value) == 10 and value.isascii() and value.isdigit() and luhn_valid(NPI_PREFIX + value)


def validate_npi(value: str) -> None:
    if not (len(value) == 10 and value.isascii() and value.isdigit()):
        raise ValidationError("Enter the NPI as 10 digits, like 1234567893", code="npi_format")
    if not is_valid_npi(value):
        raise ValidationError(
            "This NPI's check digit does not match: check the number on the NPI registry", code="npi_check"
        )


def validate_time_zone(value: str) -> None:
    """An IANA time zone name that this server's zone database knows, like America/New_York."""
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            "Enter a time zone name such as America/New_York or America/Los_Angeles", code="time_zone"
        ) from None


def validate_routes(value: object) -> None:
    """A list of distinct treatment route values (review.models.Route)."""
    if not isinstance(value, list) or any(route not in Route.values for route in value):
        raise ValidationError("Choose treatment routes from the list", code="routes")
    if len(set(value)) != len(value):
        raise ValidationError("Each treatment route may be listed once", code="routes_repeated")
