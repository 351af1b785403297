package io.flowlb.agent;

import java.io.IOException;

/**
 * {@code ./flowlb agent}: the composition root of the load agent. Parses the command line,
 * builds the {@link Agent}, and stops it cleanly on SIGTERM or Ctrl-C (JVM shutdown hook).
 *
 * <p>Exit status: 0 after {@code --help} or an accepted {@code --once} report, 1 when the agent
 * cannot start or the {@code --once} report was not accepted, 2 for a bad command line.
 */
public final class AgentMain {

    private AgentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        AgentOptions options;
        try {
            options = AgentOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("flowlb agent: " + e.getMessage() + " (see ./flowlb agent --help)");
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(AgentOptions.usage());
            return;
        }
        Log log = Log.stderr();
        Agent agent;
        try {
            agent = Agent.create(options, log);
            if (options.once()) {
                boolean accepted = agent.runOnce();
                agent.close();
                System.exit(accepted ? 0 : 1);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "agent-shutdown"));
            agent.start();
        } catch (IOException e) {
            System.err.println("flowlb agent: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        // The reporter thread keeps the JVM alive from here on.
    }
}
