"""The changes of a reward: propose it for a Sangat Baik evaluation, approve it with its SK, or
refuse it. Each checks who acts and the rule, changes the record (the legal moves are on the
model), writes the audit entry and flushes; the view commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from portal.appraisals.evaluasi.models import Evaluasi
from portal.auth.models import User
from portal.core.models import DomainError, record_audit
from portal.extensions import db
from portal.pembinaan import access
from portal.pembinaan.penghargaan.models import (
    JenisPenghargaan,
    Penghargaan,
    StatusPenghargaan,
    cek_calon,
)


def _refuse_unless_manages(actor: User, opd) -> None:
    if not access.manages_penghargaan(actor, opd):
        raise DomainError(_("Anda tidak mengelola penghargaan pegawai OPD ini."))


def _audit(actor: User, item: Penghargaan, action: str, asal: StatusPenghargaan | None,
           comment: str | None = None) -> None:
    record_audit(actor, item, action, from_state=asal.value if asal else None,
                 to_state=item.status.value, comment=comment)


@dataclass
class UsulanData:
    jenis: JenisPenghargaan | str
    alasan: str
    jenis_lainnya: str | None = None


def usulkan(actor: User, evaluasi: Evaluasi, data: UsulanData) -> Penghargaan:
    pegawai = evaluasi.pegawai
    _refuse_unless_manages(actor, pegawai.opd)
    cek_calon(evaluasi)
    if db.session.scalar(sa.select(Penghargaan.id).where(
            Penghargaan.evaluasi_id == evaluasi.id)) is not None:
        raise DomainError(_("Penghargaan untuk evaluasi ini sudah diusulkan."))
    jenis = JenisPenghargaan(data.jenis)
    lainnya = (data.jenis_lainnya or "").strip() or None
    if jenis == JenisPenghargaan.LAINNYA and not lainnya:
        raise DomainError(_("Sebutkan jenis penghargaannya."), "jenis_lainnya")
    alasan = (data.alasan or "").strip()
    if not alasan:
        raise DomainError(_("Tuliskan alasan usulan."), "alasan")
    item = Penghargaan(evaluasi=evaluasi, pegawai=pegawai, opd_id=pegawai.opd_id,
                       tahun=evaluasi.periode.tahun, jenis=jenis,
                       jenis_lainnya=lainnya if jenis == JenisPenghargaan.LAINNYA else None,
                       alasan_usulan=alasan, status=StatusPenghargaan.DIUSULKAN,
                       diusulkan_oleh_id=actor.id)
    db.session.add(item)
    db.session.flush()
    _audit(actor, item, "diusulkan", None, alasan)
    db.session.flush()
    return item


def setujui(actor: User, item: Penghargaan, nomor_sk: str | None, tanggal_sk: date | None,
            today: date) -> Penghargaan:
    _refuse_unless_manages(actor, item.opd)
    asal = item.setujui(nomor_sk, tanggal_sk, today)
    item.diputus_oleh_id = actor.id
    _audit(actor, item, "disetujui", asal,
           _("SK %(nomor)s tanggal %(tanggal)s", nomor=item.nomor_sk,
             tanggal=item.tanggal_sk.isoformat()))
    db.session.flush()
    return item


def tolak(actor: User, item: Penghargaan, alasan: str | None) -> Penghargaan:
    _refuse_unless_manages(actor, item.opd)
    asal = item.tolak(alasan)
    item.diputus_oleh_id = actor.id
    _audit(actor, item, "ditolak", asal, item.alasan_tolak)
    db.session.flush()
    return item
