from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from coproduction.paging import paginate
from coproduction.roles import Role, role_required
from people.forms import PersonSearchForm, RolesForm
from people.models import RoleChange, User
from people.selectors import people_for_role_admin
from people.services import user_set_roles


@role_required(Role.ADMIN)
def role_list(request):
    form = PersonSearchForm(request.GET or None)
    q = role = ""
    if form.is_valid():
        q, role = form.cleaned_data["q"], form.cleaned_data["role"]
    page = paginate(request, people_for_role_admin(q=q, role=role))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "people/role_list.html",
                  {"search_form": form, "page": page, "query": query.urlencode()})


@role_required(Role.ADMIN)
def role_edit(request, pk):
    person = get_object_or_404(User, pk=pk)
    initial = {"roles": [role.value for role in person.roles if role != Role.MEMBER]}
    form = RolesForm(request.POST or None, initial=initial, changed_by=request.user, user=person)
    if request.method == "POST" and form.is_valid():
        changes = user_set_roles(changed_by=request.user, user=person,
                                 roles=form.cleaned_data["roles"])
        if changes:
            messages.success(request, f"Roles for {person.email} saved.")
        else:
            messages.info(request, f"Nothing changed for {person.email}.")
        return redirect("people:role_list")
    recent = RoleChange.objects.filter(user=person).select_related("changed_by")[:20]
    return render(request, "people/role_edit.html",
                  {"form": form, "person": person, "recent_changes": recent})


@role_required(Role.ADMIN)
def role_changes(request):
    changes = RoleChange.objects.select_related("changed_by", "user")
    return render(request, "people/role_changes.html", {"page": paginate(request, changes)})
