package co.courselabs.statefulsets.grade.answer;

import co.courselabs.statefulsets.grade.Finding;
import co.courselabs.statefulsets.spec.SpecDocument;
import co.courselabs.statefulsets.spec.SpecDocument.Values;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The safety gate's rules for a Pod template (a Pod's, a StatefulSet's, a Deployment's): Kubernetes'
 * "baseline" Pod Security Standard, enforced here before anything reaches a cluster that may not
 * enforce it (1.20 has no Pod Security Admission), plus what lets a Pod act with rights other than
 * its own: another ServiceAccount, a priority class, Secrets and volumes that are not the answer's.
 */
public final class PodSecurity {

    /** What an nginx proxy may need beyond a container's defaults (binding port 80, dropping to its user). */
    static final Set<String> ALLOWED_CAPABILITIES = Set.of("NET_BIND_SERVICE", "CHOWN", "SETUID", "SETGID");
    /** The volume types the exercise can use; hostPath has its own message. */
    static final Set<String> ALLOWED_VOLUMES = Set.of("configMap", "secret", "emptyDir", "persistentVolumeClaim",
            "projected", "downwardAPI");
    private static final Set<String> SELINUX_TYPES = Set.of("container_t", "container_init_t", "container_kvm_t");
    private static final List<String> CONTAINER_LISTS = List.of("initContainers", "containers", "ephemeralContainers");
    /** Projected sources that the cluster fills with a credential of the Pod's. */
    private static final List<String> CREDENTIAL_SOURCES = List.of("serviceAccountToken", "clusterTrustBundle",
            "podCertificate");

    /** The answer's own Secrets and PVCs: the only ones its Pods may use. */
    record Owned(Set<String> secrets, Set<String> claims) {
    }

    private final SpecDocument document;
    private final Object[] spec;
    private final Owned owned;
    private final List<Finding> refusals;

    private PodSecurity(SpecDocument document, Object[] spec, Owned owned, List<Finding> refusals) {
        this.document = document;
        this.spec = spec;
        this.owned = owned;
        this.refusals = refusals;
    }

    /** Adds a refusal for everything the Pod template at {@code spec} may not do. */
    static void check(SpecDocument document, Object[] spec, Object[] annotations, Owned owned, List<Finding> refusals) {
        PodSecurity pod = new PodSecurity(document, spec, owned, refusals);
        pod.checkPodLevel();
        pod.checkAnnotations(annotations);
        pod.checkVolumes();
        for (String list : CONTAINER_LISTS) {
            List<Object> containers = Values.list(document.content(), pod.at(list));
            for (int i = 0; i < containers.size(); i++) {
                pod.checkContainer(containers.get(i), pod.at(list, i));
            }
        }
    }

    private void checkPodLevel() {
        Map<String, Object> podSpec = Values.map(document.content(), spec);
        for (String hostAccess : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (isTrue(podSpec.get(hostAccess))) {
                refuse(document.ref() + " sets " + hostAccess + ": true, which gives its Pods the node's "
                        + hostAccess.substring(4) + "; the exercise needs no access to the node", at(hostAccess));
            }
        }
        for (String field : List.of("serviceAccountName", "serviceAccount")) {
            Object account = podSpec.get(field);
            if (account != null && !"default".equals(account)) {
                refuse(document.ref() + " runs its Pods as ServiceAccount " + account + ": the grader runs every answer"
                        + " as the namespace's default account, which has no rights (another one may); leave " + field
                        + " out", at(field));
            }
        }
        forbid(podSpec, "priorityClassName", "a priority class lets its Pods push other people's Pods off the node");
        forbid(podSpec, "runtimeClassName", "a runtime class picks another container runtime than the cluster's own");
        forbid(podSpec, "nodeName", "it places the Pods on a node itself, past the scheduler's checks");
        // where the Pods go is the grader's to say: a toleration or an affinity reaches nodes kept for other work
        for (String placement : List.of("nodeSelector", "affinity", "tolerations", "topologySpreadConstraints",
                "schedulerName")) {
            forbid(podSpec, placement, "where the Pods run is the grader's to choose (a node kept for other work, such as"
                    + " a control plane, is not the exercise's)");
        }
        // the names the proxy looks up are the cluster's: these point simple-statefulset somewhere else
        forbid(podSpec, "hostAliases", "it writes the Pods' /etc/hosts, so a name such as simple-statefulset could"
                + " lead to an address of the answer's choosing");
        forbid(podSpec, "dnsConfig", "it changes the Pods' name servers and searches, so a name such as"
                + " simple-statefulset could lead to an address of the answer's choosing");
        Object dnsPolicy = podSpec.get("dnsPolicy");
        if (dnsPolicy != null && !"ClusterFirst".equals(dnsPolicy)) {
            forbid(podSpec, "dnsPolicy", "the proxy finds the site through the cluster's DNS (ClusterFirst, the default)");
        }
        if (isTrue(podSpec.get("automountServiceAccountToken"))) {
            forbid(podSpec, "automountServiceAccountToken", "it mounts an API token into the Pods, which the exercise"
                    + " never uses");
        }
        List<Object> pullSecrets = Values.list(podSpec, "imagePullSecrets");
        for (int i = 0; i < pullSecrets.size(); i++) {
            requireOwnSecret(Values.at(pullSecrets.get(i), "name"), "pulls images with", at("imagePullSecrets", i));
        }
        if (!Values.list(podSpec, "securityContext", "sysctls").isEmpty()) {
            refuse(document.ref() + " sets kernel parameters (securityContext.sysctls): the exercise changes nothing in"
                    + " the node's kernel", at("securityContext", "sysctls"));
        }
        checkSecurityContext("its Pods", at("securityContext"));
    }

