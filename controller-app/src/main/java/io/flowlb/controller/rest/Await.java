package io.flowlb.controller.rest;

import io.flowlb.controller.lb.PersistenceException;
import io.flowlb.loadbalancer.model.ConflictException;
import io.flowlb.loadbalancer.model.ModelException;
import io.flowlb.loadbalancer.model.NotFoundException;
import io.flowlb.loadbalancer.model.ValidationException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for the futures of the control loop and of the views and turns their failures into HTTP
 * answers. The REST layer's status rules live here and in {@link RestServer}:
 * <ul>
 *   <li>400: the request itself is wrong: not JSON, an unknown field, a wrong type, a value out
 *       of range, a required field missing (found while decoding, before the change is sent);</li>
 *   <li>422: the body is valid on its own but the configuration rejects it: a reference to an
 *       object that does not exist, two VIPs on one service, a port the VIP's mode cannot reach
 *       (a {@code ValidationException} from the control loop);</li>
 *   <li>404: the object named in the URL does not exist; 409: the id exists already, or the object
 *       is still in use;</li>
 *   <li>503: the change could not be saved, or the control loop is stopped, full or too slow;
 *       504: a switch did not answer in time.</li>
 * </ul>
 *
 * <p>Thread safety: stateless.
 */
public final class Await {
    private Await() {
    }

    /** The result of a configuration change. */
    public static <T> T change(CompletableFuture<T> f, Duration timeout) {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw mapChange(e.getCause());
        } catch (TimeoutException e) {
            throw new ApiException(503, null, "the load-balancer control loop did not answer within "
                    + timeout.toMillis() + " ms; the change may still be applied");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, null, "interrupted while waiting for the change");
        } catch (CancellationException e) {
            throw new ApiException(503, null, "the change was cancelled");
        }
    }

    /** The result of a read from a view (switch statistics...). */
    public static <T> T read(CompletableFuture<T> f, Duration timeout) {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof ModelException m) {
                int status = m instanceof NotFoundException ? 404 : m instanceof ConflictException ? 409 : 400;
                throw new ApiException(status, m.field(), m.error());
            }
            if (c instanceof TimeoutException) {
                throw new ApiException(504, null, "the switch did not answer in time");
            }
            throw c instanceof RuntimeException r ? r : new IllegalStateException(c);
        } catch (TimeoutException e) {
            throw new ApiException(504, null, "no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, null, "interrupted while waiting");
        }
    }

    private static RuntimeException mapChange(Throwable c) {
        return switch (c) {
            case ApiException a -> a;
            case ValidationException v -> new ApiException(422, v.field(), v.error());
            case NotFoundException n -> new ApiException(404, n.field(), n.error());
            case ConflictException x -> new ApiException(409, x.field(), x.error());
            case PersistenceException p -> new ApiException(503, null, p.getMessage());
            case RejectedExecutionException r -> new ApiException(503, null,
                    "the load-balancer control loop cannot take the change: " + r.getMessage());
            case RuntimeException r -> r;
            default -> new IllegalStateException(c);
        };
    }
}
