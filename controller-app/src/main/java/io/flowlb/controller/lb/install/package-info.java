/**
 * The load balancer's installers, functional core: what every switch should hold, as plain
 * data, and how to turn it into OpenFlow 1.3 messages.
 *
 * <p><b>Pipeline layout</b> (see {@link io.flowlb.controller.openflow.TableLayout}): on an OpenFlow
 * 1.3 switch with two tables or more, table 0 is the classifier (LLDP, the control VIP, every
 * load-balancer flow, and a table-miss {@code goto_table:1}); table 1 is L2 forwarding with the
 * table-miss to the controller. OpenFlow 1.0 and single-table switches get L2 forwarding only.
 * The load balancer's flows in table 0, highest priority first ({@link
 * io.flowlb.controller.lb.install.LbPriority}):
 * <pre>
 *  29800 arp,arp_spa=DSR_VIP                               drop (servers never announce a DSR VIP)
 *        icmp6,nd_advertisement,nd_target=DSR_VIP          drop
 *  29500 arp,arp_op=1,arp_tpa=VIP                          set eth_src=VMAC, output:app-arp | CONTROLLER
 *        icmp6,nd_solicitation,nd_target=VIP               (the same)
 *        arp,arp_op=1,arp_spa=SERVER,arp_tpa=GATEWAY       set eth_src=ROUTER_MAC, output:app-arp (flow-switch)
 *  29400 arp,arp_op=1,arp_tpa=GATEWAY                      CONTROLLER (router pools)
 *  28000 exact 5-tuple to VIP (reactive)                   rewrite, output | group:VIP_GROUP (adoption)
 *        exact 5-tuple from member (reactive NAT)          set ip_src=VIP,tp_src,eth_src=VMAC, goto_table:1
 *  27000 ip,ip_src=MEMBER,ip_proto,tp_src=MEMBER_PORT      set ip_src=VIP,[tp_src=VIP_PORT,]eth_src=VMAC, goto_table:1 (NAT)
 *  26300 ip,eth_dst=VMAC,ip_dst=VIP,ip_proto,tp_dst=PORT   group:VIP_GROUP | CONTROLLER (reactive)
 *  26200   (the same, VIP on every port)
 *  26100   (the same, VIP on every protocol)
 *  25000 icmp,eth_dst=VMAC,ip_dst=VIP,icmp_type=8          output:app-icmp | CONTROLLER (no ICMP VIP)
 *  24000 tcp,eth_dst=VMAC,ip_dst=VIP                       output:app-rst | CONTROLLER (invalid service: reset)
 *  23000 ip,eth_dst=VMAC,ip_dst=VIP                        drop (invalid service)
 * </pre>
 * One SELECT group per VIP (id from {@link io.flowlb.controller.lb.install.GroupIds}), a bucket per
 * alive member whose place is known: weight = effective weight (0 while draining), watch port =
 * the output port; actions DSR {@code set eth_dst, output}; NAT {@code set eth_dst, ip_dst
 * [, tcp/udp dst], output}. The output is the member's port, or the first hop towards its switch
 * (a group cannot {@code goto_table}).
 *
 * <p><b>Design</b>: {@link io.flowlb.controller.lb.install.Planner} is a pure function
 * {@code desired = f(config, effective weights, member places, topology, switch profile)}
 * returning a {@link io.flowlb.controller.lb.install.SwitchPlan}; {@link
 * io.flowlb.controller.lb.install.PlanDiff} compares it with the plan installed, and {@link
 * io.flowlb.controller.lb.install.OfEncoder} writes the difference as FLOW_MODs and GROUP_MODs. A
 * weight change is a GROUP_MOD MODIFY and nothing else. On flow-switch that keeps every existing
 * connection on its member (its SELECT group is a connection table in front of Maglev); on Open
 * vSwitch a plain re-weighting may move some existing connections, so a pool with a draining
 * member turns reactive there (see {@link io.flowlb.controller.lb.install.Planner}).
 *
 * <p>Thread safety: immutable values and stateless functions, except {@link
 * io.flowlb.controller.lb.install.GroupIds} (LB control thread).
 */
package io.flowlb.controller.lb.install;
