"""Every table of a scorecard, defined once: the page, the CSV and the JSON are all drawn from
these, so they cannot disagree. Each column carries its data-dictionary entry."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.appraisals.evaluasi.models import PREDIKAT_LABEL
from portal.org.skm import UNSUR_LABEL
from portal.pembinaan.kompetensi.models import BENTUK_LABEL, BentukKegiatan
from portal.pembinaan.suara.models import suara_label
from portal.scorecards.ikm import Tampil, json_number
from portal.scorecards.models import TRIWULAN_LABEL, UNSUR, RaporOpd

JENIS_LABEL = {"teks": _l("teks"), "bilangan": _l("bilangan bulat"), "desimal": _l("desimal")}


@dataclass(frozen=True)
class Kolom:
    key: str
    label: Any
    keterangan: Any
    #: "teks", "bilangan" (whole number), "desimal"
    jenis: str = "teks"
    #: decimals shown on the page (a "desimal" column: 1 unless said); CSV and JSON keep the value
    places: int | None = None

    @property
    def decimals(self) -> int | None:
        if self.jenis != "desimal":
            return None
        return 1 if self.places is None else self.places

    @property
    def jenis_label(self) -> str:
        """The column's kind in the reader's language, for the data dictionary."""
        return str(JENIS_LABEL[self.jenis])


@dataclass(frozen=True)
class Tabel:
    slug: str
    judul: Any
    keterangan: Any
    kolom: tuple[Kolom, ...]
    baris: Callable[[RaporOpd, list[RaporOpd]], list[dict[str, Any]]]


def alasan(tampil: str | None) -> str:
    """Why a figure is empty, in words (also the ``keterangan`` column of CSV and JSON)."""
    if tampil == Tampil.DISEMBUNYIKAN:
        return _("Disembunyikan: berasal dari kurang dari 5 orang.")
    if tampil == Tampil.SAMPEL_KURANG:
        return _("Sampel belum memadai untuk menentukan mutu.")
    if tampil == Tampil.KOSONG:
        return _("Belum ada data pada periode ini.")
    if tampil == "tidak_tersedia":
        return _("Data penilaian kinerja pegawai belum tersedia di portal.")
    return ""


NRR_KOLOM = tuple(Kolom(f"nrr_{key}", _l("NRR %(unsur)s", unsur=label),
                        _l("Nilai rata-rata unsur \u201c%(unsur)s\u201d (1–4), dua desimal.",
                           unsur=label), "desimal", places=2)
                  for key, label in UNSUR)


def _ikm_row(nama: str, block: dict[str, Any]) -> dict[str, Any]:
    nrr = block.get("nrr") or [None] * 9
    row = {"layanan": nama, "responden": block["responden"], "ikm": block["nilai"],
           "mutu": block["mutu"], "keterangan": alasan(block["tampil"])}
    row.update({k.key: v for k, v in zip(NRR_KOLOM, nrr, strict=True)})
    return row


def _ikm_rows(rapor: RaporOpd, _trend: list[RaporOpd]) -> list[dict[str, Any]]:
    rows = [_ikm_row(_("Seluruh layanan"), rapor.data["ikm"])]
    rows += [_ikm_row(item["nama"], item) for item in rapor.data["layanan"]]
    return rows


def _pengaduan_rows(rapor: RaporOpd, _trend: list[RaporOpd]) -> list[dict[str, Any]]:
    block = dict(rapor.data["pengaduan"])
    hidden = [k for k, v in block.items() if v is None]
    block["keterangan"] = alasan(Tampil.DISEMBUNYIKAN) if any(
        block[k] is None for k in ("diterima", "sah", "selesai", "dinilai")) else (
        _("Sebagian angka kosong: jumlah pengaduan yang selesai atau dinilai kurang dari 5.")
        if hidden else "")
    return [block]


def _standar_rows(rapor: RaporOpd, _trend: list[RaporOpd]) -> list[dict[str, Any]]:
    rows = []
    for item in rapor.data["standar"]["layanan"]:
        row = {k: item[k] for k in ("nama", "standar_hari", "permohonan", "selesai_tepat_waktu",
                                    "persen_tepat_waktu", "rata_hari_proses",
                                    "rata_menit_tunggu")}
        row["layanan"] = row.pop("nama")
        if not item["dilaporkan"]:
            row["keterangan"] = _("OPD belum melaporkan capaian layanan ini.")
        elif item["permohonan"] is None:
            row["keterangan"] = alasan(Tampil.DISEMBUNYIKAN)
        else:
            row["keterangan"] = ""
        rows.append(row)
    total = rapor.data["standar"]["total"]
    rows.append({"layanan": _("Seluruh layanan"), "standar_hari": None, **total,
                 "keterangan": alasan(Tampil.DISEMBUNYIKAN) if total["permohonan"] is None
                 else ""})
    return rows


PREDIKAT = tuple((p.value, label) for p, label in PREDIKAT_LABEL.items())


def _asn_rows(rapor: RaporOpd, _trend: list[RaporOpd]) -> list[dict[str, Any]]:
    block = rapor.data["asn"]
    row: dict[str, Any] = {"pegawai": block.get("pegawai"),
                           "persen_skp_ditetapkan": block.get("persen_skp_ditetapkan"),
                           "persen_evaluasi_selesai": block.get("persen_evaluasi_selesai")}
    predikat = block.get("predikat") or {}
    for key, _label in PREDIKAT:
        row["predikat_" + key] = predikat.get(key)
    row["keterangan"] = alasan(block["tampil"])
    if block["tampil"] == Tampil.LENGKAP:
        notes = []
        if block.get("predikat") is None:
            notes.append(_("Sebaran predikat disembunyikan: evaluasi final kurang dari 5."))
        elif None in predikat.values():
            notes.append(_("Predikat yang dimiliki 1 sampai 4 pegawai ditampilkan \u201c—\u201d."))
        row["keterangan"] = " ".join(notes)
    return [row]


def pembinaan_rows(block: dict[str, Any] | None) -> list[dict[str, Any]]:
    """One row from a snapshot's ``pembinaan`` block (an OPD's, or the pemda's total)."""
    block = block or {"tampil": "tidak_tersedia"}
    row: dict[str, Any] = {k.key: block.get(k.key) for k in PEMBINAAN_KOLOM}
    if block["tampil"] == "tidak_tersedia":
        row["keterangan"] = _("Angka pengembangan kompetensi belum dihitung pada metodologi "
                              "versi 1.0; publikasi sesudahnya memuatnya.")
    elif block["tampil"] != Tampil.LENGKAP:
        row["keterangan"] = alasan(block["tampil"])
    else:
        notes = []
        if block.get("persen_pns_target_jp") is None:
            notes.append(_("Persentase PNS disembunyikan: PNS kurang dari 5 orang."))
        if block.get("persen_jp_nonklasikal") is None:
            notes.append(_("Porsi nonklasikal disembunyikan: pegawai yang memperoleh JP kurang "
                           "dari 5 orang."))
        if "persen_rencana_tepat_waktu" not in block:
            notes.append(_("Angka rencana pembinaan dimuat sejak metodologi versi 1.2."))
        else:
            if block.get("persen_rencana_tepat_waktu") is None:
                notes.append(_("Rencana tepat waktu disembunyikan: pegawai berpredikat Butuh "
                               "Perbaikan atau lebih rendah kurang dari 5 orang."))
            if block.get("persen_rencana_berhasil") is None:
                notes.append(_("Rencana berhasil disembunyikan: rencana yang ditutup kurang dari "
                               "5."))
        row["keterangan"] = " ".join(notes)
    return [row]


