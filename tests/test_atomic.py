"""Atomic writes leave either the old file or the new one, and never a temporary file."""
import os

import pytest

from comments import atomic
from comments.atomic import atomic_open, write_text


def test_a_failed_write_keeps_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "page.json"
    write_text(path, "old")
    with pytest.raises(RuntimeError):
        with atomic_open(path) as f:
            f.write("half")
            raise RuntimeError("disk full")
    assert path.read_text() == "old" and os.listdir(tmp_path) == ["page.json"]


def test_a_ctrl_c_just_after_the_temporary_is_created_removes_it(tmp_path, monkeypatch):
    """The interrupt lands as `os.open` returns: the file exists, its descriptor never reaches us."""
    real_open = os.open

    def open_then_interrupt(name, flags, mode=0o777):
        os.close(real_open(name, flags, mode))
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "open", open_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_text(tmp_path / "page.json", "new")
    assert os.listdir(tmp_path) == []


def test_files_get_the_mode_open_gives(tmp_path):
    old = os.umask(0o027)
    try:
        write_text(tmp_path / "a.txt", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o640


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")
def test_a_child_outliving_a_killed_lock_holder_does_not_keep_the_folder_locked(tmp_path):
    """A --jobs worker is a forked child: its copy of the lock's descriptor must not hold the lock once the
    run that took it is killed."""
    import signal
    import subprocess
    import sys
    import time

    script = (f"import os, time\nfrom comments.atomic import folder_lock\n"
              f"with folder_lock({str(tmp_path)!r}):\n"
              f"    if os.fork() == 0:\n        time.sleep(30)\n        os._exit(0)\n"
              f"    print('locked', flush=True)\n    time.sleep(30)\n")
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                              start_new_session=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(atomic.FolderInUse):
            with atomic.folder_lock(tmp_path):
                pass
        holder.kill()  # the run dies; its forked child lives on
        holder.wait()
        deadline = time.monotonic() + 10
        while True:
            try:
                with atomic.folder_lock(tmp_path):
                    break
            except atomic.FolderInUse:
                assert time.monotonic() < deadline, "the child kept the folder locked"
                time.sleep(0.1)
    finally:
        os.killpg(holder.pid, signal.SIGKILL)
