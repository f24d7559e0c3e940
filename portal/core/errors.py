"""Error pages in the site layout and the visitor's language."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, make_response, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from portal.core.models import OutsideScope
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
    503: (_l("Server sedang sibuk"),
          _l("Banyak orang menyimpan pada saat yang sama dan permintaan Anda belum tersimpan. "
             "Tunggu beberapa detik, lalu coba lagi.")),
    500: (_l("Terjadi gangguan pada server"),
          _l("Maaf, ada kesalahan di pihak kami dan permintaan Anda tidak tersimpan. "
             "Coba lagi beberapa saat lagi.")),
}

CSRF_MESSAGE = _l("Formulir sudah kedaluwarsa atau tidak sah (token keamanan tidak ada). "
                  "Muat ulang halaman, lalu kirim lagi.")


#: seconds a client is asked to wait before trying again when the database is busy
RETRY_AFTER = 5
#: fields never written back into a page (typed again rather than kept in the HTML)
SECRET_FIELDS = frozenset({"password", "current", "new", "confirm", "csrf_token"})
#: PostgreSQL's codes for "try again": lock not available, serialization failure, deadlock
RETRYABLE_PGCODES = frozenset({"55P03", "40001", "40P01"})


def is_busy(error: OperationalError) -> bool:
    """The database could not take the change now (SQLite locked past its busy timeout, or a
    PostgreSQL lock or serialization conflict): nothing was stored, and trying again may work."""
    text = str(error.orig).lower()
    return ("database is locked" in text or "database is busy" in text
            or getattr(error.orig, "sqlstate", None) in RETRYABLE_PGCODES
            or getattr(error.orig, "pgcode", None) in RETRYABLE_PGCODES)


def render_busy():
    """503 with Retry-After. A form that was being sent comes back as the same form, its fields
    kept (hidden), with a button to send it again: nothing typed is lost. Files must be chosen
    again, and passwords typed again, since neither is written into a page."""
    fields = ([(k, v) for k, v in request.form.items(multi=True) if k not in SECRET_FIELDS]
              if request.method == "POST" else [])
    title, message = MESSAGES[503]
    response = make_response(render_template(
        "errors/busy.html", code=503, title=title, message=message, fields=fields,
        action=request.full_path.rstrip("?"), has_files=bool(request.files)), 503)
    response.headers["Retry-After"] = str(RETRY_AFTER)
    response.headers["Cache-Control"] = "no-store"
    return response


def answer_api_errors(app: Flask, prefix: str,
                      answer: Callable[[HTTPException], ResponseReturnValue]) -> None:
    """Let the API under ``prefix`` answer the errors no view of it took (an unknown URL, a
    method it does not take) in its own format: its clients read no HTML page."""
    app.extensions.setdefault("portal_api_errors", {})[prefix] = answer


def render_error(code: int, detail: str | None = None):
    title, message = MESSAGES.get(code, MESSAGES[500])
    return render_template("errors/error.html", code=code, title=title,
                           message=detail or message), code


def _busy_retry_after(response):
    """Flask-Limiter stamps the reset of its window (up to an hour) as Retry-After on every
    answer of a rate-limited route, busy page included; a busy database asks for seconds."""
    if response.status_code == 503 and "Retry-After" in response.headers:
        response.headers["Retry-After"] = str(RETRY_AFTER)
    return response


def register(app: Flask) -> None:
    # Flask runs after-request hooks last-registered first: at the front, this runs after
    # Flask-Limiter's
    app.after_request_funcs.setdefault(None, []).insert(0, _busy_retry_after)

    @app.errorhandler(CSRFError)
    def _csrf(_error: CSRFError):
        return render_error(400, str(CSRF_MESSAGE))

    @app.errorhandler(OutsideScope)
    def _outside_scope(_error: OutsideScope):
        db.session.rollback()
        return render_error(404)

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

    @app.errorhandler(OperationalError)
    def _operational(error: OperationalError):
        db.session.rollback()
        if not is_busy(error):
            return _unexpected(error)
        app.logger.warning("Database busy on %s %s: %s", request.method, request.path, error.orig)
        return render_busy()

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        db.session.rollback()
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        if app.config.get("TESTING") and app.config.get("PROPAGATE_EXCEPTIONS"):
            raise error
        return render_error(500)