def _pembinaan_rows(rapor: RaporOpd, _trend: list[RaporOpd]) -> list[dict[str, Any]]:
    return pembinaan_rows(rapor.data.get("pembinaan"))


def suara_aspek(item: dict[str, Any]) -> str:
    """The unsur or complaint category an activity answered, in words."""
    return suara_label(item["sumber"], item["kode"])


def _tindak_lanjut_rows(rapor: RaporOpd, _trend: list[RaporOpd]) -> list[dict[str, Any]]:
    rows = []
    for item in rapor.data.get("tindak_lanjut") or []:
        sebelum, sesudah = item.get("sebelum") or {}, item.get("sesudah") or {}
        notes = []
        if not sebelum:
            notes.append(_("Belum ada publikasi sebelum kegiatan."))
        if not sesudah:
            notes.append(_("Belum ada publikasi sesudah kegiatan."))
        if item.get("unsur") is None:
            notes.append(_("Kategori ini tidak sepadan dengan satu unsur SKM: dibandingkan "
                           "dengan IKM layanan."))
        elif (sebelum and sebelum.get("nrr") is None) or (sesudah and sesudah.get("nrr") is None):
            notes.append(_("Nilai unsur kosong: kurang dari 5 responden atau belum ada jawaban."))
        rows.append({
            "layanan": item["layanan"], "aspek": suara_aspek(item), "kegiatan": item["judul"],
            "bentuk": str(BENTUK_LABEL.get(BentukKegiatan(item["bentuk"]), item["bentuk"])),
            "tanggal_mulai": item["mulai"], "tanggal_selesai": item["selesai"],
            "periode_sebelum": sebelum.get("periode"), "nilai_sebelum": sebelum.get("nrr"),
            "periode_sesudah": sesudah.get("periode"), "nilai_sesudah": sesudah.get("nrr"),
            "ikm_sebelum": sebelum.get("ikm"), "ikm_sesudah": sesudah.get("ikm"),
            "keterangan": " ".join(notes)})
    return rows


