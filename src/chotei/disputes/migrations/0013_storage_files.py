"""Issue #10 item 6: submitted files move from the database into the documents storage (DP-20, DP-22).

Each blob is written under a new unique name and the row names it; the row's SHA-256 is kept, and the
hash chains (which hold that digest in their audit payloads, never the bytes) are not touched.
"""

from django.db import migrations, models

import chotei.documents.files


def forward(apps, schema_editor):
    chotei.documents.files.blobs_move(
        apps.get_model("disputes", "Submission"), "content", "submissions", typed=True
    )


def backward(apps, schema_editor):
    chotei.documents.files.blobs_restore(apps.get_model("disputes", "Submission"), "content")


class Migration(migrations.Migration):
    dependencies = [
        ("disputes", "0012_fin_lawsuit_ground"),
    ]

    operations = [
        migrations.AddField(
            model_name="submission",
            name="file",
            field=models.FileField(
                blank=True,
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
