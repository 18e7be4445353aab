from django import template

from stories.selectors import co_hosts_of

register = template.Library()


@register.inclusion_tag("stories/_co_hosts.html")
def co_hosted_by(obj):
    """"Co-hosted with …" on a project's or an event's page (one query)."""
    return {"partners": co_hosts_of(obj)}
