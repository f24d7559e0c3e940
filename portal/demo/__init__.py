"""Demo data of every domain, deterministic per seed, kept apart from the domains themselves:
``flask demo-data`` (``cli.py``) builds it on an empty database for ``make run``."""
