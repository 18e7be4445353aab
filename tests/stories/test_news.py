"""News: staff write short posts with a plain-language check and an easy-read version; the
public page filters by topic and area, and the Atom feed carries published posts only."""

from xml.etree import ElementTree

from people.models import Area, Topic
from stories.models import NewsPost
from stories.services import news_move, news_save

ATOM = "{http://www.w3.org/2005/Atom}"


def _post(staff, title, *, publish=True, topics=(), areas=()):
    post = news_save(post=NewsPost(title=title, body="Carers helped us.", easy_read="Easy."),
                     by=staff, topics=topics, areas=areas)
    return news_move(post=post, to=NewsPost.Status.PUBLISHED, by=staff) if publish else post


def test_staff_write_news_with_the_plain_language_check(people, client_for):
    client = client_for(people.staff)
    response = client.post("/news/new/", {
        "title": "New leaflet",
        "body": "We did a holistic review of the leaflet with carers.",
        "easy_read": "We worked with carers on a new leaflet that tells you everything you "
                     "need to know about getting a break from caring."})
    post = NewsPost.objects.get()
    assert response.url == f"/news/{post.pk}/" and post.status == NewsPost.Status.DRAFT
    page = client.get(response.url).content.decode()
    assert "Plain English check" in page and "holistic" in page
    assert "Easy-read version" in page  # a 22-word sentence is too long for easy read
    assert client_for(None).get(response.url).status_code == 404
    assert client_for(people.member).post("/news/new/", {"title": "x"}).status_code == 403


def test_the_news_page_filters_by_topic_and_area(people, client):
    carers = Topic.objects.create(name="Carers", slug="carers")
    dunmere = Area.objects.create(name="Dunmere", slug="dunmere")
    _post(people.staff, "About carers", topics=[carers])
    _post(people.staff, "About Dunmere", areas=[dunmere])
    _post(people.staff, "Not yet", publish=False)
    everything = client.get("/news/").content.decode()
    assert "About carers" in everything and "About Dunmere" in everything
    assert "Not yet" not in everything
    by_topic = client.get(f"/news/?topic={carers.pk}").content.decode()
    assert "About carers" in by_topic and "About Dunmere" not in by_topic
    by_area = client.get(f"/news/?area={dunmere.pk}").content.decode()
    assert "About Dunmere" in by_area and "About carers" not in by_area


def test_the_atom_feed_has_published_posts_only(people, client):
    _post(people.staff, "Published one")
    _post(people.staff, "A draft", publish=False)
    response = client.get("/news/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")]
    assert titles == ["Published one"]


def test_the_news_page_runs_the_same_queries_for_many(
        people, client, django_assert_max_num_queries):
    carers = Topic.objects.create(name="Carers", slug="carers")
    for i in range(30):
        _post(people.staff, f"News {i}", topics=[carers])
    # filter choices (topics, areas), count, the page, its topics, its areas
    with django_assert_max_num_queries(6):
        response = client.get("/news/")
    assert "News 29" in response.content.decode()
