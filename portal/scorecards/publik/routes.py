"""Public pages and open data of the scorecards. Every view here reads published snapshots only,
and goes through ``cache.public`` (ETag, Last-Modified, Cache-Control, 304)."""

from __future__ import annotations

import json
from typing import Any

from flask import abort, current_app, request, url_for
from flask.wrappers import Response
from flask_babel import lazy_gettext as _l

from portal.core.forms import page_number
from portal.core.rendering import render_page
from portal.core.routing import db_int
from portal.extensions import db
from portal.org.models import StatusAsn
from portal.pembinaan.settings import aturan_jp
from portal.pembinaan.settings import setting as pembinaan_setting
from portal.scorecards import cache, ikm
from portal.scorecards.blueprint import bp
from portal.scorecards.models import UNSUR, PublikasiRapor, RaporOpd
from portal.scorecards.publik import bingkai, cepat, charts, indeks, queries, tables

SORT_LABELS = {
    "nama": _l("Nama OPD (A–Z)"),
    "ikm-tertinggi": _l("IKM tertinggi"),
    "ikm-terendah": _l("IKM terendah"),
    "pengaduan-tepat-waktu": _l("Pengaduan paling tepat waktu"),
    "standar-tepat-waktu": _l("Layanan paling tepat waktu"),
}

FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def _filter_from_args() -> queries.Filter:
    return queries.Filter.from_args(request.args)


@bp.get("/instansi")
@cache.public
def instansi_list():
    # from the worker's copy of the published list: a new search costs no query (indeks.py)
    f = _filter_from_args()
    daftar = indeks.current()
    page = daftar.page(f, page_number(request.args.get("page")),
                       current_app.config["PORTAL_PAGE_SIZE"])
    return bingkai.render(daftar, f, page=page, pemda_options=daftar.pemda_options(f.pemda),
                          jenis_choices=daftar.options()["jenis"],
                          sort_choices=SORT_LABELS.items(), rows_html=daftar.rows_html)


# a search this worker has answered once per language and filters, it answers before Flask runs
cache.answer_before_flask(cepat.PATH, cepat.answer)


def _rapor_or_404(slug: str) -> RaporOpd:
    publikasi_id = request.args.get("publikasi", type=db_int)
    rapor = queries.rapor_for(slug, publikasi_id)
    if rapor is None:
        abort(404)
    return rapor


@bp.get("/instansi/<slug>")
@cache.public
def instansi_detail(slug: str):
    rapor = _rapor_or_404(slug)
    trend = queries.trend(rapor)
    table_rows = {t.slug: tables.rows_for(t, rapor, trend) for t in tables.TABLES}
    labels = [r.publikasi.kode for r in trend]
    tren_charts = {
        "ikm": charts.line_chart(list(zip(labels, [r.data["ikm"]["nilai"] for r in trend],
                                          strict=True)), y_min=25, y_max=100, label="IKM", places=2),
        "pengaduan": charts.line_chart(list(zip(labels, [
            r.data["pengaduan"]["persen_tepat_waktu"] for r in trend], strict=True)),
            y_min=0, y_max=100, label="%"),
        "standar": charts.line_chart(list(zip(labels, [
            r.data["standar"]["total"]["persen_tepat_waktu"] for r in trend], strict=True)),
            y_min=0, y_max=100, label="%"),
    }
    nrr = rapor.data["ikm"]["nrr"]
    nrr_chart = charts.bar_chart([(str(label), value) for (_k, label), value in zip(
        UNSUR, nrr or [None] * 9, strict=True)], maximum=4, label="NRR") if nrr else None
    return render_page("scorecards/publik/detail.html", rapor=rapor, pub=rapor.publikasi,
                       tabel=tables.TABLE_BY_SLUG, rows=table_rows, tren_charts=tren_charts,
                       nrr_chart=nrr_chart, versions=queries.versions(rapor.publikasi.pemda_id),
                       alasan=tables.alasan, tindak_lanjut=tables.tindak_lanjut_cerita(rapor))


@bp.get("/metodologi")
@cache.public
def metodologi():
    aturan = aturan_jp()
    return render_page("scorecards/publik/metodologi.html", versi=ikm.METODOLOGI_VERSI,
                       riwayat=ikm.METODOLOGI_RIWAYAT, menit_per_jp=aturan.menit_per_jp,
                       target_pns=aturan.target[StatusAsn.PNS],
                       batas_pppk=aturan.batas[StatusAsn.PPPK] or "—",
                       hari_rencana=int(pembinaan_setting("PORTAL_PEMBINAAN_HARI_RENCANA")),
                       mutu_batas=ikm.MUTU_BATAS, unsur=UNSUR,
                       minimum_privasi=current_app.config["PORTAL_SCORECARD_MIN_PEOPLE"],
                       minimum_sampel=current_app.config["PORTAL_IKM_MIN_RESPONDEN"],
                       publikasi=queries.all_publications())


