from django.apps import AppConfig
from django.core.signals import request_finished, request_started


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = "Outgoing messages"

    def ready(self) -> None:
        from outbox import publishing

        # A request's messages are published once its response has been sent, never while it is built.
        request_started.connect(publishing.start_collecting, dispatch_uid="outbox-start-collecting")
        request_finished.connect(publishing.publish_collected, dispatch_uid="outbox-publish-collected")
