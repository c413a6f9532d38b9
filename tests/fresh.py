"""Run code in new Python processes, with different hash seeds.

"The same input gives the same bytes" is only worth testing across processes: within
one process a memo or a cache hands back the very object it returned before, and the
order of sets and dicts of strings follows the process's hash seed. So determinism tests
compare the output here with the output of fresh interpreters (seeds 0 and 4242).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def fresh_outputs(code: str, seeds: tuple[str, ...] = ("0", "4242")) -> list[str]:
    """Standard output of ``code`` in one new interpreter per hash seed (tests/ and
    tests/unit/ importable, so code can reuse a test module's inputs)."""
    path = os.pathsep.join([str(TESTS), str(TESTS / "unit"), os.environ.get("PYTHONPATH", "")])
    outputs = []
    for seed in seeds:
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=path)
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                              timeout=300, check=False)
        assert proc.returncode == 0, proc.stderr[-3000:]
        outputs.append(proc.stdout)
    return outputs
