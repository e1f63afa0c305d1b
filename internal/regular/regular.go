// Package regular opens the files xlint reads that must be regular files:
// config, history, host lists, archives, credentials and media. Opening a
// named pipe for reading waits for a writer, and a device such as
// /dev/zero never ends, so any other kind of file is refused before it is
// opened, with an error naming it.
package regular

import (
	"errors"
	"io/fs"
	"os"
)

// ErrNotRegular is the error, wrapped in an *fs.PathError, for a path that
// is not a regular file (after symbolic links).
var ErrNotRegular = errors.New("not a regular file")

// Open opens the regular file at path for reading. It checks the file
// before opening it and, as the path may have changed in between, the
// file it opened. Errors are *fs.PathError, so a missing file is still
// fs.ErrNotExist.
func Open(path string) (*os.File, fs.FileInfo, error) {
	if err := Check(path); err != nil {
		return nil, nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = notRegular(path)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fi, nil
}

// Check returns an error unless path is a regular file.
func Check(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return notRegular(path)
	}
	return nil
}

func notRegular(path string) error {
	return &fs.PathError{Op: "open", Path: path, Err: ErrNotRegular}
}
