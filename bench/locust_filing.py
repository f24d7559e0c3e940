"""Locust scenario for bench/complaint_filing.sh: a citizen opens /pengaduan/baru and files an
anonymous complaint (each filing needs the form's CSRF and signed form token, so it is two
requests: "buka formulir" and "kirim pengaduan")."""

import re

from locust import HttpUser, constant, task

CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
TOKEN_RE = re.compile(r'name="form_token" type="hidden" value="([^"]+)"')
OPD_RE = re.compile(r'<option value="(\d+)">Dinas Kependudukan')


class Citizen(HttpUser):
    wait_time = constant(0)

    @task
    def file_complaint(self) -> None:
        page = self.client.get("/pengaduan/baru", name="buka formulir").text
        opd = OPD_RE.search(page)
        data = {"csrf_token": CSRF_RE.search(page).group(1),
                "form_token": TOKEN_RE.search(page).group(1), "jenis": "pengaduan",
                "opd_id": opd.group(1) if opd else "0", "layanan_id": "0", "wilayah_id": "0",
                "judul": "Antrean loket terlalu lama", "identitas": "anonim", "persetujuan": "y",
                "isi": "Saya antre tiga jam di loket KTP-el dan tidak ada kepastian pelayanan."}
        with self.client.post("/pengaduan/baru", data=data, name="kirim pengaduan",
                              allow_redirects=False, catch_response=True) as response:
            if response.status_code != 303:
                response.failure(f"status {response.status_code}")
