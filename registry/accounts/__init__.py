"""People with an account (editors, reviewers, admins) and the audit log of what they do.

There is no public sign-up: accounts are made with `flask users …`. Contributors and
rereaders need no account (they get private links).
"""
