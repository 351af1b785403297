/**
 * Durable load-balancer configuration: the state file that every accepted change is written to
 * before it is acknowledged, and configuration files given on the command line.
 *
 * <p>Design notes:
 * <ul>
 *   <li>One file, {@value io.flowlb.controller.persist.StateStore#FILE_NAME}, in the state
 *       directory, in the format of {@code GET /api/v1/config}, so an operator can read, back up
 *       and hand-edit it with the same knowledge as the REST API.</li>
 *   <li>Atomic replacement: write a temporary file in the same directory, fsync it, rename it
 *       over the old one, fsync the directory. A crash at any point leaves either the old or the
 *       new file whole, never a mix; a temporary file left by a crash is discarded at start,
 *       since the change it held was never acknowledged.</li>
 *   <li>A file that cannot be read is a start-up error naming the file, the field and the
 *       problem: the controller never starts silently empty over a configuration it could not
 *       parse.</li>
 * </ul>
 *
 * <p>Thread safety: {@link io.flowlb.controller.persist.StateStore} is used by one thread, the
 * load-balancer control loop; the other types are immutable.
 */
package io.flowlb.controller.persist;
