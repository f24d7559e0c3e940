"""The public complaint desk's blueprint: file at /pengaduan/baru, follow at /pengaduan/<kode>."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("complaints", __name__, url_prefix="/pengaduan")
