"""Stale-form protection shared by every appraisal item: each editable object carries
``revisi``, a counter bumped on each change; a form sends the number it was built from, and a
change based on an older number is refused with ``StaleForm``."""

from __future__ import annotations

from flask_babel import gettext as _

from portal.core.models import DomainError


class StaleForm(DomainError):
    """The form was built from an older state of the item: someone changed it meanwhile."""


def check_revisi(obj, revisi: int | None) -> None:
    """Refuse a change made from a form of an older revision (``None``: not from a form)."""
    if revisi is not None and revisi != obj.revisi:
        raise StaleForm(_("Data ini sudah diubah orang lain (atau di tab lain) sejak formulir "
                          "Anda dibuka. Isian Anda masih ada di layar: periksa perubahan "
                          "terbaru, lalu kirim lagi."))
