"""Every form of the public site drawn the same way (templates/forms/): `{{ form }}` gives each
field its label above it, its help under the label and its errors under it, tied to it by
aria-describedby (Django's own), and a group of choices as a fieldset with its legend. The
admin draws its own forms and is not touched."""

from django.forms.renderers import TemplatesSetting


class SiteFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
