package io.flowlb.flowswitch.apps;

import io.flowlb.flowswitch.datapath.spec.PortNumbers;
import java.util.function.Supplier;

/**
 * An application registered with the switch: its logical port number (within
 * {@link PortNumbers#APP_FIRST}..{@link PortNumbers#APP_LAST}), the port name PORT_DESC shows,
 * and a factory that creates one instance per poller.
 *
 * <p>Thread safety: immutable.
 */
public record AppDescriptor(int portNo, String name, Supplier<SwitchApp> factory) {
    public AppDescriptor {
        if (!PortNumbers.isAppPort(portNo)) {
            throw new IllegalArgumentException("application port " + Integer.toHexString(portNo)
                    + " outside 0xfe00..0xfeff");
        }
    }
}
