"""Everything that touches a request: blueprints, parameters, errors, headers, i18n, charts."""
