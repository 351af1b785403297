#!/usr/bin/python3
"""reqlog: a closed-loop HTTP client that opens a new TCP connection for every request and records
the outcome of each one, so that failures can be told apart by the server they went to.

    reqlog.py HOST PORT SECONDS CONCURRENCY OUT

CONCURRENCY workers each loop: bind a socket to a fresh local port (known before connecting, so
that even a refused connection can be matched against packet captures), connect (1 s timeout),
send `GET / HTTP/1.1` with `Connection: close`, read to the end (2 s timeout). OUT gets one line
per request: start and end (epoch seconds), local port, and `ok SERVER` (the body names the
server) or `err KIND` (refused, connect-timeout, timeout, reset, status, eof, errno-N).
"""

import asyncio
import socket
import sys
import time

REQUEST = b"GET / HTTP/1.1\r\nHost: vip\r\nConnection: close\r\n\r\n"


async def one(loop, host, port):
    """(local port, outcome) of one request."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setblocking(False)
    lport = 0
    try:
        s.bind(("0.0.0.0", 0))
        lport = s.getsockname()[1]
        try:
            await asyncio.wait_for(loop.sock_connect(s, (host, port)), 1.0)
        except asyncio.TimeoutError:
            return lport, "err connect-timeout"
        await loop.sock_sendall(s, REQUEST)
        data = bytearray()
        end = loop.time() + 2.0
        while True:
            left = end - loop.time()
            if left <= 0:
                return lport, "err timeout"
            chunk = await asyncio.wait_for(loop.sock_recv(s, 4096), left)
            if not chunk:
                break
            data += chunk
        head, _, body = bytes(data).partition(b"\r\n\r\n")
        if not head:
            return lport, "err eof"
        if not head.startswith(b"HTTP/1.1 200"):
            return lport, "err status"
        return lport, "ok " + (body.decode(errors="replace").strip() or "?")
    except ConnectionRefusedError:
        return lport, "err refused"
    except ConnectionResetError:
        return lport, "err reset"
    except asyncio.TimeoutError:
        return lport, "err timeout"
    except OSError as e:
        return lport, f"err errno-{e.errno}"
    finally:
        s.close()


async def worker(host, port, until, records):
    loop = asyncio.get_running_loop()
    while time.time() < until:
        t0 = time.time()
        lport, outcome = await one(loop, host, port)
        records.append(f"{t0:.6f} {time.time():.6f} {lport} {outcome}")


async def main(host, port, seconds, concurrency, out):
    until = time.time() + seconds
    records = []
    await asyncio.gather(*(worker(host, port, until, records) for _ in range(concurrency)))
    with open(out, "w") as f:
        f.write("\n".join(records) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]))
