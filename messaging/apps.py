from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "messaging"
    verbose_name = "Messages"

    def ready(self):
        from messaging import data_rights
        from people.data_rights import register_data_section

        register_data_section("message_deliveries", "How each message reached you",
                              data_rights.deliveries_for_person)