@bp.get("/data")
@cache.public
def data_index():
    return render_page("scorecards/publik/data.html", tables=tables.TABLES, daftar=tables.DAFTAR,
                       publikasi=queries.all_publications(),
                       contoh=db.session.scalars(queries.current_list(queries.Filter()).limit(1)).all())


def _download(name: str, fmt: str, csv_text: str, payload: Any) -> Response:
    if fmt == "csv":
        response = current_app.response_class(csv_text, mimetype="text/csv")
        response.headers["Content-Type"] = FORMATS["csv"]
    else:
        response = current_app.response_class(
            json.dumps(payload, ensure_ascii=False, indent=1), mimetype="application/json")
    disposition = "attachment" if fmt == "csv" else "inline"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{name}.{fmt}"'
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def _meta(pub: PublikasiRapor) -> dict[str, Any]:
    return {"pemda": pub.pemda.nama, "periode": pub.kode, "versi": pub.versi,
            "diterbitkan": pub.diterbitkan_at.isoformat() + "Z",
            "metodologi_versi": pub.metodologi_versi, "catatan": pub.catatan,
            "ambang": pub.ringkasan.get("ambang")}


@bp.get("/data/instansi/<slug>/<tabel>.<fmt>")
@cache.public
def table_download(slug: str, tabel: str, fmt: str):
    if fmt not in FORMATS or tabel not in tables.TABLE_BY_SLUG:
        abort(404)
    rapor = _rapor_or_404(slug)
    definition = tables.TABLE_BY_SLUG[tabel]
    rows = tables.rows_for(definition, rapor, queries.trend(rapor))
    payload = {"instansi": {"slug": rapor.opd_slug, "nama": rapor.opd_nama},
               "publikasi": _meta(rapor.publikasi), "tabel": tabel,
               "kamus": tables.dictionary(definition), "baris": rows}
    return _download(f"{slug}-{tabel}-{rapor.publikasi.kode}-v{rapor.publikasi.versi}", fmt,
                     tables.to_csv(definition, rows), payload)


def _daftar(rapor_list: list[RaporOpd]) -> list[dict[str, Any]]:
    return [tables.daftar_row(r) for r in rapor_list]


@bp.get("/data/instansi.<fmt>")
@cache.public
def list_download(fmt: str):
    if fmt not in FORMATS:
        abort(404)
    rows = _daftar(list(db.session.scalars(queries.current_list(_filter_from_args()))))
    return _download("instansi", fmt, tables.to_csv(tables.DAFTAR, rows),
                     {"kamus": tables.dictionary(tables.DAFTAR), "baris": rows})


@bp.get("/data/publikasi/<int:publikasi_id>.<fmt>")
@cache.public
def publication_download(publikasi_id: int, fmt: str):
    pub = queries.publication(publikasi_id)
    if pub is None or fmt not in FORMATS:
        abort(404)
    rows = _daftar(pub.rapor)
    return _download(f"rapor-{pub.pemda.slug}-{pub.kode}-v{pub.versi}", fmt,
                     tables.to_csv(tables.DAFTAR, rows),
                     {"publikasi": _meta(pub), "kamus": tables.dictionary(tables.DAFTAR),
                      "baris": rows,
                      # the pemda's total, in the columns of the per-OPD "pembinaan-asn" table
                      "pembinaan_pemda": tables.pembinaan_rows(pub.ringkasan.get("pembinaan"))[0]})


@bp.get("/data/kamus.json")
@cache.public
def dictionary_download():
    payload = {t.slug: {"judul": str(t.judul), "keterangan": str(t.keterangan),
                        "kolom": tables.dictionary(t)} for t in (*tables.TABLES, tables.DAFTAR)}
    return _download("kamus", "json", "", payload)


@bp.get("/api/v1/instansi")
@cache.public
def api_list():
    f = _filter_from_args()
    rows = []
    for rapor in db.session.scalars(queries.current_list(f)):
        row = tables.daftar_row(rapor)
        row["url"] = url_for("scorecards.api_detail", slug=rapor.opd_slug, _external=True)
        rows.append(row)
    return _download("instansi", "json", "", {"jumlah": len(rows), "instansi": rows})


@bp.get("/api/v1/instansi/<slug>")
@cache.public
def api_detail(slug: str):
    rapor = _rapor_or_404(slug)
    trend = queries.trend(rapor)
    payload = {
        "instansi": {"slug": rapor.opd_slug, "nama": rapor.opd_nama, "jenis": rapor.jenis,
                     "pemda": rapor.pemda_nama, "kabupaten_kota": rapor.kabkota_nama},
        "publikasi": _meta(rapor.publikasi),
        "versi_lain": [{"periode": p.kode, "versi": p.versi,
                        "url": url_for("scorecards.api_detail", slug=slug, publikasi=p.id,
                                       _external=True)}
                       for p in queries.versions(rapor.publikasi.pemda_id)],
        "tabel": {t.slug: tables.rows_for(t, rapor, trend) for t in tables.TABLES},
    }
    return _download(slug, "json", "", payload)
