"""The Open311 blueprint and its answers: JSON only, errors as ``[{"code", "description"}]``,
in Indonesian whatever the language cookie says (so a shared cache may keep them)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, current_app, jsonify, request
from flask.wrappers import Response
from flask_babel import force_locale
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from portal.core.errors import MESSAGES
from portal.extensions import csrf, db

bp = Blueprint("open311", __name__, url_prefix="/open311/v2")
csrf.exempt(bp)  # a partner authenticates with its API key, not with a session and a form

PUBLIC_CACHE = "public, max-age=60"


class ApiError(Exception):
    """An Open311 error: answered as ``[{"code": …, "description": …}]``."""

    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description


def _error_response(code: int, description: str) -> Response:
    response = jsonify([{"code": code, "description": description}])
    response.status_code = code
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(ApiError)
def _api_error(error: ApiError) -> Response:
    return _error_response(error.code, error.description)


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> Response:
    code = error.code or 500
    with force_locale("id"):
        text = MESSAGES[code][1] if code in MESSAGES else MESSAGES[500][1]
        return _error_response(code, str(text))


@bp.errorhandler(Exception)
def _unexpected(error: Exception) -> Response:
    db.session.rollback()
    current_app.logger.exception("Unhandled error on %s %s", request.method, request.path)
    if current_app.config.get("TESTING") and current_app.config.get("PROPAGATE_EXCEPTIONS"):
        raise error
    with force_locale("id"):
        return _error_response(500, str(MESSAGES[500][1]))


def api_view(view: Callable[..., Any]) -> Callable[..., Any]:
    """JSON only (the ``.json`` suffix), answered in Indonesian."""

    @wraps(view)
    def wrapped(*args: Any, fmt: str, **kwargs: Any) -> Any:
        with force_locale("id"):
            if fmt != "json":
                raise ApiError(400, _("Hanya format JSON yang didukung: akhiri alamatnya dengan "
                                      ".json."))
            return view(*args, **kwargs)

    return wrapped


def split_format(name: str) -> tuple[str, str]:
    """``disdukcapil-bdl.ktp-el.json`` → (``disdukcapil-bdl.ktp-el``, ``json``)."""
    ident, _dot, fmt = name.rpartition(".")
    return (ident, fmt) if ident else (name, "")


def public(payload: Any, status: int = 200) -> Response:
    response = jsonify(payload)
    response.status_code = status
    response.headers["Cache-Control"] = PUBLIC_CACHE
    return response
