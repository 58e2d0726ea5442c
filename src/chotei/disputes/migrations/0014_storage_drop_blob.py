"""Issue #10 item 6: the blob column, emptied into the documents storage by 0013_storage_files, goes.

Apart from the move so that PostgreSQL never alters a table with the move's updates pending."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("disputes", "0013_storage_files"),
    ]

    operations = [
        migrations.RemoveField(model_name="submission", name="content"),
    ]
