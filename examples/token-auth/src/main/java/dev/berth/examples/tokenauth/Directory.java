package dev.berth.examples.tokenauth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.berth.auth.BasicCredentials;
import dev.berth.auth.Scope;
import dev.berth.auth.endpoint.Authenticator;
import dev.berth.auth.endpoint.Authorizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Users, projects and roles, the way GitLab decides registry access: a project
 * {@code group/project} owns its image and every image below it
 * ({@code group/project/anything}); a guest gets nothing, a reporter pulls, a developer also
 * pushes, a maintainer also deletes; a public project can be pulled by anyone; an admin may
 * list the catalog.
 */
final class Directory implements Authenticator, Authorizer {

    /** A member's role in a project, and the registry actions it allows. */
    enum Role {
        GUEST(Set.of()),
        REPORTER(Set.of(Scope.PULL)),
        DEVELOPER(Set.of(Scope.PULL, Scope.PUSH)),
        MAINTAINER(Set.of(Scope.PULL, Scope.PUSH, Scope.DELETE));

        final Set<String> actions;

        Role(Set<String> actions) {
            this.actions = actions;
        }
    }

    /** A project, its visibility, and its members' roles. */
    record Project(String path, boolean publicProject, Map<String, Role> members) {
        Project {
            members = Map.copyOf(members);
        }

        boolean owns(String repository) {
            return repository.equals(path) || repository.startsWith(path + "/");
        }
    }

    private final Map<String, byte[]> passwordHashes = new HashMap<>();
    private final Set<String> admins;
    private final List<Project> projects;

    private Directory(Map<String, String> passwords, int bcryptCost, Set<String> admins, List<Project> projects) {
        // Stored as bcrypt hashes, as GitLab stores passwords; the plain text is dropped here.
        passwords.forEach((user, password) -> passwordHashes.put(user,
                BCrypt.withDefaults().hash(bcryptCost, password.getBytes(StandardCharsets.UTF_8))));
        this.admins = Set.copyOf(admins);
        this.projects = List.copyOf(projects);
    }

    /** The demo organisation the README describes; passwords hashed at {@code bcryptCost} (GitLab uses 10). */
    static Directory demo(int bcryptCost) {
        return new Directory(
                Map.of("root", "root-password", "alice", "alice-password", "bob", "bob-password"), bcryptCost,
                Set.of("root"),
                List.of(new Project("acme/web", false, Map.of("alice", Role.MAINTAINER, "bob", Role.DEVELOPER)),
                        new Project("acme/api", false, Map.of("alice", Role.DEVELOPER, "bob", Role.REPORTER)),
                        new Project("acme/tools", true, Map.of("alice", Role.MAINTAINER))));
    }

    @Override
    public Optional<String> authenticate(BasicCredentials credentials) {
        byte[] hash = passwordHashes.get(credentials.username());
        boolean ok = hash != null && BCrypt.verifyer()
                .verify(credentials.password().getBytes(StandardCharsets.UTF_8), hash).verified;
        return ok ? Optional.of(credentials.username()) : Optional.empty();
    }

    @Override
    public List<Scope> authorize(Optional<String> subject, List<Scope> requested) {
        List<Scope> granted = new ArrayList<>();
        for (Scope scope : requested) {
            if (scope.equals(Scope.catalog()) && subject.filter(admins::contains).isPresent()) {
                granted.add(scope);
            } else if (scope.type().equals("repository")) {
                granted.add(new Scope(scope.type(), scope.name(), actions(subject, scope.name())));
            }
        }
        return granted;
    }

    private Set<String> actions(Optional<String> subject, String repository) {
        for (Project project : projects) {
            if (project.owns(repository)) {
                if (subject.filter(admins::contains).isPresent()) {
                    return Role.MAINTAINER.actions;
                }
                Role role = subject.map(project.members()::get).orElse(null);
                if (role != null) {
                    return role.actions;
                }
                return project.publicProject() ? Role.REPORTER.actions : Set.of();
            }
        }
        return Set.of();
    }
}
