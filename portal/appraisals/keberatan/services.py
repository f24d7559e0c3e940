"""Keberatan (DOMAIN.md): within some days after an evaluation became final the pegawai may
object to its ratings, with reasons; the atasan of the pejabat penilai decides: the predikat
stands, or the hasil / perilaku rating changes and the predikat is computed again by the matrix.
Both the objection and the decision are kept on the keberatan and in the evaluation's audit
trail. Each function checks the rule, changes the objects, writes the audit and flushes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import url_for
from flask_babel import format_date
from flask_babel import gettext as _

from portal.appraisals.access import is_self
from portal.appraisals.evaluasi.models import (
    PREDIKAT_LABEL,
    Evaluasi,
    Predikat,
    Rating,
    StatusEvaluasi,
)
from portal.appraisals.keberatan.models import Keberatan, PutusanKeberatan, StatusKeberatan
from portal.appraisals.keberatan.queries import last_day, of_evaluasi, pemutus_for
from portal.appraisals.predikat import predikat_for
from portal.appraisals.settings import setting
from portal.auth.models import User
from portal.auth.queries import active_account
from portal.core.calendar import local_date
from portal.core.models import DomainError, record_audit, utcnow
from portal.extensions import db
from portal.org.models import Pegawai

MIN_ALASAN = 20


def refusal(actor: User, evaluasi: Evaluasi, today: date | None = None) -> str | None:
    """Why the pegawai may not object now (None when they may): shown instead of the form."""
    if not is_self(actor, evaluasi.pegawai):
        return _("Hanya pegawai yang dinilai yang dapat mengajukan keberatan.")
    if evaluasi.status != StatusEvaluasi.DISETUJUI or evaluasi.predikat is None:
        return _("Keberatan hanya dapat diajukan atas evaluasi yang sudah final (disetujui).")
    if of_evaluasi(evaluasi) is not None:
        return _("Anda sudah mengajukan keberatan atas evaluasi ini; keberatan hanya dapat "
                 "diajukan sekali.")
    today = today or local_date(utcnow())
    batas = last_day(evaluasi)
    if batas is not None and today > batas:
        return _("Batas waktu keberatan sudah lewat: paling lambat %(tanggal)s (%(n)s hari "
                 "setelah evaluasi disetujui).",
                 tanggal=format_date(batas, "long"), n=setting("PORTAL_KEBERATAN_DAYS"))
    if pemutus_for(evaluasi) is None:
        return _("Pejabat penilai Anda tidak memiliki atasan di data kepegawaian, jadi belum ada "
                 "yang dapat memutus keberatan; hubungi admin OPD.")
    return None


def ajukan(actor: User, evaluasi: Evaluasi, alasan: str, today: date | None = None) -> Keberatan:
    """The pegawai objects to the ratings of a final evaluation."""
    reason = refusal(actor, evaluasi, today)
    if reason:
        raise DomainError(reason)
    alasan = (alasan or "").strip()
    if len(alasan) < MIN_ALASAN:
        raise DomainError(_("Jelaskan alasan keberatan Anda (paling sedikit %(n)s karakter).",
                            n=MIN_ALASAN), "alasan")
    pemutus = pemutus_for(evaluasi)
    keberatan = Keberatan(evaluasi=evaluasi, pegawai_id=evaluasi.pegawai_id, pemutus=pemutus,
                          status=StatusKeberatan.DIAJUKAN, alasan=alasan, diajukan_at=utcnow(),
                          rating_hasil_awal=evaluasi.rating_hasil,
                          rating_perilaku_awal=evaluasi.rating_perilaku,
                          predikat_awal=evaluasi.predikat)
    db.session.add(keberatan)
    record_audit(actor, keberatan, "diajukan", to_state=StatusKeberatan.DIAJUKAN.value,
                 comment=alasan)
    record_audit(actor, evaluasi, "keberatan_diajukan", comment=alasan)
    db.session.flush()
    _notify(pemutus, "keberatan_diajukan", keberatan)
    return keberatan


@dataclass
class Putusan:
    putusan: PutusanKeberatan | str | None
    alasan: str | None
    rating_hasil: Rating | str | None = None
    rating_perilaku: Rating | str | None = None


def is_pemutus(actor: User, keberatan: Keberatan) -> bool:
    return (actor.is_authenticated and actor.pegawai_id is not None
            and actor.pegawai_id == keberatan.pemutus_id)


def putuskan(actor: User, keberatan: Keberatan, putusan: Putusan) -> None:
    """The atasan of the pejabat penilai decides, with a reason."""
    if not is_pemutus(actor, keberatan):
        raise DomainError(_("Hanya atasan pejabat penilai yang dapat memutus keberatan ini."))
    if keberatan.status != StatusKeberatan.DIAJUKAN:
        raise DomainError(_("Keberatan ini sudah diputus."))
    try:
        kind = PutusanKeberatan(putusan.putusan or "")
    except ValueError:
        raise DomainError(_("Pilih putusan: predikat tetap atau rating diubah."),
                          "putusan") from None
    alasan = (putusan.alasan or "").strip()
    if not alasan:
        raise DomainError(_("Tuliskan alasan putusan."), "alasan_putusan")
    evaluasi = keberatan.evaluasi
    hasil, perilaku = evaluasi.rating_hasil, evaluasi.rating_perilaku
    if kind == PutusanKeberatan.DIUBAH:
        # a rating left empty stays as it was
        if putusan.rating_hasil:
            hasil = _rating(putusan.rating_hasil, "rating_hasil")
        if putusan.rating_perilaku:
            perilaku = _rating(putusan.rating_perilaku, "rating_perilaku")
        if (hasil, perilaku) == (evaluasi.rating_hasil, evaluasi.rating_perilaku):
            raise DomainError(_("Rating yang dipilih sama dengan semula; pilih \"Predikat tetap\" "
                                "bila tidak ada yang diubah."), "rating_hasil")
    predikat: Predikat = predikat_for(hasil, perilaku)
    old_predikat = evaluasi.predikat
    keberatan.status = StatusKeberatan.DIPUTUS
    keberatan.putusan = kind
    keberatan.alasan_putusan = alasan
    keberatan.rating_hasil_akhir, keberatan.rating_perilaku_akhir = hasil, perilaku
    keberatan.predikat_akhir = predikat
    keberatan.diputus_at = utcnow()
    if kind == PutusanKeberatan.DIUBAH:
        evaluasi.rating_hasil, evaluasi.rating_perilaku = hasil, perilaku
        evaluasi.predikat = predikat
        evaluasi.revisi += 1
    record_audit(actor, keberatan, "diputus", from_state=StatusKeberatan.DIAJUKAN.value,
                 to_state=StatusKeberatan.DIPUTUS.value, comment=alasan)
    if kind == PutusanKeberatan.DIUBAH:
        comment = _("Rating diubah: predikat %(awal)s → %(akhir)s. %(alasan)s",
                    awal=PREDIKAT_LABEL[old_predikat] if old_predikat else "—",
                    akhir=PREDIKAT_LABEL[predikat], alasan=alasan)
    else:
        comment = _("Predikat tetap %(predikat)s. %(alasan)s", predikat=PREDIKAT_LABEL[predikat],
                    alasan=alasan)
    record_audit(actor, evaluasi, "keberatan_diputus", comment=comment)
    db.session.flush()
    _notify(keberatan.pegawai, "keberatan_diputus", keberatan)


def _rating(value: Rating | str | None, field: str) -> Rating:
    try:
        return Rating(value or "")
    except ValueError:
        raise DomainError(_("Pilih rating baru."), field) from None


def _notify(pegawai: Pegawai, kind: str, keberatan: Keberatan) -> None:
    from portal.notifications.services import notify

    account = active_account(pegawai.id)
    if account is None:
        return
    evaluasi = keberatan.evaluasi
    notify(account, kind, url_for("keberatan.detail", evaluasi_id=evaluasi.id, _external=False),
           nama=evaluasi.pegawai.nama, periode=evaluasi.periode.label_later())
