from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def policy(request):
    return render(request, "payments/policy.html")
