package io.flowlb.loadbalancer.distribution;

import io.flowlb.loadbalancer.model.AdminState;
import io.flowlb.loadbalancer.model.Fields;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.ValidationException;

/**
 * Everything the master module knows about one member at one moment: its configuration, its
 * health, its active connections, its smoothed load and its agent-check state.
 *
 * <p>Two derived verdicts drive every algorithm:
 * <ul>
 *   <li>{@link #alive()}: the member may keep connections. False when health is DOWN, the
 *       operator set MAINT, or the agent said maint or down.</li>
 *   <li>{@link #acceptsNew()}: the member may take new connections. Also false when the
 *       operator or the agent drains it, its base weight is 0, or it holds its agent's
 *       {@code maxconn} connections.</li>
 * </ul>
 *
 * <p>Thread safety: immutable. The owner (the controller's LB loop) replaces it on each event.
 */
public record MemberState(Member member, Health health, int activeConnections, LoadEstimate load,
                          AgentCheckState agent) {

    public MemberState {
        Fields.required("member", member);
        health = Fields.orDefault(health, Health.UNKNOWN);
        Fields.range("active_connections", activeConnections, 0, Integer.MAX_VALUE);
        agent = Fields.orDefault(agent, AgentCheckState.NONE);
    }

    /** A member just configured: health unknown, no connections, no report, no agent reply. */
    public static MemberState of(Member member) {
        return new MemberState(member, Health.UNKNOWN, 0, null, AgentCheckState.NONE);
    }

    public MemberId id() {
        return member.id();
    }

    public boolean alive() {
        return health != Health.DOWN && member.adminState() != AdminState.MAINT && agent.up()
                && agent.admin() != AgentCheckState.AgentAdmin.MAINT;
    }

    public boolean acceptsNew() {
        return alive() && member.adminState() == AdminState.UP && agent.admin() == AgentCheckState.AgentAdmin.READY
                && baseWeight() > 0 && (agent.maxConnections() == 0 || activeConnections < agent.maxConnections());
    }

    /**
     * The configured weight scaled by the agent's percentage, rounded up so that a positive
     * percentage never silences a member (HAProxy does the same), at most
     * {@link Member#MAX_WEIGHT}.
     */
    public int baseWeight() {
        long scaled = ((long) member.weight() * agent.weightPercent() + 99) / 100;
        return (int) Math.min(scaled, Member.MAX_WEIGHT);
    }

    /** The load estimate if its last report is recent enough at {@code nowMillis}, else null. */
    public LoadEstimate freshLoad(long nowMillis, long staleAfterMs) {
        return load != null && load.isFresh(nowMillis, staleAfterMs) ? load : null;
    }

    public MemberState withMember(Member newMember) {
        if (!newMember.id().equals(member.id())) {
            throw new ValidationException("id", "state of member " + member.id() + " given member " + newMember.id());
        }
        return new MemberState(newMember, health, activeConnections, load, agent);
    }

    public MemberState withHealth(Health newHealth) {
        return new MemberState(member, newHealth, activeConnections, load, agent);
    }

    public MemberState withActiveConnections(int count) {
        return new MemberState(member, health, count, load, agent);
    }

    public MemberState withAgent(AgentCheckState newAgent) {
        return new MemberState(member, health, activeConnections, load, newAgent);
    }

    /** This state with a load report folded into its estimate. */
    public MemberState withReport(LoadReport report, DistributionSettings settings) {
        if (!report.memberId().equals(member.id())) {
            throw new ValidationException("member_id", "report for member " + report.memberId()
                    + " cannot update member " + member.id());
        }
        return new MemberState(member, health, activeConnections, LoadEstimate.update(load, report, settings), agent);
    }
}
