package io.flowlb.flowswitch.ofagent;

import static io.flowlb.flowswitch.ofagent.AgentHarness.F13;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.SwitchConfig.ControllerTarget;
import io.flowlb.flowswitch.SwitchConfig.ListenTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.projectfloodlight.openflow.protocol.OFBsnGenericStatsReply;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * The agent over real TCP on the loopback interface (ephemeral ports, no root): a controller it
 * connects to, reconnection after the controller drops it, and a tool on the listener.
 */
@Timeout(20)
class OfAgentLoopbackTest {
    private final RecordingDatapath datapath = new RecordingDatapath();
    private final ProblemLog problems = new ProblemLog();
    private final SwitchAgent agent = new SwitchAgent(datapath, new SwitchIdentity(0xabc, "loop", "test"),
            FailModePolicy.SECURE);
    private final OfAgent ofAgent = new OfAgent(agent, datapath, EnumSet.of(OFVersion.OF_13), 60_000, 3, problems);

    @AfterEach
    void stop() {
        ofAgent.close();
    }

    private static void write(Socket s, OFMessage m) throws IOException {
        OpenFlowTool.over(s).write(m);
    }

    private static OFMessage read(Socket s) throws Exception {
        return OpenFlowTool.over(s).read();
    }

    /** Reads messages until one of {@code type} arrives (skipping echoes and the like). */
    private static <T> T await(Socket s, Class<T> type) throws Exception {
        while (true) {
            OFMessage m = read(s);
            if (type.isInstance(m)) {
                return type.cast(m);
            }
        }
    }

    private static OFFeaturesReply handshake(Socket s) throws Exception {
        s.setSoTimeout(10_000);
        await(s, OFHello.class);
        write(s, F13.buildHello().build());
        write(s, F13.buildFeaturesRequest().setXid(1).build());
        return await(s, OFFeaturesReply.class);
    }

    @Test
    void connectsToTheControllerAndReconnectsWhenDropped() throws Exception {
        try (ServerSocket controller = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            ofAgent.start(List.of(new ControllerTarget("127.0.0.1", controller.getLocalPort())), null);
            try (Socket first = controller.accept()) {
                assertThat(handshake(first).getDatapathId().getLong()).isEqualTo(0xabc);
            }
            try (Socket second = controller.accept()) {
                assertThat(handshake(second).getDatapathId().getLong()).isEqualTo(0xabc);
            }
        }
    }

    @Test
    void answersAToolOnTheListenerAndKeepsAnsweringAfterGarbage() throws Exception {
        ofAgent.start(List.of(), new ListenTarget(0, "127.0.0.1"));
        int port = ofAgent.listenAddress().getPort();
        try (Socket fuzzer = new Socket(InetAddress.getLoopbackAddress(), port)) {
            fuzzer.getOutputStream().write(new byte[] {4, 0, 0, 2, 9, 9, 9, 9, 1, 2, 3});
            fuzzer.getOutputStream().flush();
        }
        try (Socket tool = new Socket(InetAddress.getLoopbackAddress(), port)) {
            assertThat(handshake(tool).getNBuffers()).isZero();
        }
    }

    @Test
    void aToolGetsSelectConnectionsFromTheScanThread() throws Exception {
        ofAgent.start(List.of(), new ListenTarget(0, "127.0.0.1"));
        try (OpenFlowTool tool = OpenFlowTool.connect(ofAgent.listenAddress().getPort())) {
            List<OFStatsReply> replies = tool.multipart(F13.buildBsnGenericStatsRequest().setXid(31)
                    .setName(GenericStatsHandler.SELECT_CONNECTIONS).setTlvs(List.of()).build());
            assertThat(replies).hasSize(1).first().isInstanceOf(OFBsnGenericStatsReply.class);
            assertThat(((OFBsnGenericStatsReply) replies.get(0)).getEntries()).as("no groups installed").isEmpty();
        }
    }
}
