package co.courselabs.statefulsets.grade.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.CoreV1Event;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProxyStatefulSetTest {

    @Test
    @DisplayName("a FailedCreate the API calls passing (\"try again\") does not fail the grade; an invalid claim, or a"
            + " Pod of the answer's that the controller adopted and cannot update, does")
    void onlyLastingCreateFailuresCount() {
        assertThat(ProxyStatefulSet.isLastingFailure(failedCreate("create Pod simple-proxy-1 in StatefulSet simple-proxy"
                + " failed error: The POST operation against Pod could not be completed at this time, please try again.")))
                .isFalse();
        assertThat(ProxyStatefulSet.isLastingFailure(failedCreate("create Pod simple-proxy-0 in StatefulSet simple-proxy"
                + " failed error: failed to create PVC cache-simple-proxy-0: PersistentVolumeClaim"
                + " \"cache-simple-proxy-0\" is invalid: spec.resources[storage]: Required value")))
                .isTrue();
        assertThat(ProxyStatefulSet.isLastingFailure(new CoreV1Event().reason("FailedUpdate").message("update Pod"
                + " simple-proxy-0 in StatefulSet simple-proxy failed error: Pod \"simple-proxy-0\" is invalid: spec:"
                + " Forbidden: pod updates may not change fields other than `spec.containers[*].image`")))
                .isTrue();
        assertThat(ProxyStatefulSet.isLastingFailure(new CoreV1Event().reason("FailedUpdate").message("update Pod"
                + " simple-proxy-0 in StatefulSet simple-proxy failed error: Operation cannot be fulfilled on pods"
                + " \"simple-proxy-0\": the object has been modified; please apply your changes to the latest version"
                + " and try again")))
                .isFalse();
        assertThat(ProxyStatefulSet.isLastingFailure(new CoreV1Event().reason("SuccessfulCreate").message("create Pod")))
                .isFalse();
    }

    private static CoreV1Event failedCreate(String message) {
        return new CoreV1Event().reason("FailedCreate").message(message);
    }
}
