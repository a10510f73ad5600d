# shellcheck shell=bash
# What a run of the suite may leave in the lab's namespace, one name per line (nothing: nothing left).
# The one definition, sourced by .ci/run and bench/*: lab-labelled objects (the DNS check's too),
# any PVC, Pods of the lab's workloads (an orphan has lost its label's owner), the run's Lease, and
# the namespaces answers were graded in (each labelled as the lab's).
leftovers() {
  kubectl get svc,cm,secret,statefulset,deployment,pod -l kubernetes.courselabs.co=statefulsets -o name 2>/dev/null
  kubectl get pvc -o name 2>/dev/null
  kubectl get pod -o name 2>/dev/null | grep -E 'pod/(simple-statefulset|products-db|simple-proxy|adminer-web|sleep|lab-dns-check)' || true
  kubectl get lease statefulsets-lab-tests -o name 2>/dev/null || true
  kubectl get namespace -l kubernetes.courselabs.co=statefulsets -o name 2>/dev/null
}
