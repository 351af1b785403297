/**
 * The plain-Java description of what a controller asks of the datapath: matches, actions,
 * instructions, flows, groups, the events the datapath reports and the statistics it returns.
 * These types mirror OpenFlow 1.3 (wire numbers included, so an agent maps them one to one) but
 * depend on no OpenFlow library: the datapath never sees a codec type.
 */
package io.flowlb.flowswitch.datapath.spec;
