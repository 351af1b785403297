"""Process helpers shared by the flowlb Mininet nodes: start a program in a node's shell in the
background, know whether it still runs, stop it by its pid, wait for a TCP port.

Everything here acts on one pid at a time: nothing is ever killed by name.
"""

import os
import re
import shlex
import signal
import socket
import time

# The repository: this file lives in <repo>/mininet.
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
FLOWLB = os.path.join(REPO, 'flowlb')


def running(pid):
    """True while the process exists and has not exited (an unreaped zombie counts as gone)."""
    try:
        with open('/proc/%d/stat' % pid) as f:
            return f.read().rsplit(')', 1)[1].split()[0] != 'Z'
    except (OSError, IndexError):
        return False


def stop_pid(pid, timeout=5.0, sig=signal.SIGTERM):
    """Sends sig to pid, waits up to timeout for it to exit, then SIGKILLs it.
    Returns True when it stopped on the first signal."""
    if not pid:
        return True
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        return True
    deadline = time.time() + timeout
    while time.time() < deadline and running(pid):
        time.sleep(0.05)
    if not running(pid):
        return True
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return False


def spawn(node, args, logfile, env=None):
    """Starts args (a list) in the background in node's shell (so in its network namespace), with
    stdout and stderr to logfile; returns the pid, or None when the shell did not give one."""
    prefix = ' '.join('%s=%s' % (k, shlex.quote(str(v))) for k, v in (env or {}).items())
    cmd = ' '.join(shlex.quote(str(a)) for a in args)
    out = node.cmd('%s %s > %s 2>&1 & echo "pid=$!"' % (prefix, cmd, shlex.quote(logfile)))
    found = re.findall(r'pid=(\d+)', out)
    return int(found[-1]) if found else None


def port_open(host, port, timeout=0.5):
    """True when a TCP connection to host:port succeeds (from this process's namespace)."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def tail(path, lines=30):
    """The last lines of a text file, or '' when it cannot be read."""
    try:
        with open(path, errors='replace') as f:
            return ''.join(f.readlines()[-lines:])
    except OSError:
        return ''
