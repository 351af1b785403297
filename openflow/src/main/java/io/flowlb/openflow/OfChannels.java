package io.flowlb.openflow;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Installs the shared OpenFlow handlers at the head of a channel pipeline: idle detection,
 * framing and decoding, encoding, echo keepalive. The session handler goes after them.
 *
 * <p>Thread safety: stateless.
 */
public final class OfChannels {
    public static final String IDLE = "of-idle";
    public static final String DECODER = "of-decoder";
    public static final String ENCODER = "of-encoder";
    public static final String KEEPALIVE = "of-keepalive";

    private OfChannels() {
    }

    /**
     * @param echoIntervalMillis silence after which an ECHO_REQUEST is sent
     * @param maxMissedEchoes silent periods tolerated before the session is closed
     */
    public static OfKeepaliveHandler install(ChannelPipeline p, long echoIntervalMillis, int maxMissedEchoes) {
        OfKeepaliveHandler keepalive = new OfKeepaliveHandler(maxMissedEchoes);
        p.addLast(IDLE, new IdleStateHandler(echoIntervalMillis, 0, 0, TimeUnit.MILLISECONDS));
        p.addLast(DECODER, new OfMessageDecoder());
        p.addLast(ENCODER, new OfMessageEncoder());
        p.addLast(KEEPALIVE, keepalive);
        return keepalive;
    }
}
