/**
 * The load-balancer control loop: the single owner of the current
 * {@link io.flowlb.loadbalancer.model.LbConfig} and of every piece of LB state that later parts
 * (the installer, the resource manager, the master module) keep.
 *
 * <p>Design notes:
 * <ul>
 *   <li>One thread, {@code lb-control}, runs every change and every task posted with
 *       {@link io.flowlb.controller.lb.LbService#execute} or
 *       {@link io.flowlb.controller.lb.LbService#submit}, one at a time in arrival order. State it
 *       owns needs no lock; everything else reads the published immutable configuration
 *       ({@link io.flowlb.controller.lb.LbService#config()}), which is replaced with one volatile
 *       store after each accepted change.</li>
 *   <li>A change is a pure function of the current configuration
 *       ({@link io.flowlb.controller.lb.ConfigChange}); it is accepted only when the model accepts
 *       it and the state file has been replaced atomically. Only then is it published, the
 *       listeners told, and the caller's future completed. A rejected change leaves nothing
 *       behind.</li>
 *   <li>Futures fail with the model's exceptions ({@code ValidationException},
 *       {@code ConflictException}, {@code NotFoundException}), which name the JSON field at fault,
 *       or with {@link io.flowlb.controller.lb.PersistenceException} when the disk refused.</li>
 * </ul>
 *
 * <p>Thread safety: {@link io.flowlb.controller.lb.LbService} may be called from any thread;
 * listeners and posted tasks run on {@code lb-control}.
 */
package io.flowlb.controller.lb;
