/**
 * Port I/O: AF_PACKET sockets with PACKET_MMAP receive and transmit rings reached through
 * {@code java.lang.foreign}, and in-memory ports for tests. The frame status word of each ring
 * slot is the ownership bit of the design (kernel or user); pollers circle the ring, hand slots
 * back, and kick transmission once per burst.
 */
package io.flowlb.flowswitch.io;
