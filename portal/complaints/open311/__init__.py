"""Open311 GeoReport v2 at ``/open311/v2/``, in JSON and XML (``.json``/``.xml``, the same data
in both): partner apps file complaints with an API key, and anyone may read the public side of
the complaints; ``discovery.json``/``.xml`` is the spec's service discovery.

Service codes are ``<opd.slug>.<layanan.slug>`` for a service of an OPD (slugs are set once,
when the OPD or service is made, and never change) and ``lainnya`` for a complaint whose OPD or
service the reporter does not know; the koordinator routes those. ``jurisdiction_id`` is a
pemda's slug: it narrows ``services.json`` and tells a ``lainnya`` complaint's pemda.

``service_request_id`` is the tracking code only where the caller already holds it (the answer
to a POST, a look-up by code). The tracking code is the reporter's key to their complaint (the
tracking page lets its holder add information, accept or dispute an answer), so public lists
carry the complaint's number instead, as the web list carries no code at all.

Everything public obeys ``queries.public_list``: never a rahasia complaint, never a name or a
contact, the text only as the summary staff approved. Answers are in Indonesian whatever the
language cookie says, so a shared cache may keep them.
"""
