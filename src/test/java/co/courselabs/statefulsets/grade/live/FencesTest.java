package co.courselabs.statefulsets.grade.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FencesTest {

    @Test
    @DisplayName("a refusal by the fence's quota says whose quota it is; any other message is the cluster's alone")
    void quotaRefusalIsExplained() {
        String refused = "pods \"simple-proxy-0\" is forbidden: exceeded quota: grading-fence, requested:"
                + " requests.memory=500Gi, used: requests.memory=32Mi, limited: requests.memory=2Gi";
        assertThat(Fences.explained(refused)).startsWith(refused)
                .contains("the quota around a graded answer, which the grader's own Pod and Services share")
                .endsWith("so ask for less)");

        String other = "pods \"simple-proxy-0\" is forbidden: exceeded quota: compute-resources, requested: pods=1";
        assertThat(Fences.explained(other)).isEqualTo(other);
        assertThat(Fences.explained(null)).isNull();
    }
}
