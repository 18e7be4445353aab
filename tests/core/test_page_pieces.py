"""The shared page pieces: the error summary finds every form with errors, whatever the view
named it, and paging keeps the search people made."""

from django import forms
from django.core.paginator import Paginator
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory

from coproduction.forms import DateField
from people.models import User


class NameForm(forms.Form):
    name = forms.CharField(label="Your name", error_messages={"required": "Enter your name"})


class CodeForm(forms.Form):
    code = forms.CharField(label="Code", error_messages={"required": "Enter the code"})


def render_page(**context):
    template = Template('{% extends "base.html" %}{% block title %}A page{% endblock %}')
    request = RequestFactory().get("/")
    request.user = User()  # signed out
    return template.render(Context({"request": request, **context}))


def test_the_error_summary_lists_every_form_with_errors_whatever_its_name(db):
    html = render_page(search_form=NameForm(data={}), claim_form=CodeForm(data={}),
                       untouched=CodeForm())
    summary = html[html.index('class="govuk-error-summary"'):]
    assert '<a href="#id_name">Enter your name</a>' in summary
    assert '<a href="#id_code">Enter the code</a>' in summary
    assert summary.count("<li>") == 2  # the unbound form shows no errors
    assert "<title>Error: A page" in html


def test_a_page_without_errors_has_no_summary(db):
    html = render_page(search_form=NameForm(data={"name": "Mo"}), other=CodeForm())
    assert "govuk-error-summary" not in html
    assert "<title>A page" in html


def test_a_formset_shows_the_errors_of_its_forms(db):
    formset = forms.formset_factory(NameForm, extra=0, min_num=2, validate_min=True)(
        data={"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0", "form-0-name": "Mo",
              "form-1-name": ""})
    html = render_page(rows=formset)
    assert '<a href="#id_form-1-name">Enter your name</a>' in html


def test_paging_keeps_every_filter_in_the_address():
    request = RequestFactory().get("/payments/payees/", {"q": "Doreen", "area": "north",
                                                         "page": "2"})
    request.user = User()
    page = Paginator(list(range(100)), 10).page(2)
    html = render_to_string("includes/pagination.html", {"page": page}, request=request)
    assert 'href="?q=Doreen&amp;area=north&amp;page=3"' in html
    assert 'href="?q=Doreen&amp;area=north&amp;page=1"' in html


def test_a_services_error_lands_by_the_field_it_names_or_at_the_top():
    from django.core.exceptions import ValidationError

    from coproduction.forms import add_service_error

    form = NameForm(data={"name": "Mo"})
    assert form.is_valid()
    add_service_error(form, ValidationError({"name": "That name is taken",
                                             "nickname": "Not on this form"}))
    add_service_error(form, ValidationError("Something about the whole form"))
    assert form.errors["name"] == ["That name is taken"]
    assert form.non_field_errors() == ["Not on this form", "Something about the whole form"]
    other = CodeForm(data={"code": "1"})
    other.is_valid()
    add_service_error(other, ValidationError("All the places are taken"), field="code")
    assert other.errors["code"] == ["All the places are taken"]


class WhenForm(forms.Form):
    when = DateField(label="When was it?", help_text="For example, 27 3 2026")


def test_the_one_date_input_is_govuks_day_month_and_year():
    from datetime import date

    form = WhenForm(data={"when_0": "6", "when_1": "4", "when_2": "2026"})
    assert form.is_valid() and form.cleaned_data["when"] == date(2026, 4, 6)
    # A date sent as one value (a shared link, an older form) still works.
    assert WhenForm(data={"when": "2026-04-06"}).is_valid()
    assert WhenForm(data={"when": "6/4/2026"}).is_valid()
    not_real = WhenForm(data={"when_0": "31", "when_1": "2", "when_2": "2026"})
    assert not_real.errors["when"] == ["Enter a real date, for example 27 3 2026"]
    assert WhenForm(data={"when_0": "6", "when_1": "", "when_2": "2026"}).errors["when"] == [
        "Enter the date, for example 27 3 2026"]
    assert WhenForm(data={"when_0": "6", "when_1": "4", "when_2": "26"}).errors["when"] == [
        "Enter a real date, for example 27 3 2026"]
    html = str(WhenForm()["when"])
    for part in ("Day", "Month", "Year"):
        assert f">{part}</label>" in html
    assert 'name="when_0"' in html and 'name="when_2"' in html


def test_the_error_summary_links_to_the_day_box(db):
    html = render_page(form=WhenForm(data={"when_0": "31", "when_1": "2", "when_2": "2026"}))
    assert '<a href="#id_when_0">Enter a real date, for example 27 3 2026</a>' in html


def test_an_event_is_a_date_and_two_times_in_the_councils_time_zone(people):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from listening.forms import EventForm
    from tests.listening.conftest import make_event

    data = {"title": "Drop-in", "description": "Come along", "audience": "Everyone",
            "host": people.staff.pk, "date_0": "29", "date_1": "3", "date_2": "2030",
            "start_time": "10:00", "end_time": "12:30", "in_person": "on", "venue": "Library"}
    form = EventForm(data=data)
    form.is_valid()
    london = ZoneInfo("Europe/London")
    assert form.instance.starts_at == datetime(2030, 3, 29, 10, 0, tzinfo=london)
    assert form.instance.ends_at == datetime(2030, 3, 29, 12, 30, tzinfo=london)
    backwards = EventForm(data={**data, "end_time": "09:00"})
    assert not backwards.is_valid()
    assert backwards.errors["end_time"] == ["The end time must be after the start time."]
    # Changing an event shows its date in the boxes and its times.
    event = make_event(people.staff)
    html = str(EventForm(instance=event)["date"]) + str(EventForm(instance=event)["start_time"])
    starts = event.starts_at.astimezone(london)
    assert f'value="{starts.day}"' in html and f'value="{starts:%H:%M}"' in html


def test_a_data_record_becomes_summary_rows_with_what_people_typed_escaped():
    from coproduction.templatetags.portal import record_rows

    html = str(record_rows({"what_you_said": "<script>x</script>\nsecond line", "paid": True,
                            "note": ""}))
    assert html.count('<div class="govuk-summary-list__row">') == 3
    assert "&lt;script&gt;x&lt;/script&gt;<br>second line" in html
    assert ">What you said</dt>" in html and ">Yes</dd>" in html and ">–</dd>" in html
