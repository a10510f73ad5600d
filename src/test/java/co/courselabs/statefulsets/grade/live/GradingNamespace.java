package co.courselabs.statefulsets.grade.live;

import co.courselabs.statefulsets.grade.Answer;
import co.courselabs.statefulsets.grade.Exercise;
import co.courselabs.statefulsets.grade.Grade;
import co.courselabs.statefulsets.grade.Phase;
import co.courselabs.statefulsets.grade.answer.StartingPoint;
import co.courselabs.statefulsets.k8s.Kube;
import co.courselabs.statefulsets.lab.Lab;
import co.courselabs.statefulsets.lab.LabCleanup;
import co.courselabs.statefulsets.spec.ObjectRef;
import io.kubernetes.client.openapi.models.V1Pod;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * An answer's own namespace for its grading: named for the answer and the run, labelled as the
 * lab's and the run's, fenced ({@link Fences}) and given the exercise's starting point
 * ({@link StartingPoint}) before the answer is applied into it; then removed with everything in it.
 * Nothing of one answer is seen by another, and any number can be graded at once.
 */
public final class GradingNamespace implements AutoCloseable {

    /** On every grading namespace: which answer it holds (its name's slug). */
    static final String ANSWER_LABEL = "courselabs.co/answer";

    /** The lab in the answer's namespace. */
    private final Lab own;
    private final Kube kube;
    private final ObjectRef ref;
    private Fences fences;

    private GradingNamespace(Lab own, ObjectRef ref) {
        this.own = own;
        this.kube = own.kube();
        this.ref = ref;
    }

    /** Creates, fences and fills the namespace; waits until the site the proxy reads is up. */
    static GradingNamespace open(Lab lab, Answer answer) {
        return open(lab, answer, new Grade(answer.folder(), true));
    }

    /** As above, the time of each part counted to {@code grade}'s phases. */
    static GradingNamespace open(Lab lab, Answer answer, Grade grade) {
        String name = name(answer.name(), lab.runId());
        Map<String, String> labels = new HashMap<>(Fences.POD_SECURITY);
        labels.put(LabCleanup.LAB_LABEL_KEY, LabCleanup.LAB_LABEL_VALUE);
        labels.put(ANSWER_LABEL, slug(answer.name(), 63));
        java.time.Instant start = java.time.Instant.now();
        ObjectRef ref = lab.kube().createNamespace(name, labels);
        GradingNamespace space = new GradingNamespace(lab.inNamespace(name), ref);
        try {
            // the site is the grader's own: it starts while the fence goes up, and the fence is whole
            // before anything of the answer's is applied (the namespace's account first: no Pod is
            // admitted before the account it runs as exists)
            Fences.account(space.kube);
            grade.phase(Phase.NAMESPACE.id(), java.time.Duration.between(start, java.time.Instant.now()));
            grade.timed(Phase.STARTING_POINT.id(), () -> space.kube.applier().apply(StartingPoint.forNamespace(name)));
            Fences fences = grade.timed(Phase.NAMESPACE.id(), () -> Fences.raise(lab, space.kube));
            V1Pod site = grade.timed(Phase.STARTING_POINT.id(), () ->
                    space.kube.pods().awaitReady(Exercise.SITE + "-0"));
            space.fences = grade.timed(Phase.NAMESPACE.id(), () -> fences.probed(lab, space.kube,
                    site.getStatus().getPodIP()));
            return space;
        } catch (RuntimeException | Error e) {
            space.close();
            throw e;
        }
    }

    Kube kube() {
        return kube;
    }

    /** The lab in the answer's namespace. */
    Lab lab() {
        return own;
    }

    String name() {
        return ref.name();
    }

    Fences fences() {
        return fences;
    }

    /** Removes the namespace and everything in it without waiting; the run's cleanup waits for its end. */
    @Override
    public void close() {
        kube.deleter().dropNamespace();
    }

    /**
     * {@code grade-<answer>-<run>-<grading>}: a DNS-1123 label naming the answer and the run, unique
     * to the grading (the same folder graded twice in a run, or two folders of one name, never meet).
     */
    static String name(String answer, String runId) {
        return "grade-" + slug(answer, 40) + "-" + hash(runId, 6) + "-"
                + hash(UUID.randomUUID().toString(), 4);
    }

    /** Lower-case letters, digits and dashes, starting and ending with a letter or digit, at most {@code max} long. */
    public static String slug(String text, int max) {
        String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        slug = slug.length() > max ? slug.substring(0, max).replaceAll("-+$", "") : slug;
        return slug.isEmpty() ? "answer" : slug;
    }

    private static String hash(String text, int length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
