from django.apps import AppConfig


class AllianceConfig(AppConfig):
    name = "alliance"
    verbose_name = "Alliance"

    def ready(self):
        from django.db import models
        from rest_framework import serializers

        from .api.fields import DateTimeField, json_types_read_strictly

        # Every ModelSerializer of the API (HyperlinkedModelSerializer shares the mapping)
        # renders its model datetimes with the API's one format, so no serializer can forget
        # to: UTC, whole seconds, `Z` (alliance/api/fields.py, docs/api.md "Datetimes").
        serializers.ModelSerializer.serializer_field_mapping[models.DateTimeField] = DateTimeField
        # A string or decimal field reads only a JSON string, a boolean in a body only true or
        # false (alliance/api/fields.py, docs/api.md "Request bodies").
        json_types_read_strictly()
