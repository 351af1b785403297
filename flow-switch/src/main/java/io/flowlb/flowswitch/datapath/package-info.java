/**
 * The OpenFlow 1.3 datapath of flow-switch: flow tables compiled into immutable snapshots, a
 * per-poller pipeline (parse, microflow cache, classifier, action programs, groups with the
 * load-balancing SELECT stage, packet-in ring) and the control API the OpenFlow agent calls
 * ({@link io.flowlb.flowswitch.datapath.DatapathControl}).
 *
 * <p>Threads: the agent (control) thread owns the flow and group state and publishes snapshots;
 * each poller owns its pipeline, its microflow cache, its connection table and its counter
 * arrays, which the control thread reads without stopping it.
 */
package io.flowlb.flowswitch.datapath;
