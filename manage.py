#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduction.settings")
    # With no SECRET_KEY in the environment, manage.py is a developer's tool in a checkout:
    # use the local development defaults. The web servers (wsgi/asgi) have no such default
    # and refuse to start without a key; DEBUG=false here still demands one.
    if "SECRET_KEY" not in os.environ:
        os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
