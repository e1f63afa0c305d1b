//go:build unix && !solaris && !aix

package history

import (
	"os"
	"syscall"
)

// lockFile takes an exclusive advisory lock, released when f is closed.
func lockFile(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			return err
		}
	}
}
