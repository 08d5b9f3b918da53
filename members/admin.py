from django.contrib import admin
from django.db import models

from .models import Country, Organisation, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ["name"]


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "region"]
    list_filter = ["region"]
    list_select_related = ["region"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["region"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "country", "region", "category", "status"]
    list_filter = [
        ("country__region", admin.RelatedOnlyFieldListFilter),
        ("country", admin.RelatedOnlyFieldListFilter),
        "category",
        "status",
    ]
    list_select_related = ["country__region"]
    search_fields = ["name", "acronym", "country__name"]
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ["country"]
    readonly_fields = ["created_at", "updated_at"]
    # A website typed without a scheme is https (Django 6's default, today).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["name", "acronym", "slug", "country", "category"]}),
        ("About", {"fields": ["description", "website", "logo"]}),
        ("Membership", {"fields": ["member_since", "ica_member_since", "status", "left_in"]}),
        (
            "Key figures",
            {
                "fields": ["cooperatives", "individual_members", "figures_year"],
                "description": "Only where the member has declared them.",
            },
        ),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    @admin.display(ordering="country__region__name")
    def region(self, organisation):
        return organisation.country.region
