from django.urls import path

from payments import views

app_name = "payments"

urlpatterns = [
    path("payments/how-we-pay/", views.policy, name="policy"),
]
