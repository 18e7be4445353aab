"""The load mix (`make load`): visitors, members, staff and finance on the demo data, against
gunicorn on 127.0.0.1 only. Every user signs in once with the demo password (the demo has the
second factor off) and then reads the pages their role uses most, with a pause between pages as
a person would. A 5xx is a failure, and so is a page that sends a signed-in user back to sign in.

    locust -f scripts/locustfile.py --headless -u 50 -r 5 -t 3m --host http://127.0.0.1:8001
"""

import random
import re
from urllib.parse import urlparse

from locust import HttpUser, between, task

PASSWORD = "demo-password-2026"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LOOPBACK = {"127.0.0.1", "localhost"}


class PortalUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    email = None

    def on_start(self):
        host = urlparse(self.host).hostname
        if host not in LOOPBACK:
            raise SystemExit(f"the load mix runs against 127.0.0.1 only, not {host}")
        self.project_ids, self.event_ids = [], []
        if self.email:
            self.sign_in()

    def sign_in(self):
        page = self.client.get("/accounts/login/", name="sign in (form)")
        token = CSRF.search(page.text).group(1)
        with self.client.post("/accounts/login/", name="sign in",
                              data={"login": self.email, "password": PASSWORD,
                                    "csrfmiddlewaretoken": token},
                              headers={"Referer": f"{self.host}/accounts/login/"},
                              catch_response=True) as response:
            if "/accounts/login/" in response.url:
                response.failure(f"could not sign in as {self.email}")

    def page(self, url, name):
        with self.client.get(url, name=name, catch_response=True) as response:
            if self.email and "/accounts/login/" in response.url:
                response.failure("sent back to sign in")
            return response

    def ids(self, url, pattern):
        response = self.page(url, url)
        return [int(pk) for pk in set(re.findall(pattern, response.text or ""))]


class Visitor(PortalUser):
    weight = 4

    @task(3)
    def home(self):
        self.page("/", "home")

    @task(4)
    def projects(self):
        self.project_ids = self.ids("/projects/", r'href="/projects/(\d+)/"') or self.project_ids

    @task(2)
    def project(self):
        if self.project_ids:
            self.page(f"/projects/{random.choice(self.project_ids)}/", "/projects/[id]/")

    @task(3)
    def events(self):
        self.event_ids = self.ids("/events/", r'href="/events/(\d+)/"') or self.event_ids

    @task(2)
    def event(self):
        if self.event_ids:
            self.page(f"/events/{random.choice(self.event_ids)}/", "/events/[id]/")

    @task(1)
    def trivial(self):
        self.page("/accessibility/", "/accessibility/ (trivial)")


class Member(PortalUser):
    weight = 3
    email = "member@example.org"

    @task(3)
    def dashboard(self):
        self.page("/dashboard/", "/dashboard/")

    @task(2)
    def projects(self):
        self.page("/projects/", "/projects/")

    @task(2)
    def events(self):
        self.page("/events/", "/events/")

    @task(2)
    def claims(self):
        self.page("/payments/claims/", "/payments/claims/")

    @task(1)
    def profile(self):
        self.page("/profile/", "/profile/")


class Staff(PortalUser):
    weight = 2
    email = "staff@example.org"

    @task(2)
    def home(self):
        self.page("/staff/", "/staff/")

    @task(3)
    def people_bank(self):
        self.page("/people-bank/", "/people-bank/")

    @task(2)
    def feedback(self):
        self.page("/listening/feedback/", "/listening/feedback/")

    @task(2)
    def projects(self):
        self.page("/projects/", "/projects/")


class Finance(PortalUser):
    weight = 1
    email = "finance@example.org"

    @task(2)
    def home(self):
        self.page("/finance/", "/finance/")

    @task(3)
    def claims(self):
        self.page("/payments/finance/", "/payments/finance/")
