"""Progress where stderr is not a terminal (a log, a pipe): plain lines with total and time left."""

import io

from eventlens.commands.common import LineProgress


def test_a_line_per_tenth_of_the_total_with_the_time_left():
    out = io.StringIO()
    with LineProgress(out) as progress:
        task = progress.add_task("coding", total=200)
        for _ in range(200):
            progress.advance(task, 1)
    lines = out.getvalue().splitlines()
    assert len(lines) == 10
    assert lines[0].startswith("coding: 20 of 200 (10%), about ")
    assert " left, " in lines[0] and lines[0].endswith(" elapsed")
    assert lines[-1].startswith("coding: 200 of 200 (100%), ") and "left" not in lines[-1]


def test_without_a_total_every_n_steps_and_bytes_in_kilobytes():
    out = io.StringIO()
    with LineProgress(out, every=5) as progress:
        task = progress.add_task("reading")
        progress.advance(task, 12)
    assert out.getvalue().splitlines()[0].startswith("reading: 12, ")
    out = io.StringIO()
    with LineProgress(out, in_bytes=True) as progress:
        task = progress.add_task("coding", total=4_000_000)
        progress.update(task, completed=2_000_000, description="coding: 10 articles")
    first = out.getvalue().splitlines()[0]
    assert first.startswith("coding: 10 articles: 2.0 MB of 4.0 MB (50%)")
