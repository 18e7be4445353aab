"""A small stand-in for GOV.UK Notify on 127.0.0.1, for tests: the endpoints the portal uses
(send an email, a text message, a precompiled letter; get one notification), with Notify's
authentication (a JWT signed with the API key's secret, issued by the service id, checked by
the client library's own decoder) and Notify's error shapes. The portal talks to it through
the real notifications-python-client, so the request bodies are the real ones."""

import base64
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from notifications_python_client.authentication import decode_jwt_token, get_token_issuer
from notifications_python_client.errors import TokenError

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"portal_test-{SERVICE_ID}-{SECRET}"


class FakeNotify:
    def __init__(self):
        self.received = []  # (kind, body) for each accepted request
        self.statuses = {}  # notification id -> Notify status
        self.refuse = set()  # email addresses, numbers or PDF references Notify says are bad
        self.busy = 0  # answer this many requests with 503 first
        self.unauthorised = 0
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def sent(self, kind):
        return [body for sent_kind, body in self.received if sent_kind == kind]

    def _handler(fake):  # noqa: N805 (the server's state, seen from the handler class)
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status, payload):
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _error(self, status, error, message):
                self._answer(status, {"status_code": status,
                                      "errors": [{"error": error, "message": message}]})

            def _authorised(self):
                header = self.headers.get("Authorization", "")
                if not header.startswith("Bearer "):
                    fake.unauthorised += 1
                    self._error(401, "AuthError", "Unauthorized: authentication token must be "
                                                  "provided")
                    return False
                token = header[len("Bearer "):]
                try:
                    if get_token_issuer(token) != SERVICE_ID:
                        raise TokenError("Invalid token: service not found")
                    decode_jwt_token(token, SECRET)
                except TokenError as error:
                    fake.unauthorised += 1
                    self._error(403, "AuthError", error.message)
                    return False
                return True

            def _busy(self):
                with fake.lock:
                    if fake.busy > 0:
                        fake.busy -= 1
                        self._error(503, "InternalServerError", "Internal server error")
                        return True
                return False

            def do_GET(self):  # noqa: N802
                if not self._authorised():
                    return
                parts = self.path.rstrip("/").split("/")
                if len(parts) == 4 and parts[:3] == ["", "v2", "notifications"]:
                    notify_id = parts[3]
                    if notify_id not in fake.statuses:
                        return self._error(404, "NoResultFound", "No result found")
                    return self._answer(200, {"id": notify_id,
                                              "status": fake.statuses[notify_id]})
                self._error(404, "NotFound", "Not found")

            def do_POST(self):  # noqa: N802
                if not self._authorised() or self._busy():
                    return
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    body = json.loads(self.rfile.read(length))
                except ValueError:
                    return self._error(400, "BadRequestError", "Not JSON")
                if self.path == "/v2/notifications/email":
                    return self._send("email", body, "email_address",
                                      "email_address Not a valid email address")
                if self.path == "/v2/notifications/sms":
                    return self._send("sms", body, "phone_number",
                                      "phone_number Not a UK mobile number")
                if self.path == "/v2/notifications/letter":
                    return self._letter(body)
                self._error(404, "NotFound", "Not found")

            def _send(self, kind, body, field, refusal):
                if not body.get(field) or not body.get("template_id"):
                    return self._error(400, "ValidationError", f"{field} is a required "
                                                               "property")
                if body[field] in fake.refuse:
                    return self._error(400, "BadRequestError", refusal)
                self._accept(kind, body, "created")

            def _letter(self, body):
                if "template_id" in body:
                    return self._error(400, "BadRequestError", "Templated letters not faked")
                try:
                    pdf = base64.b64decode(body.get("content", ""), validate=True)
                except ValueError:
                    pdf = b""
                if not body.get("reference") or not pdf.startswith(b"%PDF"):
                    return self._error(400, "ValidationError", "Letter content is not a valid "
                                                               "PDF")
                if body["reference"] in fake.refuse:
                    return self._error(400, "BadRequestError", "Address lines must not start "
                                                               "with any of the following "
                                                               "characters")
                self._accept("letter", {**body, "pdf": pdf}, "pending-virus-check",
                             extra={"postage": body.get("postage", "second")})

            def _accept(self, kind, body, status, extra=None):
                notify_id = str(uuid.uuid4())
                with fake.lock:
                    fake.received.append((kind, body))
                    fake.statuses[notify_id] = status
                self._answer(201, {"id": notify_id, "reference": body.get("reference"),
                                   "uri": f"{fake.url}/v2/notifications/{notify_id}",
                                   **(extra or {})})

        return Handler
