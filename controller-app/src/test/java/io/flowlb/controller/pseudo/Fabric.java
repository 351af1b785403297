package io.flowlb.controller.pseudo;

import io.flowlb.controller.lab.Lab;

/**
 * The switches of an integration test, whichever kind they are: bridges controlled by the
 * controller under test, hosts in network namespaces plugged into them, cables between them.
 * {@link #start} runs after the topology is declared (a flow-switch process takes its ports on
 * its command line); the {@link Lab} it is built on removes hosts and links.
 */
public interface Fabric extends AutoCloseable {

    /** A switch with this DPID, connecting to the controller on 127.0.0.1:{@code controllerPort}, secure fail mode. */
    void bridge(String name, long dpid, int controllerPort);

    /** A host in namespace {@code ns} with address {@code cidr}, on port {@code ofport} of {@code bridge}. */
    void host(String ns, String cidr, String bridge, int ofport);

    /** A cable between two switch ports. */
    void cable(String bridgeA, int portA, String bridgeB, int portB);

    /** Starts what the declarations need started. */
    void start();

    /** The switch's flow table as {@code ovs-ofctl dump-flows} prints it. */
    String flows(String bridge);

    /** Stops the switches (hosts and links go with the lab). */
    @Override
    void close();

    /** Open vSwitch bridges, userspace datapath (everything is done by {@link Lab}). */
    static Fabric ovs(Lab lab) {
        return new Fabric() {
            @Override
            public void bridge(String name, long dpid, int controllerPort) {
                lab.bridge(name, dpid, "OpenFlow13", controllerPort);
            }

            @Override
            public void host(String ns, String cidr, String bridge, int ofport) {
                lab.host(ns, cidr, bridge, ofport);
            }

            @Override
            public void cable(String bridgeA, int portA, String bridgeB, int portB) {
                lab.cable(bridgeA, portA, bridgeB, portB);
            }

            @Override
            public void start() {
            }

            @Override
            public String flows(String bridge) {
                return lab.dumpFlows(bridge, "OpenFlow13");
            }

            @Override
            public void close() {
            }
        };
    }
}
