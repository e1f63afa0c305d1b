//go:build !unix

package history

import "os"

// lockFile does nothing where flock is unavailable: appends are still one
// write per record, but concurrent runs are not serialised.
func lockFile(f *os.File) error { return nil }
