#!/usr/bin/env python3
"""Classroom 50 autograder for the Kubernetes Course Labs StatefulSets exercise.

Drop this file into the assignment's folder of your Classroom 50 configuration repository
(<classroom>/<assignment>/autograder.py). Classroom 50's runner executes it in the student's checkout
with the submission's identity in the environment (CLASSROOM, ASSIGNMENT, SUBMISSION_TAG, USERNAME,
MODE, COMMIT_URL, RELEASE_URL, REVIEW_URL, ...). It grades the checkout's solution/ folder with the
StatefulSets lab grader on a throwaway k3s cluster (Docker on the runner) and writes, in the working
directory:
  result.json      valid against classroom50/result/v1: one test per criterion, `datetime` the graded
                   commit's committer date, `graded_at` now
  release-body.md  the submission's release notes, where students look: the score, what to fix on
                   which file and line, and how their Pods started
A grade that could not be made (no Docker, a registry that refused the lab's images) is not a zero:
this script says why in one sentence and exits 1 without writing a score, so the runner records an
error and the student can submit again.

Settings (environment; the Python 3 standard library is all it needs):
  GRADER_DIR       a checkout of the grader to use (tests, a self-hosted runner); otherwise the pinned
                   release below is fetched and checked against its SHA-256
  GRADER_OPTIONS   the grader action's `options` (e.g. "-Dlab.cluster=kubeconfig -Dlab.kubeconfig=PATH")
  GRADER_MODE      live (default: on a cluster) or static (the YAML alone, in seconds)
  GRADER_FOLDER    the answer's folder in the checkout (default: solution)
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.request

# The grader release this assignment grades with: a full commit SHA of
# https://github.com/courselabs/statefulsets-lab-tests and the SHA-256 of its source tarball
# (curl -sL https://github.com/OWNER/REPO/archive/SHA.tar.gz | sha256sum). A SHA names that code and no
# other; a tag can be moved. Left empty, GRADER_DIR must name a checkout.
GRADER_REPOSITORY = "courselabs/statefulsets-lab-tests"
GRADER_COMMIT = ""
GRADER_TARBALL_SHA256 = ""

IDENTITY = ("CLASSROOM", "ASSIGNMENT", "SUBMISSION_TAG", "USERNAME", "RELEASE_URL")
RESULT = "result.json"
RELEASE_BODY = "release-body.md"
MAX_TARBALL_BYTES = 20 * 1024 * 1024


class NoGrade(Exception):
    """No grade could be made, through no fault of the answer: said in one sentence."""


def grader_dir(runtime: pathlib.Path) -> pathlib.Path:
    given = os.environ.get("GRADER_DIR", "").strip()
    if given:
        path = pathlib.Path(given).resolve()
        if not (path / "grader" / "grade").is_file():
            raise NoGrade(f"GRADER_DIR ({given}) is not a checkout of the grader: it has no grader/grade")
        return path
    if not (GRADER_COMMIT and GRADER_TARBALL_SHA256):
        raise NoGrade("this autograder.py pins no grader release (GRADER_COMMIT and GRADER_TARBALL_SHA256 are empty)"
                      " and GRADER_DIR is not set: the teacher must set one of them")
    url = f"https://github.com/{GRADER_REPOSITORY}/archive/{GRADER_COMMIT}.tar.gz"
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            tarball = response.read(MAX_TARBALL_BYTES + 1)
    except OSError as exc:
        raise NoGrade(f"the grader release could not be fetched from {url}: {exc}") from exc
    if len(tarball) > MAX_TARBALL_BYTES or hashlib.sha256(tarball).hexdigest() != GRADER_TARBALL_SHA256:
        raise NoGrade(f"the grader fetched from {url} is not the pinned release (its SHA-256 differs)")
    target = runtime / "grader"
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        archive.extractall(target, filter="data")
    roots = [p for p in target.iterdir() if p.is_dir()]
    if len(roots) != 1:
        raise NoGrade("the grader release does not unpack to one folder")
    return roots[0]


# What the grader reads of the runner's environment, and nothing more: the process it starts applies
# a stranger's YAML, so the runner's tokens (GITHUB_TOKEN, ACTIONS_*, a bundle's secrets) stay here.
PASSED_ON = frozenset((
    "PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TZ", "TMPDIR", "JAVA_HOME",
    "MAVEN_OPTS", "MAVEN_USER_HOME", "DOCKER_HOST", "DOCKER_CONFIG", "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY",
    "KUBECONFIG", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy",
    "CI", "GITHUB_ACTIONS", "GITHUB_JOB", "GITHUB_RUN_ATTEMPT", "GITHUB_SHA", "GITHUB_REPOSITORY",
    "GITHUB_SERVER_URL", "RUNNER_TEMP", "RUNNER_OS", "RUNNER_ARCH",
    # the submission's identity, for result.json
    "CLASSROOM", "ASSIGNMENT", "SUBMISSION_TAG", "USERNAME", "OWNER", "RELEASE_URL", "COMMIT_URL", "REVIEW_URL", "MODE",
))
PASSED_ON_PREFIXES = ("LC_", "TESTCONTAINERS_", "JAVA_HOME_")


def grader_environment(environ) -> dict:
    """The runner's environment as far as the grader needs it: its tools, Docker, proxies, the identity."""
    return {name: value for name, value in environ.items()
            if name in PASSED_ON or name.startswith(PASSED_ON_PREFIXES)}


