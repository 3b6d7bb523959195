"""Fingerprints of submissions are keyed now (`submission_digest`). The plain SHA-256 ones stored
before confirmed a guess of a whole submission to anyone holding a copy of the database: they are
forgotten. A retry of a submission made before the upgrade is then answered 409, as a different
report under the same key, rather than 200."""

from django.db import migrations


def forget(apps, schema_editor):
    apps.get_model("reports", "Report").objects.exclude(submission_digest="").update(submission_digest="")


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0009_seal_platform"),
    ]

    operations = [
        migrations.RunPython(forget, migrations.RunPython.noop),
    ]
