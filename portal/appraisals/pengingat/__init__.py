"""Deadline reminders, sent once per item from a daily job."""
