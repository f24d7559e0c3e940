"""Locust users of the deadline-day benchmark (issue 13), started by ``bench/deadline_day.py``.

A *pegawai* user takes the next pegawai from the identities file, signs in, opens their Triwulan
evaluation, "types" (a field's text changes every few seconds and is autosaved as htmx does),
uploads one PDF as bukti dukung (the plain form post and the page it redirects to), autosaves a
little more, submits, signs out, and takes the next pegawai until none is left. A *supervisor*
user signs in as one pejabat penilai and approves what their staff submitted, every few seconds.

Every save the server acknowledged is remembered, so that ``deadline_day.py`` can check the
database afterwards: the last acknowledged text of every field is what is stored (zero lost
drafts), every acknowledged submit and approval is recorded.

Environment: DEADLINE_IDENTITIES (JSON written by deadline_day.py), DEADLINE_RESULTS (JSON
written here when Locust stops), DEADLINE_SUPERVISORS (how many supervisor users),
DEADLINE_AUTOSAVES (autosaves per evaluation, default 10), DEADLINE_PAUSE (seconds between two
autosaves, "2-5").
"""

from __future__ import annotations

import html
import itertools
import json
import os
import random
import re
from pathlib import Path

import gevent
from locust import FastHttpUser, between, events, task
from locust.exception import StopUser
from urllib3 import encode_multipart_formdata

IDENTITIES = json.loads(Path(os.environ["DEADLINE_IDENTITIES"]).read_text())
RESULTS_FILE = os.environ["DEADLINE_RESULTS"]
SUPERVISORS = int(os.environ.get("DEADLINE_SUPERVISORS", "1"))
AUTOSAVES = int(os.environ.get("DEADLINE_AUTOSAVES", "10"))
PAUSE = tuple(float(x) for x in os.environ.get("DEADLINE_PAUSE", "2-5").split("-"))
PASSWORD = IDENTITIES["password"]

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
REVISI = re.compile(r'name="revisi"[^>]*value="(\d+)"')
FIELD = re.compile(r'<textarea[^>]*name="(realisasi_\d+|penilaian_diri)"[^>]*>(.*?)</textarea>',
                   re.S)
WAITING = re.compile(r'href="/kinerja/penilaian/evaluasi/(\d+)"')
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
WORDS = ("berkas", "permohonan", "diselesaikan", "tepat", "waktu", "loket", "layanan", "rekap",
         "aplikasi", "SIAK", "kendala", "jaringan", "antrean", "tertib", "target", "tercapai")

#: pegawai not yet taken, in the order deadline_day.py wrote them (round robin over supervisors)
_queue = iter(IDENTITIES["pegawai"])
_supervisors = itertools.cycle(IDENTITIES["supervisors"][:SUPERVISORS])
#: evaluasi id -> {"acked": fields, "sent": fields in flight, "submitted": bool}
RESULTS: dict[str, dict] = {}
APPROVED: list[int] = []


@events.quitting.add_listener
def _write_results(environment, **_kwargs) -> None:
    with open(RESULTS_FILE, "w") as fh:
        json.dump({"evaluasi": RESULTS, "approved": APPROVED}, fh)


def _refusal(body: str) -> str:
    """The error summary of a page sent back, as plain text."""
    match = re.search(r'class="error-summary".*?</ul>', body, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(0)).split())[:160] if match else ""


def _csrf(body: str) -> str:
    match = CSRF.search(body)
    return match.group(1) if match else ""


class _Signed(FastHttpUser):
    abstract = True

    def sign_in(self, username: str) -> bool:
        self.client.cookiejar.clear()
        page = self.client.get("/masuk", name="sign in form")
        with self.client.post("/masuk", data={"username": username, "password": PASSWORD,
                                              "csrf_token": _csrf(page.text or "")},
                              allow_redirects=False, name="sign in",
                              catch_response=True) as response:
            if response.status_code != 302:
                response.failure(f"sign in answered {response.status_code}")
                return False
        return True


