#!/usr/bin/env python3
"""Classroom 50 autograder for the Kubernetes Course Labs StatefulSets exercise.

This file is one of a per-assignment bundle, made by make-bundle beside it and published as
CLASSROOM/autograders/ASSIGNMENT/ in the Classroom 50 configuration repository:
  autograder.py    this file: Classroom 50's runner executes it in the student's checkout
  settings.json    the teacher's settings: mode (live or static), options (the grader action's
                   -Dlab.* options, a list), folder (the answer's folder, default solution), rubric
                   (a rubric file of the bundle's, e.g. rubric.yaml beside settings.json: the default
                   rubric when left out)
  grader/          the grader's own files at the commit make-bundle was run on (grader/COMMIT)
The runner extracts the bundle where CLASSROOM50_BUNDLE_DIR says (else this file's folder is the
bundle) and runs this file with the submission's identity in the environment (CLASSROOM, ASSIGNMENT,
SUBMISSION_TAG, USERNAME, OWNER, ASSIGNMENT_TYPE, COMMIT_URL, RELEASE_URL, REVIEW_URL, ...). Those
variables and the bundle are all it reads: no setting comes from elsewhere.

It grades the checkout's answer with the StatefulSets lab grader (live: on a throwaway k3s in the
runner's Docker; static: the YAML alone) and writes, in the working directory:
  result.json      valid against classroom50/result/v1: one test per criterion, `datetime` the graded
                   commit's committer date, `graded_at` now
  release-body.md  the submission's release notes, where students look: the score, what to fix on
                   which file and line, and how their Pods started
Java: JDK 17 from the runner image's JAVA_HOME_17_X64 when it is set (GitHub's images keep one there
while their default Java moves on), else the runner's own; it says which it uses. A grade that could
not be made (no Docker, a registry that refused the lab's images) is not a zero: this script says why
in one sentence and exits 1 without writing a score, so the runner records an error and the student
can submit again. The Python 3 standard library is all it needs.
"""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

IDENTITY = ("CLASSROOM", "ASSIGNMENT", "SUBMISSION_TAG", "USERNAME", "RELEASE_URL")
RESULT = "result.json"
RELEASE_BODY = "release-body.md"
SETTINGS = "settings.json"
MODES = ("live", "static")


class NoGrade(Exception):
    """No grade could be made, through no fault of the answer: said in one sentence."""


def bundle_dir() -> pathlib.Path:
    """Where the runner extracted this assignment's bundle; this file's own folder when it does not say."""
    given = os.environ.get("CLASSROOM50_BUNDLE_DIR", "").strip()
    return pathlib.Path(given).resolve() if given else pathlib.Path(__file__).resolve().parent


def read_settings(bundle: pathlib.Path) -> dict:
    """The teacher's settings.json, checked: a setting that cannot be used is the teacher's to fix, said so."""
    path = bundle / SETTINGS
    try:
        settings = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (OSError, ValueError) as exc:
        raise NoGrade(f"the bundle's {SETTINGS} cannot be read ({exc}): the teacher must fix it") from exc
    if not isinstance(settings, dict) or set(settings) - {"mode", "options", "folder", "rubric"}:
        raise NoGrade(f"the bundle's {SETTINGS} must be an object of mode, options, folder and rubric; it holds"
                      f" {sorted(settings) if isinstance(settings, dict) else type(settings).__name__}")
    mode = settings.get("mode", "live")
    options = settings.get("options", [])
    folder = settings.get("folder", "solution")
    if mode not in MODES:
        raise NoGrade(f"the bundle's {SETTINGS} says mode {mode!r}: it must be live or static")
    if not isinstance(options, list) or not all(isinstance(o, str) for o in options):
        raise NoGrade(f"the bundle's {SETTINGS} options must be a list of the grader's -Dlab.* options")
    if not isinstance(folder, str) or not folder.strip():
        raise NoGrade(f"the bundle's {SETTINGS} folder must name the answer's folder, such as solution")
    rubric = settings.get("rubric")
    if rubric is not None:
        named = pathlib.PurePosixPath(rubric) if isinstance(rubric, str) else None
        if named is None or not rubric.strip() or named.is_absolute() or ".." in named.parts \
                or not (bundle / named).is_file() or (bundle / named).is_symlink():
            raise NoGrade(f"the bundle's {SETTINGS} rubric must name a file of the bundle, such as rubric.yaml;"
                          f" it says {rubric!r}")
        rubric = str((bundle / named).resolve())
    return {"mode": mode, "options": options, "folder": folder.strip(), "rubric": rubric}


def grader_dir(bundle: pathlib.Path) -> pathlib.Path:
    grader = bundle / "grader"
    if not (grader / "grader" / "grade").is_file():
        raise NoGrade(f"the bundle at {bundle} holds no grader (grader/grader/grade): make it with make-bundle")
    return grader


def java_version(java: str) -> str:
    """The first line `java -version` prints, or why there is none."""
    try:
        shown = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60, check=False)
    except OSError as exc:
        return f"none ({exc})"
    lines = (shown.stderr or shown.stdout).strip().splitlines()
    return lines[0] if lines else "unknown"


def with_java(env: dict, environ) -> dict:
    """The grader's environment with JDK 17 from the runner image's JAVA_HOME_17_X64 when it has one."""
    jdk17 = environ.get("JAVA_HOME_17_X64", "").strip()
    if jdk17 and (pathlib.Path(jdk17) / "bin" / "java").is_file():
        env["JAVA_HOME"] = jdk17
        env["PATH"] = str(pathlib.Path(jdk17) / "bin") + os.pathsep + env.get("PATH", "")
        source = f"JDK 17 of the runner image (JAVA_HOME_17_X64={jdk17})"
    elif env.get("JAVA_HOME"):
        source = f"JAVA_HOME={env['JAVA_HOME']} (no JAVA_HOME_17_X64 here)"
    else:
        source = "the java on PATH (no JAVA_HOME_17_X64 here)"
    java = str(pathlib.Path(env["JAVA_HOME"]) / "bin" / "java") if env.get("JAVA_HOME") else "java"
    print(f"autograder: Java: {java_version(java)}, {source}")
    return env


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
    "ASSIGNMENT_TYPE",
))
PASSED_ON_PREFIXES = ("LC_", "TESTCONTAINERS_", "JAVA_HOME_")


def grader_environment(environ) -> dict:
    """The runner's environment as far as the grader needs it: its tools, Docker, proxies, the identity."""
    return {name: value for name, value in environ.items()
            if name in PASSED_ON or name.startswith(PASSED_ON_PREFIXES)}


def grade(grader: pathlib.Path, settings: dict, workspace: pathlib.Path, runtime: pathlib.Path) -> pathlib.Path:
    """Runs the grader action's entry point as the action would; returns its report folder."""
    outputs = runtime / "outputs.env"
    env = with_java(grader_environment(os.environ), os.environ)
    # the runner's own $GITHUB_OUTPUT and summary are not the grader's to write: it reads status and
    # summary from them, and mirrors release-body.md to the summary itself
    env.update({
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_ACTION_PATH": str(grader),
        "GITHUB_OUTPUT": str(outputs),
        "LAB_FOLDER": settings["folder"],
        "LAB_OPTIONS": " ".join(settings["options"]),
        "LAB_MODE": settings["mode"],
        "LAB_ARTIFACT_NAME": "",
    })
    if settings.get("rubric"):
        env["LAB_RUBRIC_PATH"] = settings["rubric"]
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
        bundle = bundle_dir()
        settings = read_settings(bundle)
        report = grade(grader_dir(bundle), settings, workspace, runtime)
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