def grade(grader: pathlib.Path, workspace: pathlib.Path, runtime: pathlib.Path) -> pathlib.Path:
    """Runs the grader action's entry point as the action would; returns its report folder."""
    outputs = runtime / "outputs.env"
    env = grader_environment(os.environ)
    # the runner's own $GITHUB_OUTPUT and summary are not the grader's to write: it reads status and
    # summary from them, and mirrors release-body.md to the summary itself
    env.update({
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_ACTION_PATH": str(grader),
        "GITHUB_OUTPUT": str(outputs),
        "LAB_FOLDER": os.environ.get("GRADER_FOLDER", "solution").strip() or "solution",
        "LAB_OPTIONS": os.environ.get("GRADER_OPTIONS", ""),
        "LAB_MODE": os.environ.get("GRADER_MODE", "live").strip() or "live",
        "LAB_ARTIFACT_NAME": "",
    })
    subprocess.run([str(grader / "grader" / "grade")], cwd=str(workspace), env=env, check=False)
    return workspace / "lab-report"


def main() -> int:
    workspace = pathlib.Path.cwd()
    for stale in (RESULT, RELEASE_BODY):
        (workspace / stale).unlink(missing_ok=True)
    missing = [name for name in IDENTITY if not os.environ.get(name, "").strip()]
    if missing:
        print(f"autograder: Classroom 50's runner gives {', '.join(missing)}, and this run has none: run it as the"
              " assignment's autograder.py", file=sys.stderr)
        return 1
    runtime = pathlib.Path(tempfile.mkdtemp(prefix="statefulsets-grader-", dir=os.environ.get("RUNNER_TEMP")))
    try:
        report = grade(grader_dir(runtime), workspace, runtime)
        try:
            record = json.loads((report / "grade.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise NoGrade(f"the grader stopped before writing a grade ({exc}); its log above says why") from exc
        if record.get("status") == "error":
            raise NoGrade(f"no grade could be made, through no fault of the answer: {record.get('error')}")
        if not (report / RESULT).is_file():
            raise NoGrade("the grader wrote no result.json: Classroom 50's identity (CLASSROOM, ASSIGNMENT,"
                          " SUBMISSION_TAG, USERNAME, COMMIT_URL, RELEASE_URL) or the graded commit's date is missing")
        shutil.copyfile(report / RESULT, workspace / RESULT)
        shutil.copyfile(report / "summary.md", workspace / RELEASE_BODY)
        print(f"autograder: {record.get('score')}/{record.get('maxScore')} ({record.get('status')})")
        return 0
    except NoGrade as reason:
        (workspace / RESULT).unlink(missing_ok=True)
        print(f"autograder: {reason}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(runtime, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
