"""What the review pages read: the queue and a case, each in a fixed number of queries."""

from review.selectors.case import CaseDetail, case_detail
from review.selectors.queue import QueueFilters, QueuePage, QueueRow, claim_filter_choices, queue_page

__all__ = [
    "CaseDetail",
    "QueueFilters",
    "QueuePage",
    "QueueRow",
    "case_detail",
    "claim_filter_choices",
    "queue_page",
]
