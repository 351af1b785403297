package io.flowlb.bench.flowsetup;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * The user-space work flowsetup does per response, without the sockets: recognise a FLOW_MOD
 * answer from its raw bytes, retire its packet-in from the window, and write the next packet-in
 * from the template. It must stay far below a controller's cost per flow setup (and allocate
 * nothing), so that the tool never limits what it measures.
 *
 * <p>Thread safety: JMH state, one per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FlowSetupHotPathBenchmark {
    private final HostPlan plan = new HostPlan(0, 1000, 4);
    private PacketInTemplate template;
    private OutstandingWindow window;
    private ByteBuf out;
    private ByteBuf answer;
    private int host;
    private int xid;

    @Setup
    public void setUp() {
        template = PacketInTemplate.of(OFVersion.OF_13);
        window = new OutstandingWindow(64);
        out = Unpooled.directBuffer(template.length() * 2);
        answer = Unpooled.directBuffer(64);
        answer.writeByte(OfWire.VERSION_13).writeByte(OfWire.TYPE_FLOW_MOD).writeShort(56).writeInt(0);
        answer.writeZero(48);
        for (int i = 0; i < 32; i++) {
            window.issue(i);
        }
    }

    /** One response: answer the oldest packet-in, send a new one in its place. */
    @Benchmark
    public int answerAndRefill() {
        int tag = window.issue(xid);
        answer.setInt(OfWire.FLOW_MOD_BUFFER_ID_13, tag - 32);
        int length = OfWire.length(answer, 0);
        long bufferId = OfWire.bufferId(answer, 0, length, OfWire.type(answer, 0), true);
        boolean matched = window.answer(bufferId, xid);
        out.clear();
        int h = host;
        host = plan.peer(h);
        template.write(out, xid++, tag, plan.port(h), plan.mac(host), plan.mac(h), tag);
        return matched ? out.writerIndex() : -1;
    }
}
