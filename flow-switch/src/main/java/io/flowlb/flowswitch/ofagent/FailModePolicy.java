package io.flowlb.flowswitch.ofagent;

import io.flowlb.flowswitch.datapath.spec.PacketIn;

/**
 * What the switch does while no controller is connected. In {@link #SECURE} mode nothing:
 * installed flows and groups keep working (so do the in-switch applications), misses are
 * dropped. {@link StandaloneLearning} acts as a MAC-learning switch for misses instead.
 *
 * <p>Thread safety: called on the agent thread only.
 */
public interface FailModePolicy {

    /** The number of connected controllers changed (tools on the listener do not count). */
    void controllersChanged(int connected);

    /** A packet-in arrived while no controller is connected. */
    void onPacketInWithoutController(PacketIn packetIn);

    /** Keep flows and groups, drop misses. */
    FailModePolicy SECURE = new FailModePolicy() {
        @Override
        public void controllersChanged(int connected) {
        }

        @Override
        public void onPacketInWithoutController(PacketIn packetIn) {
        }
    };
}
