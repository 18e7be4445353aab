from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "payments"

    def ready(self):
        from payments.data_rights import claims_for_download, erase_for_person, payee_for_download
        from people.data_rights import register_data_section, register_erasure_hook

        register_data_section("claims", "Your claims and payments", claims_for_download)
        register_data_section("payee", "How finance pay you", payee_for_download)
        register_erasure_hook("payments", erase_for_person)
