package co.courselabs.statefulsets.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PodChartTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    @Test
    @DisplayName("each Pod is a section of a Mermaid Gantt chart with a bar per stage, in epoch milliseconds")
    void mermaidGantt() {
        String md = PodChart.markdown("Pods: started", List.of(
                new PodChart.Life("simple-proxy-0", at(0), true, at(1200), at(2500), null, null),
                new PodChart.Life("simple-proxy-1", at(10), true, at(1300), at(2400), null, null)), at(3000));
        assertThat(md).startsWith("```mermaid\ngantt\n    title Pods  started\n    dateFormat x\n    axisFormat %H:%M:%S\n"
                        + "    tickInterval 1second\n")
                .contains("    section simple-proxy-0\n"
                        + "    Pending 1.2s :" + at(0).toEpochMilli() + ", " + at(1200).toEpochMilli() + "\n"
                        + "    Running, not Ready 1.3s :active, " + at(1200).toEpochMilli() + ", "
                        + at(2500).toEpochMilli() + "\n"
                        + "    Ready 0.5s :done, " + at(2500).toEpochMilli() + ", " + at(3000).toEpochMilli() + "\n")
                .contains("| simple-proxy-1 | +0.0s | +1.3s | +2.4s | – | – |");
    }

    @Test
    @DisplayName("a Pod replaced in a rolling update shows its old life ending and the new one starting")
    void replacedPod() {
        PodChart.Life old = new PodChart.Life("products-db-1 (old)", at(0), false, at(0), at(0), at(1000), at(40000));
        assertThat(old.segments(at(90000))).extracting(PodChart.Segment::stage)
                .containsExactly(PodChart.Stage.READY, PodChart.Stage.TERMINATING);
        assertThat(old.segments(at(90000)).get(1).end()).isEqualTo(at(40000));
        String md = PodChart.markdown("update", List.of(old), at(90000));
        assertThat(md).contains("terminating 39.0s :crit, ")
                .contains("| products-db-1 (old) | before | before | before | +1.0s | +40.0s |");
    }

    @Test
    @DisplayName("a Pod that never became Ready is Pending until the end of what was watched")
    void neverReady() {
        PodChart.Life stuck = new PodChart.Life("simple-proxy-0", at(0), true, null, null, null, null);
        assertThat(stuck.segments(at(60000))).singleElement()
                .satisfies(s -> assertThat(s.stage()).isEqualTo(PodChart.Stage.PENDING))
                .satisfies(s -> assertThat(s.end()).isEqualTo(at(60000)));
        assertThat(PodChart.markdown("none", List.of(), at(0))).isEmpty();
    }

    @Test
    @DisplayName("the axis has about ten ticks on whole seconds, however long the chart")
    void ticks() {
        assertThat(PodChart.tickInterval(java.time.Duration.ofSeconds(5))).isEqualTo("1second");
        assertThat(PodChart.tickInterval(java.time.Duration.ofSeconds(90))).isEqualTo("10second");
        assertThat(PodChart.tickInterval(java.time.Duration.ofMinutes(20))).isEqualTo("2minute");
    }
}
