"""Blueprints of the HTML pages, one module per area; views do not import each other."""
