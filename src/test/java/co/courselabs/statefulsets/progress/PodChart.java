package co.courselabs.statefulsets.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Pods' lives as a picture: a Mermaid Gantt chart (GitHub draws it in Markdown files and job
 * summaries), one section per Pod, a bar per stage, followed by the same times as a table for
 * readers that do not draw Mermaid. Parallel creation shows as bars that start together; ordered
 * creation as a staircase.
 */
public final class PodChart {

    /** A stage of a Pod's life, with the Mermaid tag that colours its bar. */
    public enum Stage {
        PENDING("Pending", ""),
        STARTING("Running, not Ready", "active, "),
        READY("Ready", "done, "),
        TERMINATING("terminating", "crit, ");

        private final String text;
        private final String tag;

        Stage(String text, String tag) {
            this.text = text;
            this.tag = tag;
        }
    }

    /**
     * One Pod (one UID) as a watch saw it: when it was first seen (and whether that was its
     * creation), then when it was Running, Ready, terminating and gone; null for what did not happen.
     */
    public record Life(String label, Instant firstSeen, boolean createdInView, Instant running, Instant ready,
            Instant terminating, Instant gone) {

        /** The stages between the marks, each ending where the next begins, the last at {@code gone} or {@code end}. */
        List<Segment> segments(Instant end) {
            List<Mark> marks = Stream.of(new Mark(firstSeen, Stage.PENDING), new Mark(running, Stage.STARTING),
                            new Mark(ready, Stage.READY), new Mark(terminating, Stage.TERMINATING))
                    .filter(m -> m.at() != null)
                    .sorted(Comparator.comparing(Mark::at))
                    .toList();
            Instant last = gone != null ? gone : end;
            List<Segment> segments = new ArrayList<>();
            for (int i = 0; i < marks.size(); i++) {
                Instant stop = i + 1 < marks.size() ? marks.get(i + 1).at() : last;
                if (stop.isAfter(marks.get(i).at())) {
                    segments.add(new Segment(marks.get(i).stage(), marks.get(i).at(), stop));
                }
            }
            return segments;
        }
    }

    record Segment(Stage stage, Instant start, Instant end) {
    }

    private record Mark(Instant at, Stage stage) {
    }

    private PodChart() {
    }

    /** A fenced Mermaid block and a table; empty when there is no Pod to show. */
    public static String markdown(String title, List<Life> lives, Instant end) {
        if (lives.isEmpty()) {
            return "";
        }
        Instant origin = lives.stream().map(Life::firstSeen).min(Comparator.naturalOrder()).orElseThrow();
        StringBuilder md = new StringBuilder("```mermaid\ngantt\n")
                .append("    title ").append(plain(title)).append('\n')
                .append("    dateFormat x\n    axisFormat %H:%M:%S\n")
                .append("    tickInterval ").append(tickInterval(Duration.between(origin, end))).append('\n');
        for (Life life : lives) {
            md.append("    section ").append(plain(life.label())).append('\n');
            for (Segment segment : life.segments(end)) {
                md.append("    ").append(segment.stage().text).append(' ')
                        .append(Progress.seconds(Duration.between(segment.start(), segment.end())))
                        .append(" :").append(segment.stage().tag)
                        .append(segment.start().toEpochMilli()).append(", ").append(segment.end().toEpochMilli())
                        .append('\n');
            }
        }
        md.append("```\n\n| Pod | created | Running | Ready | terminating | gone |\n|---|---:|---:|---:|---:|---:|\n");
        for (Life life : lives) {
            md.append("| ").append(life.label())
                    .append(" | ").append(life.createdInView() ? since(origin, life.firstSeen()) : "before")
                    .append(" | ").append(sinceOrBefore(origin, life, life.running()))
                    .append(" | ").append(sinceOrBefore(origin, life, life.ready()))
                    .append(" | ").append(since(origin, life.terminating()))
                    .append(" | ").append(since(origin, life.gone())).append(" |\n");
        }
        return md.append("\nTimes are seconds after the first change the watch saw.\n").toString();
    }

    /** About ten ticks, on whole seconds: the axis shows seconds, so finer ticks would repeat labels. */
    static String tickInterval(Duration span) {
        long seconds = span.toSeconds();
        for (int step : new int[] {1, 2, 5, 10, 15, 30}) {
            if (seconds <= step * 12L) {
                return step + "second";
            }
        }
        return Math.max(1, seconds / 600) + "minute";
    }

    /** A Pod the watch found already Running or Ready got there before the watch began. */
    private static String sinceOrBefore(Instant origin, Life life, Instant at) {
        return !life.createdInView() && life.firstSeen().equals(at) ? "before" : since(origin, at);
    }

    private static String since(Instant origin, Instant at) {
        return at == null ? "–" : String.format(Locale.ROOT, "+%.1fs", Duration.between(origin, at).toMillis() / 1000.0);
    }

    /** Mermaid reads ':' and ';' as syntax and '#' as the start of an entity. */
    private static String plain(String text) {
        return Objects.requireNonNull(text).replaceAll("[:;#\\n]", " ").strip();
    }
}
