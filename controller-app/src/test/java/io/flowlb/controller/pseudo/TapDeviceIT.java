package io.flowlb.controller.pseudo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.MacAddress;
import io.flowlb.loadbalancer.packet.FrameBuilder;
import io.flowlb.loadbalancer.packet.PacketView;
import io.flowlb.loadbalancer.packet.ParseResult;
import java.lang.foreign.MemorySegment;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real TAP device in the sandbox: the kernel answers frames written into it and sends its own
 * frames out of it. Root, inside scripts/sandbox.
 */
class TapDeviceIT {
    private static final String NAME = "fltap0";
    private static final MacAddress TAP_MAC = MacAddress.parse("02:fb:0a:4d:00:fe");
    private static final int TAP_IP = ip("10.77.0.254");
    private static final long PEER_MAC = 0x02_00_00_00_00_09L;
    private static final int PEER_IP = ip("10.77.0.9");

    private final BlockingQueue<byte[]> fromKernel = new LinkedBlockingQueue<>();
    private TapDevice tap;

    private static int ip(String text) {
        return IpAddress.parse(text).v4();
    }

    private static TapSettings settings(String name, InterfaceAddress v6) {
        return new TapSettings(name, TAP_MAC, 1500, InterfaceAddress.parse("10.77.0.254/24"), v6);
    }

    @BeforeEach
    void start() {
        Sandbox.require();
        tap = TapDevice.create(settings(NAME, null));
        tap.startReading(fromKernel::add);
    }

    @AfterEach
    void stop() {
        if (tap != null) {
            tap.close();
        }
        Sandbox.exec("ip", "link", "del", "ftveth0");
    }

