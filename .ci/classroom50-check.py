#!/usr/bin/env python3
"""Checks a result.json against Classroom 50's classroom50/result/v1 contract, as its gradebook does:
the schema's structure (required fields, no others at the top, types, patterns, the mode's enum) and
the rules its validators enforce in code (score <= max-score per test and in all; classroom,
assignment and owner equal to the submission's identity). Prints PROBLEM lines; exit 1 on any.

usage: classroom50-check.py RESULT_JSON CLASSROOM ASSIGNMENT OWNER [DATETIME]
"""

import json
import re
import sys

REQUIRED = ["schema", "classroom", "assignment", "assignment_type", "owner", "submission", "commit", "release",
            "review", "datetime", "score", "max-score", "tests"]
OPTIONAL = ["graded_at", "submitted_by"]
INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$")


def is_count(value):
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def problems(result, classroom, assignment, owner, datetime=None):
    found = []
    if not isinstance(result, dict):
        return ["the result is not a JSON object"]
    found += [f"required field {name!r} is missing" for name in REQUIRED if name not in result]
    found += [f"field {name!r} is not in the schema" for name in result if name not in REQUIRED + OPTIONAL]
    if result.get("schema") != "classroom50/result/v1":
        found.append(f"schema is {result.get('schema')!r}")
    for name in ("classroom", "assignment", "owner", "commit", "release", "review"):
        if not isinstance(result.get(name), str) or not result.get(name):
            found.append(f"{name!r} must be a non-empty string")
    for name, want in (("classroom", classroom), ("assignment", assignment), ("owner", owner)):
        if isinstance(result.get(name), str) and result[name].lower() != want.lower():
            found.append(f"{name!r} is {result[name]!r}, the submission's is {want!r}")
    if result.get("assignment_type") not in ("individual", "group", "team"):
        found.append(f"assignment_type is {result.get('assignment_type')!r}")
    if not isinstance(result.get("submission"), str) or not result["submission"].startswith("submit/"):
        found.append("submission must be a submit/* tag")
    for name in ("datetime", "graded_at"):
        if name in result and (not isinstance(result[name], str) or not INSTANT.match(result[name])):
            found.append(f"{name!r} is not YYYY-MM-DDTHH:MM:SSZ: {result[name]!r}")
    if datetime is not None and result.get("datetime") != datetime:
        found.append(f"datetime is {result.get('datetime')!r}, the graded commit's committer date is {datetime!r}")
    if not is_count(result.get("score")) or not is_count(result.get("max-score")):
        found.append("score and max-score must be non-negative integers")
    elif result["score"] > result["max-score"]:
        found.append(f"score {result['score']} > max-score {result['max-score']}")
    tests = result.get("tests")
    if not isinstance(tests, list):
        return found + ["tests is not a list"]
    for i, test in enumerate(tests):
        if not isinstance(test, dict):
            found.append(f"tests[{i}] is not an object")
            continue
        if not isinstance(test.get("test-name"), str) or not test["test-name"]:
            found.append(f"tests[{i}].test-name must be a non-empty string")
        if not isinstance(test.get("passed"), bool):
            found.append(f"tests[{i}].passed must be a boolean")
        if not is_count(test.get("score")) or not is_count(test.get("max-score")):
            found.append(f"tests[{i}] score and max-score must be non-negative integers")
        elif test["score"] > test["max-score"]:
            found.append(f"tests[{i}].score > its max-score")
    return found


def main(argv):
    with open(argv[1], encoding="utf-8") as file:
        result = json.load(file)
    found = problems(result, argv[2], argv[3], argv[4], argv[5] if len(argv) > 5 else None)
    for problem in found:
        print(f"PROBLEM {argv[1]}: {problem}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
