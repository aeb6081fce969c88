package dev.berth.gc;

import java.util.List;

/** Listeners combined: each hears everything, in the order given. */
public final class GcListeners {

    private GcListeners() {
    }

    public static GcListener of(GcListener... listeners) {
        List<GcListener> all = List.of(listeners);
        return new GcListener() {
            @Override
            public void repositoryMarked(RepositoryMarking marking) {
                all.forEach(l -> l.repositoryMarked(marking));
            }

            @Override
            public void progress(GcProgress progress) {
                all.forEach(l -> l.progress(progress));
            }
        };
    }
}
