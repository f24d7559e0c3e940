"""Sign-in at /masuk, sign-out at /keluar, password change at /akun/sandi."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, g, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_user, logout_user

from portal.auth import services
from portal.auth.forms import ChangePasswordForm, LoginForm
from portal.auth.models import User
from portal.core.errors import render_error
from portal.core.forms import handle_form
from portal.core.rendering import render_page
from portal.core.templating import is_safe_next
from portal.extensions import db, limiter, login_manager

bp = Blueprint("auth", __name__)

login_manager.login_view = "auth.login"
login_manager.login_message = _l("Silakan masuk untuk membuka halaman ini.")
login_manager.login_message_category = "info"
login_manager.session_protection = "basic"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    ident, _sep, version = user_id.partition(":")
    if not ident.isdigit():
        return None
    user = db.session.get(User, int(ident))
    if user is None or not user.aktif or str(user.session_version) != version:
        return None  # a password change or deactivation ends every other session
    return user


def _account_key() -> str:
    return "akun:" + services.normalise_username(request.form.get("username", ""))


def _login_failed(_response) -> bool:
    return bool(g.get("login_failed"))


@bp.errorhandler(429)
def login_throttled_response(error):
    """The sign-in page again, username kept, with a plain message instead of a bare 429."""
    if request.endpoint != "auth.login":
        return render_error(429)
    form = LoginForm()
    minutes = max(1, round(error.limit.limit.get_expiry() / 60)) if error.limit else 15
    form.form_errors.append(_(
        "Terlalu banyak percobaan masuk yang gagal. Demi keamanan akun, tunggu %(menit)s menit "
        "lalu coba lagi. Lupa kata sandi? Hubungi admin OPD Anda.", menit=minutes))
    response = render_page("auth/login.html", form=form, http_status=429)
    response.headers["Retry-After"] = str(minutes * 60)
    return response


@bp.route("/masuk", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["PORTAL_LOGIN_LIMIT_ACCOUNT"], key_func=_account_key,
               methods=["POST"], deduct_when=_login_failed, scope="masuk-akun")
@limiter.limit(lambda: current_app.config["PORTAL_LOGIN_LIMIT_ADDRESS"],
               key_func=get_remote_address, methods=["POST"], deduct_when=_login_failed,
               scope="masuk-alamat")
def login():
    if current_user.is_authenticated:
        return redirect(services.landing_url(current_user))
    form = LoginForm()
    return handle_form(
        form, lambda: services.authenticate(form.username.data, form.password.data),
        message=None, code=302, refused=_count_failure, after_commit=_sign_in,
        redirect_to=lambda user: _next_or(services.landing_url(user)),
        again=lambda: render_page("auth/login.html", form=form))


def _count_failure(_error) -> None:
    g.login_failed = True  # only failed attempts count towards the throttle
    return None  # shown next to the form as usual


def _sign_in(user: User) -> None:
    session.clear()  # a fresh session on sign-in: no fixation
    session.permanent = True
    login_user(user)


def _next_or(landing: str) -> str:
    target = request.args.get("next")
    return target if is_safe_next(target) else landing


@bp.route("/keluar", methods=["GET", "POST"])
def logout():
    if request.method == "GET":
        if not current_user.is_authenticated:
            return redirect(url_for("site.home"))
        return render_page("auth/logout.html")
    logout_user()
    session.clear()
    flash(_("Anda sudah keluar. Sampai jumpa."), "sukses")
    return redirect(url_for("site.home"))


@bp.route("/akun/sandi", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    return handle_form(
        form, lambda: services.change_password(current_user, form.current.data, form.new.data),
        code=302, after_commit=_keep_this_session,
        message=_("Kata sandi diganti. Sesi di perangkat lain sudah diakhiri."),
        redirect_to=url_for("site.dashboard"),
        again=lambda: render_page("auth/password.html", form=form))


def _keep_this_session(_result) -> None:
    login_user(current_user._get_current_object())  # the new session version: end the others
