"""flow-switch's connections per SELECT bucket over OpenFlow 1.3, for the benchmarks' notes.

ovs-ofctl cannot send BSN generic statistics requests, so this speaks the few messages it needs
itself: HELLO, the request `flowlb.select_connections` (multipart type EXPERIMENTER, BSN
experimenter 0x005c16c7, subtype 16, a 64-byte name, no TLVs), and its replies (REPLY_MORE
followed until the last part); ECHO_REQUESTs meanwhile are answered.
"""

import socket
import struct
import time

OFP13 = 4
HELLO, ERROR, ECHO_REQUEST, ECHO_REPLY, MULTIPART_REQUEST, MULTIPART_REPLY = 0, 1, 2, 3, 18, 19
EXPERIMENTER_STATS = 0xFFFF
BSN = 0x005C16C7
BSN_GENERIC_STATS = 16
TLV_UINT64_LIST = 119
REPLY_MORE = 1
NAME = b"flowlb.select_connections"


def request(xid):
    body = struct.pack("!HH4xII", EXPERIMENTER_STATS, 0, BSN, BSN_GENERIC_STATS) + NAME.ljust(64, b"\0")
    return struct.pack("!BBHI", OFP13, MULTIPART_REQUEST, 8 + len(body), xid) + body


def parse_entries(payload):
    """[(group_id, [(active, total), ...]), ...] from the entries of one reply part."""
    out, at = [], 0
    while at + 2 <= len(payload):
        (length,) = struct.unpack_from("!H", payload, at)
        if length < 2 or at + length > len(payload):
            raise ValueError(f"entry length {length} at offset {at} does not fit")
        tlvs, at = payload[at + 2:at + length], at + length
        t, tl = struct.unpack_from("!HH", tlvs, 0)
        if t != TLV_UINT64_LIST or tl < 4 or (tl - 4) % 8:
            raise ValueError(f"entry TLV type {t} length {tl}: expected one uint64 list")
        values = struct.unpack_from(f"!{(tl - 4) // 8}Q", tlvs, 4)
        group, n = values[0], values[1]
        out.append((group, [(values[2 + 2 * i], values[3 + 2 * i]) for i in range(n)]))
    return out


def _read(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise ConnectionError("the switch closed the connection")
        data += chunk
    return data


def select_connections(host, port, timeout=30.0, xid=0x5C0):
    """(entries as parse_entries gives them, milliseconds from the request to the last part)."""
    with socket.create_connection((host, port), timeout=timeout) as s:
        s.sendall(struct.pack("!BBHI", OFP13, HELLO, 8, 1))
        start, entries = None, []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            version, mtype, length, mxid = struct.unpack("!BBHI", _read(s, 8))
            body = _read(s, length - 8)
            if mtype == HELLO and start is None:
                start = time.monotonic()
                s.sendall(request(xid))
            elif mtype == ECHO_REQUEST:
                s.sendall(struct.pack("!BBHI", version, ECHO_REPLY, length, mxid) + body)
            elif mtype == ERROR and mxid == xid:
                etype, code = struct.unpack_from("!HH", body, 0)
                raise RuntimeError(f"the switch refused select_connections: error type {etype} code {code}")
            elif mtype == MULTIPART_REPLY and mxid == xid:
                stype, flags = struct.unpack_from("!HH", body, 0)
                exp, sub = struct.unpack_from("!II", body, 8)
                if stype != EXPERIMENTER_STATS or exp != BSN or sub != BSN_GENERIC_STATS:
                    raise ValueError(f"unexpected reply: stats type {stype} experimenter {exp:#x} subtype {sub}")
                entries += parse_entries(body[16:])
                if not flags & REPLY_MORE:
                    return entries, (time.monotonic() - start) * 1000.0
        raise TimeoutError(f"no complete select_connections reply within {timeout:.0f} s")


def summary(entries):
    """One line: per group, each bucket's active/total connections."""
    return "; ".join(f"group {g}: " + ", ".join(f"bucket{i} {a:,} active / {t:,} placed" for i, (a, t) in enumerate(b))
                     for g, b in entries) or "no SELECT group"
