"""Setting an OPD's organisation predikat (admin pemda), audited like every other change."""

from __future__ import annotations

from flask_babel import gettext as _

from portal.appraisals.access import is_admin_pemda_of
from portal.appraisals.pemantauan.models import PredikatOrganisasi, PredikatOrganisasiNilai
from portal.appraisals.pemantauan.queries import predikat_organisasi
from portal.auth.models import User
from portal.core.models import DomainError, record_audit
from portal.extensions import db
from portal.org.models import Opd


def set_predikat_organisasi(actor: User, opd: Opd, value: str | None) -> PredikatOrganisasi:
    """Admin pemda sets an OPD's organisation predikat."""
    if not is_admin_pemda_of(actor, opd.pemda_id):
        raise DomainError(_("Hanya admin pemda yang dapat menetapkan predikat organisasi OPD."))
    try:
        predikat = PredikatOrganisasiNilai(value or "")
    except ValueError:
        raise DomainError(_("Pilih predikat organisasi dari daftar."), "predikat") from None
    row = predikat_organisasi(opd)
    old = row.predikat.value if row else None
    if row is None:
        row = PredikatOrganisasi(opd=opd, predikat=predikat)
        db.session.add(row)
    row.predikat = predikat
    row.diubah_oleh_id = actor.id
    record_audit(actor, opd, "predikat_organisasi", from_state=old, to_state=predikat.value)
    db.session.flush()
    return row
