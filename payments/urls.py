from django.urls import path

from payments import views

app_name = "payments"

urlpatterns = [
    path("payments/how-we-pay/", views.policy, name="policy"),
    path("payments/how-we-pay/easy-read/", views.policy_easy_read, name="policy_easy_read"),
    path("payments/how-we-pay/pdf/", views.policy_pdf, name="policy_pdf"),
    path("payments/claims/", views.claim_list, name="claim_list"),
    path("payments/claims/new/<int:involvement_pk>/", views.claim_new, name="claim_new"),
    path("payments/claims/<int:pk>/", views.claim_detail, name="claim_detail"),
    path("payments/claims/<int:pk>/change/", views.claim_edit, name="claim_edit"),
    path("payments/claims/<int:pk>/change/<slug:step>/", views.claim_step, name="claim_step"),
    path("payments/claims/<int:pk>/so-far/", views.claim_so_far, name="claim_so_far"),
    path("payments/claims/<int:pk>/receipts/", views.receipt_add, name="receipt_add"),
    path("payments/receipts/<int:pk>/", views.receipt, name="receipt"),
    path("payments/letter/", views.letter, name="letter"),
    path("payments/people/<int:person_pk>/claims/", views.person_claims, name="person_claims"),
    path("payments/people/<int:person_pk>/letter/", views.person_letter, name="person_letter"),
    path("payments/approvals/", views.approvals, name="approvals"),
    path("payments/claims/<int:pk>/decide/", views.claim_review, name="claim_review"),
    path("payments/claim-for-someone/", views.on_behalf, name="on_behalf"),
    path("payments/claim-for-someone/<int:person_pk>/", views.on_behalf_person,
         name="on_behalf_person"),
    path("payments/finance/", views.finance_claims, name="finance_claims"),
    path("payments/finance/batches/", views.batch_list, name="batch_list"),
    path("payments/finance/batches/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("payments/finance/batches/<int:pk>/file/", views.batch_csv, name="batch_csv"),
    path("payments/finance/batches/<int:pk>/paid/", views.batch_paid, name="batch_paid"),
    path("payments/finance/payees/", views.payee_list, name="payee_list"),
    path("payments/finance/payees/<int:person_pk>/", views.payee_edit, name="payee_edit"),
    path("payments/policy/", views.policy_admin, name="policy_admin"),
]
