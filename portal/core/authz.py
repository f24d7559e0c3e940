"""Authorisation helpers: every internal view loads its object through one of these, which
answers 404 for what does not exist and 403 for what the user may not touch."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user, login_required

from portal.extensions import db

M = TypeVar("M")


def load_or_404(model: type[M], ident: Any) -> M:
    obj = db.session.get(model, ident)
    if obj is None:
        abort(404)
    return obj


def require(allowed: bool) -> None:
    if not allowed:
        abort(403)


def roles_required(*roles: Any) -> Callable:
    """Signed in and holding at least one of ``roles`` (in any scope); the object check
    happens in the view through the domain's own helper."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            require(any(current_user.has_role(role) for role in roles))
            return view(*args, **kwargs)

        return wrapped

    return decorator
