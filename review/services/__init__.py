"""Review services: the only code that writes review rows or moves a case as a clinician. Import from here.

Every service takes keyword arguments, refuses anyone but an active clinician (PermissionDenied), refuses
illegal input with ValidationError, runs in one transaction and writes its history row.
"""

from review.services.alerts import record_alert_disposition
from review.services.claims import claim_case, release_case
from review.services.decisions import (
    at_home_possible,
    clear_case,
    clearance_blockers,
    decline_case,
    request_more_information,
    route_problems,
)
from review.services.digest import digest_counts, send_review_digest
from review.services.flags import acknowledge_flag, cosign_override, override_flag

__all__ = [
    "acknowledge_flag",
    "at_home_possible",
    "claim_case",
    "clear_case",
    "clearance_blockers",
    "cosign_override",
    "decline_case",
    "digest_counts",
    "override_flag",
    "record_alert_disposition",
    "release_case",
    "request_more_information",
    "route_problems",
    "send_review_digest",
]
