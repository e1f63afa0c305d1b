//go:build !unix

package draft

import "io/fs"

// sysFileID has no device and inode to give here; fileIDOf falls back to
// the path with symlinks resolved.
func sysFileID(fs.FileInfo) (fileID, bool) { return fileID{}, false }
