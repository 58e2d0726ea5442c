"""Issue #10 item 6: the blob column, emptied into the documents storage by 0003_storage_files, goes.

Apart from the move so that PostgreSQL never alters a table with the move's updates pending."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_storage_files"),
    ]

    operations = [
        # A default first, so that reversing re-adds the column to rows that have none to give it
        # until the move's reverse fills it.
        migrations.AlterField(
            model_name="agentmandate",
            name="content",
            field=models.BinaryField(default=b"", verbose_name="内容"),
        ),
        migrations.RemoveField(model_name="agentmandate", name="content"),
    ]
