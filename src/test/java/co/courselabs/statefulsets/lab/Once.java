package co.courselabs.statefulsets.lab;

import java.util.function.Supplier;

/**
 * A value made once per run and shared by every scenario that needs it; a failure to make it is
 * remembered too, so that the second scenario fails at once with the first one's cause.
 */
final class Once<T> {

    private T value;
    private RuntimeException failure;
    private Error error;

    synchronized T get(Supplier<T> maker) {
        if (value == null && failure == null && error == null) {
            try {
                value = maker.get();
            } catch (RuntimeException e) {
                failure = e;
            } catch (Error e) {
                error = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
        if (error != null) {
            throw error;
        }
        return value;
    }

    synchronized boolean isMade() {
        return value != null;
    }
}