    private void forbid(Map<String, Object> podSpec, String field, String why) {
        Object value = podSpec.get(field);
        if (value != null) {
            String shown = value instanceof Map<?, ?> || value instanceof List<?> ? "" : " " + value;
            refuse(document.ref() + " sets " + field + shown + ": " + why + "; leave it out", at(field));
        }
    }

    /** seccomp, AppArmor, SELinux and Windows host processes, at Pod or container level ({@code who}: for whom). */
    private void checkSecurityContext(String who, Object[] context) {
        for (String profile : List.of("seccompProfile", "appArmorProfile")) {
            Object[] type = append(context, profile, "type");
            if ("Unconfined".equalsIgnoreCase(String.valueOf(Values.at(document.content(), type)))) {
                refuse(document.ref() + " sets " + profile + " Unconfined for " + who + ", lifting the filter that"
                        + " keeps containers from the kernel's riskier calls; leave " + profile + " out", type);
            }
        }
        if ("Unmasked".equalsIgnoreCase(String.valueOf(Values.at(document.content(), append(context, "procMount"))))) {
            refuse(document.ref() + " sets procMount: Unmasked for " + who + ", which shows the node's /proc; leave it"
                    + " out", append(context, "procMount"));
        }
        Map<String, Object> selinux = Values.map(document.content(), append(context, "seLinuxOptions"));
        Object type = selinux.get("type");
        if (selinux.containsKey("user") || selinux.containsKey("role") || type != null && !SELINUX_TYPES.contains(type)) {
            refuse(document.ref() + " sets SELinux options of its own (seLinuxOptions) for " + who + ": leave them out",
                    append(context, "seLinuxOptions"));
        }
        if (isTrue(Values.at(document.content(), append(context, "windowsOptions", "hostProcess")))) {
            refuse(document.ref() + " asks for a Windows host process for " + who + ": leave windowsOptions out",
                    append(context, "windowsOptions", "hostProcess"));
        }
    }

    /** The annotations that did, before the securityContext fields, what checkSecurityContext refuses. */
    private void checkAnnotations(Object[] annotations) {
        Values.map(document.content(), annotations).forEach((key, value) -> {
            boolean profile = key.startsWith("seccomp.security.alpha.kubernetes.io/")
                    || key.startsWith("container.seccomp.security.alpha.kubernetes.io/")
                    || key.startsWith("container.apparmor.security.beta.kubernetes.io/");
            if (profile && "unconfined".equalsIgnoreCase(String.valueOf(value))) {
                refuse(document.ref() + " annotates " + key + ": unconfined, which lifts the container's seccomp or"
                        + " AppArmor profile; leave the annotation out", append(annotations, key));
            }
        });
    }

