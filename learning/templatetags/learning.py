"""`{% planning_checklist project %}`: a project's planning checklist, read-only, where Our
Voice review the plan (projects/assurance.html). The projects room does not import this room:
its template loads the tag."""

from django import template

from learning import rules, selectors

register = template.Library()


@register.inclusion_tag("learning/_checklist_summary.html", takes_context=True)
def planning_checklist(context, project):
    user = context["request"].user
    if not rules.can_see_checklist(user, project):
        return {"show": False}
    rows = selectors.checklist_for(project)
    return {"show": True, "project": project, "rows": rows,
            "done": sum(1 for row in rows if row["answer"] and row["answer"].done),
            "can_fill": rules.can_fill_checklist(user, project)}
