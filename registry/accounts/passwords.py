"""Password hashing with argon2 (argon2-cffi's defaults, RFC 9106 low-memory profile)."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12
MAX_LENGTH = 200  # longer input is refused before hashing (no hashing of megabytes)

_hasher = PasswordHasher()
# Verified against when the account does not exist, so that a wrong user name takes as
# long as a wrong password.
_DUMMY = _hasher.hash("not a password of anyone")


def password_problem(password: str) -> str | None:
    """Why a new password is refused (in English, for the command line), or None."""
    if len(password) < MIN_LENGTH:
        return f"at least {MIN_LENGTH} characters"
    if len(password) > MAX_LENGTH:
        return f"at most {MAX_LENGTH} characters"
    if password.strip() != password or not password.isprintable():
        return "no leading or trailing spaces, no control characters"
    return None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """Whether `password` matches `stored` (None: unknown account, still hashed)."""
    if len(password) > MAX_LENGTH:
        return False
    try:
        return _hasher.verify(stored or _DUMMY, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _hasher.check_needs_rehash(stored)
