"""python -m evals [options]: the same as 'summarizer eval'."""

from summarizer.cli import cli

cli(["eval", *__import__("sys").argv[1:]], prog_name="python -m evals")
