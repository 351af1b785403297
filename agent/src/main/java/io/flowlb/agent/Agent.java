package io.flowlb.agent;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The running agent: samples the load every interval, pushes a report to the controller and
 * keeps the agent-check answer current. {@link AgentMain} is its composition root.
 *
 * <p>Thread-safety: one reporter thread (a single-threaded scheduler) owns the sampler, the
 * sequence number and the sender, and publishes each {@link LoadReading} through a volatile
 * field; agent-check threads only read that field and the (synchronized) {@link StateFile}.
 */
final class Agent implements AutoCloseable {

    /** A report or status poll may take the interval, but at least 1 s (a busy host) and at most 2 s. */
    private static final Duration MIN_HTTP_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration MAX_HTTP_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration MAX_ONCE_WINDOW = Duration.ofSeconds(1);

    private final AgentOptions options;
    private final String address;
    private final Clock clock;
    private final Log log;
    private final HttpClient http;
    private final LoadSampler sampler;
    private final StateFile stateFile;
    private final ReportSender sender;
    private final ProblemLog internalProblems;
    private final ScheduledExecutorService reporter;
    private final String cpuSource;
    private final String statsSource;
    private AgentCheckServer agentCheck;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile LoadReading reading = LoadReading.NONE;
    private long sequence;

    /**
     * @param address the service address to report (already resolved)
     * @param procRoot normally {@code /proc}
     */
    Agent(AgentOptions options, String address, CpuMeter cpu, Path procRoot, Clock clock, Log log) {
        this.options = options;
        this.address = address;
        this.clock = clock;
        this.log = log;
        Duration timeout = clamp(options.interval(), MIN_HTTP_TIMEOUT, MAX_HTTP_TIMEOUT);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        ServiceStatsSource stats = options.statsFile() == null && options.statsUrl() == null ? null
                : new ServiceStatsSource(options.statsFile(), options.statsUrl(), http, timeout, log);
        this.sampler = new LoadSampler(cpu, procRoot, options.servicePort(), stats, log);
        this.stateFile = new StateFile(options.stateFile(), log);
        this.sender = options.reportUri() == null ? null : new ReportSender(http, options.reportUri(), options.token(), timeout, log);
        this.internalProblems = new ProblemLog(log, "reporter");
        this.reporter = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "agent-report"));
        this.cpuSource = cpu.describe();
        this.statsSource = stats == null ? null : stats.describe();
    }

    /** Builds the agent for this host: address (given or detected) and CPU meter (host or cgroup). */
    static Agent create(AgentOptions options, Log log) throws IOException {
        String address = options.address() != null ? options.address() : firstNonLoopbackIpv4();
        CpuMeter cpu = options.cpuFromCgroup()
                ? CgroupCpuMeter.locate(Path.of("/proc/self/cgroup"), Path.of("/sys/fs/cgroup"), Runtime.getRuntime().availableProcessors())
                : CpuMeter.procStat(Path.of("/proc/stat"));
        return new Agent(options, address, cpu, Path.of("/proc"), Clock.systemUTC(), log);
    }

    /**
     * Binds the agent-check port (failing fast when taken), takes a first sample so the first
     * report has a CPU figure, and starts reporting every interval. Logs one line saying what is
     * reported where.
     */
    void start() throws IOException {
        if (options.agentPort() != 0) {
            agentCheck = new AgentCheckServer(Math.max(0, options.agentPort()), this::agentCheckLine, log);
        }
        reading = sampler.sample(System.nanoTime());
        if (agentCheck != null) {
            agentCheck.start();
        }
        log.info(startLine());
        long period = options.interval().toNanos();
        reporter.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
    }

    /** For {@code --once}: samples over one short window, sends one report; true when it was accepted. */
    boolean runOnce() throws InterruptedException {
        reading = sampler.sample(System.nanoTime());
        Thread.sleep(clamp(options.interval(), Duration.ZERO, MAX_ONCE_WINDOW));
        return tick();
    }

    /** The agent-check answer now: the state file read at this moment and the last published reading. */
    String agentCheckLine() {
        return AgentCheckLine.format(stateFile.current(), reading, options.maxClients());
    }

    /** The bound agent-check port, or 0 when the agent-check server is off. */
    int agentCheckPort() {
        return agentCheck == null ? 0 : agentCheck.port();
    }

    /** Reports the controller accepted since start. */
    long reportsAccepted() {
        return sender == null ? 0 : sender.accepted();
    }

    /** Stops reporting (waiting briefly for a report in flight) and closes the agent-check port; once. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        reporter.shutdown();
        try {
            if (!reporter.awaitTermination(MAX_HTTP_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS)) {
                reporter.shutdownNow();
            }
        } catch (InterruptedException e) {
            reporter.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (agentCheck != null) {
            agentCheck.close();
        }
        http.shutdownNow();
        log.info("stopped" + (sender == null ? "" : " after " + sender.sent() + " report(s), " + sender.accepted() + " accepted"));
    }

    /** One interval: sample, publish, report. Never throws, so the schedule never stops. */
    private boolean tick() {
        try {
            LoadReading now = sampler.sample(System.nanoTime());
            reading = now;
            AgentState state = stateFile.current();
            if (sender == null) {
                return false;
            }
            Report report = new Report(options.memberId(), address, options.servicePort(), now, state, ++sequence, clock.instant());
            return sender.send(ReportJson.encode(report));
        } catch (RuntimeException e) {
            internalProblems.problem(e.getClass().getName(), "interval failed: " + ProblemLog.describe(e));
            return false;
        }
    }

    private static Duration clamp(Duration d, Duration min, Duration max) {
        return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
    }

    private String startLine() {
        StringBuilder line = new StringBuilder("started: ");
        line.append("service ").append(address.contains(":") ? "[" + address + "]" : address).append(':').append(options.servicePort());
        if (options.memberId() != null) {
            line.append(" (member '").append(options.memberId()).append("')");
        }
        line.append(sender == null ? ", no reports pushed (no --controller)"
                : ", reports every " + options.interval().toMillis() + "ms to " + sender.endpoint()
                        + (options.token() == null ? "" : " with a bearer token"));
        line.append(agentCheck == null ? ", agent-check off" : ", agent-check on port " + agentCheck.port());
        line.append("; ").append(cpuSource);
        if (statsSource != null) {
            line.append("; service figures from ").append(statsSource);
        }
        line.append("; state ").append(stateFile.current().reportName());
        if (options.stateFile() != null) {
            line.append(" (state file ").append(options.stateFile()).append(')');
        }
        return line.toString();
    }

    /** The first IPv4 address of an up, non-loopback interface, in interface index order. */
    static String firstNonLoopbackIpv4() throws SocketException {
        List<NetworkInterface> interfaces = NetworkInterface.networkInterfaces()
                .sorted(Comparator.comparingInt(NetworkInterface::getIndex)).toList();
        for (NetworkInterface nic : interfaces) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : nic.inetAddresses().toList()) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return a.getHostAddress();
                }
            }
        }
        throw new SocketException("no non-loopback IPv4 address on this host: pass --address");
    }
}
