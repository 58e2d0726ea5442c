"""Issue #10 item 6: the blob column, emptied into the documents storage by 0008_storage_files, goes.

Apart from the move so that PostgreSQL never alters a table with the move's updates pending."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0008_storage_files"),
    ]

    operations = [
        # A default first, so that reversing re-adds the column to rows that have none to give it
        # until the move's reverse fills it.
        migrations.AlterField(
            model_name="issueddocument",
            name="pdf",
            field=models.BinaryField(default=b"", verbose_name="文書ファイル（PDF）"),
        ),
        migrations.RemoveField(model_name="issueddocument", name="pdf"),
    ]
