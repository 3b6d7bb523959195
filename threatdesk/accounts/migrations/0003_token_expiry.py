"""API tokens expire.

Tokens issued before this migration had no expiry. None is left unlimited: each gets the
lifetime of a token issued while the migration runs, API_TOKEN_DAYS (365 unless set) from then.
"""

from django.db import migrations, models


def expire_existing(apps, schema_editor):
    """Every row predates expiry when this runs: the column was added just before."""
    from threatdesk.accounts.services import token_expiry

    ApiToken = apps.get_model("accounts", "ApiToken")
    ApiToken.objects.update(expires_at=token_expiry())


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_seal_names_and_email'),
    ]

    operations = [
        migrations.AddField(
            model_name='apitoken',
            name='expires_at',
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(expire_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='apitoken',
            name='expires_at',
            field=models.DateTimeField(help_text='The token stops working at this time; a new one must be issued.'),
        ),
    ]
