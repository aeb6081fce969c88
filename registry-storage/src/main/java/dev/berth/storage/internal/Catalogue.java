package dev.berth.storage.internal;

import dev.berth.api.RepositoryName;
import dev.berth.api.store.Catalog;
import dev.berth.api.store.Page;
import dev.berth.storage.driver.StoragePaths;
import dev.berth.storage.driver.WalkVisitor.Decision;
import dev.berth.storage.layout.Layout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The repositories: distribution's rule, a directory under {@code repositories/} holding
 * {@code _manifests} or {@code _layers} is a repository (names nest, so the walk goes on below
 * name directories and skips every {@code _} directory). Ordered as distribution orders them,
 * component by component ({@code a/b} before {@code a-b}), which is the order its walk finds
 * them in, so paging with {@code last} agrees between the two.
 */
public final class Catalogue implements Catalog {

    /** distribution's {@code lessPath}: a byte-wise comparison in which {@code /} sorts first. */
    static final Comparator<String> PATH_ORDER = (a, b) -> a.replace('/', '\0').compareTo(b.replace('/', '\0'));

    private final Storage storage;

    public Catalogue(Storage storage) {
        this.storage = storage;
    }

    @Override
    public Page<RepositoryName> list(String last, int n) {
        String root = Layout.repositories();
        List<RepositoryName> found = new ArrayList<>();
        storage.walk(root, entry -> {
            if (!entry.isDirectory()) {
                return Decision.CONTINUE;
            }
            String base = StoragePaths.baseName(entry.path());
            if (base.equals("_manifests") || base.equals("_layers")) {
                String repository = StoragePaths.parent(entry.path()).substring(root.length() + 1);
                if (RepositoryName.isValid(repository)
                        && (found.isEmpty() || !found.get(found.size() - 1).value().equals(repository))) {
                    found.add(RepositoryName.parse(repository));
                }
                return Decision.SKIP_DIRECTORY;
            }
            return base.startsWith("_") ? Decision.SKIP_DIRECTORY : Decision.CONTINUE;
        });
        List<RepositoryName> sorted = found.stream().distinct()
                .sorted(Comparator.comparing(RepositoryName::value, PATH_ORDER)).toList();
        return Pages.after(sorted, RepositoryName::value, last, n, PATH_ORDER);
    }
}