    private void checkVolumes() {
        List<Object> volumes = Values.list(document.content(), at("volumes"));
        for (int i = 0; i < volumes.size(); i++) {
            Map<String, Object> volume = Values.map(volumes.get(i));
            Object name = volume.get("name");
            for (String type : volume.keySet()) {
                if (type.equals("name")) {
                    continue;
                }
                if (type.equals("hostPath")) {
                    refuse(document.ref() + " mounts a hostPath volume (" + name + "): a directory of the node, not"
                            + " allowed here; the cache belongs in a PVC from volumeClaimTemplates", at("volumes", i,
                            "hostPath"));
                } else if (!ALLOWED_VOLUMES.contains(type)) {
                    refuse(document.ref() + " has a " + type + " volume (" + name + "): the exercise needs only"
                            + " configMap, emptyDir and claims from volumeClaimTemplates", at("volumes", i, type));
                }
            }
            requireOwnSecret(Values.at(volume, "secret", "secretName"), "mounts", at("volumes", i, "secret"));
            Object claim = Values.at(volume, "persistentVolumeClaim", "claimName");
            if (claim != null && !owned.claims().contains(String.valueOf(claim))) {
                refuse(document.ref() + " mounts PVC " + claim + ", which the answer does not define: somebody else's"
                        + " data; give each Pod its own from volumeClaimTemplates", at("volumes", i,
                        "persistentVolumeClaim"));
            }
            List<Object> sources = Values.list(volume, "projected", "sources");
            for (int s = 0; s < sources.size(); s++) {
                requireOwnSecret(Values.at(sources.get(s), "secret", "name"), "mounts",
                        at("volumes", i, "projected", "sources", s));
                for (String credential : CREDENTIAL_SOURCES) {
                    if (Values.at(sources.get(s), credential) != null) {
                        refuse(document.ref() + " mounts a " + credential + " in volume " + name + ": a credential the"
                                + " cluster issues (a token for any audience, a trust bundle, a certificate) that the"
                                + " exercise never uses; leave it out", at("volumes", i, "projected", "sources", s,
                                credential));
                    }
                }
            }
        }
    }

    private void checkContainer(Object container, Object[] at) {
        String who = "container " + Values.at(container, "name");
        if (isTrue(Values.at(container, "securityContext", "privileged"))) {
            refuse(who + " of " + document.ref() + " is privileged (securityContext.privileged: true): not allowed",
                    append(at, "securityContext", "privileged"));
        }
        for (Object capability : Values.list(container, "securityContext", "capabilities", "add")) {
            String name = String.valueOf(capability).toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "");
            if (!ALLOWED_CAPABILITIES.contains(name)) {
                refuse(who + " of " + document.ref() + " adds capability " + capability + ": a proxy needs none beyond "
                        + String.join(", ", ALLOWED_CAPABILITIES.stream().sorted().toList()),
                        append(at, "securityContext", "capabilities", "add"));
            }
        }
        checkSecurityContext(who, append(at, "securityContext"));
        List<Object> ports = Values.list(container, "ports");
        for (int p = 0; p < ports.size(); p++) {
            if (Values.at(ports.get(p), "hostPort") != null) {
                refuse(who + " of " + document.ref() + " uses hostPort " + Values.at(ports.get(p), "hostPort")
                        + " (a port of the node): use a Service instead", append(at, "ports", p, "hostPort"));
            }
        }
        List<Object> env = Values.list(container, "env");
        for (int e = 0; e < env.size(); e++) {
            requireOwnSecret(Values.at(env.get(e), "valueFrom", "secretKeyRef", "name"), "reads",
                    append(at, "env", e, "valueFrom"));
        }
        List<Object> envFrom = Values.list(container, "envFrom");
        for (int e = 0; e < envFrom.size(); e++) {
            requireOwnSecret(Values.at(envFrom.get(e), "secretRef", "name"), "reads", append(at, "envFrom", e));
        }
    }

    /** A Secret the Pods use must be one of the answer's own: another is somebody else's (a token, a password). */
    private void requireOwnSecret(Object secret, String verb, Object[] at) {
        if (secret != null && !owned.secrets().contains(String.valueOf(secret))) {
            refuse(document.ref() + " " + verb + " Secret " + secret + ", which the answer does not define: a Secret"
                    + " that is not the answer's own is somebody else's", at);
        }
    }

    private void refuse(String message, Object[] at) {
        refusals.add(Finding.at(document, message, at));
    }

    private Object[] at(Object... more) {
        return append(spec, more);
    }

    static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(String.valueOf(value));
    }

    public static Object[] append(Object[] path, Object... more) {
        Object[] all = Arrays.copyOf(path, path.length + more.length);
        System.arraycopy(more, 0, all, path.length, more.length);
        return all;
    }
}
