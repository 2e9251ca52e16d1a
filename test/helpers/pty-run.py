"""Runs a command on a pseudo-terminal of COLS x ROWS and copies everything it writes to stdout, byte for byte.

Usage: python3 pty-run.py COLS ROWS COMMAND [ARG...]. Exits with the command's exit code. Standard library only
(pty, termios): a fresh Debian + Node machine has python3, and tests need no native Node module.
"""
import fcntl
import os
import pty
import struct
import sys
import termios


def main() -> int:
    cols, rows, command = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
    pid, fd = pty.fork()
    if pid == 0:
        # The child's stdio is the terminal: give it its size before the program starts and reads it.
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.execvp(command[0], command)
    out = sys.stdout.buffer
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO once the child has exited and the terminal is closed
            break
        if not data:
            break
        out.write(data)
        out.flush()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
