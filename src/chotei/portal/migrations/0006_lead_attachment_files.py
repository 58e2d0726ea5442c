"""Issue #10 item 6: message attachments move from the database into the documents storage, as
issued documents, submissions and mandates did (0003_storage_files). The row's SHA-256 is kept."""

from django.db import migrations, models

import chotei.documents.files


def forward(apps, schema_editor):
    chotei.documents.files.blobs_move(
        apps.get_model("portal", "MessageAttachment"), "content", "attachments", typed=True
    )


def backward(apps, schema_editor):
    chotei.documents.files.blobs_restore(apps.get_model("portal", "MessageAttachment"), "content")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_merge_msg_storage"),
    ]

    operations = [
        migrations.AddField(
            model_name="messageattachment",
            name="file",
            field=models.FileField(
                default="",
                max_length=255,
                storage=chotei.documents.files.DocumentStorage(),
                upload_to="",
                verbose_name="内容",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(forward, backward),
    ]
