"""Every URL pattern the project serves, by qualified name."""

from django.urls import URLPattern, URLResolver, get_resolver

# Django's admin site is covered by one rule, for its index: every page under it shares the
# same guard (admin role, second factor).
ADMIN_NAMESPACE = "admin:"


def all_url_patterns():
    """(qualified name or None, route) for every pattern in the project."""
    found = []

    def walk(patterns, namespace, route):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, ns, route + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}{pattern.name}" if pattern.name else None
                found.append((name, route + str(pattern.pattern), namespace))

    walk(get_resolver().url_patterns, "", "")
    return found


def url_names_needing_rules():
    names, unnamed = set(), []
    for name, route, namespace in all_url_patterns():
        if namespace.startswith(ADMIN_NAMESPACE):
            continue
        if name is None:
            unnamed.append(route)
        else:
            names.add(name)
    return names, unnamed
