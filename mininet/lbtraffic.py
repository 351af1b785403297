#!/usr/bin/python3
"""Traffic for flowlb scenarios, run inside Mininet hosts (Python standard library only).

Clients print one JSON line with what they saw:
  http     --url URL [--count N | --duration S] [--concurrency C]   one new TCP connection per
           request; counts replies by the server that named itself, and failures
  download --url URL                        one GET read to the end (server, bytes, status)
  hold     --url URL --count N --seconds S  N idle TCP connections held open (load on a server)
  udp      --host H --port P --count N [--source A ...]   N datagrams, each from a new source
           port (and the next source address)
  esp      --dst IP --count N --sources K --src-base IP   ESP packets from K source addresses
Servers:
  sink     --name NAME --counts FILE [--udp-port P --address A ...] [--esp]
           answers UDP with NAME from the address asked, counts ESP packets; FILE holds the counts
  http-server --port P --name NAME --files DIR   a slow fallback web server when nginx is missing
"""

import argparse
import http.client
import http.server
import ipaddress
import json
import os
import select
import socket
import struct
import sys
import threading
import time
import urllib.parse

IPPROTO_ESP = 50


def out(obj):
    sys.stdout.write(json.dumps(obj, sort_keys=True) + '\n')
    sys.stdout.flush()


def one_request(url, timeout):
    """One GET on a new connection; returns the server's name or raises."""
    u = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=timeout)
    # Its own socket, so that a failure names its client port (the connection to look for in a
    # capture): the kernel keeps the port it chose even when the connection is refused or reset.
    sock = socket.socket(socket.AF_INET6 if ':' in u.hostname else socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        port = '?'
        try:
            sock.connect((u.hostname, u.port or 80))
            port = sock.getsockname()[1]
            conn.sock = sock
            conn.request('GET', u.path or '/', headers={'Connection': 'close'})
            resp = conn.getresponse()
            body = resp.read()
            if resp.status != 200:
                raise OSError('HTTP status %d' % resp.status)
        except (OSError, http.client.HTTPException) as e:
            if port == '?':
                try:
                    port = sock.getsockname()[1]  # a refused or reset connect keeps its port
                except OSError:
                    pass
            e.client_port = port
            raise
        return resp.getheader('X-Server') or body.decode(errors='replace').strip()
    finally:
        conn.close()
        sock.close()


def cmd_http(a):
    counts, errors, lock = {}, [], threading.Lock()
    state = {'failures': 0, 'started': 0}
    deadline = time.time() + a.duration if a.duration else None

    def worker():
        while True:
            with lock:
                if deadline is None and state['started'] >= a.count:
                    return
                state['started'] += 1
            if deadline is not None and time.time() >= deadline:
                return
            try:
                name = one_request(a.url, a.timeout)
                with lock:
                    counts[name] = counts.get(name, 0) + 1
            except (OSError, http.client.HTTPException) as e:
                with lock:
                    state['failures'] += 1
                    if len(errors) < 10:
                        errors.append('%s: %s (client port %s)' % (type(e).__name__, e, getattr(e, 'client_port', '?')))

    start = time.time()
    threads = [threading.Thread(target=worker) for _ in range(max(1, a.concurrency))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out({'counts': counts, 'failures': state['failures'], 'errors': errors,
         'requests': sum(counts.values()) + state['failures'], 'elapsed': round(time.time() - start, 3)})


def cmd_download(a):
    u = urllib.parse.urlsplit(a.url)
    start = time.time()
    try:
        conn = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=a.timeout)
        conn.request('GET', u.path)
        resp = conn.getresponse()
        n = 0
        while True:
            chunk = resp.read(65536)
            if not chunk:
                break
            n += len(chunk)
        length = int(resp.getheader('Content-Length') or -1)
        out({'server': resp.getheader('X-Server'), 'status': resp.status, 'bytes': n, 'length': length,
             'ok': resp.status == 200 and n == length, 'elapsed': round(time.time() - start, 3)})
    except (OSError, http.client.HTTPException) as e:
        out({'server': None, 'status': 0, 'bytes': 0, 'ok': False, 'error': '%s: %s' % (type(e).__name__, e)})


def cmd_hold(a):
    u = urllib.parse.urlsplit(a.url)
    socks = []
    for _ in range(a.count):
        socks.append(socket.create_connection((u.hostname, u.port or 80), timeout=a.timeout))
    time.sleep(a.seconds)
    for s in socks:
        s.close()
    out({'held': len(socks)})


def cmd_udp(a):
    counts, failures = {}, 0
    for i in range(a.count):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.settimeout(a.timeout)
        try:
            if a.source:
                s.bind((a.source[i % len(a.source)], 0))
            s.sendto(b'flowlb %d' % i, (a.host, a.port))
            data, _ = s.recvfrom(2048)
            name = data.decode(errors='replace').strip()
            counts[name] = counts.get(name, 0) + 1
        except OSError:
            failures += 1
        finally:
            s.close()
    out({'counts': counts, 'failures': failures})


def ipv4_header(src, dst, proto, payload_len):
    # Total length, checksum and id are filled in by the kernel (IP_HDRINCL).
    return struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + payload_len, 0, 0x4000, 64, proto, 0,
                       socket.inet_aton(src), socket.inet_aton(dst))


