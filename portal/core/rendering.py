"""Render a whole page, or one named block of the same template for a targeted htmx request.

Boosted requests and history restores get the full page; a fragment is returned only when the
request targets an element we know maps to a block (STYLE.md: decide on the target, not on the
bare HX-Request header).
"""

from __future__ import annotations

from typing import Any

from flask import get_template_attribute, make_response, render_template
from flask.wrappers import Response
from jinja2_fragments.flask import render_block

from portal.extensions import htmx


def render_page(template: str, *, fragments: dict[str, str] | None = None,
                http_status: int = 200, **context: Any) -> Response:
    block = None
    if htmx and not htmx.boosted and not htmx.history_restore_request and fragments:
        block = fragments.get(htmx.target or "")
    body = render_block(template, block, **context) if block else render_template(template, **context)
    response = make_response(body, http_status)
    response.vary.add("HX-Request")
    response.vary.add("HX-Target")
    return response


def render_macro(template: str, name: str, *args: Any) -> str:
    """One macro of a template, alone: the fragment an htmx request swaps in (the services of
    the OPD just chosen, say) when that fragment is all one macro draws."""
    return get_template_attribute(template, name)(*args)
