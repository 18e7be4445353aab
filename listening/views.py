from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def event_list(request):
    return render(request, "listening/event_list.html")


@require_safe
def you_said_we_did(request):
    return render(request, "listening/you_said_we_did.html")
