package co.courselabs.statefulsets.k8s;

import co.courselabs.statefulsets.spec.ObjectRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one record of what the run created, in the order it was created (Strimzi's resource
 * manager): the applier pushes, the cleanup takes newest first, and whatever else wants to know
 * (diagnostics) only reads. An object applied again moves to the top: it is newest now.
 */
public final class CreatedObjects {

    private final Set<ObjectRef> created = new LinkedHashSet<>();
    private final List<ObjectRef> history = new ArrayList<>();

    synchronized void push(ObjectRef ref) {
        created.remove(ref);
        created.add(ref);
        history.add(ref);
    }

    /** Every push of the run, in order, including what has been taken off since: what was ever applied. */
    public synchronized List<ObjectRef> history() {
        return List.copyOf(history);
    }

    /** Everything created so far, oldest first. */
    public synchronized List<ObjectRef> all() {
        return new ArrayList<>(created);
    }

    /** Takes {@code refs} off the record, newest first: the order to delete them in. */
    public synchronized List<ObjectRef> take(Collection<ObjectRef> refs) {
        List<ObjectRef> newestFirst = new ArrayList<>(created);
        newestFirst.retainAll(refs);
        Collections.reverse(newestFirst);
        created.removeAll(refs);
        return newestFirst;
    }

    /** Takes everything off the record, newest first. */
    public synchronized List<ObjectRef> takeAll() {
        return take(all());
    }
}
