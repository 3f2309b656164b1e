"""Logging in and out, and changing one's password (/connexion, /compte)."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ...accounts.passwords import MAX_LENGTH, MIN_LENGTH, verify_password
from ...accounts.service import AccountError, authenticate, set_password
from ...content.text import clean_input
from ...extensions import limiter
from ..access import safe_next

bp = Blueprint("account", __name__)


def _login_limit() -> str:
    return current_app.config["REGISTRY_LIMIT_LOGIN"]


def _login_user_key() -> str:
    return "user:" + clean_input(request.form.get("username", ""))[:60].lower()


@bp.route("/connexion", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], scope="login")
@limiter.limit(lambda: current_app.config["REGISTRY_LIMIT_LOGIN_USER"], methods=["POST"],
               key_func=_login_user_key, scope="login-user")
def login():
    """Editors, reviewers and admins log in here; there is no public sign-up."""
    target = safe_next(request.values.get("next"), url_for("edition.index"))
    if current_user.is_authenticated:
        return redirect(target)
    username, error = "", None
    if request.method == "POST":
        username = clean_input(request.form.get("username", ""))[:60]
        user = authenticate(username, request.form.get("password", ""))
        if user is not None:
            login_user(user)
            return redirect(target)
        error = _("Nom d’utilisateur ou mot de passe incorrect.")
    return render_template("account/login.html", username=username, error=error,
                           next=target), 401 if error else 200


@bp.route("/deconnexion", methods=["POST"])
def logout():
    logout_user()
    flash(_("Vous êtes déconnecté."))
    return redirect(url_for("pages.home"))


@bp.route("/compte", methods=["GET", "POST"])
@login_required
@limiter.limit(_login_limit, methods=["POST"], scope="login")
def account():
    """Who is logged in, with which role; a new password ends every other session."""
    error = None
    if request.method == "POST":
        new, again = request.form.get("new_password", ""), request.form.get("again", "")
        if not verify_password(current_user.password_hash, request.form.get("password", "")):
            error = _("Le mot de passe actuel est incorrect.")
        elif new != again:
            error = _("Les deux nouveaux mots de passe ne sont pas identiques.")
        else:
            try:
                set_password(current_user, new)
            except AccountError:
                error = _("Le nouveau mot de passe doit compter de %(min)s à %(max)s "
                          "caractères, sans espace au début ni à la fin.",
                          min=MIN_LENGTH, max=MAX_LENGTH)
            else:
                login_user(current_user)  # this session goes on with the new version
                flash(_("Mot de passe changé. Vos autres sessions sont fermées."))
                return redirect(url_for(".account"))
    return render_template("account/account.html", error=error), 400 if error else 200
