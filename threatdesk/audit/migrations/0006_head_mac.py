"""The audit head row gets a keyed MAC of its sequence and hash (HMAC under PSEUDONYM_KEY, read
from settings), so a cut-off tail shows even when the head was moved back onto the new last
event.

The head is created here when the database has none yet, so from now on a missing head row means
someone deleted it. An existing head gets the MAC of what it holds now, unchecked: a head that
does not match the last event still fails `verify_audit` afterwards, so nothing wrong is hidden.
"""

from django.db import migrations, models

GENESIS = "0" * 64


def add_head_mac(apps, schema_editor):
    from threatdesk.audit.services import head_mac

    heads = apps.get_model("audit", "AuditHead").objects
    head, _ = heads.get_or_create(id=1, defaults={"seq": 0, "hash": GENESIS})
    heads.filter(id=1).update(mac=head_mac(head.seq, head.hash))


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0005_keyed_reason_digests"),
    ]

    operations = [
        migrations.AddField(
            model_name="audithead",
            name="mac",
            field=models.CharField(default="", help_text="Keyed hash (HMAC) of seq and hash.", max_length=64),
        ),
        migrations.RunPython(add_head_mac, migrations.RunPython.noop),
    ]
