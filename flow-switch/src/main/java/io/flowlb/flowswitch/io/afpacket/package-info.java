/**
 * Linux AF_PACKET ports through {@code java.lang.foreign}: sockets, mapped rings, netlink.
 *
 * <p><b>Rings.</b> Each port has one receive socket with a mapped ring ({@code TPACKET_V2}
 * by default: one frame per slot, handed over at once; {@code TPACKET_V3} as an option: frames
 * packed in blocks, handed over when a block fills or its timer fires) and one transmit socket
 * per transmitting thread with a {@code TPACKET_V2} ring. The status word at the head of each
 * slot or block is the ownership word of the design: the kernel sets {@code TP_STATUS_USER}
 * when a receive slot is ours, we set {@code TP_STATUS_KERNEL} to give it back; we set
 * {@code TP_STATUS_SEND_REQUEST} on a filled transmit slot and the kernel sets it back to
 * {@code TP_STATUS_AVAILABLE} once the frame has left. One {@code sendto} per burst makes the
 * kernel send every requested slot.
 *
 * <p><b>Memory ordering.</b> A status word is read with an acquire load (the slot's bytes the
 * other side wrote before publishing are visible) and written with a release store (our reads
 * and writes of the slot happen before the other side may touch it). The ring walkers
 * ({@link io.flowlb.flowswitch.io.afpacket.RxRingV2}, {@link io.flowlb.flowswitch.io.afpacket.RxRingV3},
 * {@link io.flowlb.flowswitch.io.afpacket.TxRingV2}) are flyweights over any segment, so the
 * protocol is tested against a fake kernel ring.
 *
 * <p><b>Offloads.</b> Frames keep the kernel's checksum state ({@code TP_STATUS_CSUMNOTREADY}
 * becomes {@link io.flowlb.flowswitch.io.RxFlags#CSUM_NOT_READY}) and their full length: GSO
 * super-frames up to 64 KiB (and more) are delivered whole, read from the socket when longer
 * than a slot. Completing checksums and segmenting is the datapath's job. Receive sockets set
 * {@code PACKET_IGNORE_OUTGOING}, so the switch never receives what it sends; a stripped VLAN
 * tag is put back in four bytes of reserved headroom.
 *
 * <p><b>Threads.</b> A port's receive socket and ring belong to the poller that owns the port;
 * each transmit queue to its thread; the interface state (index, link, MTU, address) is
 * published in volatile fields by the {@link io.flowlb.flowswitch.io.afpacket.LinkMonitor}
 * (netlink, on the housekeeping thread). When an interface vanishes, its port reports link
 * down and idles; when one of the same name appears, each side re-opens its socket on its own
 * thread. Rings are mapped in shared arenas: a late access after close throws, never crashes.
 */
package io.flowlb.flowswitch.io.afpacket;
