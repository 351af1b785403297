/** JMH benchmarks of the per-packet path, the tables and the selection. */
package io.flowlb.bench;
