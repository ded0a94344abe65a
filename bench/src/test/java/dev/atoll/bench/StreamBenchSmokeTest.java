package dev.atoll.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs {@link StreamBench} with tiny sizes: each way writes every object (it checks that itself) and has a rate. */
class StreamBenchSmokeTest {
    @Test
    void run_tinySizes_everyWayWritesEverythingAndHasARate() throws Exception {
        Map<String, Double> rates = StreamBench.run(300, 100);
        assertEquals(List.of("AtollFlows.insert (parallelism 4)", "AtollFlows.insert (parallelism 1)",
                "AtollWorker, one PutAll (chunks of the batch)"), List.copyOf(rates.keySet()));
        rates.values().forEach(rate -> assertTrue(rate > 0 && Double.isFinite(rate), "rate " + rate));
    }
}
