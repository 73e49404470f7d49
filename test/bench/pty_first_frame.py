"""First frame through a real pseudo-terminal, for `npm run bench`.

Usage: python3 pty_first_frame.py CONFIG.json  -> prints one JSON object on stdout.
CONFIG: {"runs": N, "warmup": W, "width": 120, "height": 40, "timeoutS": 20,
         "cases": [{"name": ..., "argv": [...], "env": {...}, "until": "text" | null, "quit": "q"}]}
Each run forks the program on a fresh pty (window size set before exec), and times from just before
fork() to the moment the pty output contains `until` (bytes as written by the program, i.e. what a
terminal would draw), or, with until null, to the program's exit (reaped). Then it sends `quit` and
waits for the exit (SIGKILL after 5 s). The cases run in alternating order (ABAB..., then BABA...).
Result: {"<name>": [ms, ...], ...} (warm-up runs left out), plus "_errors": [...].
"""
import fcntl
import json
import os
import pty
import select
import signal
import struct
import sys
import termios
import time


def run_once(case, width, height, timeout_s):
    argv, env, until = case["argv"], case["env"], case.get("until")
    needle = until.encode() if until else None
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    buf = b""
    hit = None
    deadline = t0 + timeout_s
    exited = None
    while True:
        left = deadline - time.perf_counter()
        if left <= 0:
            break
        r, _, _ = select.select([fd], [], [], min(left, 0.5))
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                break  # EOF/EIO: every slave fd closed, the program is gone
            buf += chunk
            if needle is not None and hit is None and needle in buf:
                hit = (time.perf_counter() - t0) * 1000
                break
        else:
            wpid, status = os.waitpid(pid, os.WNOHANG)
            if wpid:
                exited = status
                break
    if needle is None:
        if exited is None:
            _, exited = os.waitpid(pid, 0)
        hit = (time.perf_counter() - t0) * 1000
        os.close(fd)
        return hit, None if os.WIFEXITED(exited) and os.WEXITSTATUS(exited) == 0 else f"exit status {exited}"
    # quit the program, keep draining so it never blocks on a full pty
    error = None if hit is not None else f"never showed {until!r}; last output: {buf[-400:]!r}"
    try:
        os.write(fd, case.get("quit", "q").encode())
    except OSError:
        pass
    end = time.perf_counter() + 5
    while exited is None:
        wpid, status = os.waitpid(pid, os.WNOHANG)
        if wpid:
            exited = status
            break
        if time.perf_counter() > end:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            break
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                if not os.read(fd, 65536):
                    pass
            except OSError:
                pass
    os.close(fd)
    return hit, error


def main():
    cfg = json.load(open(sys.argv[1]))
    cases = cfg["cases"]
    out = {c["name"]: [] for c in cases}
    errors = []
    total = cfg["warmup"] + cfg["runs"]
    for i in range(total):
        order = cases if i % 2 == 0 else list(reversed(cases))
        for c in order:
            ms, err = run_once(c, cfg["width"], cfg["height"], cfg["timeoutS"])
            if err:
                errors.append(f"{c['name']} run {i}: {err}")
            elif i >= cfg["warmup"]:
                out[c["name"]].append(round(ms, 3))
    out["_errors"] = errors
    print(json.dumps(out))


main()
