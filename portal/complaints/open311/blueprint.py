"""The Open311 blueprint and its answers: JSON or XML (the URL's suffix), errors as the spec's
list of ``{"code", "description"}`` (``<errors><error>…``), in Indonesian whatever the language
cookie says (so a shared cache may keep them)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, current_app, request
from flask.wrappers import Response
from flask_babel import force_locale
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from portal.complaints.open311.formats import FORMATS, XML_CONTENT_TYPE, to_xml
from portal.core.errors import MESSAGES, answer_api_errors
from portal.extensions import csrf, db

bp = Blueprint("open311", __name__, url_prefix="/open311/v2")
csrf.exempt(bp)  # a partner authenticates with its API key, not with a session and a form

PUBLIC_CACHE = "public, max-age=60"


class ApiError(Exception):
    """An Open311 error: answered as ``[{"code": …, "description": …}]`` or its XML."""

    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description


def requested_format() -> str:
    """``xml`` for a URL ending in ``.xml``, else ``json``: errors too answer in the format the
    caller reads, even for a URL no view took."""
    return "xml" if request.path.endswith(".xml") else "json"


def answer(root: str, payload: Any, *, status: int = 200,
           cache: str = PUBLIC_CACHE) -> Response:
    """``payload`` as JSON, or as XML under the element ``root`` (the spec's name for it)."""
    if requested_format() == "xml":
        response = current_app.response_class(to_xml(root, payload),
                                              content_type=XML_CONTENT_TYPE)
    else:
        response = current_app.json.response(payload)
    response.status_code = status
    response.headers["Cache-Control"] = cache
    return response


def error_answer(code: int, description: str) -> Response:
    return answer("errors", [{"code": code, "description": description}], status=code,
                  cache="no-store")


@bp.errorhandler(ApiError)
def _api_error(error: ApiError) -> Response:
    return error_answer(error.code, error.description)


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> Response:
    code = error.code or 500
    with force_locale("id"):
        text = MESSAGES[code][1] if code in MESSAGES else MESSAGES[500][1]
        return error_answer(code, str(text))


# an unknown URL or method under /open311/ is answered by the app, not by this blueprint
bp.record_once(lambda state: answer_api_errors(state.app, "/open311/", _http_error))


@bp.errorhandler(Exception)
def _unexpected(error: Exception) -> Response:
    db.session.rollback()
    current_app.logger.exception("Unhandled error on %s %s", request.method, request.path)
    if current_app.config.get("TESTING") and current_app.config.get("PROPAGATE_EXCEPTIONS"):
        raise error
    with force_locale("id"):
        return error_answer(500, str(MESSAGES[500][1]))


def api_view(view: Callable[..., Any]) -> Callable[..., Any]:
    """JSON or XML (the ``.json`` or ``.xml`` suffix), answered in Indonesian."""

    @wraps(view)
    def wrapped(*args: Any, fmt: str, **kwargs: Any) -> Any:
        with force_locale("id"):
            if fmt not in FORMATS:
                raise ApiError(400, _("Format yang didukung hanya JSON dan XML: akhiri "
                                      "alamatnya dengan .json atau .xml."))
            return view(*args, **kwargs)

    return wrapped


def split_format(name: str) -> tuple[str, str]:
    """``disdukcapil-bdl.ktp-el.json`` → (``disdukcapil-bdl.ktp-el``, ``json``)."""
    ident, _dot, fmt = name.rpartition(".")
    return (ident, fmt) if ident else (name, "")
