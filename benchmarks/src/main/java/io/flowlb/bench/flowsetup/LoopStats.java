package io.flowlb.bench.flowsetup;

/**
 * min/max/avg/stdev of the measured loops' rates, as cbench prints them.
 *
 * <p>Thread safety: immutable.
 *
 * @param min lowest loop rate (responses/s)
 * @param max highest loop rate
 * @param avg mean of the loop rates
 * @param stdev population standard deviation of the loop rates
 */
public record LoopStats(double min, double max, double avg, double stdev) {

    public static LoopStats of(double[] rates) {
        if (rates.length == 0) {
            return new LoopStats(0, 0, 0, 0);
        }
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        double sum = 0;
        for (double r : rates) {
            min = Math.min(min, r);
            max = Math.max(max, r);
            sum += r;
        }
        double avg = sum / rates.length;
        double sq = 0;
        for (double r : rates) {
            sq += (r - avg) * (r - avg);
        }
        return new LoopStats(min, max, avg, Math.sqrt(sq / rates.length));
    }

    /** "min/max/avg/stdev = 1.00/2.00/1.50/0.50 responses/s" with two decimals, like cbench. */
    public String format() {
        return String.format(java.util.Locale.ROOT, "min/max/avg/stdev = %.2f/%.2f/%.2f/%.2f responses/s", min, max,
                avg, stdev);
    }
}
