package co.courselabs.statefulsets.spec;

import java.util.Locale;

/** An object in the cluster, named as kubectl names it ({@code statefulset/products-db}). */
public record ObjectRef(ResourceKind kind, String namespace, String name) {

    @Override
    public String toString() {
        return kind.kind().toLowerCase(Locale.ROOT) + "/" + name;
    }
}
