package io.flowlb.flowswitch.io.afpacket;

/** Opens an AF_PACKET port on the interface named by the argument and prints what happened. */
public final class OpenPortProbe {
    private OpenPortProbe() {
    }

    public static void main(String[] args) {
        try (AfPacketPort port = AfPacketPort.open(args[0], 1, AfPacketConfig.DEFAULT)) {
            System.out.println("opened " + port);
        } catch (NativeException e) {
            System.out.println(e.getMessage());
            System.exit(3);
        }
    }
}
