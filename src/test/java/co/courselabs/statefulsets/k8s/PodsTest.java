package co.courselabs.statefulsets.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PodsTest {

    @Test
    @DisplayName("what a container prints back (an exec's output) is read up to a limit, the rest dropped")
    void readBackIsCapped() {
        byte[] flood = new byte[4 * Pods.READ_LIMIT + 123];
        ByteArrayInputStream stream = new ByteArrayInputStream(flood);
        assertThat(Pods.readAll(stream)).hasSize(Pods.READ_LIMIT);
        assertThat(stream.available()).as("bytes left unread (the process must be able to end)").isZero();
        assertThat(Pods.readAll(new ByteArrayInputStream("3\n".getBytes()))).containsExactly('3', '\n');
    }
}
