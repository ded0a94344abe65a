package dev.atoll.bench;

import java.util.Arrays;
import java.util.List;

/** Medians, percentiles, and bootstrap intervals of a median. */
public final class Stats {
    private Stats() {
    }

    /** The median of some values (the mean of the middle two for an even count); NaN for none. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** The {@code p}-th percentile (0 to 100, nearest rank) of some values. */
    public static double percentile(double[] values, double p) {
        double[] v = values.clone();
        Arrays.sort(v);
        int rank = (int) Math.ceil(p / 100 * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }

    /**
     * A bootstrap percentile interval of the median: the median of {@code resamples} samples drawn with
     * replacement from {@code values}, and the {@code (1 - level) / 2} and {@code (1 + level) / 2} quantiles of
     * those medians. Seeded, so a report is repeatable. With one value, the interval is that value.
     *
     * @param level the coverage, such as 0.95
     * @return {@code {low, high}}; NaNs for no values
     */
    public static double[] medianInterval(List<Double> values, double level, int resamples, long seed) {
        if (values.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double[] medians = new double[resamples];
        Double[] sample = new Double[values.size()];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < sample.length; i++) {
                sample[i] = values.get(random.nextInt(values.size()));
            }
            medians[r] = median(Arrays.asList(sample));
        }
        Arrays.sort(medians);
        int low = (int) Math.floor((1 - level) / 2 * (resamples - 1));
        int high = (int) Math.ceil((1 + level) / 2 * (resamples - 1));
        return new double[] {medians[low], medians[high]};
    }

    /** {@link #medianInterval(List, double, int, long)} at 95%, 2,000 resamples and a fixed seed. */
    public static double[] medianInterval(List<Double> values) {
        return medianInterval(values, 0.95, 2_000, 12L);
    }
}
