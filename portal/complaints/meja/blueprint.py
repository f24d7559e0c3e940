"""The staff desks' blueprint, under /meja."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("desk", __name__, url_prefix="/meja")
