"""A local fake of an SMS gateway / WhatsApp API: records every request, delivers once per idempotency
key, answers a chosen status, and can hold a request (to kill the worker sending it)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeGateway:
    def __init__(self):
        self.requests: list[dict] = []
        self.delivered: dict[str, dict] = {}  # idempotency key (or a counter) -> body
        self.status = 200
        self.hold_first = threading.Event()  # set: the first request waits until ``release``
        self.release = threading.Event()
        self.lock = threading.Lock()
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                key = self.headers.get("Idempotency-Key")
                with gateway.lock:
                    first = not gateway.requests
                    gateway.requests.append({"headers": dict(self.headers), "body": body, "path": self.path})
                    if gateway.status == 200:
                        gateway.delivered.setdefault(key or f"#{len(gateway.requests)}", body)
                if first and gateway.hold_first.is_set():
                    gateway.release.wait(60)
                payload = {"id": f"msg-{len(gateway.requests)}", "messages": [{"id": f"wamid-{len(gateway.requests)}"}]}
                self.send_response(gateway.status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                try:
                    self.wfile.write(json.dumps(payload).encode())
                except OSError:
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/send"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
