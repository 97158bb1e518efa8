"""The link checker (``scripts/check_links.py``): every external URL in docs/, checked once, with a verdict.

sources  where URLs are found, with file and line     model    verdicts, options, results, pre-checks
client   HTTP: limits, retries, redirects, fragments  cache    successes kept for a while
run      one whole run, bounded in time               reports  text, Markdown, GitHub annotations, progress
cli      the command line
"""
