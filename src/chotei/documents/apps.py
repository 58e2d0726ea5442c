from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "chotei.documents"
    verbose_name = "文書"

    def ready(self) -> None:
        # pdf.py knows no Django; the body's letterhead, seal and contact come from here.
        from chotei.documents import look, pdf

        pdf.use_look(look.notice_look)