def cmd_esp(a):
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_HDRINCL, 1)
    base = int(ipaddress.IPv4Address(a.src_base))
    sent = 0
    for i in range(a.count):
        src = str(ipaddress.IPv4Address(base + i % a.sources))
        esp = struct.pack('!II', 0x1000 + i % a.sources, i + 1) + b'\x00' * 48
        s.sendto(ipv4_header(src, a.dst, IPPROTO_ESP, len(esp)) + esp, (a.dst, 0))
        sent += 1
        if a.gap:
            time.sleep(a.gap)
    out({'sent': sent, 'sources': a.sources})


def cmd_sink(a):
    counts = {'udp': 0, 'esp': 0}
    socks = {}
    for addr in a.address if a.udp_port else []:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((addr, a.udp_port))
        socks[s] = 'udp'
    if a.esp:
        socks[socket.socket(socket.AF_INET, socket.SOCK_RAW, IPPROTO_ESP)] = 'esp'
    written = None  # the file is written once the sockets are open: the sink is listening
    last = 0.0
    while True:
        ready, _, _ = select.select(list(socks), [], [], 0.2)
        for s in ready:
            data, peer = s.recvfrom(65536)
            counts[socks[s]] += 1
            if socks[s] == 'udp':
                s.sendto(a.name.encode() + b'\n', peer)
        now = time.time()
        if counts != written and now - last >= 0.1:
            tmp = a.counts + '.tmp'
            with open(tmp, 'w') as f:
                json.dump(counts, f)
            os.replace(tmp, a.counts)
            written, last = dict(counts), now


def cmd_http_server(a):
    name, files = a.name, a.files

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == '/':
                body = (name + '\n').encode()
            elif self.path in ('/files/big', '/slow/big'):
                with open(os.path.join(files, 'big'), 'rb') as f:
                    body = f.read()
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header('X-Server', name)
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    http.server.ThreadingHTTPServer(('', a.port), Handler).serve_forever()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest='cmd', required=True)
    h = sub.add_parser('http')
    h.add_argument('--url', required=True)
    h.add_argument('--count', type=int, default=100)
    h.add_argument('--duration', type=float)
    h.add_argument('--concurrency', type=int, default=1)
    h.add_argument('--timeout', type=float, default=3.0)
    d = sub.add_parser('download')
    d.add_argument('--url', required=True)
    d.add_argument('--timeout', type=float, default=30.0)
    o = sub.add_parser('hold')
    o.add_argument('--url', required=True)
    o.add_argument('--count', type=int, default=10)
    o.add_argument('--seconds', type=float, default=30.0)
    o.add_argument('--timeout', type=float, default=3.0)
    u = sub.add_parser('udp')
    u.add_argument('--host', required=True)
    u.add_argument('--port', type=int, required=True)
    u.add_argument('--count', type=int, default=100)
    u.add_argument('--timeout', type=float, default=1.0)
    u.add_argument('--source', action='append', default=[], help='source address (repeatable: used in turn)')
    e = sub.add_parser('esp')
    e.add_argument('--dst', required=True)
    e.add_argument('--count', type=int, default=256)
    e.add_argument('--sources', type=int, default=64)
    e.add_argument('--src-base', required=True)
    e.add_argument('--gap', type=float, default=0.001)
    s = sub.add_parser('sink')
    s.add_argument('--name', required=True)
    s.add_argument('--counts', required=True)
    s.add_argument('--udp-port', type=int)
    s.add_argument('--address', action='append', default=[])
    s.add_argument('--esp', action='store_true')
    w = sub.add_parser('http-server')
    w.add_argument('--port', type=int, default=80)
    w.add_argument('--name', required=True)
    w.add_argument('--files', required=True)
    a = p.parse_args()
    {'http': cmd_http, 'download': cmd_download, 'hold': cmd_hold, 'udp': cmd_udp, 'esp': cmd_esp,
     'sink': cmd_sink, 'http-server': cmd_http_server}[a.cmd](a)


if __name__ == '__main__':
    main()
