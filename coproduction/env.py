"""Typed readers for settings from the environment. A bad value stops start-up with a clear
message rather than running with a guess (healthchecks' envbool does the same)."""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"The environment variable {name} must be set.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def postgresql_limits(statement_timeout_ms: int, temp_file_limit: str, *, jit: bool) -> str:
    """libpq's `options` for a connection: its statement timeout, temporary file limit and
    whether PostgreSQL may compile queries (JIT: it costs a web request tens of milliseconds
    on the pages' mid-sized queries, and pays off only for long reports)."""
    return (f"-c statement_timeout={statement_timeout_ms} -c temp_file_limit={temp_file_limit}"
            f" -c jit={'on' if jit else 'off'}")


def s3_storage(*, bucket: str, endpoint_url: str = "", access_key: str = "", secret_key: str = "",
               region: str = "", prefix: str = "") -> dict:
    """The STORAGES entry for uploaded files and made PDFs in an S3-compatible object store
    (django-storages), so every web and worker machine sees the same files. Objects are private
    (no ACL, so the bucket's own private default) and never linked to directly: people get them
    only through the portal's views, which check who may see each one. Empty values fall back
    to boto3's own (its environment variables, an instance role, AWS's endpoints)."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "access_key": access_key or None,
            "secret_key": secret_key or None,
            "region_name": region or None,
            "location": prefix,
            "default_acl": None,
            # A signed, short-lived address if anything ever asks for a URL; nothing should.
            "querystring_auth": True,
            "querystring_expire": 60,
            # A name already used gets a new one, as on disk, rather than replacing a file.
            "file_overwrite": False,
            # Path-style addresses work with every S3-compatible store (MinIO, Ceph, moto).
            "addressing_style": "path" if endpoint_url else None,
        },
    }
