"""NPI check digits (Luhn over 80840 and the first nine digits), time zones and routes."""

import pytest
from django.core.exceptions import ValidationError

from scheduling.validators import (
    is_valid_npi,
    npi_check_digit,
    validate_npi,
    validate_routes,
    validate_time_zone,
)


# 1234567893 is the worked example of the CMS check-digit standard; the others are NPIs of the
# public registry's form, checked by hand (80840 + first nine digits, doubled from the right).
@pytest.mark.parametrize("npi", ["1234567893", "1245319599", "1003000126", "2000000002", "1000000004"])
def test_valid_npis_pass(npi: str) -> None:
    assert is_valid_npi(npi)
    validate_npi(npi)


@pytest.mark.parametrize(
    ("npi", "code"),
    [
        ("1234567890", "npi_check"),  # the check digit of the example, changed
        ("1234567839", "npi_check"),  # two digits swapped: Luhn catches adjacent transpositions
        ("1234567894", "npi_check"),
        ("123456789", "npi_format"),  # nine digits
        ("12345678930", "npi_format"),  # eleven
        ("12345 6789", "npi_format"),
        ("123456789X", "npi_format"),
        ("\uff11234567893", "npi_format"),  # a full-width digit is a digit to Python, not an NPI
        ("", "npi_format"),
    ],
)
def test_invalid_npis_are_refused_with_a_reason(npi: str, code: str) -> None:
    assert not is_valid_npi(npi)
    with pytest.raises(ValidationError) as refused:
        validate_npi(npi)
    assert refused.value.code == code


def test_the_check_digit_without_the_prefix_would_differ() -> None:
    # Luhn over the bare nine digits gives 1234567897 here: the prefix matters.
    assert npi_check_digit("123456789") == "3"
    assert not is_valid_npi("1234567897")


@pytest.mark.parametrize("zone", ["America/New_York", "America/Los_Angeles", "Pacific/Honolulu"])
def test_iana_time_zones_pass(zone: str) -> None:
    validate_time_zone(zone)


@pytest.mark.parametrize("zone", ["Eastern", "EST5", "America/Nowhere", "", "../etc/passwd", "America/"])
def test_unknown_time_zones_are_refused(zone: str) -> None:
    with pytest.raises(ValidationError, match="time zone name"):
        validate_time_zone(zone)


@pytest.mark.parametrize("routes", [["iv_infusion", "iv_infusion"], ["flying"], "iv_infusion", [1]])
def test_routes_must_be_a_list_of_distinct_known_routes(routes: object) -> None:
    with pytest.raises(ValidationError):
        validate_routes(routes)
