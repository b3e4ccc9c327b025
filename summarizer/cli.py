"""The command line: parse, make one library call, render, and turn library errors into one line (exit 2).

Exit codes follow diff(1): 0 no material difference, 1 differences found (see --fail-on), 2 error.
Set SUMMARIZER_RAISE_ERRORS=1 or pass -v to see the traceback of an error.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import io
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from . import __version__
from .compare import FAIL_ON, any_material, compare, material  # noqa: F401  (material: importable from here)
from .config import BACKENDS, LLM_MODES, SERVERS, Settings, resolve_settings
from .diff import SummaryDiff
from .errors import ConfigError, SummarizerError
from .fetch import load_source
from .files import atomic_write_text
from .llm import tokens as tokens_mod
from .pipeline import Summarizer
from .render import diff_html, diff_markdown, multi_markdown, print_diff, print_multi, print_summary
from .safetext import json_visible, visible

FORMATS = ("rich", "json", "markdown", "html")


def _err_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def common_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--model", help="Model id (default gpt-4o-mini; env SUMMARIZER_MODEL)."),
        click.option("--base-url", help="OpenAI-compatible server URL (env OPENAI_BASE_URL)."),
        click.option("--timeout", type=float, help="Seconds per model request (default 60; config file: timeout)."),
        click.option("--llm-mode", type=click.Choice(LLM_MODES),
                     help="live: call the model; record: call and save recordings; replay: recordings only; "
                          "auto: replay if recorded, else live (default)."),
        click.option("--backend", type=click.Choice(BACKENDS),
                     help="openai (a model), local (offline extractor), auto (default: the model when a key or "
                          "base URL is set, else local)."),
        click.option("--server", type=click.Choice(SERVERS),
                     help="What kind of server --base-url is (env SUMMARIZER_SERVER; default auto: OpenAI for no "
                          "base URL or openai.com, Ollama on port 11434, else a generic compatible server)."),
        click.option("--recordings", "recordings_dir", type=click.Path(file_okay=False, path_type=Path),
                     help="Folder of recorded model responses (env SUMMARIZER_RECORDINGS)."),
        click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
                     help="Summary cache folder (env SUMMARIZER_CACHE_DIR; default ~/.cache/summarizer)."),
        click.option("--no-cache", is_flag=True, help="Neither read nor write the summary cache."),
        click.option("--prompt-version", help="Prompt version under prompts/ (default v2; v1 is the first)."),
        click.option("--format", "fmt", type=click.Choice(FORMATS), default="rich", show_default=True,
                     help="Output format."),
        click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
                     help="Write the report to FILE instead of stdout."),
        click.option("-q", "--quiet", is_flag=True, help="No notices; shorter rich report."),
        click.option("-v", "--verbose", is_flag=True, help="Show tracebacks on errors."),
    ]
    for opt in reversed(options):
        fn = opt(fn)
    return fn


def error_boundary(fn: Callable[..., int | None]) -> Callable[..., None]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        verbose = kwargs.get("verbose") or os.environ.get("SUMMARIZER_RAISE_ERRORS") == "1"
        try:
            code = fn(*args, **kwargs)
        except SummarizerError as exc:
            if verbose:
                raise
            _err_console().print(visible(f"error: {exc}"), markup=False, highlight=False)
            sys.exit(2)
        except KeyboardInterrupt as exc:  # a batch says how to resume
            _err_console().print(visible(f"interrupted: {exc}" if str(exc) else "interrupted"), markup=False,
                                 highlight=False)
            sys.exit(130)
        except Exception as exc:  # the last line of defence: one line, no traceback unless asked
            if verbose:
                raise
            _err_console().print(visible(f"error: unexpected {type(exc).__name__}: {exc} (run with -v for the "
                                         "traceback)"), markup=False, highlight=False)
            sys.exit(2)
        sys.exit(code or 0)

    return wrapper


def _settings(opts: dict[str, Any]) -> Settings:
    return resolve_settings(
        model=opts.get("model"), base_url=opts.get("base_url"), timeout=opts.get("timeout"),
        llm_mode=opts.get("llm_mode"),
        backend=opts.get("backend"), recordings_dir=opts.get("recordings_dir"), cache_dir=opts.get("cache_dir"),
        prompt_version=opts.get("prompt_version"), use_cache=False if opts.get("no_cache") else None,
        server=opts.get("server"), concurrency=opts.get("concurrency"),
    )


def _engine(opts: dict[str, Any]) -> Summarizer:
    settings = _settings(opts)
    err = _err_console()
    quiet = opts.get("quiet")

    def notice(message: str) -> None:
        if not quiet:
            err.print(visible(f"note: {message}"), markup=False, highlight=False)

    tokens_mod.notice = notice
    if settings.backend == "auto" and settings.effective_backend == "local":
        notice("no API key or base URL configured: using the offline extractor (--backend local). To use a model, "
               "set OPENAI_API_KEY (or OPENAI_BASE_URL) or pass --backend openai.")
    return Summarizer(settings=settings, notice=notice)


@contextlib.contextmanager
def _model_run(engine: Summarizer, opts: dict[str, Any]) -> Iterator[None]:
    """Around a model-backed command: a progress bar on a terminal (stderr), then one line on stderr with the
    calls, cache hits, tokens and cost. stdout holds only the report."""
    if engine.settings.effective_backend != "openai":
        yield
        return
    err = _err_console()
    quiet = opts.get("quiet")
    progress = None
    if err.is_terminal and not quiet:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        progress = Progress(TextColumn("model requests"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            console=err, transient=True)
        task = progress.add_task("model", total=None)
        engine.progress = lambda done, planned: progress.update(task, completed=done, total=max(done, planned))
        progress.start()
    try:
        yield
    finally:
        if progress is not None:
            progress.stop()
    if not quiet:
        err.print(engine.stats.line(engine.settings), markup=False, highlight=False)


def _emit(text: str, output: Path | None) -> None:
    """Write a rendered report (JSON, Markdown, HTML) to stdout or a file; JSON's remaining raw controls (DEL,
    C1, bidi overrides) are written as escapes, so the data is the same and nothing reaches the terminal raw."""
    text = json_visible(text)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        atomic_write_text(output, text)
    except OSError as exc:
        raise SummarizerError(f"cannot write {output}: {exc.strerror or exc}: choose a writable path") from None


def _rich_to(output: Path | None, render: Callable[[Console], None]) -> None:
    if output is None:
        render(Console(highlight=False))
        return
    console = Console(record=True, file=io.StringIO(), width=100, color_system=None, highlight=False)
    render(console)
    _emit(console.export_text(), output)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="summarizer")
def cli() -> None:
    """Tell, claim by claim, what changed between two versions of a news article."""


@cli.command("diff")
@click.argument("old", type=str)
@click.argument("new", type=str)
@click.argument("more", nargs=-1, type=str)
@click.option("--fail-on", type=click.Choice(FAIL_ON), multiple=True,
              help="What makes the exit code 1 (repeatable; default any material difference).")
@common_options
@error_boundary
def diff_cmd(old: str, new: str, more: tuple[str, ...], fail_on: tuple[str, ...], **opts: Any) -> int:
    """Summarise OLD and NEW (and MORE versions) and report what changed, was added or dropped.

    Exit code 0: no material difference; 1: differences found; 2: error. Use '-' to read one article from stdin;
    an http(s) URL is fetched (its main text extracted as for a saved page; the URL and fetch time are reported).
    """
    paths = [old, new, *more]
    articles = [load_source(p) for p in paths]
    engine = _engine(opts)
    with _model_run(engine, opts):
        report = compare(articles, engine)
    fmt, output = opts["fmt"], opts.get("output")
    if fmt == "json":
        _emit(report.model_dump_json(indent=2) + "\n", output)
    elif fmt == "markdown":
        _emit(diff_markdown(report) if isinstance(report, SummaryDiff) else multi_markdown(report), output)
    elif fmt == "html":
        _emit(diff_html(report, title=f"summarizer: {Path(old).name} vs {', '.join(Path(p).name for p in paths[1:])}"),
              output)
    elif isinstance(report, SummaryDiff):
        two = report
        _rich_to(output, lambda c: print_diff(two, c, quiet=opts.get("quiet", False)))
    else:
        many = report
        _rich_to(output, lambda c: print_multi(many, c, quiet=opts.get("quiet", False)))
    return 1 if any_material(report, fail_on) else 0


@cli.command("summarize")
@click.argument("articles", nargs=-1, required=True, type=str)
@common_options
@error_boundary
def summarize_cmd(articles: tuple[str, ...], **opts: Any) -> int:
    """Print the structured summary of each ARTICLE (a readable view; --format json: one object, or a list in input
    order when several)."""
    loaded = [load_source(p) for p in articles]
    engine = _engine(opts)
    with _model_run(engine, opts):
        summaries = [engine.summarize(a) for a in loaded]
    fmt, output = opts["fmt"], opts.get("output")
    if fmt == "json" or fmt in ("markdown", "html"):
        if fmt != "json":
            _err_console().print("note: summaries are printed as JSON (markdown/html are for diff reports)",
                                 markup=False)
        data = [s.model_dump(mode="json") for s in summaries]
        _emit(json.dumps(data[0] if len(data) == 1 else data, indent=2, ensure_ascii=False) + "\n", output)
    else:
        def show(console: Console) -> None:
            for s in summaries:
                print_summary(s, console)

        _rich_to(output, show)
    return 0


@cli.command("tokens")
@click.argument("articles", nargs=-1, required=True, type=str)
@common_options
@error_boundary
def tokens_cmd(articles: tuple[str, ...], **opts: Any) -> int:
    """Count each ARTICLE's tokens and estimate the cost of summarising it with the configured model.

    Input counts everything each request sends (system prompt, field guide and schema where the server needs them,
    the article); output is estimated from the size of schema-shaped summaries per article word (6.2 tokens per
    word, measured on the hand-written golden summaries of the example pair), capped at max_output_tokens.
    """
    settings = _settings(opts)
    tokens_mod.notice = (lambda m: None) if opts.get("quiet") else (
        lambda m: _err_console().print(f"note: {m}", markup=False))
    engine = Summarizer(settings=settings)
    rows = []
    for path in articles:
        art = load_source(path)
        plan = engine.plan(art)
        article_tokens = tokens_mod.count_tokens(art.text, settings.model)
        rows.append({"article": path, "words": art.words, "tokens": article_tokens.tokens,
                     "encoding": article_tokens.encoding, "estimated": article_tokens.estimated,
                     "chunks": len(plan.chunks), "model": settings.model, "input_tokens": plan.input_tokens,
                     "output_tokens_estimate": plan.output_tokens_estimate, "cost_usd": plan.cost(settings)})
    if opts["fmt"] == "json":
        _emit(json.dumps(rows, indent=2) + "\n", opts.get("output"))
        return 0
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"Tokens and estimated cost ({settings.model})")
    for col in ("article", "words", "tokens", "chunks", "input", "output (est.)", "cost USD"):
        table.add_column(col, overflow="fold")
    for r in rows:
        cost = "n/a (no price for this model)" if r["cost_usd"] is None else f"{r['cost_usd']:.6f}"
        table.add_row(Text(str(r["article"])), str(r["words"]), f"{r['tokens']}{' (est.)' if r['estimated'] else ''}",
                      str(r["chunks"]), str(r["input_tokens"]), str(r["output_tokens_estimate"]), cost)
    _rich_to(opts.get("output"), lambda c: c.print(table))
    return 0


def _evals_dir(given: Path | None) -> Path:
    candidates = [given] if given else [Path.cwd() / "evals", Path(__file__).resolve().parent.parent / "evals"]
    for c in candidates:
        if c and (c / "golden").is_dir() and (c / "data").is_dir():
            return c.resolve()
    raise SummarizerError("evals folder not found (it needs golden/ and data/): run from the repository checkout "
                          "or pass --evals-dir")


@cli.command("eval")
@click.option("--suite", "suites", multiple=True,
              type=click.Choice(["golden", "bump", "iterater", "summedits", "sentences", "iterater_sentences"]),
              help="Suites to run (repeatable; default all).")
@click.option("--limit", type=int, help="At most N cases per suite, sampled with --seed (a quick run).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for sampling cases.")
@click.option("--split", type=click.Choice(["dev", "heldout"]),
              help="Only the rows of one fixed half of each dataset (by a hash of its article or document id).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the JSON results file here.")
@click.option("--compare", "compare_to", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A previous results file: show each metric's delta and the cases that flipped.")
@click.option("--max-drop", type=float, default=0.0, show_default=True,
              help="With --compare: exit 1 when a metric moves the wrong way by more than this.")
@click.option("--evals-dir", type=click.Path(file_okay=False, path_type=Path), help="The evals/ folder.")
@common_options
@error_boundary
def eval_cmd(suites: tuple[str, ...], limit: int | None, seed: int, split: str | None, out: Path | None,
             compare_to: Path | None, max_drop: float, evals_dir: Path | None, **opts: Any) -> int:
    """Score summaries and diffs against golden cases and external benchmarks (offline by default)."""
    from .evaluate import SUITES, compare_results, load_results, run_evals
    from .render.evals import print_comparison, print_results

    root = _evals_dir(evals_dir)
    engine = _engine(opts)
    s = engine.settings
    meta = {"backend": s.effective_backend, "model": s.model if s.effective_backend == "openai" else None,
            "prompt_version": f"summarize.{s.prompt_version}" if s.effective_backend == "openai" else None,
            "llm_mode": s.llm_mode if s.effective_backend == "openai" else "offline", "version": __version__}
    err = _err_console()
    results = run_evals(root, engine.summarize, suites=suites or tuple(SUITES), limit=limit, seed=seed, split=split,
                        meta=meta, progress=lambda name: None if opts.get("quiet") else err.print(
                            f"running {name} ...", markup=False))
    if out:
        atomic_write_text(out, json.dumps(results, indent=2, sort_keys=True) + "\n")
    if opts["fmt"] == "json":
        _emit(json.dumps(results, indent=2, sort_keys=True) + "\n", opts.get("output"))
    else:
        _rich_to(opts.get("output"), lambda c: print_results(results, c))
    if compare_to:
        comparison = compare_results(load_results(compare_to), results, max_drop)
        _rich_to(None, lambda c: print_comparison(comparison, c))
        return 1 if comparison.regressions else 0
    return 0


@cli.command("batch")
@click.argument("input_path", metavar="INPUT", type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Results JSONL, appended as items complete; a re-run skips items already ok.")
@click.option("--concurrency", type=click.IntRange(1, 256), default=8, show_default=True,
              help="Articles summarised at once.")
@click.option("--dry-run", is_flag=True, help="Count tokens and model calls and estimate the cost; send nothing.")
@click.option("--via", type=click.Choice(["direct", "openai-batch"]), default="direct", show_default=True,
              help="direct: call the model per article; openai-batch: one provider Batch API job (cheaper, slower).")
@click.option("--batch-id", help="With --via openai-batch: resume this submitted batch instead of submitting.")
@click.option("--poll-interval", type=float, default=30.0, show_default=True,
              help="With --via openai-batch: seconds between status checks.")
@common_options
@error_boundary
def batch_cmd(input_path: Path, out: Path, concurrency: int, dry_run: bool, via: str, batch_id: str | None,
              poll_interval: float, **opts: Any) -> int:
    """Diff many pairs or groups of articles from INPUT (a JSONL file or a folder of groups).

    Each distinct article is summarised once (by content hash) however many items name it. Exit code 0 when every
    item succeeded, 1 when some failed (each failure is recorded in the output with its reason), 2 on error.
    """
    from .batch import count_items, read_items, run_batch
    from .batch import dry_run as batch_dry_run

    engine = _engine({**opts, "concurrency": concurrency})  # model requests in flight, chunks included, in total
    err = _err_console()
    if dry_run:
        totals = batch_dry_run(read_items(input_path), engine)
        if opts["fmt"] == "json":
            _emit(json.dumps(totals, indent=2) + "\n", opts.get("output"))
        else:
            cost = "n/a (no price for this model)" if totals["cost_usd"] is None else f"${totals['cost_usd']:.4f}"
            click.echo(f"{totals['items']} items, {totals['articles']} distinct articles ({totals['cached']} cached): "
                       f"{totals['model_calls']} model calls, ~{totals['input_tokens']} input and "
                       f"~{totals['output_tokens_estimate']} output tokens"
                       f"{' (estimated)' if totals['estimated'] else ''}"
                       f", estimated cost {cost} with {totals['model']}")
            for bad in totals["unreadable"]:
                err.print(visible(f"note: item {bad['id']} cannot be read: {bad['message']}"), markup=False,
                          highlight=False)
        return 0
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    show = not opts.get("quiet") and err.is_terminal
    progress = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} items"),
                        TimeElapsedColumn(), TimeRemainingColumn(), console=err, disable=not show, transient=False)
    task = progress.add_task("batch", total=count_items(input_path))

    def update(st) -> None:
        cost = "n/a" if st.unpriced and not st.cost_usd else f"${st.cost_usd:.4f}"
        progress.update(task, completed=st.done + st.failed,
                        description=f"articles {st.articles} | pairs {st.done} | failed {st.failed} | tokens "
                                    f"{st.input_tokens}/{st.output_tokens} | {cost}")

    def notice(message: str) -> None:
        if not opts.get("quiet"):
            err.print(visible(f"note: {message}"), markup=False, highlight=False)

    try:
        with progress:
            stats = run_batch(input_path, out, engine, concurrency=concurrency, via=via, batch_id=batch_id,
                              poll_interval=poll_interval, on_progress=update, notice=notice)
    except KeyboardInterrupt as exc:
        # Results, run log and cache are closed; requests still in flight are abandoned, not awaited: end now,
        # without an interpreter shutdown that would wait for (or tear down) the threads that hold them.
        err.print(visible(f"interrupted: {exc}" if str(exc) else "interrupted"), markup=False, highlight=False)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)
    summary = stats.as_dict()
    if not opts.get("quiet"):
        err.print(f"{stats.items} items: {stats.done} done, {stats.failed} failed, {stats.skipped} skipped (already "
                  f"done); {stats.articles} articles summarised, {stats.calls} model calls, {stats.cache_hits} cache "
                  f"hits, tokens {stats.input_tokens} in / {stats.output_tokens} out, cost "
                  f"{'n/a' if stats.unpriced else f'${stats.cost_usd:.4f}'}, {stats.seconds:.1f} s", markup=False,
                  highlight=False)
    if opts["fmt"] == "json":
        _emit(json.dumps(summary, indent=2) + "\n", opts.get("output"))
    return 1 if stats.failed else 0


@cli.command("history")
@click.option("--limit", type=int, default=20, show_default=True, help="How many recent runs.")
@common_options
@error_boundary
def history_cmd(limit: int, **opts: Any) -> int:
    """List recent batch runs from the run log: items, failures, model calls, tokens and cost."""
    from rich.table import Table
    from rich.text import Text

    from .batch.runlog import recent_runs

    s = _settings(opts)
    runs = recent_runs((s.cache_dir or Path(".")) / "runs.sqlite", limit)
    if opts["fmt"] == "json":
        _emit(json.dumps(runs, indent=2) + "\n", opts.get("output"))
        return 0
    table = Table(title="recent runs", expand=True)
    for col in ("run", "started (UTC)", "status", "items", "failed", "calls", "cached", "tokens in/out", "USD", "s"):
        table.add_column(col, overflow="fold")
    import datetime as dt

    for r in runs:
        started = dt.datetime.fromtimestamp(r["started"], dt.UTC).strftime("%m-%d %H:%M")
        table.add_row(Text(visible(f"{r['id']} {r['input'] or ''}")), started, r["status"], str(r["items"]),
                      str(r["failures"]), str(r["calls"]), str(r["cache_hits"]),
                      f"{r['input_tokens']}/{r['output_tokens']}",
                      "n/a" if r["cost_usd"] is None else f"{r['cost_usd']:.4f}",
                      "-" if r["seconds"] is None else f"{r['seconds']:.1f}")
    _rich_to(opts.get("output"), lambda c: c.print(table))
    return 0


@cli.command("schema")
@click.argument("name", type=click.Choice(["report", "summary"]))
@error_boundary
def schema_cmd(name: str) -> int:
    """Print the JSON Schema of the report (SummaryDiff or MultiDiff) or of the summary (ArticleSummary) contract.

    These are the files shipped in summarizer/schemas/ and served at /v1/schema/NAME; regenerate them with
    `python -m summarizer.contract` after bumping schema_version.
    """
    from .contract import shipped_text

    click.echo(shipped_text(name), nl=False)
    return 0


@cli.command("serve")
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1; beyond loopback needs a token).")
@click.option("--port", type=click.IntRange(0, 65535), default=None, help="Port (default 8000; 0 picks a free one).")
@click.option("--token", envvar="SUMMARIZER_TOKEN", help="Bearer token every API call must send (env "
                                                         "SUMMARIZER_TOKEN).")
@click.option("--allow-private-urls", is_flag=True,
              help="Fetch article URLs on loopback, private and link-local addresses (refused by default).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes (they share nothing but the on-disk caches).")
@click.option("--max-concurrency", type=click.IntRange(1, 256), default=None,
              help="Requests summarising at once per worker (default 4); more get 503 with Retry-After.")
@click.option("--max-body-bytes", type=click.IntRange(1), default=None, help="Request body cap (default 4 MB).")
@click.option("--backend", type=click.Choice(BACKENDS), help="The server's default backend (env SUMMARIZER_BACKEND).")
@click.option("--model", help="The server's default model (env SUMMARIZER_MODEL).")
@click.option("--base-url", help="OpenAI-compatible server URL (env OPENAI_BASE_URL).")
@click.option("--llm-mode", type=click.Choice(LLM_MODES), help="The server's default LLM mode.")
@click.option("--recordings", "recordings_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder of recorded model responses (env SUMMARIZER_RECORDINGS).")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Summary cache folder, shared by every worker (env SUMMARIZER_CACHE_DIR).")
@click.option("-q", "--quiet", is_flag=True, help="Log warnings only.")
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks on errors.")
@error_boundary
def serve_cmd(host: str | None, port: int | None, token: str | None, allow_private_urls: bool, workers: int,
              max_concurrency: int | None, max_body_bytes: int | None, **opts: Any) -> int:
    """Serve the JSON API (/v1/diff, /v1/summaries, /v1/schema/...) and the web page (/) with uvicorn.

    The model settings (key, base URL, model, cache) are the server's own, read like the CLI's; a request may pick
    the backend, model and prompt version but never the key or base URL.
    """
    import ipaddress

    import uvicorn

    from .config import SERVICE_HOST, SERVICE_PORT

    host = host or SERVICE_HOST
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback and not token:
        raise ConfigError(f"refusing to listen on {host} without a token: pass --token TOKEN (or set "
                          "SUMMARIZER_TOKEN), or listen on 127.0.0.1")
    _settings(opts)  # fail now, with one line, on a bad flag or config file
    env = {"SUMMARIZER_TOKEN": token or "", "SUMMARIZER_ALLOW_PRIVATE_URLS": "1" if allow_private_urls else "",
           "SUMMARIZER_MAX_CONCURRENCY": str(max_concurrency or ""),
           "SUMMARIZER_MAX_BODY_BYTES": str(max_body_bytes or "")}
    flags = {"model": "SUMMARIZER_MODEL", "base_url": "OPENAI_BASE_URL", "llm_mode": "SUMMARIZER_LLM_MODE",
             "backend": "SUMMARIZER_BACKEND", "recordings_dir": "SUMMARIZER_RECORDINGS",
             "cache_dir": "SUMMARIZER_CACHE_DIR"}
    env.update({var: str(opts[name]) for name, var in flags.items() if opts.get(name)})
    os.environ.update(env)  # every worker builds the same app from the environment (service.app_from_env)
    uvicorn.run("summarizer.service:app_from_env", factory=True, host=host,
                port=SERVICE_PORT if port is None else port, workers=workers,
                log_level="warning" if opts.get("quiet") else "info")
    return 0


def main() -> None:
    import signal

    def terminate(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt  # unwind: temporary files are removed, the run log is closed as 'interrupted'

    signal.signal(signal.SIGTERM, terminate)
    gc.freeze()  # what the imports built lives as long as the process: no collection walks it again
    try:
        cli(prog_name="summarizer")
    finally:
        gc.freeze()  # the process is ending: spare the interpreter a last walk over every object


if __name__ == "__main__":  # pragma: no cover
    main()
