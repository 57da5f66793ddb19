#!/usr/bin/env python3
"""A chaos test of a Lavalink bot, written in Python with the standard library only.

It starts `npx sonora sim` with a virtual clock, plays a track over a real Lavalink session, and
uses the simulator's control API (below /_sonora) to break things on purpose: REST errors, a track
exception, a node crash. A Java or Go bot runs the same requests. See docs/inspector.md.

Run it from a project that has sonora installed:  python3 chaos_test.py
Set SONORA_SIM to the command that starts the simulator (default: "npx sonora sim").
"""
import base64
import json
import os
import secrets
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

PASSWORD = "chaos"
TOKEN = secrets.token_hex(16)
GUILD = "300000000000000001"


def start_simulator():
    command = shlex.split(os.environ.get("SONORA_SIM", "npx sonora sim"))
    args = ["--port", "0", "--clock", "virtual", "--password", PASSWORD, "--control-token", TOKEN]
    sim = subprocess.Popen(command + args, stdout=subprocess.PIPE, text=True)
    for line in sim.stdout:
        if "listening on" in line:
            return sim, line.split("listening on ")[1].split()[0]
    raise RuntimeError("the simulator exited before listening")


def call(url, method="GET", body=None, headers=None):
    """One HTTP request; returns (status, parsed JSON or None)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read().decode()
            return response.status, json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        text = error.read().decode()
        return error.code, json.loads(text) if text else None


class Node:
    """The Lavalink side, as a bot sees it: REST with the password, and one WebSocket session."""

    def __init__(self, base):
        self.base = base
        self.buffer = b""
        host, port = base.split("//")[1].split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=10)
        key = base64.b64encode(secrets.token_bytes(16)).decode()
        self.sock.sendall((
            "GET /v4/websocket HTTP/1.1\r\nHost: %s:%s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\nAuthorization: %s\r\n"
            "User-Id: 170000000000000001\r\nClient-Name: python-chaos/1.0\r\n\r\n" % (host, port, key, PASSWORD)
        ).encode())
        while b"\r\n\r\n" not in self.buffer:
            self.buffer += self.sock.recv(4096)
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        assert head.startswith(b"HTTP/1.1 101"), head
        self.session_id = self.next_frame(lambda f: f["op"] == "ready")["sessionId"]

    def _read(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("the node closed the connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def next_frame(self, wanted):
        """The next text frame (JSON) that `wanted` accepts; server frames are never masked."""
        while True:
            first, second = self._read(2)
            length = second & 0x7F
            if length == 126:
                length = int.from_bytes(self._read(2), "big")
            elif length == 127:
                length = int.from_bytes(self._read(8), "big")
            payload = self._read(length)
            if first & 0x0F == 0x8:
                raise ConnectionError("close frame")
            if first & 0x0F == 0x1:
                frame = json.loads(payload)
                if wanted(frame):
                    return frame

    def event(self, event_type):
        return self.next_frame(lambda f: f["op"] == "event" and f["type"] == event_type)

    def rest(self, method, path, body=None):
        return call(self.base + path, method, body, {"Authorization": PASSWORD})

    def player(self, body):
        return self.rest("PATCH", "/v4/sessions/%s/players/%s" % (self.session_id, GUILD), body)


def main():
    sim, base = start_simulator()
    control_headers = {"Authorization": "Bearer " + TOKEN}

    def control(method, path, body=None):
        return call(base + "/_sonora" + path, method, body, control_headers)

    try:
        # The catalog answers what the test needs: a one-minute track.
        status, track = control("POST", "/catalog/tracks", {"identifier": "chaos-song", "track": {"title": "Chaos Song", "length": 60000}})
        assert status == 201, (status, track)

        node = Node(base)
        status, loaded = node.rest("GET", "/v4/loadtracks?identifier=chaos-song")
        assert loaded["loadType"] == "track"
        encoded = loaded["data"]["encoded"]
        assert node.player({"track": {"encoded": encoded}})[0] == 200
        assert node.event("TrackStartEvent")["track"]["info"]["title"] == "Chaos Song"
        status, players = control("GET", "/players")
        print("playing:", players[0]["track"]["info"]["title"], "in guild", players[0]["guildId"])

        # 1. Every player update fails with 503 while the fault is in force.
        status, fault = control("POST", "/faults", {"id": "flaky", "type": "rest-error", "status": 503, "route": "PATCH /v4/sessions/*/players/*"})
        assert status == 201, fault
        assert node.player({"volume": 50})[0] == 503
        assert control("DELETE", "/faults/flaky")[0] == 204
        assert node.player({"volume": 50})[0] == 200
        print("rest-error fault: 503 while in force, 200 once removed")

        # Bad input is a typed 400, never a silent no-op.
        status, error = control("POST", "/faults", {"type": "latency", "latncy": 10})
        assert status == 400 and error["error"]["code"] == "SIM_CONTROL_INVALID", error

        # 2. The track fails now: TrackExceptionEvent, then TrackEndEvent.
        assert control("POST", "/players/%s/track-exception" % GUILD, {"message": "decoder fell over"})[0] == 204
        assert node.event("TrackExceptionEvent")["exception"]["message"] == "decoder fell over"
        assert node.event("TrackEndEvent")["reason"] == "finished"
        print("track exception: delivered, track ended")

        # 3. Virtual time: a minute passes in an instant, and the replayed track ends on its own.
        assert node.player({"track": {"encoded": encoded}})[0] == 200
        node.event("TrackStartEvent")
        assert control("POST", "/clock/advance", {"ms": 60000})[0] == 200
        assert node.event("TrackEndEvent")["reason"] == "finished"
        print("virtual clock: the track ended after 60 s of simulated time")

        # 4. The node crashes and comes back 500 ms later; the session is gone.
        assert control("POST", "/node/kill", {"downMs": 500})[0] == 202
        try:
            node.next_frame(lambda f: False)
        except (ConnectionError, OSError):
            print("node kill: the WebSocket was cut")
        for _ in range(300):
            try:
                if control("GET", "/state")[0] == 200:
                    break
            except OSError:
                pass  # refused: the node is still down
            time.sleep(0.1)
        again = Node(base)
        assert again.session_id != node.session_id
        print("node restart: a new session", again.session_id)

        marks = [e for e in control("GET", "/log?limit=1000")[1] if e.get("faults")]
        print("log entries with fault marks:", len(marks))
        print("chaos test passed")
        return 0
    finally:
        sim.terminate()
        sim.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
