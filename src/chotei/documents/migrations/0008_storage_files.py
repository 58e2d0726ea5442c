"""Issue #10 item 6: issued notices' PDFs move from the database into the documents storage (DP-20, DP-22).

Each blob is written under a new unique name and the row names it; the row's SHA-256 is kept, and the
hash chains (which hold that digest in their audit payloads, never the bytes) are not touched.
"""

from django.db import migrations, models

import chotei.documents.files


def forward(apps, schema_editor):
    chotei.documents.files.blobs_move(
        apps.get_model("documents", "IssuedDocument"), "pdf", "issued", typed=False
    )


def backward(apps, schema_editor):
    chotei.documents.files.blobs_restore(apps.get_model("documents", "IssuedDocument"), "pdf")


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0007_desk3_labels"),
    ]

    operations = [
        migrations.AddField(
            model_name="issueddocument",
            name="file",
            field=models.FileField(
                blank=True,
                default="",
                max_length=255,
                storage=chotei.documents.files.DocumentStorage(),
                upload_to="",
                verbose_name="文書ファイル（PDF）",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(forward, backward),
    ]
