"""Third-party extension objects, unbound: every module imports them from here."""
from flask import current_app, request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()


def _not_a_post() -> bool:
    return request.method != "POST"


def _posts_limit() -> str:
    return current_app.config["REGISTRY_LIMIT_POSTS"]


# Limits are read from the app's config at each request: REGISTRY_LIMIT_POSTS, shared by
# every POST of a client address; REGISTRY_LIMIT_NEW_EVALUATIONS (`web/evaluation_pages`).
limiter = Limiter(key_func=get_remote_address, application_limits=[_posts_limit],
                  application_limits_exempt_when=_not_a_post)
