package io.flowlb.flowswitch.apps;

import java.util.List;

/**
 * The applications flow-switch ships, on their reserved logical ports:
 * <ul>
 *   <li>{@code app-arp} = 0xfe01 ({@link io.flowlb.flowswitch.datapath.spec.PortNumbers#APP_ARP}):
 *       {@link ArpResponder}</li>
 *   <li>{@code app-icmp} = 0xfe02: {@link IcmpEchoResponder}</li>
 *   <li>{@code app-rst} = 0xfe03: {@link TcpResetSender}</li>
 * </ul>
 *
 * <p>Thread safety: stateless.
 */
public final class StandardApps {
    private StandardApps() {
    }

    public static List<AppDescriptor> all() {
        return List.of(ArpResponder.descriptor(), IcmpEchoResponder.descriptor(), TcpResetSender.descriptor());
    }
}
