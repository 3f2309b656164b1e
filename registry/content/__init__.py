"""Content: reading the Markdown and YAML files of `content/`, validating them, rendering them.

Nothing here imports Flask: the loaders, checks and renderers are plain functions
over files, usable from the CLI, the web app and the tests alike.
"""
