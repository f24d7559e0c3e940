"""Entry point found by the `flask` command in this directory, and usable by any WSGI server
(`gunicorn wsgi:app`)."""

from portal import create_app

app = create_app()
