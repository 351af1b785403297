"""Shared fixtures of the Mininet scenarios (root, inside scripts/sandbox).

Each test module describes one network: ``make_topo()`` gives the Mininet topology and
``LAB_PARAMS`` (optional) more Lab() arguments. The ``lab`` fixture builds it once per module and
switch type (``flowswitch``, ``ovs``: every test runs against both unless it says why not), and
each test starts from an empty load-balancing configuration.

When a test fails, test-artifacts/<test>/ keeps the controller log, the switches' logs, their flow
tables and groups, and a capture of every switch port during the test.

Run: ./flowlb test --mininet [-k NAME]
     scripts/sandbox /usr/bin/python3 -m pytest -v -p no:cacheprovider mininet/tests
"""

import os
import re
import shutil
import subprocess
import sys
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
MININET_DIR = os.path.dirname(HERE)
for d in (MININET_DIR, HERE):
    if d not in sys.path:
        sys.path.insert(0, d)

from flowlb_lab import SWITCH_TYPES, Lab  # noqa: E402
from flowlb_nodes import flow_dump  # noqa: E402
from flowlb_proc import REPO, stop_pid  # noqa: E402

IN_SANDBOX = os.environ.get('FLOWLB_IN_SANDBOX') == '1'
ARTIFACTS = os.path.join(REPO, 'test-artifacts')


def pytest_collection_modifyitems(config, items):
    if IN_SANDBOX:
        return
    skip = pytest.mark.skip(reason='Mininet runs only inside scripts/sandbox (./flowlb test --mininet)')
    for item in items:
        item.add_marker(skip)


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, 'rep_' + rep.when, rep)


@pytest.fixture(scope='module', params=SWITCH_TYPES)
def switch_type(request):
    return request.param


@pytest.fixture(scope='module')
def lab(request, switch_type):
    from mininet.clean import cleanup
    from mininet.log import setLogLevel
    setLogLevel('warning')
    module = request.module
    net = Lab(module.make_topo(), switch=switch_type, **getattr(module, 'LAB_PARAMS', {}))
    try:
        net.start()
    except Exception:
        net.stop()
        cleanup()
        raise
    net.failedSetup = None
    ready = getattr(module, 'lab_ready', None)
    if ready:
        try:
            ready(net)
        except Exception as e:  # every test of the module reports it, with the artifacts kept once
            net.failedSetup = e
            save_artifacts(net, 'setup-%s-%s' % (module.__name__, switch_type))
    yield net
    net.stop()
    cleanup()


@pytest.fixture(autouse=True)
def scenario(request):
    """Per test: a clean load-balancing configuration, a capture, and artifacts if it fails."""
    if 'lab' not in request.fixturenames:
        yield None
        return
    net = request.getfixturevalue('lab')
    if net.failedSetup is not None:
        pytest.fail('the %s network never got ready: %s' % (net.switchType, net.failedSetup))
    if net.rest('GET', '/api/v1/config')[0] == 200:
        net.clear_config()
    name = re.sub(r'[^A-Za-z0-9_.-]+', '_', request.node.name)
    capture = Capture(name)
    yield net
    failed = any(getattr(request.node, 'rep_' + w, None) is not None and getattr(request.node, 'rep_' + w).failed
                 for w in ('setup', 'call'))
    capture.stop()
    if failed:
        target = save_artifacts(net, name)
        capture.keep(target)
    else:
        capture.discard()


class Capture:
    """tcpdump on every interface of the sandbox's root namespace (all switch ports), headers only."""

    def __init__(self, name):
        self.dir = os.path.join('/tmp', 'flowlb-captures')
        os.makedirs(self.dir, exist_ok=True)
        self.path = os.path.join(self.dir, name + '.pcap')
        self.proc = None
        if shutil.which('tcpdump'):
            self.proc = subprocess.Popen(['tcpdump', '-i', 'any', '-s', '200', '-U', '-n', '-w', self.path],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.time() + 3
            while time.time() < deadline and not os.path.exists(self.path):
                time.sleep(0.05)

    def stop(self):
        if self.proc:
            stop_pid(self.proc.pid, 3)
            self.proc.wait()

    def keep(self, target):
        if os.path.exists(self.path):
            shutil.move(self.path, os.path.join(target, 'capture.pcap'))

    def discard(self):
        if os.path.exists(self.path):
            os.remove(self.path)


def save_artifacts(net, name):
    """Copies what explains a failure to test-artifacts/<name>/; returns that directory."""
    target = os.path.join(ARTIFACTS, name)
    os.makedirs(target, exist_ok=True)

    def write(fname, text):
        with open(os.path.join(target, fname), 'w') as f:
            f.write(text)

    write('controller.log', net.controller.log())
    for s in net.net.switches:
        write('switch-%s.log' % s.name, s.log())
        try:
            write('flows-%s.txt' % s.name, flow_dump(s))
        except Exception as e:  # a dead switch must not hide the rest
            write('flows-%s.txt' % s.name, 'dump failed: %s' % e)
    status, cfg = net.rest('GET', '/api/v1/config')
    if status:
        import json
        write('lb-config.json', json.dumps(cfg, indent=2) if not isinstance(cfg, str) else cfg)
        write('distribution.json', json.dumps(net.rest('GET', '/api/v1/distribution')[1], indent=2))
    for h in net.net.hosts:
        d = '/tmp/flowlb-%s' % h.name
        if os.path.isdir(d):
            for f in os.listdir(d):
                if f.endswith('.log'):
                    shutil.copy(os.path.join(d, f), os.path.join(target, '%s-%s' % (h.name, f)))
    return target
