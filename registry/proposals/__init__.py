"""Practices proposed by the teams that run them: the questionnaire (content/
proposition.yaml and the taxonomy's grid), drafts kept in the database behind a private
link, the Markdown page a proposal would become, and its states.

Git and Markdown stay the source of truth: a proposal lives in the database only while
it is in progress; accepted, it is written to the content folder like any page.
"""
