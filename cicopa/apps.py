from django.apps import AppConfig


class CicopaConfig(AppConfig):
    name = "cicopa"
    verbose_name = "CICOPA"

    def ready(self):
        from django.utils.autoreload import file_changed

        from . import signals

        file_changed.connect(signals.source_changed)