class Pegawai(_Signed):
    weight = 1
    wait_time = between(0, 0)

    @task
    def fill_in_and_submit(self) -> None:
        try:
            nip, evaluasi_id = next(_queue)[:2]
        except StopIteration:
            raise StopUser() from None
        if not self.sign_in(nip):
            return
        url = f"/kinerja/evaluasi/{evaluasi_id}"
        page = self.client.get(url, name="open").text or ""
        fields = {name: html.unescape(text).strip() for name, text in FIELD.findall(page)}
        if not fields:
            return
        state = {"revisi": REVISI.search(page).group(1), "csrf": _csrf(page)}
        record = RESULTS.setdefault(str(evaluasi_id), {"acked": None, "sent": None,
                                                       "submitted": False})
        upload_at = random.randint(AUTOSAVES // 3, AUTOSAVES // 2)
        for n in range(AUTOSAVES):
            self._type(fields)
            self._sleep()
            self._autosave(url, fields, state, record)
            if n == upload_at:
                self._upload(url, fields, state, record)
        for _ in range(len(fields)):  # the last fields, then one more touch
            self._type(fields)
            self._sleep()
            self._autosave(url, fields, state, record)
            if all(fields.values()):
                break
        sent = dict(fields)
        record["sent"] = sent
        with self.client.post(url, data=self._form(fields, state) | {"aksi": "ajukan"},
                              allow_redirects=False, name="submit",
                              catch_response=True) as response:
            if response.status_code == 303:
                record["acked"], record["submitted"] = sent, True
            else:
                response.failure(f"submit answered {response.status_code}: "
                                 f"{_refusal(response.text or '')}")
        page = self.client.get(url, name="open").text or ""
        self.client.post("/keluar", data={"csrf_token": _csrf(page)}, allow_redirects=False,
                         name="sign out")

    @staticmethod
    def _sleep() -> None:
        gevent.sleep(random.uniform(*PAUSE))

    @staticmethod
    def _type(fields: dict[str, str]) -> None:
        """A pause in typing: one field has a few more words (or, now and then, fewer); an
        empty field is filled first."""
        empty = [name for name, text in fields.items() if not text.strip()]
        name = random.choice(empty or list(fields))
        words = fields[name].split()
        if words and random.random() < 0.15:
            words = words[:-1]
        else:
            words += random.sample(WORDS, random.randint(1, 3))
        limit = 60 if name == "penilaian_diri" else 25
        fields[name] = " ".join(words[-limit:])

    @staticmethod
    def _form(fields: dict[str, str], state: dict) -> dict[str, str]:
        return {"csrf_token": state["csrf"], "revisi": state["revisi"], "bukti_indikator_id": "",
                "tautan": "", "nama_tautan": "", **fields}

    def _autosave(self, url: str, fields: dict, state: dict, record: dict) -> None:
        sent = dict(fields)
        record["sent"] = sent
        with self.client.post(f"{url}/autosave", data=self._form(fields, state),
                              headers={"HX-Request": "true", "HX-Target": "status-simpan"},
                              name="autosave", catch_response=True) as response:
            body = response.text or ""
            match = REVISI.search(body)
            if response.status_code != 200 or match is None:
                response.failure(f"autosave not stored ({response.status_code}): "
                                 f"{re.sub(r'<[^>]+>', '', body)[:120]}")
                return
            state["revisi"] = match.group(1)
            record["acked"] = sent

    def _upload(self, url: str, fields: dict, state: dict, record: dict) -> None:
        sent = dict(fields)
        record["sent"] = sent
        body, content_type = encode_multipart_formdata(
            [*self._form(fields, state).items(), ("aksi", "bukti"),
             ("berkas", ("rekap-triwulan.pdf", PDF, "application/pdf"))])
        with self.client.post(url, data=body, headers={"Content-Type": content_type},
                              allow_redirects=False, name="upload",
                              catch_response=True) as response:
            if response.status_code != 303:
                response.failure(f"upload answered {response.status_code}: "
                                 f"{_refusal(response.text or '')}")
                return
            record["acked"] = sent
        page = self.client.get(url, name="open").text or ""
        match = REVISI.search(page)
        if match:
            state["revisi"], state["csrf"] = match.group(1), _csrf(page)


class Supervisor(_Signed):
    """A pejabat penilai clearing their queue: every few seconds, everything waiting."""

    fixed_count = SUPERVISORS
    wait_time = between(5, 10)

    def on_start(self) -> None:
        self.signed_in = self.sign_in(next(_supervisors))

    @task
    def approve_waiting(self) -> None:
        if not self.signed_in:
            return
        queue = self.client.get("/kinerja/penilaian?status=diajukan", name="review queue")
        for evaluasi_id in list(dict.fromkeys(WAITING.findall(queue.text or "")))[:5]:
            url = f"/kinerja/penilaian/evaluasi/{evaluasi_id}"
            page = self.client.get(url, name="review item").text or ""
            match = REVISI.search(page)
            if match is None or "Setujui" not in page:
                continue
            with self.client.post(url, data={
                    "csrf_token": _csrf(page), "aksi": "setujui", "revisi": match.group(1),
                    "rating_hasil": "sesuai", "rating_perilaku": "sesuai"},
                    allow_redirects=False, name="approve", catch_response=True) as response:
                if response.status_code == 303:
                    APPROVED.append(int(evaluasi_id))
                else:
                    response.failure(f"approve answered {response.status_code}")
