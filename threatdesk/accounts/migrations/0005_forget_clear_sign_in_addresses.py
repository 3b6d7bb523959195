"""Forget what the login throttle kept before it was given pseudonyms instead of addresses.

Until then django-axes wrote every sign-in, and every failed one, with the client's IP address
and browser in the clear (`axes_accesslog`, `axes_accessattempt`, `axes_accessfailurelog`). New
rows hold only a keyed pseudonym of the address, and no successful sign-in is logged at all, but
the old rows would stay: this deletes them. Failures still counting towards a lock-out are
forgotten too, which at worst gives someone five more tries once, at the upgrade.
"""

from django.db import migrations

KEPT_BY_THE_THROTTLE = ("AccessLog", "AccessFailureLog", "AccessAttempt")  # attempts last: expirations hang on them


def forget(apps, schema_editor):
    for name in KEPT_BY_THE_THROTTLE:
        apps.get_model("axes", name).objects.using(schema_editor.connection.alias).all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0004_sealed_totp"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
