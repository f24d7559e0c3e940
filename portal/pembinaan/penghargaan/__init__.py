"""Penghargaan: rewards for staff rated Sangat Baik (PermenPANRB 6/2022, the follow-up stage):
the admin OPD records a proposal and its decision (SK number and date)."""
