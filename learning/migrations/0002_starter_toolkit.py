"""The toolkit's starting content in the council's words: pages, templates, the planning
checklist and the forum's themes. Admins change all of it in Django admin afterwards."""

from django.db import migrations

PAGES = [
    ("what-is-co-production", "What co-production means here",
     "Our definition, in one paragraph.", """\
Co-production means people who draw on care and support, unpaid carers and council staff working together as equals, from the start of a piece of work to the end.

We share power. Nobody's knowledge counts for more because of their job title. People with lived experience help decide what the problem is, what we do about it and how we know it worked.

## What it is not
- Asking people what they think after we have decided.
- Inviting one person to a meeting of twenty officers.
- Expecting people to give their time for nothing."""),
    ("six-principles", "The six principles",
     "What Our Voice look for in every plan.", """\
Our Voice score every project plan against these six principles before we recruit.

## We value people's skills
Everyone brings something. We ask what people are good at and use it, and we pay people for their time.

## We let people know what we learn and achieve
We tell people what happened because of what they said, even when the answer is "not yet" or "no".

## We include anyone who wants to be involved
We remove barriers: venues, times, formats, costs and confidence.

## We use language that works for everyone
Plain English, easy read when it is needed, and no jargon or acronyms.

## We are honest and open
We say what can and cannot change, and why.

## We review and change how we do things
We ask how it went and act on what we hear."""),
    ("values", "Our values",
     "How we behave when we work together.", """\
- Respect: we listen, and we believe people's experience.
- Equality: decisions are shared, and so is information.
- Trust: we do what we say, and we say when we cannot.
- Kindness: we make it easy to take part and easy to step back.
- Fairness: we spread opportunities so the same few voices are not the only ones heard."""),
    ("ladder-of-involvement", "The ladder of involvement",
     "From telling people to sharing decisions, with examples.", """\
Not every piece of work needs full co-production. Be honest about which rung you are on, and say so in the plan.

## Information
We tell people what is happening and why. Example: a letter explaining a change to day centre opening hours.

## Engagement
We talk with people and listen. Example: a drop-in at the library about the carers' strategy.

## Consultation
We ask people's views on our plans before we decide. Example: a survey on three options for respite care.

## Co-design
People help design the service with us from early on. Example: carers and staff designing the new assessment form together.

## Co-production
People work with us as equals from start to finish, sharing decisions. Example: a project group with a lived-experience co-chair redesigning short breaks.

## Strategic co-production
People share decisions about plans for the whole county. Example: Our Voice agreeing the priorities in the adult social care strategy."""),
    ("engagement-consultation-co-production", "Engagement, consultation and co-production",
     "Three different things, and when to use each.", """\
## Engagement
Talking and listening, often early, to understand what matters. People influence our thinking but do not decide.

## Consultation
A formal question about our plans, with a time limit. We decide, but must show how we took the answers into account.

## Co-production
Working as equals from the start. People with lived experience share the decisions, and the power and budget that go with them.

## Which one?
- If the decision is already made, do not call it co-production: inform people honestly.
- If you can still change the plan, consult well and report back.
- If people can shape the problem and the answer, co-produce."""),
    ("how-payments-work", "How payments work",
     "Paying people for their time and covering their costs.", """\
Nobody should be out of pocket for working with us. We pay travel, care and support costs, and we pay people for their time at the rates in our recognition policy.

- Agree a recognition budget before you recruit.
- Tell people the rate, and that payments can affect some benefits, before they start.
- Record attendance in the portal: people claim from what you record.
- Lived-experience co-trainers are paid for delivering training in the same way.

The full rates and the benefits information are on the "How we pay you" page."""),
]

TEMPLATES = [
    ("terms-of-reference", "Terms of reference",
     "The purpose, membership and ways of working of a project group.", """\
## Purpose of the group
[What the group is for, in one or two sentences.]

## What we can change
[What the group can decide or change.]

## What we cannot change
[What is outside the group's control, and why.]

## Who is in the group
- Co-chair with lived experience: [name]
- Staff co-chair: [name]
- Members: [number] people with lived experience and [number] staff

## How we work together
- We meet [how often], [in person, online or both].
- Papers go out [number] days before each meeting, in the formats people need.
- Everyone's voice counts the same. Decisions are made by [agreement or voting].

## Payment and expenses
[Rates, expenses and how to claim.]

## How people will hear what happened
[How and when we report back.]"""),
    ("member-role-description", "Role description for members",
     "What we ask of a member of a project group, and what they get.", """\
## The role
Member of the [project name] group.

## What you will do
- Come to [number] meetings of [length], [in person or online].
- Share your experience and ideas.
- Read short papers before meetings, in the format you need.

## What you will get
- Payment of [rate] for your time, and your travel and care costs.
- Training and support, including "What is co-production?".
- A certificate of involvement at the end.

## Who to contact
[Name, email and phone number of the staff co-chair.]"""),
    ("what-we-heard-letter", "\"What we heard\" letter",
     "Telling people what they said and what we will do about it.", """\
Dear [name],

Thank you for taking part in [event or project] on [date].

## What we heard
- [The main thing people told us.]
- [Another thing people told us.]

## What we will do
- [What we will do, and by when.]
- [What we cannot do, and why.]

## What happens next
We will write to you again by [date] to say how it is going. You can also see updates on the "You said, we did" page.

With thanks,
[Name and role]"""),
]

CHECKLIST = [
    ("People with lived experience are involved from the start",
     "Before the plan is final, not after."),
    ("A recognition budget is agreed", "Payments for time, travel and care costs."),
    ("Venues and formats are accessible",
     "Step-free venues, hearing loops, easy read and large print, online options."),
    ("A co-chair with lived experience is in place", "Paid, trained and supported."),
    ("The plan has had a plain English check", "No jargon or unexplained acronyms."),
    ("We know how people will hear what happened",
     "A \"what we heard\" letter, updates and \"You said, we did\"."),
]

THEMES = [("Starting a project", "starting-a-project"), ("Payments", "payments"),
          ("Accessibility", "accessibility"), ("Working with Our Voice", "our-voice"),
          ("Telling people what happened", "feeding-back")]


def load(apps, schema_editor):
    ToolkitPage = apps.get_model("learning", "ToolkitPage")
    ToolkitTemplate = apps.get_model("learning", "ToolkitTemplate")
    ChecklistItem = apps.get_model("learning", "ChecklistItem")
    ForumTheme = apps.get_model("learning", "ForumTheme")
    for order, (slug, title, summary, body) in enumerate(PAGES, start=1):
        ToolkitPage.objects.get_or_create(slug=slug, defaults={
            "title": title, "summary": summary, "body": body, "order": order * 10})
    for order, (slug, title, description, body) in enumerate(TEMPLATES, start=1):
        ToolkitTemplate.objects.get_or_create(slug=slug, defaults={
            "title": title, "description": description, "body": body, "order": order * 10})
    for order, (text, hint) in enumerate(CHECKLIST, start=1):
        ChecklistItem.objects.get_or_create(text=text, defaults={"hint": hint,
                                                                 "order": order * 10})
    for order, (name, slug) in enumerate(THEMES, start=1):
        ForumTheme.objects.get_or_create(slug=slug, defaults={"name": name,
                                                              "order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_training_toolkit_forum")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
