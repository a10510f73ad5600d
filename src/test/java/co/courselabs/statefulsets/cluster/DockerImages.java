package co.courselabs.statefulsets.cluster;

import co.courselabs.statefulsets.k8s.RegistryErrors;
import co.courselabs.statefulsets.progress.Progress;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import com.google.gson.JsonParser;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.testcontainers.utility.DockerImageName;

/**
 * The images a k3s run needs, in Docker before anything is started: found locally, else pulled
 * once within a bound. Left to Testcontainers, an image Docker cannot pull is retried with
 * back-off for minutes, a stack trace each time, before the run fails without saying why; here it
 * fails in seconds with one sentence: which image, Docker's reason, and what to do.
 */
final class DockerImages {

    /** An image the run needs, what it is for, and how to do without it when it cannot be had. */
    record Needed(String image, String role, String instead) {
    }

    /** What the check needs of Docker: is the image here, and pull it (throwing Docker's error). */
    interface Docker {
        boolean has(String image);

        /** Pulls the image; false when it did not finish within {@code bound}. */
        boolean pull(String image, Duration bound) throws Exception;
    }

    /**
     * The images Testcontainers 2.0.5 starts on its own: Ryuk (RyukContainer) and the start-up
     * checks' (DockerClientFactory). Its configuration does not say them; DockerImagesTest reads
     * them from its classes, so an upgrade that changes them fails there.
     */
    static final String RYUK = "testcontainers/ryuk:0.14.0";
    static final String CHECKS = "alpine:3.17";

    private static final Pattern RESPONSE_PREFIX = Pattern.compile("^(Get|Head|Post) \"[^\"]*\": ");

    private DockerImages() {
    }

    /** Testcontainers' own images (Ryuk, the start-up checks' image) unless switched off, then k3s. */
    static List<Needed> needed(String k3s, String ryuk, boolean ryukDisabled, String checksImage,
            boolean checksDisabled) {
        List<Needed> needed = new ArrayList<>();
        if (!ryukDisabled) {
            needed.add(new Needed(ryuk, "Testcontainers' Ryuk, which removes the containers of a run killed hard",
                    "set TESTCONTAINERS_RYUK_DISABLED=true"));
        }
        if (!checksDisabled) {
            needed.add(new Needed(checksImage, "Testcontainers' start-up checks",
                    "set TESTCONTAINERS_CHECKS_DISABLE=true"));
        }
        needed.add(new Needed(k3s, "k3s, the cluster itself",
                "name an image Docker has or can pull with -Dlab.k3s.image"));
        return needed;
    }

    /** An image Docker neither has nor could pull, why, and how to do without it. */
    record Missing(String image, String role, String failure, String instead) {
    }

    /** The needed images that Docker neither has nor can pull within {@code bound}, each pulled once. */
    static List<Missing> missing(Docker docker, List<Needed> needed, Duration bound) {
        List<Missing> missing = new ArrayList<>();
        for (Needed image : needed) {
            if (docker.has(image.image())) {
                continue;
            }
            Instant start = Instant.now();
            Progress.say("pulling " + image.image() + " for " + image.role() + " (up to " + bound.toSeconds() + "s)");
            String failure;
            try {
                failure = docker.pull(image.image(), bound) ? null : "it did not finish within " + bound.toSeconds() + "s";
            } catch (Exception e) {
                failure = reason(e);
            }
            Progress.record("pull " + image.image(), "step", start, failure == null);
            if (failure != null) {
                missing.add(new Missing(image.image(), image.role(), failure, image.instead()));
            }
        }
        return missing;
    }

    /** One sentence for what is missing: each image with Docker's reason, then what to do instead. */
    static String sentence(List<Missing> missing) {
        return "Docker cannot pull " + String.join("; nor ", missing.stream()
                .map(m -> m.image() + " (" + m.role() + "): " + m.failure()).toList())
                + ". To go on: " + String.join(", ", missing.stream().map(Missing::instead).toList())
                + "; or pull through a mirror of Docker Hub with TESTCONTAINERS_HUB_IMAGE_NAME_PREFIX=your.mirror/;"
                + " or run against a cluster you have with -Dlab.cluster=kubeconfig.";
    }

    /** Docker's reason in a few words, then its own words, without the JSON and the URL around them. */
    static String reason(Throwable e) {
        String text = String.valueOf(e.getMessage()).strip();
        int json = text.indexOf('{');
        if (json >= 0) {
            try {
                text = JsonParser.parseString(text.substring(json)).getAsJsonObject().get("message").getAsString();
            } catch (RuntimeException notJson) {
                // keep the text as it came
            }
        }
        text = RESPONSE_PREFIX.matcher(text.replaceFirst("^Error response from daemon: ", "")).replaceFirst("");
        if (text.length() > 200) {
            text = text.substring(0, 200) + "…";
        }
        String gist = e instanceof NotFoundException ? "no such image" : RegistryErrors.gist(text);
        return gist == null ? text : gist + " (" + text + ")";
    }

    /** The real thing: Docker through Testcontainers' own client settings, without starting Ryuk. */
    static Docker of(DockerClient client) {
        return new Docker() {
            @Override
            public boolean has(String image) {
                try {
                    client.inspectImageCmd(image).exec();
                    return true;
                } catch (NotFoundException e) {
                    return false;
                }
            }

            @Override
            public boolean pull(String image, Duration bound) throws Exception {
                DockerImageName name = DockerImageName.parse(image);
                try (Pull pull = client.pullImageCmd(name.getUnversionedPart()).withTag(name.getVersionPart())
                        .exec(new Pull())) {
                    return pull.awaitCompletion(bound);
                }
            }
        };
    }

    /**
     * A pull's progress, keeping Docker's error for the sentence: docker-java's own callback would
     * log it with a stack trace first.
     */
    private static final class Pull implements ResultCallback<PullResponseItem> {

        private final CountDownLatch done = new CountDownLatch(1);
        private volatile Throwable error;
        private volatile Closeable stream;

        @Override
        public void onStart(Closeable closeable) {
            stream = closeable;
        }

        @Override
        public void onNext(PullResponseItem item) {
            if (item.getErrorDetail() != null && error == null) {
                error = new IllegalStateException(item.getErrorDetail().getMessage());
            }
        }

        @Override
        public void onError(Throwable throwable) {
            error = throwable;
            done.countDown();
        }

        @Override
        public void onComplete() {
            done.countDown();
        }

        boolean awaitCompletion(Duration bound) throws Exception {
            boolean finished = done.await(bound.toMillis(), TimeUnit.MILLISECONDS);
            if (error instanceof Exception e) {
                throw e;
            }
            if (error != null) {
                throw new IllegalStateException(error);
            }
            return finished;
        }

        @Override
        public void close() throws IOException {
            if (stream != null) {
                stream.close();
            }
        }
    }
}