def _periode_label(kode: str | None) -> str | None:
    if not kode:
        return None
    tahun, _sep, triwulan = kode.partition("-T")
    return f"{TRIWULAN_LABEL[int(triwulan)]} {tahun}"


def tindak_lanjut_cerita(rapor: RaporOpd) -> list[dict[str, Any]]:
    """The block in sentences for the page: which activity took place when, and the value of
    the unsur before and after (the table holds the same figures)."""
    result = []
    for item in rapor.data.get("tindak_lanjut") or []:
        sebelum, sesudah = item.get("sebelum") or {}, item.get("sesudah") or {}
        result.append({
            "layanan": item["layanan"], "aspek": suara_aspek(item), "judul": item["judul"],
            "bentuk": str(BENTUK_LABEL.get(BentukKegiatan(item["bentuk"]), item["bentuk"])),
            "mulai": date.fromisoformat(item["mulai"]),
            "selesai": date.fromisoformat(item["selesai"]),
            "unsur": UNSUR_LABEL.get(item["unsur"]) if item.get("unsur") else None,
            "sebelum": {**sebelum, "label": _periode_label(sebelum.get("periode"))},
            "sesudah": {**sesudah, "label": _periode_label(sesudah.get("periode"))}})
    return result


def _tren_rows(_rapor: RaporOpd, trend: list[RaporOpd]) -> list[dict[str, Any]]:
    return [{"periode": r.publikasi.kode, "versi": r.publikasi.versi,
             "ikm": r.data["ikm"]["nilai"], "mutu": r.data["ikm"]["mutu"],
             "responden": r.data["ikm"]["responden"],
             "persen_pengaduan_tepat_waktu": r.data["pengaduan"]["persen_tepat_waktu"],
             "persen_standar_tepat_waktu": r.data["standar"]["total"]["persen_tepat_waktu"]}
            for r in trend]


K_LAYANAN = Kolom("layanan", _l("Layanan"), _l("Nama layanan; \u201cSeluruh layanan\u201d untuk "
                                                "gabungan semua layanan OPD."))
K_KETERANGAN = Kolom("keterangan", _l("Keterangan"),
                     _l("Alasan bila sebuah angka kosong (privasi, sampel, atau belum ada data)."))

# the coaching-plan shares (agreed within 30 days, closed berhasil) join here, before keterangan
PEMBINAAN_KOLOM: tuple[Kolom, ...] = (
    Kolom("pegawai", _l("ASN"), _l("Jumlah ASN aktif OPD (PNS dan PPPK) yang dihitung."),
          "bilangan"),
    Kolom("pns", _l("PNS"), _l("Jumlah PNS di antaranya."), "bilangan"),
    Kolom("target_jp_pns", _l("Target JP PNS"),
          _l("Jam pelajaran setahun yang wajib dicapai setiap PNS saat publikasi dibuat "
             "(PP 11/2017 pasal 203: 20 JP)."), "bilangan"),
    Kolom("persen_pns_target_jp", _l("PNS mencapai target JP (%)"),
          _l("Persentase PNS yang JP tahun berjalannya sudah mencapai target; PPPK tidak "
             "dihitung di sini."), "desimal"),
    Kolom("median_jp", _l("Median JP per ASN"),
          _l("Nilai tengah JP tahun berjalan semua ASN OPD, yang belum punya JP dihitung 0; "
             "JP PPPK dihitung sampai batas tahunannya."), "desimal"),
    Kolom("persen_0_jp", _l("ASN tanpa JP (%)"),
          _l("Persentase ASN yang belum memperoleh satu JP pun pada tahun berjalan."), "desimal"),
    Kolom("persen_jp_nonklasikal", _l("JP dari nonklasikal (%)"),
          _l("Bagian JP yang diakui yang berasal dari bentuk nonklasikal (coaching, mentoring, "
             "e-learning, magang, belajar mandiri …)."), "desimal"),
    Kolom("persen_rencana_tepat_waktu", _l("Predikat rendah dengan rencana tepat waktu (%)"),
          _l("Dari ASN berpredikat Butuh Perbaikan, Kurang, atau Sangat Kurang tahun berjalan, "
             "persentase yang rencana pembinaannya disepakati dalam batas hari sejak predikat "
             "(baku 30 hari; metodologi 1.2)."), "desimal"),
    Kolom("persen_rencana_berhasil", _l("Rencana pembinaan berhasil (%)"),
          _l("Dari rencana pembinaan yang ditutup pada tahun berjalan, persentase yang ditutup "
             "berhasil (metodologi 1.2)."), "desimal"),
    K_KETERANGAN,
)

