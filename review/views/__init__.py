"""The clinician's review pages: the queue (queue.py) and a case (case*.py)."""