    /** The next frame from the kernel that passes {@code which}, skipping others; null after 5 s. */
    private byte[] next(Predicate<PacketView> which) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            byte[] f = fromKernel.poll(100, TimeUnit.MILLISECONDS);
            if (f != null && which.test(view(f))) {
                return f;
            }
        }
        return null;
    }

    /** A parsed view; a first fragment's UDP length runs past the frame, so the result is not checked here. */
    private static PacketView view(byte[] frame) {
        PacketView v = new PacketView().wrap(MemorySegment.ofArray(frame), 0, frame.length);
        v.parse();
        return v;
    }

    private void write(byte[] frame) {
        assertThat(tap.write(frame, frame.length)).as("write errno").isZero();
    }

    /** The peer asks for the TAP's address, as a host does before its first packet: the kernel learns the peer. */
    private void arpRequestFromPeer() {
        write(FrameBuilder.ethernet(-1L >>> 16, PEER_MAC).arp(1, PEER_MAC, PEER_IP, 0, TAP_IP).padTo(60).build());
    }

    private void answerArpFromPeer() {
        write(FrameBuilder.ethernet(TAP_MAC.value(), PEER_MAC).arp(2, PEER_MAC, PEER_IP, TAP_MAC.value(), TAP_IP)
                .padTo(60).build());
    }

    @Test
    void theInterfaceIsUpWithTheConfiguredMacMtuAndAddressAndNoOffloads() throws Exception {
        Path sys = Path.of("/sys/class/net", NAME);
        assertThat(Files.readString(sys.resolve("address")).trim()).isEqualTo(TAP_MAC.toString());
        assertThat(Files.readString(sys.resolve("mtu")).trim()).isEqualTo("1500");
        assertThat(Integer.decode(Files.readString(sys.resolve("flags")).trim()) & 1).as("IFF_UP").isEqualTo(1);
        assertThat(Files.readString(sys.resolve("ifindex")).trim()).isEqualTo(Integer.toString(tap.ifIndex()));
        assertThat(Sandbox.sh("ip", "-4", "-o", "addr", "show", "dev", NAME)).contains("10.77.0.254/24");
        assertThat(Sandbox.sh("ip", "-d", "link", "show", NAME)).contains("tun type tap").contains("pi off")
                .contains("vnet_hdr off").contains("persist off");
        assertThat(Files.readString(Path.of("/proc/sys/net/ipv6/conf", NAME, "disable_ipv6")).trim())
                .as("no IPv6 chatter without an IPv6 address").isEqualTo("1");
    }

    @Test
    void theKernelAnswersArpForTheAddressOutOfTheDevice() throws Exception {
        arpRequestFromPeer();

        byte[] reply = next(v -> v.isArp() && v.arpOp() == 2);

        assertThat(reply).as("an ARP reply").isNotNull();
        PacketView v = view(reply);
        assertThat(v.result()).isEqualTo(ParseResult.OK);
        assertThat(v.ethDst()).isEqualTo(PEER_MAC);
        assertThat(v.ethSrc()).isEqualTo(TAP_MAC.value());
        assertThat(v.arpSha()).isEqualTo(TAP_MAC.value());
        assertThat(v.arpSpa()).isEqualTo(TAP_IP);
        assertThat(v.arpTpa()).isEqualTo(PEER_IP);
        assertThat(tap.framesRead()).isPositive();
    }

    @Test
    void theKernelAnswersAPingWrittenIntoTheDevice() throws Exception {
        arpRequestFromPeer();
        write(FrameBuilder.ethernet(TAP_MAC.value(), PEER_MAC).ipv4(PEER_IP, TAP_IP).icmpEcho(true, 0x4242, 7)
                .payload(56).build());

        byte[] reply = next(v -> v.ipVersion() == 4 && v.isIcmp() && v.icmpType() == 0);

        assertThat(reply).as("an echo reply").isNotNull();
        PacketView v = view(reply);
        assertThat(v.result()).isEqualTo(ParseResult.OK);
        assertThat(v.ipv4Src()).isEqualTo(TAP_IP);
        assertThat(v.ipv4Dst()).isEqualTo(PEER_IP);
        assertThat(v.ethDst()).isEqualTo(PEER_MAC);
    }

    @Test
    void theHostsOwnSocketsSendThroughTheDeviceInFramesNoLargerThanTheMtu() throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            byte[] big = new byte[4000];
            s.send(new DatagramPacket(big, big.length, InetAddress.getByName("10.77.0.9"), 9999));
            byte[] arp = next(v -> v.isArp() && v.arpOp() == 1 && v.arpTpa() == PEER_IP);
            assertThat(arp).as("the kernel resolves the peer first").isNotNull();
            assertThat(view(arp).ethSrc()).isEqualTo(TAP_MAC.value());
            assertThat(view(arp).ethDst()).isEqualTo(0xffff_ffff_ffffL);
            answerArpFromPeer();

            int ipBytes = 0;
            for (int i = 0; i < 3; i++) {
                byte[] fragment = next(v -> v.ipVersion() == 4 && v.ipv4Dst() == PEER_IP && v.isFragment());
                assertThat(fragment).as("fragment %d", i).isNotNull();
                assertThat(fragment.length).isLessThanOrEqualTo(1514);
                ipBytes += fragment.length - 14 - 20;
            }
            assertThat(ipBytes).as("UDP header + datagram").isEqualTo(8 + big.length);
        }
    }

    @Test
    void anIpv6AddressIsAssignedWhenConfigured() {
        TapDevice six = TapDevice.create(settings("fltap6", InterfaceAddress.parse("fd00:77::fe/64")));
        try {
            assertThat(Sandbox.sh("ip", "-6", "-o", "addr", "show", "dev", "fltap6")).contains("fd00:77::fe/64");
        } finally {
            six.close();
        }
    }

    @Test
    void aSecondDeviceOfTheSameNameIsRefusedAsInUse() {
        assertThatThrownBy(() -> TapDevice.create(settings(NAME, null)))
                .isInstanceOf(TapException.class)
                .hasMessageContaining(NAME).hasMessageContaining("in use");
        assertThat(Path.of("/sys/class/net", NAME)).as("the first device is untouched").exists();
    }

    @Test
    void anExistingInterfaceThatIsNotATapIsRefused() {
        Sandbox.sh("ip", "link", "add", "ftveth0", "type", "veth", "peer", "name", "ftveth1");

        assertThatThrownBy(() -> TapDevice.create(settings("ftveth0", null)))
                .isInstanceOf(TapException.class)
                .hasMessageContaining("ftveth0").hasMessageContaining("not a TAP device");
    }

    @Test
    void closingRemovesTheInterfaceAndLaterWritesFailCleanly() {
        tap.close();

        assertThat(Path.of("/sys/class/net", NAME)).doesNotExist();
        assertThat(tap.isReading()).isFalse();
        byte[] frame = new byte[60];
        assertThat(tap.write(frame, frame.length)).isEqualTo(Libc.EBADF);
        tap.close();
    }

    @Test
    void aDeviceDeletedUnderneathStopsTheReaderWithoutHarm() throws Exception {
        Sandbox.sh("ip", "link", "del", NAME);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (tap.isReading() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(tap.isReading()).isFalse();
        byte[] frame = FrameBuilder.ethernet(TAP_MAC.value(), PEER_MAC).ipv4(PEER_IP, TAP_IP).udp(1, 2).build();
        assertThat(tap.write(frame, frame.length)).as("writes report an error").isNotZero();
    }
}
