from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"

    def ready(self):
        from people import data_export  # the make_data_export job, for workers
        from people.data_rights import register_erasure_hook

        register_erasure_hook("data_exports", data_export.data_export_erase)
