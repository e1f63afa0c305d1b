//go:build solaris || aix

package history

import (
	"os"
	"syscall"
)

// lockFile takes an exclusive advisory lock on the whole file, released
// when f is closed. Solaris and AIX have no flock; fcntl's record locks
// serialise processes as flock does (though not two files of one process).
func lockFile(f *os.File) error {
	lk := syscall.Flock_t{Type: syscall.F_WRLCK, Whence: 0, Start: 0, Len: 0}
	for {
		err := syscall.FcntlFlock(f.Fd(), syscall.F_SETLKW, &lk)
		if err != syscall.EINTR {
			return err
		}
	}
}
