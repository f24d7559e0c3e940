"""Error pages in the site layout and the visitor's language."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from portal.extensions import db

MESSAGES = {
    400: (_l("Permintaan tidak dapat diproses"),
          _l("Isian yang dikirim tidak lengkap atau tidak sah. Kembali ke halaman sebelumnya, "
             "muat ulang, lalu coba lagi.")),
    403: (_l("Akses ditolak"),
          _l("Akun Anda tidak berhak membuka halaman ini. Bila menurut Anda ini keliru, "
             "hubungi admin OPD atau admin pemda Anda.")),
    404: (_l("Halaman tidak ditemukan"),
          _l("Alamat yang Anda buka tidak ada atau sudah dipindahkan. Periksa kembali alamatnya, "
             "atau mulai dari beranda.")),
    405: (_l("Cara membuka halaman tidak didukung"),
          _l("Halaman ini tidak dapat dibuka dengan cara tersebut. Mulai dari beranda.")),
    413: (_l("Berkas terlalu besar"),
          _l("Berkas atau isian yang dikirim melebihi batas ukuran. Perkecil berkasnya, "
             "lalu kirim ulang.")),
    429: (_l("Terlalu banyak permintaan"),
          _l("Anda mengirim terlalu banyak permintaan dalam waktu singkat. Tunggu beberapa "
             "menit, lalu coba lagi.")),
    500: (_l("Terjadi gangguan pada server"),
          _l("Maaf, ada kesalahan di pihak kami dan permintaan Anda tidak tersimpan. "
             "Coba lagi beberapa saat lagi.")),
}

CSRF_MESSAGE = _l("Formulir sudah kedaluwarsa atau tidak sah (token keamanan tidak ada). "
                  "Muat ulang halaman, lalu kirim lagi.")


def answer_api_errors(app: Flask, prefix: str,
                      answer: Callable[[HTTPException], ResponseReturnValue]) -> None:
    """Let the API under ``prefix`` answer the errors no view of it took (an unknown URL, a
    method it does not take) in its own format: its clients read no HTML page."""
    app.extensions.setdefault("portal_api_errors", {})[prefix] = answer


def render_error(code: int, detail: str | None = None):
    title, message = MESSAGES.get(code, MESSAGES[500])
    return render_template("errors/error.html", code=code, title=title,
                           message=detail or message), code


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(_error: CSRFError):
        return render_error(400, str(CSRF_MESSAGE))

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        for prefix, answer in app.extensions.get("portal_api_errors", {}).items():
            if request.path.startswith(prefix):
                return answer(error)
        if error.code not in MESSAGES:
            return error
        return render_error(error.code)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        db.session.rollback()
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        if app.config.get("TESTING") and app.config.get("PROPAGATE_EXCEPTIONS"):
            raise error
        return render_error(500)