TABLES: tuple[Tabel, ...] = (
    Tabel("ikm", _l("Indeks Kepuasan Masyarakat per layanan"),
          _l("IKM dan nilai rata-rata sembilan unsur survei kepuasan masyarakat (SKM)."),
          (K_LAYANAN,
           Kolom("responden", _l("Responden"), _l("Jumlah responden survei pada periode ini."),
                 "bilangan"),
           Kolom("ikm", _l("IKM"), _l("Indeks kepuasan masyarakat, 25–100, dua desimal."),
                 "desimal", places=2),
           Kolom("mutu", _l("Mutu"), _l("A Sangat Baik, B Baik, C Kurang Baik, D Tidak Baik; "
                                        "kosong bila sampel belum memadai.")),
           *NRR_KOLOM, K_KETERANGAN),
          _ikm_rows),
    Tabel("pengaduan", _l("Pengaduan masyarakat"),
          _l("Pengaduan yang diterima pada periode ini dan cara penanganannya."),
          (Kolom("diterima", _l("Diterima"), _l("Laporan yang masuk untuk OPD ini."), "bilangan"),
           Kolom("sah", _l("Sah"), _l("Laporan yang diverifikasi dan diteruskan ke OPD."),
                 "bilangan"),
           Kolom("selesai", _l("Selesai"), _l("Laporan yang sudah dijawab OPD."), "bilangan"),
           Kolom("persen_tepat_waktu", _l("Selesai tepat waktu (%)"),
                 _l("Persentase laporan selesai yang dijawab dalam batas waktu."), "desimal"),
           Kolom("median_hari_kerja", _l("Median hari kerja penyelesaian"),
                 _l("Median hari kerja dari laporan diterima sampai dijawab."), "desimal"),
           Kolom("persen_dibuka_ulang", _l("Dibuka ulang (%)"),
                 _l("Persentase laporan selesai yang jawabannya disanggah pelapor."), "desimal"),
           Kolom("kepuasan", _l("Kepuasan pelapor (1–5)"),
                 _l("Rata-rata penilaian pelapor atas jawaban, 1 sampai 5."), "desimal",
                 places=2),
           Kolom("dinilai", _l("Jumlah penilaian"), _l("Laporan yang diberi penilaian oleh "
                                                       "pelapornya."), "bilangan"),
           K_KETERANGAN),
          _pengaduan_rows),
    Tabel("standar-pelayanan", _l("Capaian standar pelayanan"),
          _l("Permohonan yang selesai dalam waktu standar, lama proses, dan waktu tunggu, "
             "dilaporkan bulanan oleh OPD."),
          (K_LAYANAN,
           Kolom("standar_hari", _l("Standar (hari kerja)"),
                 _l("Waktu penyelesaian menurut standar pelayanan."), "bilangan"),
           Kolom("permohonan", _l("Permohonan"), _l("Permohonan yang selesai pada periode ini."),
                 "bilangan"),
           Kolom("selesai_tepat_waktu", _l("Tepat waktu"),
                 _l("Permohonan yang selesai dalam waktu standar."), "bilangan"),
           Kolom("persen_tepat_waktu", _l("Tepat waktu (%)"),
                 _l("Persentase permohonan yang selesai dalam waktu standar."), "desimal"),
           Kolom("rata_hari_proses", _l("Rata-rata proses (hari kerja)"),
                 _l("Rata-rata lama proses, ditimbang dengan jumlah permohonan."), "desimal"),
           Kolom("rata_menit_tunggu", _l("Rata-rata tunggu (menit)"),
                 _l("Rata-rata waktu tunggu di loket, ditimbang dengan jumlah permohonan."),
                 "desimal"),
           K_KETERANGAN),
          _standar_rows),
    Tabel("kinerja-asn", _l("Kinerja pegawai ASN"),
          _l("Kelengkapan SKP dan evaluasi kinerja serta sebaran predikat; hanya angka "
             "gabungan, tidak pernah per orang."),
          (Kolom("pegawai", _l("Pegawai"), _l("Jumlah pegawai OPD yang dinilai."), "bilangan"),
           Kolom("persen_skp_ditetapkan", _l("SKP ditetapkan (%)"),
                 _l("Persentase pegawai yang SKP-nya sudah ditetapkan pejabat penilai."),
                 "desimal"),
           Kolom("persen_evaluasi_selesai", _l("Evaluasi selesai (%)"),
                 _l("Persentase pegawai yang evaluasi kinerja periode ini sudah final."),
                 "desimal"),
           *(Kolom("predikat_" + key, _l("Predikat %(predikat)s", predikat=label),
                   _l("Jumlah pegawai dengan predikat kinerja %(predikat)s pada evaluasi "
                      "periode ini yang sudah final.", predikat=label),
                   "bilangan") for key, label in PREDIKAT),
           K_KETERANGAN),
          _asn_rows),
    Tabel("pembinaan-asn", _l("Pengembangan kompetensi ASN"),
          _l("Jam pelajaran (JP) pengembangan kompetensi tahun berjalan sampai akhir triwulan "
             "publikasi, dari catatan yang sudah selesai atau diverifikasi; hanya angka "
             "gabungan (metodologi 1.1)."),
          PEMBINAAN_KOLOM, _pembinaan_rows),
    Tabel("tindak-lanjut", _l("Dari suara publik ke tindakan"),
          _l("Kegiatan pengembangan kompetensi yang direncanakan OPD untuk pegawai sebuah "
             "layanan karena unsur survei yang rendah atau pengaduan yang berulang, yang sudah "
             "terlaksana, dengan nilai unsur itu sebelum dan sesudahnya; tidak pernah menyebut "
             "siapa pesertanya (metodologi 1.3)."),
          (K_LAYANAN,
           Kolom("aspek", _l("Yang dijawab"), _l("Unsur SKM atau kategori pengaduan yang "
                                                 "menjadi alasan kegiatan.")),
           Kolom("kegiatan", _l("Kegiatan"), _l("Judul kegiatan pengembangan kompetensi.")),
           Kolom("bentuk", _l("Bentuk"), _l("Bentuk kegiatan menurut Peraturan LAN 10/2018.")),
           Kolom("tanggal_mulai", _l("Mulai"), _l("Hari pertama kegiatan, TTTT-BB-HH.")),
           Kolom("tanggal_selesai", _l("Selesai"), _l("Hari terakhir kegiatan, TTTT-BB-HH.")),
           Kolom("periode_sebelum", _l("Periode sebelum"),
                 _l("Triwulan terbit terakhir yang berakhir sebelum kegiatan dimulai.")),
           Kolom("nilai_sebelum", _l("Nilai unsur sebelum"),
                 _l("Nilai rata-rata (NRR, 1–4) unsur itu untuk layanan ini pada periode "
                    "sebelum."), "desimal", places=2),
           Kolom("periode_sesudah", _l("Periode sesudah"),
                 _l("Triwulan terbit pertama yang berakhir sesudah kegiatan selesai.")),
           Kolom("nilai_sesudah", _l("Nilai unsur sesudah"),
                 _l("Nilai rata-rata (NRR, 1–4) unsur itu untuk layanan ini pada periode "
                    "sesudah."), "desimal", places=2),
           Kolom("ikm_sebelum", _l("IKM layanan sebelum"), _l("IKM layanan pada periode sebelum."),
                 "desimal", places=2),
           Kolom("ikm_sesudah", _l("IKM layanan sesudah"), _l("IKM layanan pada periode sesudah."),
                 "desimal", places=2),
           K_KETERANGAN),
          _tindak_lanjut_rows),
    Tabel("tren", _l("Tren antarperiode"),
          _l("Angka utama setiap periode yang sudah diterbitkan (versi terakhir tiap periode)."),
          (Kolom("periode", _l("Periode"), _l("Tahun dan triwulan, misalnya 2026-T3.")),
           Kolom("versi", _l("Versi"), _l("Versi terbitan periode itu."), "bilangan"),
           Kolom("ikm", _l("IKM"), _l("Indeks kepuasan masyarakat OPD."), "desimal", places=2),
           Kolom("mutu", _l("Mutu"), _l("Huruf mutu IKM.")),
           Kolom("responden", _l("Responden"), _l("Jumlah responden survei."), "bilangan"),
           Kolom("persen_pengaduan_tepat_waktu", _l("Pengaduan tepat waktu (%)"),
                 _l("Persentase pengaduan selesai yang dijawab dalam batas waktu."), "desimal"),
           Kolom("persen_standar_tepat_waktu", _l("Layanan tepat waktu (%)"),
                 _l("Persentase permohonan yang selesai dalam waktu standar."), "desimal")),
          _tren_rows),
)
TABLE_BY_SLUG = {t.slug: t for t in TABLES}


