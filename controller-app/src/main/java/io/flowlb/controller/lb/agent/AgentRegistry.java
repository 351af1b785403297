package io.flowlb.controller.lb.agent;

import io.flowlb.loadbalancer.model.MemberId;
import java.util.SortedMap;

/**
 * The agents' last reports, per member: what the resource manager consumes and
 * {@code GET /api/v1/agents} shows. Reports of a deleted member are forgotten with it.
 *
 * <p>Thread safety: callable from any thread; listeners run on {@code lb-control}.
 */
public interface AgentRegistry {

    /** The newest report of every member that has one, by member id (an immutable snapshot). */
    SortedMap<MemberId, AgentReport> lastReports();

    /** The newest report of a member, or null. */
    AgentReport lastReport(MemberId member);

    void addListener(AgentReportListener listener);

    void removeListener(AgentReportListener listener);
}
