"""Access records are not in the Django admin.

The access log is read on its own page (audit.views.access_log), which shows no health information
and accepts only its four filters; the Django admin would offer lookups on every column. The role
groups' History page is registered with their admin in accounts/admin.py.
"""
