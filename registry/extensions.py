"""Extension objects, unbound: every module imports them from here."""
from flask import current_app
from flask_babel import Babel
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase

from .content.catalog import Catalog
from .search.service import SearchService


class Base(DeclarativeBase):
    pass


class AppBound:
    """An extension whose state is per app: the object lives in `app.extensions[name]`.

    Attribute access goes to the current app's object, so one module-level name
    serves every app (tests build several apps in one process).
    """

    def __init__(self, name: str, factory):
        self._name = name
        self._factory = factory

    def init_app(self, app) -> None:
        app.extensions[self._name] = self._factory(app)

    def __getattr__(self, attr):
        return getattr(current_app.extensions[self._name], attr)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
babel = Babel()
csrf = CSRFProtect()
catalog: Catalog = AppBound("catalog", Catalog.from_app)  # type: ignore[assignment]
search: SearchService = AppBound("search", SearchService.from_app)  # type: ignore[assignment]
