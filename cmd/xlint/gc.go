package main

import (
	"os"
	"runtime"
	"runtime/debug"
)

// startHeap is how far the heap grows before the first collection.
//
// A check keeps every post and its findings until the report is written,
// so its heap only grows, and with GOGC's default each collection comes
// when the heap has doubled: eight of them for 50,000 posts, each marking
// all the posts kept so far. Most runs (a pre-commit hook's few drafts, a
// CI job's few thousand) stay below startHeap and never collect; bigger
// ones collect as usual once they pass it, the 50,000 posts once. The Go
// compiler does the same (cmd/compile's AdjustStartingHeap).
const startHeap = 256 << 20

// delayFirstGC keeps the garbage collector off until the process uses
// about limit bytes, then gives it back the settings it had. It does
// nothing when the user chose GOGC or GOMEMLIMIT.
func delayFirstGC(limit int64) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	percent := debug.SetGCPercent(-1)
	oldLimit := debug.SetMemoryLimit(limit)
	// The memory limit starts the first collection; a finalizer, run
	// after it, restores the usual pacing.
	type sentinel [32]byte // big enough to stay out of the tiny allocator
	runtime.SetFinalizer(new(sentinel), func(*sentinel) {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(oldLimit)
	})
}
