from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("commissions", "0007_ledger_check"),
    ]

    operations = [
        migrations.AddField(
            model_name="settlementrun",
            name="held_count",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AlterField(
            model_name="commission",
            name="invalid_reason",
            field=models.CharField(
                blank=True,
                choices=[
                    ("cancelled", "The order was cancelled"),
                    ("refunded", "The goods were refunded"),
                    ("self_purchase", "Bought by the promoter's own customer account"),
                    ("zero_rate", "The product earns no commission"),
                    ("fraud", "Voided by the platform after review"),
                    ("suspension", "Voided by the platform after a suspension"),
                    ("unknown_source", "The order did not come through a promoter"),
                ],
                max_length=16,
            ),
        ),
    ]