def rows_for(tabel: Tabel, rapor: RaporOpd, trend: list[RaporOpd]) -> list[dict[str, Any]]:
    return [{k.key: row.get(k.key) for k in tabel.kolom} for row in tabel.baris(rapor, trend)]


def to_csv(tabel: Tabel, rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([k.key for k in tabel.kolom])
    for row in rows:
        writer.writerow(["" if row[k.key] is None else row[k.key] for k in tabel.kolom])
    return out.getvalue()


def dictionary(tabel: Tabel) -> list[dict[str, str]]:
    return [{"kolom": k.key, "label": str(k.label), "jenis": k.jenis,
             "keterangan": str(k.keterangan)} for k in tabel.kolom]


# the list of every OPD in a publication (the /data "instansi" dataset)
DAFTAR_KOLOM = (
    Kolom("slug", _l("Kode OPD"), _l("Pengenal tetap OPD di alamat portal.")),
    Kolom("nama", _l("Nama OPD"), _l("Nama perangkat daerah saat diterbitkan.")),
    Kolom("jenis", _l("Jenis"), _l("Jenis perangkat daerah (dinas, badan, kecamatan …).")),
    Kolom("pemda", _l("Pemerintah daerah"), _l("Pemda tempat OPD berada.")),
    Kolom("kabupaten_kota", _l("Kabupaten/kota"), _l("Kabupaten/kota lokasi kantor OPD.")),
    Kolom("periode", _l("Periode"), _l("Tahun dan triwulan, misalnya 2026-T3.")),
    Kolom("versi", _l("Versi"), _l("Versi terbitan periode itu."), "bilangan"),
    Kolom("responden", _l("Responden"), _l("Jumlah responden survei."), "bilangan"),
    Kolom("ikm", _l("IKM"), _l("Indeks kepuasan masyarakat OPD."), "desimal"),
    Kolom("mutu", _l("Mutu"), _l("Huruf mutu IKM.")),
    Kolom("pengaduan_diterima", _l("Pengaduan diterima"), _l("Laporan yang masuk."), "bilangan"),
    Kolom("persen_pengaduan_tepat_waktu", _l("Pengaduan tepat waktu (%)"),
          _l("Persentase pengaduan selesai yang dijawab dalam batas waktu."), "desimal"),
    Kolom("persen_standar_tepat_waktu", _l("Layanan tepat waktu (%)"),
          _l("Persentase permohonan yang selesai dalam waktu standar."), "desimal"),
)
DAFTAR = Tabel("instansi", _l("Daftar OPD dengan angka utamanya"),
               _l("Satu baris per OPD dari publikasi terkini setiap pemda."), DAFTAR_KOLOM,
               lambda r, t: [])


def daftar_row(rapor: RaporOpd) -> dict[str, Any]:
    return {"slug": rapor.opd_slug, "nama": rapor.opd_nama, "jenis": rapor.jenis,
            "pemda": rapor.pemda_nama, "kabupaten_kota": rapor.kabkota_nama,
            "periode": rapor.publikasi.kode, "versi": rapor.publikasi.versi,
            "responden": rapor.responden,
            "ikm": json_number(rapor.ikm), "mutu": rapor.mutu,
            "pengaduan_diterima": rapor.pengaduan_diterima,
            "persen_pengaduan_tepat_waktu": json_number(rapor.persen_pengaduan_tepat_waktu),
            "persen_standar_tepat_waktu": json_number(rapor.persen_standar_tepat_waktu)}

