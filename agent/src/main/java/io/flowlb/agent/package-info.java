/** The load agent that runs on each back-end server and reports its raw load. */
package io.flowlb.agent;
