//go:build unix

package draft

import (
	"io/fs"
	"syscall"
)

// sysFileID is the device and inode of the file fi describes: the same for
// every name of one file, whether reached by another spelling, a symlink
// or a hard link.
func sysFileID(fi fs.FileInfo) (fileID, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || st.Ino == 0 {
		return fileID{}, false
	}
	return fileID{dev: uint64(st.Dev), ino: uint64(st.Ino)}, true
}
