/**
 * The packet-in pseudo-interface: a TAP device on the controller host through which programs
 * on that host reach the network only via the switches.
 *
 * <p>{@link io.flowlb.controller.pseudo.TapDevice} creates and reads the TAP device through
 * {@code java.lang.foreign} ({@code /dev/net/tun}, {@code TUNSETIFF}, the interface ioctls).
 */
package io.flowlb.controller.pseudo;
