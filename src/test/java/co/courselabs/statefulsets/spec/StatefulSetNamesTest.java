package co.courselabs.statefulsets.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StatefulSetNamesTest {

    @Test
    @DisplayName("Pods are <set>-<ordinal>; a claim template's PVCs are <template>-<set>-<ordinal>")
    void names() {
        assertThat(StatefulSetNames.pods("simple-proxy", 2)).containsExactly("simple-proxy-0", "simple-proxy-1");
        assertThat(StatefulSetNames.claim("data", "products-db", 1)).isEqualTo("data-products-db-1");
        assertThat(StatefulSetNames.isPod("simple-proxy-12", "simple-proxy")).isTrue();
        assertThat(StatefulSetNames.isPod("simple-proxy-646bc7f8df-z5q45", "simple-proxy")).as("a Deployment's Pod")
                .isFalse();
        assertThat("cache-simple-proxy-0").matches(StatefulSetNames.claimPattern("cache", "simple-proxy"))
                .matches(StatefulSetNames.claimPattern(null, "simple-proxy"));
        assertThat("data-products-db-0").doesNotMatch(StatefulSetNames.claimPattern(null, "simple-proxy"));
    }
}
