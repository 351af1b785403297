package io.flowlb.flowswitch.io.afpacket;

/**
 * Ring sizes of an AF_PACKET port. Every default is chosen for a 1500-byte MTU veth or NIC.
 * Thread safety: immutable.
 *
 * @param rxRing the receive ring layout. Default {@link RxRingVersion#TPACKET_V2}.
 * @param rxFrameCount receive slots per port with {@code TPACKET_V2}; a power of two of at least
 *     64. Default 4096 (8 MiB per port at MTU 1500; about 10 ms of traffic at 400 kpps).
 * @param rxBlockSize bytes per receive block with {@code TPACKET_V3}; a power of two of at least
 *     128 KiB so one block holds a 64 KiB GSO super-frame. Default 256 KiB.
 * @param rxBlockCount receive blocks per port with {@code TPACKET_V3}; at least 2. Default 16.
 * @param rxRetireMillis with {@code TPACKET_V3}, how long the kernel keeps a partly filled block
 *     before handing it over: the added latency under light load. Default 1 ms (the minimum).
 * @param txFrameCount transmit slots per queue; a power of two of at least 32. Default 256.
 * @param qdiscBypass send straight to the driver, skipping the queueing discipline. Faster, but
 *     captures on the port ({@code tcpdump}) no longer see what the switch sends. Default off.
 */
public record AfPacketConfig(RxRingVersion rxRing, int rxFrameCount, int rxBlockSize, int rxBlockCount,
        int rxRetireMillis, int txFrameCount, boolean qdiscBypass) {

    private static final int FRAME_OVERHEAD = 14 + 4;
    private static final int RX_SLOT_OVERHEAD = 96;
    private static final int MIN_TX_FRAMES = 32;
    private static final int MIN_RX_FRAMES = 64;
    /** The largest receive slot: a 9000-byte jumbo frame fits. */
    public static final int MAX_RX_SLOT = 16 * 1024;
    /** The most memory one {@code TPACKET_V2} receive ring maps. */
    public static final int MAX_RX_RING_BYTES = 16 << 20;
    /** The most memory one transmit queue maps. */
    public static final int MAX_TX_RING_BYTES = 4 << 20;

    public static final AfPacketConfig DEFAULT =
            new AfPacketConfig(RxRingVersion.TPACKET_V2, 4096, 256 * 1024, 16, 1, 256, false);

    /** The two receive ring layouts Linux offers. */
    public enum RxRingVersion {
        /**
         * Fixed slots handed over one frame at a time: no added latency. Frames longer than a
         * slot (GSO super-frames) are read whole from the socket. The default.
         */
        TPACKET_V2,
        /**
         * Variable-sized frames packed in blocks handed over when full or after
         * {@code rxRetireMillis}: fewer cache misses under load, up to that long a delay when light.
         */
        TPACKET_V3
    }

    public AfPacketConfig {
        if (rxRing == null) {
            throw new IllegalArgumentException("rxRing must be TPACKET_V2 or TPACKET_V3");
        }
        requirePowerOfTwo("rxFrameCount", rxFrameCount, 64);
        requirePowerOfTwo("rxBlockSize", rxBlockSize, 128 * 1024);
        requirePowerOfTwo("txFrameCount", txFrameCount, 32);
        if (rxBlockCount < 2 || (long) rxBlockSize * rxBlockCount > (1L << 31)) {
            throw new IllegalArgumentException("rxBlockCount must be at least 2 and the ring at most 2 GiB, not "
                    + rxBlockCount);
        }
        if (rxRetireMillis < 1 || rxRetireMillis > 1000) {
            throw new IllegalArgumentException("rxRetireMillis must be 1..1000, not " + rxRetireMillis);
        }
    }

    public AfPacketConfig withRxRing(RxRingVersion version) {
        return new AfPacketConfig(version, rxFrameCount, rxBlockSize, rxBlockCount, rxRetireMillis, txFrameCount,
                qdiscBypass);
    }

    public AfPacketConfig withQdiscBypass(boolean bypass) {
        return new AfPacketConfig(rxRing, rxFrameCount, rxBlockSize, rxBlockCount, rxRetireMillis, txFrameCount,
                bypass);
    }

    /** The transmit slot size for an MTU: slot header, Ethernet header, one VLAN tag, frame. */
    public static int txFrameSize(int mtu) {
        return slotSize(TxRingV2.DATA_OFFSET + FRAME_OVERHEAD + mtu);
    }

    /**
     * Transmit slots per queue for an MTU: {@link #txFrameCount()}, fewer when the slots are so
     * large (a 64 KiB MTU) that the ring would pass {@link #MAX_TX_RING_BYTES}.
     */
    public int txFrameCount(int mtu) {
        int bounded = MAX_TX_RING_BYTES / txFrameSize(mtu);
        return Math.max(MIN_TX_FRAMES, Math.min(txFrameCount, Integer.highestOneBit(bounded)));
    }

    /**
     * Receive slots per port for an MTU with {@code TPACKET_V2}: {@link #rxFrameCount()}, fewer
     * when jumbo slots would make the ring pass {@link #MAX_RX_RING_BYTES}.
     */
    public int rxFrameCount(int mtu) {
        int bounded = MAX_RX_RING_BYTES / rxFrameSize(mtu);
        return Math.max(MIN_RX_FRAMES, Math.min(rxFrameCount, Integer.highestOneBit(bounded)));
    }

    /**
     * The receive slot size for an MTU: the kernel puts the frame after a 52-byte header, padding
     * and the reserve (at offset 70 at most for {@code TPACKET_V2}); rounded up generously, and at
     * most {@link #MAX_RX_SLOT}: longer frames arrive whole through the socket instead.
     */
    public static int rxFrameSize(int mtu) {
        return Math.min(MAX_RX_SLOT, slotSize(RX_SLOT_OVERHEAD + FRAME_OVERHEAD + mtu));
    }

    private static int slotSize(int needed) {
        return Math.max(2048, Integer.highestOneBit(needed - 1) << 1);
    }

    private static void requirePowerOfTwo(String name, int value, int min) {
        if (value < min || Integer.bitCount(value) != 1) {
            throw new IllegalArgumentException(name + " must be a power of two of at least " + min + ", not " + value);
        }
    }
}
