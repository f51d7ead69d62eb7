"""Prints a loopback TCP port that is free now (the system picks it), for a test server to
listen on. Fixed ports are not used: one inside the ephemeral range (32768–60999) can be the
local end of any outgoing connection, and a fresh-clone run failed so (scripts/s3-test.sh)."""
import socket

with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
