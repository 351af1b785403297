#!/usr/bin/python3
"""Forwards TCP connections through a Unix socket, to reach a service inside the sandbox.

The sandbox has its own network stack, so the controller's REST port inside it cannot be
reached from the machine; its filesystem is shared. One forwarder outside listens on TCP and
connects to a Unix socket; one inside listens on that socket and connects to the service:

    portfwd.py unix-to-tcp /run/x/rest.sock 127.0.0.1:8080     (inside the sandbox)
    portfwd.py tcp-to-unix 127.0.0.1:8080 /run/x/rest.sock     (on the machine)
"""

import asyncio
import os
import sys


async def pipe(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        try:
            writer.close()
        except OSError:
            pass


def hostport(text):
    host, port = text.rsplit(':', 1)
    return host, int(port)


async def main(mode, listen, target):
    async def handle(reader, writer):
        try:
            if mode == 'unix-to-tcp':
                r2, w2 = await asyncio.open_connection(*hostport(target))
            else:
                r2, w2 = await asyncio.open_unix_connection(target)
        except OSError:
            writer.close()
            return
        await asyncio.gather(pipe(reader, w2), pipe(r2, writer))

    if mode == 'unix-to-tcp':
        if os.path.exists(listen):
            os.remove(listen)
        server = await asyncio.start_unix_server(handle, path=listen)
        os.chmod(listen, 0o600)
    elif mode == 'tcp-to-unix':
        host, port = hostport(listen)
        server = await asyncio.start_server(handle, host, port, reuse_address=True)
    else:
        raise SystemExit('mode must be unix-to-tcp or tcp-to-unix')
    async with server:
        await server.serve_forever()


if __name__ == '__main__':
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    try:
        asyncio.run(main(*sys.argv[1:]))
    except KeyboardInterrupt:
        pass
