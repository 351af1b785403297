package io.flowlb.flowswitch;

import io.flowlb.flowswitch.SwitchArgs.BadArgumentException;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./flowlb switch}: parses the command line, checks the machine, starts a
 * {@link FlowSwitch} and runs it until SIGTERM or SIGINT, which close it cleanly (sockets
 * closed, rings unmapped). Exit status 2 for a bad command line, 1 when the switch cannot start.
 */
public final class SwitchMain {

    private SwitchMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        configureLogging();
        if (SwitchArgs.wantsHelp(args)) {
            System.out.print(SwitchArgs.USAGE);
            return;
        }
        SwitchConfig config;
        try {
            config = SwitchArgs.parse(args);
            StartupChecks.system().check(config);
        } catch (BadArgumentException e) {
            System.err.println("flowlb switch: " + e.getMessage());
            System.exit(2);
            return;
        }
        Logger log = LoggerFactory.getLogger(SwitchMain.class);
        FlowSwitch sw;
        try {
            sw = FlowSwitch.start(config);
        } catch (IllegalStateException e) {
            log.error("cannot start: {}", e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("signal received: stopping");
            sw.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }

    /** One line per event with a timestamp, unless the user configured slf4j-simple otherwise. */
    private static void configureLogging() {
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
