package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

// gcSettings reads GOGC and the memory limit as the runtime has them.
func gcSettings() (percent, limit int64) {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64()), int64(s[1].Value.Uint64())
}

func TestDelayFirstGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	t.Cleanup(func() {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	})
	debug.SetGCPercent(100)
	const limit = 1 << 40
	delayFirstGC(limit)
	// No collection before the limit: GOGC off, the limit set.
	if p, l := gcSettings(); p != -1 || l != limit {
		t.Fatalf("after delayFirstGC: GOGC %d, limit %d; want -1 (off), %d", p, l, limit)
	}
	// The first collection gives the usual pacing back.
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		p, l := gcSettings()
		if p == 100 && l == math.MaxInt64 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after a collection: GOGC %d, limit %d; want 100, no limit", p, l)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestDelayFirstGCLeavesUsersChoice(t *testing.T) {
	t.Setenv("GOGC", "50")
	t.Cleanup(func() { debug.SetGCPercent(100) })
	debug.SetGCPercent(50)
	delayFirstGC(1 << 40)
	if p, l := gcSettings(); p != 50 || l != math.MaxInt64 {
		t.Fatalf("with GOGC=50: GOGC %d, limit %d; want them untouched", p, l)
	}
}
