/**
 * flow-switch: a software OpenFlow 1.3 switch that polls AF_PACKET rings and runs the
 * load-balancing stage of the core in its SELECT groups.
 */
package io.flowlb.flowswitch;
