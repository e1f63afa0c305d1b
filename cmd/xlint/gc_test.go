package main

import (
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

// gcSettings reads GOGC and the memory limit as the runtime has them, and
// how many collections have run.
func gcSettings() (percent, limit int64, cycles uint64) {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}, {Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64()), int64(s[1].Value.Uint64()), s[2].Value.Uint64()
}

// restoreGC puts back the settings the test began with.
func restoreGC(t *testing.T) (percent, limit int64) {
	percent, limit, _ = gcSettings()
	t.Cleanup(func() {
		debug.SetGCPercent(int(percent))
		debug.SetMemoryLimit(limit)
	})
	return percent, limit
}

// sink keeps the test's garbage from being optimised away.
var sink []byte

func TestDelayFirstGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	percent, limit := restoreGC(t)
	const start = 64 << 20
	_, _, before := gcSettings()
	delayFirstGC(start)
	// No collection until the limit: GOGC off, the limit set.
	if p, l, _ := gcSettings(); p != -1 || l != start {
		t.Fatalf("after delayFirstGC: GOGC %d, limit %d; want -1 (off), %d", p, l, start)
	}
	// Garbage past the limit starts a collection by itself.
	for allocated := 0; ; allocated += 1 << 20 {
		if _, _, n := gcSettings(); n > before {
			break
		}
		if allocated > 16*start {
			t.Fatalf("no collection after %d MiB of garbage with a %d MiB limit", allocated>>20, start>>20)
		}
		sink = make([]byte, 1<<20)
	}
	sink = nil
	// And that first collection gives the earlier settings back.
	deadline := time.Now().Add(10 * time.Second)
	for {
		p, l, _ := gcSettings()
		if p == percent && l == limit {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the first collection: GOGC %d, limit %d; want %d, %d", p, l, percent, limit)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestDelayFirstGCLeavesUsersChoice(t *testing.T) {
	restoreGC(t)
	debug.SetGCPercent(50)
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv("GOGC", "")
			t.Setenv("GOMEMLIMIT", "")
			t.Setenv(env, "50")
			_, limit, _ := gcSettings()
			delayFirstGC(1 << 40)
			if p, l, _ := gcSettings(); p != 50 || l != limit {
				t.Fatalf("with %s set: GOGC %d, limit %d; want them untouched (50, %d)", env, p, l, limit)
			}
		})
	}
}
