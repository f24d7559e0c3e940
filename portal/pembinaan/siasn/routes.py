"""The admin OPD's SIASN page: the riwayat kursus CSV of the OPD's counted records, and the
import of past records in the same columns."""

from __future__ import annotations

from functools import partial

from flask import Response, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.file import FileAllowed, FileField, FileRequired

from portal.core.authz import roles_required
from portal.core.csvfile import run_upload
from portal.core.forms import PortalForm
from portal.core.rendering import render_page
from portal.core.roles import Role
from portal.core.routing import db_int
from portal.extensions import db
from portal.org.models import Opd
from portal.pembinaan.blueprint import bp, opd_diminta, today
from portal.pembinaan.siasn import importer, riwayat


class RiwayatImportForm(PortalForm):
    berkas = FileField(_l("Berkas CSV"), description=_l(
        "Kolom: nipBaru, namaKursus, institusiPenyelenggara, jenisDiklatId, jumlahJam, "
        "nomorSertipikat, tanggalKursus, tanggalSelesaiKursus, tahunKursus. Tanggal "
        "dd-mm-yyyy. Pemisah koma atau titik koma, penyandian UTF-8."),
        validators=[FileRequired(message=_l("Pilih berkas CSV.")),
                    FileAllowed(["csv", "txt"], message=_l("Berkas harus berformat .csv."))])


def _opd() -> tuple[list[Opd], Opd]:
    opds = sorted((db.session.get(Opd, i) for i in current_user.opd_ids_for(Role.ADMIN_OPD)),
                  key=lambda o: o.nama)
    return opds, opd_diminta(opds)


def _tahun() -> int | None:
    """``?tahun=``: one year's records; absent, every year."""
    return request.args.get("tahun", type=db_int) or None


@bp.route("/kelola/siasn", methods=["GET", "POST"])
@roles_required(Role.ADMIN_OPD)
def siasn():
    opds, opd = _opd()
    form = RiwayatImportForm()
    result = None
    if request.method == "POST":
        berkas = form.berkas.data.filename if form.berkas.data else ""
        result = run_upload(form, partial(importer.import_riwayat_csv, current_user, opd,
                                          berkas=berkas or "", today=today()))
        if result and result.ok:
            db.session.commit()
            flash(_("Impor selesai: %(n)s riwayat kursus tercatat dan diakui JP-nya.",
                    n=result.created), "sukses")
            return redirect(url_for("pembinaan.siasn", opd=opd.id), code=303)
    status = 422 if request.method == "POST" else 200
    return render_page("pembinaan/siasn.html", opds=opds, opd=opd, form=form, result=result,
                       tahun_ini=today().year, http_status=status)


@bp.get("/kelola/siasn/riwayat-kursus.csv")
@roles_required(Role.ADMIN_OPD)
def siasn_csv():
    _opds, opd = _opd()
    tahun = _tahun()
    body = riwayat.to_csv(riwayat.counted(opd, tahun))
    name = f"riwayat-kursus-{opd.slug}{f'-{tahun}' if tahun else ''}.csv"
    return Response(body, mimetype="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{name}"'})
