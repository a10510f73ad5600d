package co.courselabs.statefulsets.grade;

/**
 * The exercise's own names, as the lab's text gives them: what a student's answer must hold and what
 * the grader deploys beside it. Everything in grade/ that names them reads them here.
 */
public final class Exercise {

    /** The proxy: the Deployment the exercise starts from, and the StatefulSet it becomes. */
    public static final String PROXY = "simple-proxy";
    /** Where the proxy keeps its cache: the mount each Pod's own claim must back. */
    public static final String CACHE_PATH = "/cache";
    /** The proxy's Service, through which It works is browsed. */
    public static final String PROXY_SERVICE = "simple-proxy-np";
    /** The lab's nginx configuration for the proxy. */
    public static final String PROXY_CONFIG_MAP = "simple-proxy-configmap";
    /** The site the proxy serves from its cache: the lab's first StatefulSet. */
    public static final String SITE = "simple-statefulset";

    private Exercise() {
    }
}
